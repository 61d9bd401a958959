//! How the app decides where its data lives, where it listens, and whether it is live or in the
//! sandbox: the same `SHOPCHAT_*` and `WHATSAPP_*` variables as `shopchat serve` when set, else
//! the credentials in the OS keystore with the saved settings, else the sandbox. Also starting,
//! and restarting, the engine with its tunnel.

use std::path::Path;
use std::sync::Arc;

use shopchat_core::config::{self, Config, LiveSettings, Mode, SandboxSettings};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::live::launch::{self, TunnelPlan};
use shopchat_core::secrets::{Keystore, SecretName};
use shopchat_core::settings::{DEFAULT_LISTEN_PORT, Settings};
use shopchat_core::{ConfigError, Engine, EngineError};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tracing::{info, warn};

use crate::state::AppState;

/// What the environment, keystore and settings say, before the engine starts.
pub struct Startup {
    pub config: Config,
    /// The listen address came from the user (env or settings) rather than the default.
    pub listen_explicit: bool,
    pub settings: Settings,
    pub tunnel: TunnelPlan,
    /// Why the saved credentials are not used (the app then runs in the sandbox).
    pub live_error: Option<String>,
}

/// `env` reads a variable; `keystore` holds the saved secrets; `graph_url` replaces Meta's
/// address (the rehearsal's fake).
pub fn resolve(
    env: impl Fn(&str) -> Option<String> + Copy,
    data_dir: &Path,
    keystore: Option<&Keystore>,
    graph_url: Option<String>,
) -> Result<Startup, ConfigError> {
    let mut live_error = None;
    let settings = match Settings::load(&Settings::file(data_dir)) {
        Ok(s) => s,
        Err(e) => {
            warn!(error = %e, "the settings file cannot be used; starting with the defaults");
            live_error = Some(e.to_string());
            Settings::default()
        }
    };
    let listen = launch::listen_addr(env, &settings)?;
    let listen_explicit =
        env(config::env::LISTEN).is_some() || settings.listen_port != DEFAULT_LISTEN_PORT;
    let env_credentials = [config::env::ACCESS_TOKEN, config::env::APP_SECRET]
        .iter()
        .any(|n| env(n).is_some_and(|v| !v.trim().is_empty()));
    let saved_credentials =
        keystore.is_some_and(|k| k.is_set(SecretName::AccessToken).unwrap_or(false));
    let mut tunnel = TunnelPlan::None;
    let mode = if env_credentials {
        if saved_credentials {
            live_error = Some(say(TEXTS, "app.env_overrides", &[]));
        }
        Mode::Live(LiveSettings::from_env(env)?)
    } else if saved_credentials {
        match LiveSettings::resolve(env, keystore, &settings) {
            Ok(mut live) => {
                if let Some(url) = &graph_url {
                    live.graph_url = url.clone();
                }
                match TunnelPlan::from_settings(env, keystore, &settings) {
                    Ok(plan) => tunnel = plan,
                    Err(e) => live_error = Some(e),
                }
                Mode::Live(live)
            }
            Err(e) => {
                warn!(error = %e, "the saved credentials are incomplete; starting in the sandbox");
                live_error = Some(e.to_string());
                Mode::Sandbox(SandboxSettings::default())
            }
        }
    } else {
        Mode::Sandbox(SandboxSettings::default())
    };
    let mut config = Config::new(data_dir.to_owned(), listen, mode);
    config.outbox = launch::outbox_settings(env, &settings)?;
    config.template_poll = Some(config::TEMPLATE_POLL_INTERVAL);
    Ok(Startup {
        config,
        listen_explicit,
        settings,
        tunnel,
        live_error,
    })
}

