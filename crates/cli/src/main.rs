//! `shopchat`: the Shopchat engine without a window.

mod accounts;
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

use clap::{Args, CommandFactory, Parser, Subcommand};
use shopchat_core::config;
use shopchat_core::outbox::SendError;
use shopchat_core::store::DB_FILE;
use shopchat_core::store::{Store, messages, search};
use shopchat_core::text_message;

#[derive(Parser)]
#[command(
    name = "shopchat",
    version,
    about = "Run a shop's WhatsApp Business conversations: the engine, headless.",
    after_help = "Every verb takes --data-dir DIR and --sandbox. Errors go to standard error as \
                  `shopchat: <what is wrong>`, with exit status 1 (2 for a command line that cannot be read).\n\n\
                  Example:\n  shopchat serve --sandbox\n  \
                  shopchat sandbox say --from 15550100001 --text \"Hello!\"\n  \
                  shopchat messages --sandbox --contact 15550100001"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// The options every verb takes, before or after the verb.
#[derive(Args, Clone)]
pub(crate) struct Common {
    /// The data dir (default: $SHOPCHAT_DATA_DIR, else the OS data dir, e.g. ~/.local/share/shopchat).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Use the sandbox (its own database; a fake Graph API and simulated customers).
    #[arg(long, global = true)]
    sandbox: bool,
}

// Parsed once per run: the size of the largest variant (`send`'s arguments) costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Run the webhook server and the outbox until Ctrl-C or SIGTERM.
    #[command(
        after_help = "Example:\n  shopchat serve --sandbox\n  shopchat serve --listen 127.0.0.1:8787 --no-tunnel"
    )]
    Serve {
        /// Where the webhook server listens (default: $SHOPCHAT_LISTEN, else the settings' port on
        /// 127.0.0.1, 8787 unless changed).
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
        /// Do not open the tunnel the settings ask for (live mode).
        #[arg(long)]
        no_tunnel: bool,
    },
    /// List contacts (pinned first, then the most recent conversation), or label, note, pin,
    /// archive, block them.
    #[command(
        after_help = "Example:\n  shopchat contacts --sandbox --json\n  shopchat contacts label 15550100001 VIP\n  shopchat contacts --label VIP\n  shopchat contacts note 15550100001 \"Prefers pickup\"\n  shopchat contacts pin 15550100001"
    )]
    Contacts {
        #[command(subcommand)]
        command: Option<contacts::ContactsCommand>,
        /// Only contacts with this label.
        #[arg(long, value_name = "LABEL")]
        label: Option<String>,
        /// Only archived chats.
        #[arg(long)]
        archived: bool,
        #[arg(long)]
        json: bool,
    },
    /// Saved replies, typed as /shortcut in the chat.
    #[command(
        name = "quick-replies",
        after_help = "Example:\n  shopchat quick-replies add hours \"Hi {{name}}, we open 9-18, Monday to Saturday.\"\n  shopchat quick-replies list --json\n  shopchat quick-replies remove hours"
    )]
    QuickReplies {
        #[command(subcommand)]
        command: quick_replies::QuickRepliesCommand,
    },
    /// List a contact's messages, oldest first.
    #[command(
        after_help = "Example:\n  shopchat messages --sandbox --contact 15550100001 --limit 20"
    )]
    Messages {
        /// The customer's WhatsApp id (phone number in international form).
        #[arg(long, value_name = "WA_ID")]
        contact: String,
        /// The latest N messages.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Queue a message (text, buttons, a file, a location, a reaction or a template).
    ///
    /// A running `shopchat serve` sends it. Prints the new message's id.
    #[command(
        after_help = "Example:\n  shopchat send --sandbox --to 15550100001 --text \"Yes, 12 left!\"\n  shopchat send --sandbox --to 15550100001 --file photo.jpg --caption \"The blue one\""
    )]
    Send {
        #[command(flatten)]
        what: send_args::SendArgs,
    },
    /// The message templates: fetch them from WhatsApp, or list the synced ones.
    #[command(
        after_help = "Example:\n  shopchat templates sync --sandbox\n  shopchat templates list --sandbox --json"
    )]
    Templates {
        #[command(subcommand)]
        command: templates::TemplatesCommand,
    },
    /// Find messages across all chats, newest first.
    ///
    /// Every word must match (accents and case aside); the last one as a prefix.
    #[command(after_help = "Example:\n  shopchat search --sandbox \"blue mug\" --json")]
    Search {
        /// The words to look for.
        query: String,
        /// At most N results.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Play a simulated customer in the sandbox.
    #[command(
        after_help = "Example:\n  shopchat sandbox say --from 15550100001 --text \"Do you have blue mugs?\""
    )]
    Sandbox {
        #[command(subcommand)]
        command: SandboxCommand,
    },
    /// Statistics over a date range (default: the last 30 days), in the computer's time zone.
    #[command(
        after_help = "Example:\n  shopchat stats --from 2026-11-01 --to 2026-11-30\n  shopchat stats --json"
    )]
    Stats {
        /// The first day (YYYY-MM-DD, default: 29 days before --to).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last day, included (YYYY-MM-DD, default: today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Issue, list, show and send invoices, quotes, receipts, order confirmations, delivery notes.
    #[command(
        after_help = "Example:\n  shopchat documents new --kind invoice --to 15550100001 --item \"Blue mug|3|19.99|21\" --json\n  shopchat documents list\n  shopchat documents send INV-2026-0001"
    )]
    Documents {
        #[command(subcommand)]
        command: documents::DocumentsCommand,
    },
    /// Export one conversation or all: CSV, JSON, or a readable HTML transcript with its files (zip).
    #[command(
        after_help = "Example:\n  shopchat export --format html --out chats.zip\n  shopchat export --contact 15550100001 --format csv --out ana.csv"
    )]
    Export(export::ExportArgs),
    /// Customer records and their WhatsApp links: add, list, import, a one-time code, unlink, the audit trail.
    #[command(
        after_help = "Example:\n  shopchat accounts add --name \"Ana Lima\" --ref C-0042 --json\n  shopchat accounts code C-0042\n  shopchat accounts import customers.csv\n  shopchat accounts log"
    )]
    Accounts {
        #[command(subcommand)]
        command: accounts::AccountsCommand,
    },
    /// Send an approved template to an audience (contacts or a CSV file): check, create, follow, pause, resume, cancel, export.
    #[command(
        after_help = "Example:\n  shopchat broadcast new --name \"Sale\" --template spring_sale --lang es_MX --csv customers.csv --param-column name\n  shopchat broadcast show 1\n  shopchat broadcast pause 1\n  shopchat broadcast export 1 --csv results.csv"
    )]
    Broadcast {
        #[command(subcommand)]
        command: broadcast::BroadcastCommand,
    },
    /// Turn the bot on or off (commands, documents, greeting, away message, keyword replies).
    #[command(after_help = "Example:\n  shopchat bot status\n  shopchat bot off")]
    Bot {
        #[command(subcommand)]
        command: accounts::BotCommand,
    },
    /// Read or change the settings (the shop's profile included), checked as the app checks them.
    #[command(
        after_help = "Example:\n  shopchat settings set currency EUR\n  shopchat settings set document_prefixes.invoice FAC\n  shopchat settings get default_tax_rate\n  shopchat settings list --json"
    )]
    Settings {
        #[command(subcommand)]
        command: settings::SettingsCommand,
    },
    /// Back up the database (a consistent copy, even while the engine runs), the media and the documents into one archive.
    #[command(after_help = "Example:\n  shopchat backup ~/Backups/shop-2026-12-05.zip")]
    Backup {
        /// The archive to write (replaced when it exists).
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup: checked first, refused while the engine runs; the current data is kept aside.
    #[command(after_help = "Example:\n  shopchat restore ~/Backups/shop-2026-12-05.zip")]
    Restore {
        /// The archive `shopchat backup` or the app wrote.
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Store, list or clear the credentials in the OS keystore (shared with the desktop app).
    #[command(
        after_help = "The keystore belongs to the OS user: --data-dir and --sandbox do not change it.\n\nExample:\n  shopchat credentials set whatsapp-access-token < token.txt\n  shopchat credentials list"
    )]
    Credentials {
        #[command(subcommand)]
        command: credentials::CredentialsCommand,
    },
}

