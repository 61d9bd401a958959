//! `shopchat quick-replies add SHORTCUT TEXT [--file FILE] | list [--json] | remove SHORTCUT`.

use clap::Subcommand;
use shopchat_core::quick_replies::{QuickReplyError, QuickReplyView, store};

use crate::output::print_json;
use crate::{Common, open_existing_store, open_store, store_dir_of};

#[derive(Subcommand)]
pub enum QuickRepliesCommand {
    /// Save a reply typed as /SHORTCUT in the chat. TEXT may hold {{name}}, {{first_name}} and
    /// {{number}}, filled for each customer.
    Add {
        shortcut: String,
        text: String,
        /// A file sent with it (copied into Shopchat's data).
        #[arg(long, value_name = "FILE")]
        file: Option<std::path::PathBuf>,
        /// Change the reply if the shortcut exists.
        #[arg(long)]
        replace: bool,
    },
    /// The saved replies, by shortcut.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a saved reply.
    Remove { shortcut: String },
}

fn err(e: QuickReplyError) -> String {
    format!("{}: {e}", e.code())
}

pub async fn run(command: QuickRepliesCommand, common: &Common) -> Result<(), String> {
    let media_dir = shopchat_core::media::files::media_dir(&store_dir_of(common)?);
    match command {
        QuickRepliesCommand::Add {
            shortcut,
            text,
            file,
            replace,
        } => {
            // Checked before a database is created.
            shopchat_core::quick_replies::checked_shortcut(&shortcut).map_err(err)?;
            shopchat_core::quick_replies::checked_text(&text).map_err(err)?;
            let file = match file {
                Some(path) => {
                    let bytes = std::fs::read(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "file".to_owned());
                    Some(Some(store::NewFile { name, bytes }))
                }
                None => None,
            };
            let db = open_store(common).await?;
            let saved = store::save(&db, media_dir, &shortcut, &text, file, replace).await;
            db.close().await;
            let saved = saved.map_err(err)?;
            println!("/{}", saved.shortcut);
            Ok(())
        }
        QuickRepliesCommand::List { json } => {
            let Some(db) = open_existing_store(common).await? else {
                return print(&[], json);
            };
            let list = store::list(&db, media_dir).await;
            db.close().await;
            print(&list.map_err(err)?, json)
        }
        QuickRepliesCommand::Remove { shortcut } => {
            let Some(db) = open_existing_store(common).await? else {
                return Err(err(QuickReplyError::NotFound(shortcut)));
            };
            let removed = store::remove(&db, &shortcut).await;
            db.close().await;
            removed.map_err(err)
        }
    }
}

fn print(list: &[QuickReplyView], json: bool) -> Result<(), String> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("No quick replies.");
        return Ok(());
    }
    for r in list {
        let file = r
            .file
            .as_ref()
            .map(|f| format!("  [file: {}]", f.name))
            .unwrap_or_default();
        println!("/{:<16} {}{file}", r.shortcut, r.text.replace('\n', " "));
    }
    Ok(())
}
