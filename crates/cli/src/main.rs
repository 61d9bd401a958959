//! `shopchat`: the Shopchat engine without a window.

mod accounts;
mod args;
mod backup;
mod broadcast;
mod contacts;
mod contacts_io;
mod credentials;
mod documents;
mod export;
mod graph;
mod output;
mod quick_replies;
mod sandbox;
mod send_args;
mod serve;
mod settings;
mod stats;
mod templates;
mod templates_create;
mod templates_library;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

pub(crate) use args::Common;
use args::{Cli, Command, SandboxCommand};
use shopchat_core::config;
use shopchat_core::outbox::SendError;
use shopchat_core::store::DB_FILE;
use shopchat_core::store::{Store, messages, search};
use shopchat_core::text_message;

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn data_dir(flag: Option<PathBuf>) -> Result<PathBuf, String> {
    match flag {
        Some(d) => Ok(d),
        None => config::default_data_dir(env_var).map_err(|e| e.to_string()),
    }
}

fn init_logging(default: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SHOPCHAT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

#[tokio::main]
async fn main() -> ExitCode {
    output::quiet_on_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("shopchat: {}", usage_error(&e));
            return ExitCode::from(2);
        }
    };
    let serving = matches!(cli.command, Command::Serve { .. });
    init_logging(if serving { "info" } else { "warn" });
    match run(cli.command, cli.common).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("shopchat: {reason}");
            ExitCode::FAILURE
        }
    }
}

/// A command line clap refused, in the same style as every other error: one line, what is wrong
/// and where the help is (`unexpected argument '--x' found (try 'shopchat send --help')`).
fn usage_error(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    let what = first.strip_prefix("error: ").unwrap_or(first).trim_end();
    format!(
        "{what} (try '{} --help')",
        verb_path(std::env::args().skip(1))
    )
}

/// `shopchat` and the verbs named in `args` (`shopchat templates sync`), skipping options and
/// their values.
fn verb_path(args: impl Iterator<Item = String>) -> String {
    let mut command = Cli::command();
    let mut path = vec![command.get_name().to_owned()];
    for arg in args {
        let Some(verb) = command.find_subcommand(&arg).cloned() else {
            continue;
        };
        path.push(arg);
        command = verb;
    }
    path.join(" ")
}

fn store_dir_of(common: &Common) -> Result<PathBuf, String> {
    Ok(config::store_dir(
        &data_dir(common.data_dir.clone())?,
        common.sandbox,
    ))
}

async fn open_store(common: &Common) -> Result<Store, String> {
    let dir = config::store_dir(&data_dir(common.data_dir.clone())?, common.sandbox);
    Store::open(&dir).map_err(|e| format!("cannot open the database in {}: {e}", dir.display()))
}

/// The store, if there is one yet: reading verbs never create a database.
async fn open_existing_store(common: &Common) -> Result<Option<Store>, String> {
    let dir = config::store_dir(&data_dir(common.data_dir.clone())?, common.sandbox);
    if !dir.join(DB_FILE).exists() {
        return Ok(None);
    }
    open_store(common).await.map(Some)
}

async fn run(command: Command, common: Common) -> Result<(), String> {
    match command {
        Command::Serve { listen, no_tunnel } => serve::serve(common, listen, no_tunnel).await,
        Command::Backup { file, json } => backup::backup(common, file, json).await,
        Command::Restore { file, json } => backup::restore(common, file, json).await,
        Command::Contacts {
            command: Some(command),
            ..
        } => contacts::run(command, &common).await,
        Command::Contacts {
            command: None,
            label,
            archived,
            json,
        } => contacts::list(&common, label, archived, json).await,
        Command::QuickReplies { command } => quick_replies::run(command, &common).await,
        Command::Search { query, limit, json } => {
            if search::fts_query(&query).is_none() {
                return Err(format!("{query:?} holds no word to search for"));
            }
            let Some(store) = open_existing_store(&common).await? else {
                return output::search(&[], json);
            };
            let hits = store
                .read(move |c| search::search(c, &query, limit))
                .await
                .map_err(|e| e.to_string());
            store.close().await;
            output::search(&hits?, json)
        }
        Command::Messages {
            contact,
            limit,
            json,
        } => {
            let wa_id = wacloud::WaId::parse(&contact).map_err(|e| e.to_string())?;
            let Some(store) = open_existing_store(&common).await? else {
                return output::messages(&[], json);
            };
            let list = store
                .read(move |c| messages::list_for_contact(c, wa_id.as_str(), limit))
                .await
                .map_err(|e| e.to_string());
            store.close().await;
            output::messages(&list?, json)
        }
        Command::Send { what } => {
            // Checked as far as possible before anything is opened or created.
            if let Some(text) = &what.text
                && what.buttons.is_none()
            {
                text_message(&what.to, text, what.reply_to.as_deref())
                    .map_err(|e| e.to_string())?;
            }
            let request = what.into_request()?;
            let store = open_store(&common).await?;
            let media_dir = shopchat_core::media::files::media_dir(&store_dir_of(&common)?);
            let queued = shopchat_core::compose::queue(&store, &media_dir, request).await;
            store.close().await;
            let message = queued.map_err(|e| match e {
                // Scripts can tell this refusal apart: its code comes first.
                SendError::OutsideWindow { .. } => format!("outside_window: {e}"),
                other => other.to_string(),
            })?;
            println!("{}", message.id);
            Ok(())
        }
        Command::Templates { command } => templates::run(command, &common).await,
        Command::Accounts { command } => accounts::run(command, &common).await,
        Command::Bot { command } => accounts::bot(command, &common).await,
        Command::Broadcast { command } => broadcast::run(command, &common).await,
        Command::Credentials { command } => credentials::run(command),
        Command::Settings { command } => settings::run(command, &common),
        Command::Documents { command } => documents::run(command, &common).await,
        Command::Export(args) => export::run(args, &common).await,
        Command::Stats { from, to, json } => stats::run(&common, from, to, json).await,
        Command::Sandbox {
            command:
                SandboxCommand::Say {
                    from,
                    text,
                    name,
                    url,
                },
        } => sandbox::say(common.data_dir, from, text, name, url).await,
        Command::Sandbox {
            command: SandboxCommand::PhoneEcho { to, text, url },
        } => sandbox::phone_echo(common.data_dir, to, text, url).await,
        Command::Sandbox {
            command: SandboxCommand::HistoryImport { url },
        } => sandbox::history_import(common.data_dir, url).await,
        Command::Sandbox {
            command: SandboxCommand::OptOut { from, lang, url },
        } => {
            let word = if lang == "es" { "BAJA" } else { "STOP" };
            sandbox::say(common.data_dir, from, word.to_owned(), None, url).await
        }
    }
}