#[derive(Subcommand)]
enum SandboxCommand {
    /// A simulated customer opts out of the shop's broadcasts: they write STOP (BAJA with --lang es), through the real webhook path.
    #[command(after_help = "Example:\n  shopchat sandbox opt-out --from 15550100002")]
    OptOut {
        #[arg(long, value_name = "WA_ID")]
        from: String,
        /// `en` (STOP) or `es` (BAJA).
        #[arg(long, default_value = "en")]
        lang: String,
        /// The engine's webhook URL (default: read from the running sandbox engine).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// A customer writes to the shop: a signed inbound webhook is posted to the running sandbox engine.
    #[command(
        after_help = "Example:\n  shopchat sandbox say --from 15550100001 --text \"Is my order ready?\""
    )]
    Say {
        /// The customer's WhatsApp id.
        #[arg(long, value_name = "WA_ID")]
        from: String,
        #[arg(long)]
        text: String,
        /// The customer's profile name (default: the seeded customer's, else "Sandbox customer").
        #[arg(long)]
        name: Option<String>,
        /// The engine's webhook URL (default: read from the running sandbox engine).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// The owner answers from the WhatsApp Business app on the phone (an `smb_message_echoes` webhook).
    #[command(
        after_help = "Example:\n  shopchat sandbox phone-echo --to 15550100001 --text \"On my way!\""
    )]
    PhoneEcho {
        /// The customer's WhatsApp id.
        #[arg(long, value_name = "WA_ID")]
        to: String,
        #[arg(long)]
        text: String,
        /// The engine's webhook URL (default: read from the running sandbox engine).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// The phone's past chats arrive (the one-time `history` import; the same every time).
    HistoryImport {
        /// The engine's webhook URL (default: read from the running sandbox engine).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
}

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
