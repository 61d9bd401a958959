//! `shopchat templates sync|list|create|delete|library|submit`.

use clap::Subcommand;
use shopchat_core::store::templates as stored;
use shopchat_core::views::TemplateView;

use crate::{Common, open_existing_store, open_store};

#[derive(Subcommand)]
pub enum TemplatesCommand {
    /// Fetch every template from WhatsApp (the sandbox's own in the sandbox) and keep them.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// The synced templates, by name and language.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check a new template against WhatsApp's rules and submit it for review. `--example`
    /// values fill, in order, the header's parameter, the body's, then each link's suffix.
    #[command(
        after_help = "Example:\n  shopchat templates create --sandbox --name order_ready --lang en --category utility \\\n    --body \"Hi {{1}}, your order {{2}} is ready.\" --example Ana --example 1042 --button quick:Thanks"
    )]
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        lang: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        body: String,
        #[arg(long)]
        header: Option<String>,
        #[arg(long)]
        footer: Option<String>,
        /// quick:TEXT | url:TEXT:URL | phone:TEXT:NUMBER | copy:EXAMPLE (repeatable)
        #[arg(long = "button")]
        buttons: Vec<String>,
        /// A parameter's example (repeatable, in order)
        #[arg(long = "example")]
        examples: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a template in every language, or in one with --lang.
    Delete {
        name: String,
        #[arg(long)]
        lang: Option<String>,
    },
    /// The ready shop templates (order ready, payment reminder, ...) with the shop's name.
    Library {
        /// en or es
        #[arg(long, default_value = "en")]
        lang: String,
        /// The shop's name (else the settings' business name)
        #[arg(long)]
        shop: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Submit a ready template (a key from `templates library`) for review.
    Submit {
        key: String,
        #[arg(long)]
        shop: String,
        /// en or es
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(command: TemplatesCommand, common: &Common) -> Result<(), String> {
    match command {
        TemplatesCommand::Create {
            name,
            lang,
            category,
            body,
            header,
            footer,
            buttons,
            examples,
            json,
        } => {
            let args = crate::templates_create::CreateArgs {
                name,
                lang,
                category,
                body,
                header,
                footer,
                buttons,
                examples,
                json,
            };
            crate::templates_create::create(args, common).await
        }
        TemplatesCommand::Library { lang, shop, json } => {
            crate::templates_library::list(&lang, shop, json, common)
        }
        TemplatesCommand::Submit {
            key,
            shop,
            lang,
            json,
        } => crate::templates_library::submit(&key, shop, &lang, json, common).await,
        TemplatesCommand::Delete { name, lang } => {
            crate::templates_create::delete(name, lang, common).await
        }
        TemplatesCommand::Sync { json } => {
            let graph = crate::graph::connect(common).await?;
            let waba = graph.waba_for("sync templates")?;
            let store = open_store(common).await?;
            let synced = shopchat_core::templates::sync(&graph.client, &waba, &store).await;
            let list = store.read(stored::list).await;
            store.close().await;
            let count = synced.map_err(|e| e.to_string())?;
            let list = list.map_err(|e| e.to_string())?;
            if !json {
                eprintln!("{count} templates synced");
            }
            print(
                &list
                    .iter()
                    .map(shopchat_core::templates::view)
                    .collect::<Vec<_>>(),
                json,
            )
        }
        TemplatesCommand::List { json } => {
            let Some(store) = open_existing_store(common).await? else {
                return print(&[], json);
            };
            let list = store.read(stored::list).await;
            store.close().await;
            let list = list.map_err(|e| e.to_string())?;
            print(
                &list
                    .iter()
                    .map(shopchat_core::templates::view)
                    .collect::<Vec<_>>(),
                json,
            )
        }
    }
}

fn print(list: &[TemplateView], json: bool) -> Result<(), String> {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(list).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    if list.is_empty() {
        println!("No templates synced yet: run `shopchat templates sync`.");
        return Ok(());
    }
    for t in list {
        let params = if t.parameters.is_empty() {
            String::new()
        } else {
            format!(
                "  params: {}",
                t.parameters
                    .iter()
                    .map(|p| format!("{{{{{p}}}}}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        };
        println!(
            "{:<28} {:<8} {:<9} {:<15}{params}",
            t.name,
            t.language,
            t.status,
            t.category.as_deref().unwrap_or("-")
        );
        if let Some(why) = &t.rejected_reason {
            println!("    why: {why}");
        }
        if let Some(q) = &t.quality {
            println!("    quality: {q}");
        }
        if let Some(body) = &t.body {
            println!("    {}", body.replace('\n', "\n    "));
        }
    }
    Ok(())
}
