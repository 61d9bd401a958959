//! `shopchat`: the Shopchat engine without a window.

mod credentials;
mod output;
mod send_args;
mod templates;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use shopchat_core::config::{self, Config, Mode, SandboxSettings};
use shopchat_core::live::launch::{self, TunnelPlan};
use shopchat_core::outbox::SendError;
use shopchat_core::secrets::Keystore;
use shopchat_core::settings::Settings;
use shopchat_core::store::DB_FILE;
use shopchat_core::store::{Store, contacts, messages, search};
use shopchat_core::tunnel::{CallbackStatus, TunnelState};
use shopchat_core::{Engine, RuntimeInfo, sandbox, text_message};

#[derive(Parser)]
#[command(
    name = "shopchat",
    version,
    about = "Run a shop's WhatsApp Business conversations: the engine, headless."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Common {
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
    Serve {
        #[command(flatten)]
        common: Common,
        /// Where the webhook server listens (default: $SHOPCHAT_LISTEN, else the settings' port on
        /// 127.0.0.1, 8787 unless changed).
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
        /// Do not open the tunnel the settings ask for (live mode).
        #[arg(long)]
        no_tunnel: bool,
    },
    /// List contacts, the most recent conversation first.
    Contacts {
        #[command(flatten)]
        common: Common,
        #[arg(long)]
        json: bool,
    },
    /// List a contact's messages, oldest first.
    Messages {
        #[command(flatten)]
        common: Common,
        /// The customer's WhatsApp id (phone number in international form).
        #[arg(long, value_name = "WA_ID")]
        contact: String,
        /// The latest N messages.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Queue a message (text, buttons, a file, a location, a reaction or a template); a running
    /// `shopchat serve` sends it. Prints the new message's id.
    Send {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        what: send_args::SendArgs,
    },
    /// The message templates: fetch them from WhatsApp, or list the synced ones.
    Templates {
        #[command(subcommand)]
        command: templates::TemplatesCommand,
    },
    /// Find messages across all chats (every word must match; the last one as a prefix), newest first.
    Search {
        #[command(flatten)]
        common: Common,
        /// The words to look for.
        query: String,
        /// At most N results.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Play a simulated customer in the sandbox.
    Sandbox {
        #[command(subcommand)]
        command: SandboxCommand,
    },
    /// Store, list or clear the credentials in the OS keystore (shared with the desktop app).
    Credentials {
        #[command(subcommand)]
        command: credentials::CredentialsCommand,
    },
}

#[derive(Subcommand)]
enum SandboxCommand {
    /// A customer writes to the shop: a signed inbound webhook is posted to the running sandbox engine.
    Say {
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
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
    let cli = Cli::parse();
    let serving = matches!(cli.command, Command::Serve { .. });
    init_logging(if serving { "info" } else { "warn" });
    match run(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("shopchat: {reason}");
            ExitCode::FAILURE
        }
    }
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

async fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Serve {
            common,
            listen,
            no_tunnel,
        } => serve(common, listen, no_tunnel).await,
        Command::Contacts { common, json } => {
            let Some(store) = open_existing_store(&common).await? else {
                return output::contacts(&[], json);
            };
            let list = store.read(contacts::list).await.map_err(|e| e.to_string());
            store.close().await;
            output::contacts(&list?, json)
        }
        Command::Search {
            common,
            query,
            limit,
            json,
        } => {
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
            common,
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
        Command::Send { common, what } => {
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
        Command::Templates { command } => templates::run(command).await,
        Command::Credentials { command } => credentials::run(command),
        Command::Sandbox {
            command:
                SandboxCommand::Say {
                    data_dir: dir,
                    from,
                    text,
                    name,
                    url,
                },
        } => say(dir, from, text, name, url).await,
    }
}

async fn serve(common: Common, listen: Option<String>, no_tunnel: bool) -> Result<(), String> {
    let data_dir = data_dir(common.data_dir)?;
    let settings = match Settings::load(&Settings::file(&data_dir)) {
        Ok(s) => s,
        // The sandbox needs nothing from the settings: a broken file does not stop it.
        Err(e) if common.sandbox => {
            eprintln!("shopchat: {e}; using the default settings");
            Settings::default()
        }
        Err(e) => return Err(e.to_string()),
    };
    let listen = match listen {
        Some(l) => config::parse_listen(&l, "--listen"),
        None => launch::listen_addr(env_var, &settings),
    }
    .map_err(|e| e.to_string())?;
    // Listen for signals before anything starts, so that a stop request is never missed.
    let signals = Signals::install().map_err(|e| format!("cannot listen for signals: {e}"))?;
    let (mode, tunnel) = if common.sandbox {
        (Mode::Sandbox(SandboxSettings::default()), TunnelPlan::None)
    } else {
        let live = credentials::live_settings(env_var, &data_dir)?;
        let tunnel = if no_tunnel {
            TunnelPlan::None
        } else {
            let keystore = match Keystore::platform() {
                Ok(k) => Some(k),
                Err(e) => {
                    eprintln!("shopchat: the OS keystore cannot be read: {e}");
                    None
                }
            };
            TunnelPlan::from_settings(env_var, keystore.as_ref(), &settings)
                .map_err(|e| format!("{e} (or pass --no-tunnel)"))?
        };
        (Mode::Live(live), tunnel)
    };
    let mut config = Config::new(data_dir, listen, mode);
    config.outbox = launch::outbox_settings(env_var, &settings).map_err(|e| e.to_string())?;
    config.template_poll = Some(config::TEMPLATE_POLL_INTERVAL);
    let engine = Engine::start(config).await.map_err(|e| e.to_string())?;
    println!(
        "Shopchat engine listening on http://{} ({} mode). Webhook: http://{}/webhook. Ctrl-C stops it.",
        engine.local_addr(),
        engine.mode(),
        engine.local_addr()
    );
    if engine.mode() == "sandbox" {
        println!(
            "Try: shopchat sandbox say --from {} --text \"Hello!\"",
            fake_graph::CUSTOMERS[0].wa_id
        );
    }
    let mut events = engine.subscribe();
    if let Err(e) = tunnel.open(&engine, &settings).await {
        eprintln!("shopchat: no tunnel: {e}");
    }
    tokio::spawn(async move {
        // The tunnel's state as it changes: the address to give Meta, or why it is offline.
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(shopchat_core::DomainEvent::Tunnel { state }) => {
                    println!("{}", describe_tunnel(&state));
                }
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => break,
            }
        }
    });
    signals.wait().await;
    println!("Stopping...");
    engine.shutdown().await;
    Ok(())
}

fn describe_tunnel(state: &TunnelState) -> String {
    match state {
        TunnelState::Off => "Tunnel: closed".to_owned(),
        TunnelState::Connecting { attempt } => format!("Tunnel: connecting (attempt {attempt})"),
        TunnelState::Online { url, callback } => {
            let meta = match callback {
                CallbackStatus::Disabled => "point Meta's webhook here yourself".to_owned(),
                CallbackStatus::Pending => "telling Meta".to_owned(),
                CallbackStatus::Repointed => "Meta's webhook points here".to_owned(),
                CallbackStatus::Failed { error } => format!("Meta could not be told: {error}"),
            };
            format!("Tunnel: online, webhook {url}/webhook ({meta})")
        }
        TunnelState::Offline { error, .. } => format!("Tunnel: offline ({error}); retrying"),
    }
}

/// SIGINT and SIGTERM, installed up front.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                term: signal(SignalKind::terminate())?,
                int: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    async fn wait(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.int.recv() => {}
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

async fn say(
    dir: Option<PathBuf>,
    from: String,
    text: String,
    name: Option<String>,
    url: Option<String>,
) -> Result<(), String> {
    let from = wacloud::WaId::parse(&from).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Err("--text cannot be empty".into());
    }
    let url = match url {
        Some(u) => u,
        None => {
            let store_dir = config::store_dir(&data_dir(dir)?, true);
            RuntimeInfo::read(&store_dir)
                .filter(|r| r.mode == "sandbox")
                .map(|r| r.webhook_url)
                .ok_or_else(|| {
                    format!(
                        "no sandbox engine is running on {} (start one with `shopchat serve --sandbox`, or pass --url)",
                        store_dir.display()
                    )
                })?
        }
    };
    let http = reqwest::Client::new();
    let status = sandbox::say(&http, &url, from.as_str(), name.as_deref(), &text)
        .await
        .map_err(|e| format!("could not reach the engine at {url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("the engine refused the message: HTTP {status}"));
    }
    println!("{} said: {text}", from);
    Ok(())
}
