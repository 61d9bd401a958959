//! `shopchat serve`: the engine until Ctrl-C or SIGTERM, with the tunnel the settings ask for.

use shopchat_core::Engine;
use shopchat_core::config::{self, Config, Mode, SandboxSettings};
use shopchat_core::live::launch::{self, TunnelPlan};
use shopchat_core::secrets::Keystore;
use shopchat_core::settings::Settings;
use shopchat_core::tunnel::{CallbackStatus, TunnelState};

use crate::{Common, credentials, data_dir, env_var};

pub(crate) async fn serve(
    common: Common,
    listen: Option<String>,
    no_tunnel: bool,
) -> Result<(), String> {
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
        "Shopchat engine listening on http://{} ({} mode). Webhook: http://{}/webhook. Metrics: {}. Ctrl-C stops it.",
        engine.local_addr(),
        engine.mode(),
        engine.local_addr(),
        engine.metrics_url()
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
