//! Starting live from the saved settings, shared by the desktop app and `shopchat serve`: the
//! listen address and outbox rate from the settings (the environment wins), and the tunnel the
//! settings ask for.

use std::net::SocketAddr;

use crate::Engine;
use crate::config::{self, ConfigError, OutboxSettings};
use crate::secrets::{Keystore, Secret, SecretName};
use crate::settings::{Settings, TunnelChoice};
use crate::tunnel::{TunnelOptions, TunnelProvider};

/// The webhook server's address: `SHOPCHAT_LISTEN` when set, else the settings' port on loopback.
pub fn listen_addr(
    env: impl Fn(&str) -> Option<String>,
    settings: &Settings,
) -> Result<SocketAddr, ConfigError> {
    match env(config::env::LISTEN).filter(|v| !v.trim().is_empty()) {
        Some(raw) => config::parse_listen(&raw, config::env::LISTEN),
        None => Ok(settings.listen_addr()),
    }
}

/// The outbox settings with the settings file's rate (at most 20 per second for a number also on
/// the WhatsApp Business app), then `SHOPCHAT_OUTBOX_RATE` over it.
pub fn outbox_settings(
    env: impl Fn(&str) -> Option<String>,
    settings: &Settings,
) -> Result<OutboxSettings, ConfigError> {
    let mut outbox = OutboxSettings {
        rate_per_second: crate::coexistence::rate_for(settings),
        ..OutboxSettings::default()
    };
    outbox = outbox.with_rate_from(env)?;
    Ok(outbox)
}

/// The tunnel the settings ask for.
pub enum TunnelPlan {
    /// No tunnel (the owner's own address, or none).
    None,
    /// ngrok, with the authtoken from `NGROK_AUTHTOKEN` or the keystore.
    Ngrok {
        authtoken: Secret,
        domain: Option<String>,
    },
}

impl TunnelPlan {
    /// What `settings` ask for; an ngrok tunnel without an authtoken anywhere is an error that
    /// says where to put one.
    pub fn from_settings(
        env: impl Fn(&str) -> Option<String>,
        keystore: Option<&Keystore>,
        settings: &Settings,
    ) -> Result<Self, String> {
        match settings.tunnel {
            TunnelChoice::None => Ok(Self::None),
            TunnelChoice::Ngrok => {
                let from_env = env(config::env::NGROK_AUTHTOKEN)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
                    .map(Secret::new);
                let authtoken = match from_env {
                    Some(t) => Some(t),
                    None => match keystore {
                        Some(k) => k
                            .get(SecretName::NgrokAuthtoken)
                            .map_err(|e| e.to_string())?,
                        None => None,
                    },
                };
                let authtoken = authtoken.ok_or_else(|| {
                    "the settings ask for an ngrok tunnel but no authtoken is set: set NGROK_AUTHTOKEN or run `shopchat credentials set ngrok-authtoken`".to_owned()
                })?;
                Ok(Self::Ngrok {
                    authtoken,
                    domain: settings.ngrok_domain.clone(),
                })
            }
        }
    }

    /// Opens the planned tunnel on `engine` (`Ok(false)` when there is none to open).
    pub async fn open(self, engine: &Engine, settings: &Settings) -> Result<bool, String> {
        let options = tunnel_options(settings);
        match self {
            Self::None => Ok(false),
            #[cfg(feature = "ngrok")]
            Self::Ngrok { authtoken, domain } => {
                let provider = crate::tunnel::ngrok::NgrokProvider::new(authtoken, domain);
                engine.open_tunnel(provider, options).await;
                Ok(true)
            }
            #[cfg(not(feature = "ngrok"))]
            Self::Ngrok { .. } => {
                let _ = (engine, options);
                Err("this build of Shopchat has no ngrok support (cargo feature `ngrok`)".into())
            }
        }
    }

    /// Opens `provider` instead of the planned service (a rehearsal on this computer), when a
    /// tunnel is planned at all.
    pub async fn open_with<P: TunnelProvider>(
        self,
        engine: &Engine,
        settings: &Settings,
        provider: P,
    ) -> bool {
        if matches!(self, Self::None) {
            return false;
        }
        engine.open_tunnel(provider, tunnel_options(settings)).await;
        true
    }
}

/// The supervisor's options for `settings` (whether Meta follows the tunnel's URL).
fn tunnel_options(settings: &Settings) -> TunnelOptions {
    TunnelOptions {
        repoint_callback: settings.repoint_callback,
        ..TunnelOptions::default()
    }
}
