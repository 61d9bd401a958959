//! How the app decides where its data lives, where it listens, and whether it is live or in the
//! sandbox: the same `SHOPCHAT_*` and `WHATSAPP_*` variables as `shopchat serve` when set, else
//! the app's own settings, else the sandbox.

use std::net::SocketAddr;
use std::path::PathBuf;

use shopchat_core::config::{self, Config, LiveSettings, Mode, SandboxSettings};
use shopchat_core::{ConfigError, Engine, EngineError};
use tracing::warn;

/// The settings file (tauri-plugin-store) for non-secret settings.
pub const SETTINGS_FILE: &str = "settings.json";

/// What the environment and settings say, before the engine starts.
pub struct Startup {
    pub config: Config,
    /// The listen address came from the user (env or settings) rather than the default.
    pub listen_explicit: bool,
}

/// `env` reads a variable; `listen_setting` is the `listen` value from the settings file.
pub fn resolve(
    env: impl Fn(&str) -> Option<String> + Copy,
    listen_setting: Option<String>,
) -> Result<Startup, ConfigError> {
    let data_dir: PathBuf = config::default_data_dir(env)?;
    let (listen, listen_explicit): (SocketAddr, bool) = match env(config::env::LISTEN) {
        Some(_) => (config::default_listen(env)?, true),
        None => match listen_setting {
            Some(l) => (config::parse_listen(&l, "the listen setting")?, true),
            None => (config::default_listen(env)?, false),
        },
    };
    let has_credentials = [config::env::ACCESS_TOKEN, config::env::APP_SECRET]
        .iter()
        .any(|n| env(n).is_some_and(|v| !v.trim().is_empty()));
    let mode = if has_credentials {
        Mode::Live(LiveSettings::from_env(env)?)
    } else {
        Mode::Sandbox(SandboxSettings::default())
    };
    let mut config = Config::new(data_dir, listen, mode);
    config.outbox = config.outbox.with_rate_from(env)?;
    Ok(Startup {
        config,
        listen_explicit,
    })
}

/// Starts the engine. When the default port is taken (another program, or `shopchat serve`
/// elsewhere), the sandbox falls back to a free port rather than not starting.
pub async fn start(startup: Startup) -> Result<Engine, EngineError> {
    let Startup {
        mut config,
        listen_explicit,
    } = startup;
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

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
        let s = resolve(env(&[("SHOPCHAT_DATA_DIR", "/tmp/x")]), None).unwrap();
        assert!(matches!(s.config.mode, Mode::Sandbox(_)));
        assert_eq!(s.config.store_dir(), PathBuf::from("/tmp/x/sandbox"));
        assert_eq!(s.config.listen.port(), 8787);
        assert!(!s.listen_explicit);
    }

    #[test]
    fn env_wins_over_settings() {
        let s = resolve(
            env(&[
                ("SHOPCHAT_DATA_DIR", "/tmp/x"),
                ("SHOPCHAT_LISTEN", "127.0.0.1:0"),
            ]),
            Some("127.0.0.1:9999".into()),
        )
        .unwrap();
        assert_eq!(s.config.listen.port(), 0);
        let s = resolve(
            env(&[("SHOPCHAT_DATA_DIR", "/tmp/x")]),
            Some("127.0.0.1:9999".into()),
        )
        .unwrap();
        assert_eq!(s.config.listen.port(), 9999);
        assert!(s.listen_explicit);
    }

    #[test]
    fn partial_credentials_are_an_error_naming_what_is_missing() {
        let err = resolve(
            env(&[
                ("SHOPCHAT_DATA_DIR", "/tmp/x"),
                ("WHATSAPP_ACCESS_TOKEN", "t"),
            ]),
            None,
        )
        .err()
        .unwrap();
        assert!(err.to_string().contains("WHATSAPP_APP_SECRET"));
    }
}
