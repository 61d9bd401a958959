//! The command line: the verbs, their options and their help (clap's derive). `main` runs them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::{
    accounts, broadcast, contacts, credentials, documents, export, quick_replies, send_args,
    settings, templates,
};

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
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) common: Common,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The options every verb takes, before or after the verb.
#[derive(Args, Clone)]
pub(crate) struct Common {
    /// The data dir (default: $SHOPCHAT_DATA_DIR, else the OS data dir, e.g. ~/.local/share/shopchat).
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// Use the sandbox (its own database; a fake Graph API and simulated customers).
    #[arg(long, global = true)]
    pub(crate) sandbox: bool,
}

// Parsed once per run: the size of the largest variant (`send`'s arguments) costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) enum SandboxCommand {
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