/// Starts the engine. When the default port is taken (another program, or `shopchat serve`
/// elsewhere), the sandbox falls back to a free port rather than not starting.
pub async fn start(config: Config, listen_explicit: bool) -> Result<Engine, EngineError> {
    let mut config = config;
    match Engine::start(config.clone()).await {
        Err(EngineError::Bind { addr, source })
            if !listen_explicit && matches!(config.mode, Mode::Sandbox(_)) =>
        {
            warn!(%addr, error = %source, "the default port is taken; the sandbox uses a free one");
            config.listen.set_port(0);
            Engine::start(config).await
        }
        other => other,
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Resolves, starts the engine and its tunnel, and forwards its events to the window; the state
/// gets the new engine (or why it could not start).
pub async fn launch<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let keystore = state.keystore.as_ref().ok();
    let graph_url = state.rehearsal.as_ref().map(|r| r.graph.url());
    let startup = match resolve(env_var, &state.data_dir, keystore, graph_url) {
        Ok(s) => s,
        Err(e) => {
            state.set_engine(Err(e.to_string()), None);
            return;
        }
    };
    let Startup {
        config,
        listen_explicit,
        settings,
        tunnel,
        mut live_error,
    } = startup;
    let live = matches!(config.mode, Mode::Live(_));
    let sandbox_config = live.then(|| Config {
        mode: Mode::Sandbox(SandboxSettings::default()),
        ..config.clone()
    });
    let engine = match (start(config, listen_explicit).await, sandbox_config) {
        (Ok(engine), _) => Arc::new(engine),
        // Live could not start (the port or the data dir is taken, say): the app still opens,
        // in the sandbox, and says why.
        (Err(e), Some(sandbox)) => {
            tracing::error!(reason = %e, "could not start live; starting the sandbox");
            live_error = Some(say(
                TEXTS,
                "app.could_not_start_live",
                &[("error", &e.to_string())],
            ));
            match start(sandbox, false).await {
                Ok(engine) => Arc::new(engine),
                Err(e) => {
                    state.set_engine(Err(e.to_string()), live_error);
                    return;
                }
            }
        }
        (Err(e), None) => {
            tracing::error!(reason = %e, "the engine could not start");
            state.set_engine(Err(e.to_string()), live_error);
            return;
        }
    };
    crate::events::forward(app.clone(), engine.clone(), state.new_event_forwarding());
    let tunnel = if engine.mode() == "live" {
        tunnel
    } else {
        TunnelPlan::None
    };
    let opened = match &state.rehearsal {
        Some(r) => {
            if engine.mode() == "live" {
                // Meta's app-level callback, in the rehearsal: this engine.
                r.graph.set_webhook_target(engine.webhook_url());
            }
            Ok(tunnel
                .open_with(&engine, &settings, r.tunnels.clone())
                .await)
        }
        None => tunnel.open(&engine, &settings).await,
    };
    if let Err(e) = opened {
        live_error = Some(e);
    }
    info!(mode = engine.mode(), "the app's engine is running");
    state.set_engine(Ok(engine), live_error);
}

/// Stops the engine and starts it again from what is saved now (after going live or
/// disconnecting); the window is told with `app://restarted`.
pub async fn restart<R: Runtime>(app: &AppHandle<R>) -> Result<(), String> {
    let state = app.state::<AppState>();
    let _one_at_a_time = state.switching.lock().await;
    let old = state.running();
    // Commands that arrive meanwhile are told, rather than reaching a stopping engine.
    state.set_engine(Err(say(TEXTS, "app.restarting", &[])), None);
    if let Some(old) = old {
        old.shutdown().await;
    }
    state.new_event_forwarding();
    launch(app).await;
    let engine = state.engine().map_err(|e| e.message)?;
    if let Err(e) = app.emit("app://restarted", engine.mode()) {
        warn!(error = %e, "could not tell the window the engine restarted");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use shopchat_core::secrets::Secret;

    use super::*;

    fn env(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> + Copy {
        move |k| {
            let map: HashMap<_, _> = pairs.iter().copied().collect();
            map.get(k).map(|v| (*v).to_owned())
        }
    }

    #[test]
    fn no_credentials_means_the_sandbox() {
        let dir = tempfile::tempdir().unwrap();
        let s = resolve(env(&[]), dir.path(), None, None).unwrap();
        assert!(matches!(s.config.mode, Mode::Sandbox(_)));
        assert_eq!(s.config.store_dir(), dir.path().join("sandbox"));
        assert_eq!(s.config.listen.port(), 8787);
        assert!(!s.listen_explicit);
        assert!(s.live_error.is_none());
    }

    #[test]
    fn env_wins_over_settings() {
        let dir = tempfile::tempdir().unwrap();
        Settings {
            listen_port: 9999,
            ..Settings::default()
        }
        .save(&Settings::file(dir.path()))
        .unwrap();
        let s = resolve(
            env(&[("SHOPCHAT_LISTEN", "127.0.0.1:0")]),
            dir.path(),
            None,
            None,
        )
        .unwrap();
        assert_eq!(s.config.listen.port(), 0);
        let s = resolve(env(&[]), dir.path(), None, None).unwrap();
        assert_eq!(s.config.listen.port(), 9999);
        assert!(s.listen_explicit);
    }

    #[test]
    fn partial_credentials_are_an_error_naming_what_is_missing() {
        let err = resolve(
            env(&[("WHATSAPP_ACCESS_TOKEN", "t")]),
            &PathBuf::from("/nonexistent"),
            None,
            None,
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains("WHATSAPP_APP_SECRET"));
    }

    #[test]
    fn saved_credentials_go_live_and_incomplete_ones_say_why() {
        let dir = tempfile::tempdir().unwrap();
        let keystore = Keystore::in_memory();
        keystore
            .set(SecretName::AccessToken, &Secret::new("EAAtoken"))
            .unwrap();
        // Only a token: the sandbox, and why.
        let s = resolve(env(&[]), dir.path(), Some(&keystore), None).unwrap();
        assert!(matches!(s.config.mode, Mode::Sandbox(_)));
        let why = s.live_error.unwrap();
        assert!(why.contains("WHATSAPP_APP_SECRET"), "{why}");

        keystore
            .set(SecretName::AppSecret, &Secret::new("appsecret"))
            .unwrap();
        keystore
            .set(
                SecretName::VerifyToken,
                &Secret::new("verify-token-0123456789"),
            )
            .unwrap();
        Settings {
            phone_number_id: Some("1122334455".into()),
            business_account_id: Some("5544332211".into()),
            ..Settings::default()
        }
        .save(&Settings::file(dir.path()))
        .unwrap();
        let s = resolve(
            env(&[]),
            dir.path(),
            Some(&keystore),
            Some("http://127.0.0.1:9".into()),
        )
        .unwrap();
        let Mode::Live(live) = &s.config.mode else {
            panic!("live")
        };
        assert_eq!(live.graph_url, "http://127.0.0.1:9");
        assert_eq!(live.business_account_id.as_deref(), Some("5544332211"));
        assert!(s.live_error.is_none());
        assert_eq!(s.config.store_dir(), dir.path());
    }
}
