//! Engine configuration, and reading it from the environment.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;
use wacloud::{DEFAULT_API_VERSION, DEFAULT_GRAPH_URL, PhoneNumberId};

/// The default address of the webhook server.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";

/// The environment variables the engine reads.
pub use crate::env_vars as env;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("missing WhatsApp credentials: set {} (or run with --sandbox to try Shopchat without a Meta account)", .0.join(", "))]
    MissingCredentials(Vec<&'static str>),
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error("no data directory: set SHOPCHAT_DATA_DIR or pass --data-dir")]
    NoDataDir,
    /// The OS keystore could not be read.
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),
}

/// Everything the engine needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data dir. The sandbox keeps its own database in `sandbox/` below it.
    pub data_dir: PathBuf,
    /// Where the webhook server listens. Port 0 picks a free port.
    pub listen: SocketAddr,
    pub mode: Mode,
    pub outbox: OutboxSettings,
    /// How often to refresh the message templates from Meta (their approval status); `None`
    /// only when asked.
    pub template_poll: Option<Duration>,
    /// Reads the disk's free space (inbound files are held below a floor); tests replace it.
    pub disk_probe: crate::disk::DiskProbe,
}

/// How often the app and `shopchat serve` refresh the templates.
pub const TEMPLATE_POLL_INTERVAL: Duration = Duration::from_secs(15 * 60);

impl Config {
    pub fn new(data_dir: PathBuf, listen: SocketAddr, mode: Mode) -> Self {
        Self {
            data_dir,
            listen,
            mode,
            outbox: OutboxSettings::default(),
            template_poll: None,
            disk_probe: crate::disk::DiskProbe::system(),
        }
    }

    /// Where this mode's database lives.
    pub fn store_dir(&self) -> PathBuf {
        store_dir(&self.data_dir, matches!(self.mode, Mode::Sandbox(_)))
    }
}

/// Where the database lives for a data dir: the sandbox has its own subfolder.
pub fn store_dir(data_dir: &Path, sandbox: bool) -> PathBuf {
    if sandbox {
        data_dir.join("sandbox")
    } else {
        data_dir.to_owned()
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    /// Talking to Meta's Graph API with the owner's credentials.
    Live(LiveSettings),
    /// A built-in fake Graph API and simulated customers.
    Sandbox(SandboxSettings),
}

impl Mode {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Live(_) => "live",
            Self::Sandbox(_) => "sandbox",
        }
    }
}

/// The owner's WhatsApp Cloud API settings. Secrets are redacted from `Debug`.
#[derive(Debug, Clone)]
pub struct LiveSettings {
    pub graph_url: String,
    pub api_version: String,
    pub access_token: SecretString,
    pub app_secret: SecretString,
    pub verify_token: SecretString,
    pub phone_number_id: PhoneNumberId,
    pub business_account_id: Option<String>,
}

impl LiveSettings {
    /// Each value from the `WHATSAPP_*` variables through `get` when set, else the secrets from
    /// `keystore` and the rest from `settings` (the desktop app's and `shopchat`'s shared
    /// settings file). Names every credential that is missing from all of them.
    pub fn resolve(
        get: impl Fn(&str) -> Option<String>,
        keystore: Option<&crate::secrets::Keystore>,
        settings: &crate::settings::Settings,
    ) -> Result<Self, ConfigError> {
        use crate::secrets::SecretName;
        let mut secrets = Vec::new();
        for name in [
            SecretName::AccessToken,
            SecretName::AppSecret,
            SecretName::VerifyToken,
        ] {
            let var = name
                .env_var()
                .expect("WhatsApp credentials have a variable");
            let from_env = get(var).filter(|v| !v.trim().is_empty());
            let value = match (from_env, keystore) {
                (Some(v), _) => Some(v),
                (None, Some(k)) => k.get(name)?.map(|s| s.expose().to_owned()),
                (None, None) => None,
            };
            secrets.push((var, value));
        }
        let fallback = |name: &str, setting: Option<&String>| {
            get(name)
                .filter(|v| !v.trim().is_empty())
                .or_else(|| setting.cloned())
        };
        let phone = fallback(env::PHONE_NUMBER_ID, settings.phone_number_id.as_ref());
        let waba = fallback(
            env::BUSINESS_ACCOUNT_ID,
            settings.business_account_id.as_ref(),
        );
        let version = fallback(env::API_VERSION, Some(&settings.api_version));
        Self::from_env(|name| {
            if let Some((_, value)) = secrets.iter().find(|(var, _)| *var == name) {
                return value.clone();
            }
            match name {
                env::PHONE_NUMBER_ID => phone.clone(),
                env::BUSINESS_ACCOUNT_ID => waba.clone(),
                env::API_VERSION => version.clone(),
                other => get(other),
            }
        })
    }

    /// Reads the `WHATSAPP_*` variables through `get`; names every missing credential.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let required = [
            env::ACCESS_TOKEN,
            env::APP_SECRET,
            env::VERIFY_TOKEN,
            env::PHONE_NUMBER_ID,
        ];
        let missing: Vec<&'static str> =
            required.into_iter().filter(|n| get(n).is_none()).collect();
        if !missing.is_empty() {
            return Err(ConfigError::MissingCredentials(missing));
        }
        let secret = |n: &str| SecretString::from(get(n).unwrap_or_default());
        let phone_number_id = PhoneNumberId::parse(&get(env::PHONE_NUMBER_ID).unwrap_or_default())
            .map_err(|e| ConfigError::Invalid {
                name: env::PHONE_NUMBER_ID,
                reason: e.to_string(),
            })?;
        let graph_url = get(env::GRAPH_URL).unwrap_or_else(|| DEFAULT_GRAPH_URL.to_owned());
        if !(graph_url.starts_with("https://") || graph_url.starts_with("http://")) {
            return Err(ConfigError::Invalid {
                name: env::GRAPH_URL,
                reason: format!("{graph_url:?} is not an http(s) URL"),
            });
        }
        Ok(Self {
            graph_url,
            api_version: get(env::API_VERSION).unwrap_or_else(|| DEFAULT_API_VERSION.to_owned()),
            access_token: secret(env::ACCESS_TOKEN),
            app_secret: secret(env::APP_SECRET),
            verify_token: secret(env::VERIFY_TOKEN),
            phone_number_id,
            business_account_id: get(env::BUSINESS_ACCOUNT_ID),
        })
    }
}

/// How the sandbox behaves.
#[derive(Debug, Clone)]
pub struct SandboxSettings {
    /// Delays before the fake Graph API reports `sent`, then `delivered`, then `read`.
    pub status_delays: [Duration; 3],
    /// Seed the sandbox with a few customers' first messages (once per sandbox database).
    pub seed_customers: bool,
    /// Simulated customers answer the shop's messages after reading them.
    pub auto_reply: bool,
}

impl Default for SandboxSettings {
    fn default() -> Self {
        Self {
            status_delays: [
                Duration::from_millis(300),
                Duration::from_millis(900),
                Duration::from_millis(2000),
            ],
            seed_customers: true,
            auto_reply: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct OutboxSettings {
    /// How often the worker looks for rows queued by other processes (the CLI).
    pub poll_interval: Duration,
    /// Attempts for a send that failed for a reason a retry can help.
    pub max_attempts: u32,
    /// The first retry's delay; each next one doubles, with jitter.
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// How long one Graph request may take before it counts as timed out.
    pub request_timeout: Duration,
    /// How long sending waits after repeated server or network failures.
    pub cooldown: Duration,
    /// Messages per second for the business number (Meta: 80 by default, up to 1,000 after an
    /// upgrade); `None` sends as fast as the requests go.
    pub rate_per_second: Option<NonZeroU32>,
    /// Pacing per customer (Meta's pair limit); `None` for none.
    pub pair_pacing: Option<PairPacing>,
    /// Requests in flight at once (to different customers).
    pub max_in_flight: usize,
}

/// At most `burst` messages to one customer at once, then one per `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairPacing {
    pub period: Duration,
    pub burst: NonZeroU32,
}

/// The highest messages-per-second Meta allows a business number.
pub const MAX_RATE_PER_SECOND: u32 = wacloud::MAX_MESSAGES_PER_SECOND;

impl OutboxSettings {
    /// `SHOPCHAT_OUTBOX_RATE`: messages per second for the business number (1 to 1,000), or
    /// `off`. Unset: the default (80).
    pub fn with_rate_from(
        mut self,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let Some(raw) = get(env::OUTBOX_RATE).filter(|v| !v.trim().is_empty()) else {
            return Ok(self);
        };
        let raw = raw.trim();
        self.rate_per_second = if raw.eq_ignore_ascii_case("off") {
            None
        } else {
            let rate = raw
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=MAX_RATE_PER_SECOND).contains(r))
                .and_then(NonZeroU32::new)
                .ok_or_else(|| ConfigError::Invalid {
                    name: env::OUTBOX_RATE,
                    reason: format!(
                        "{raw:?} is not a rate: use messages per second from 1 to {MAX_RATE_PER_SECOND}, or off"
                    ),
                })?;
            Some(rate)
        };
        Ok(self)
    }
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_millis(250),
            max_attempts: 6,
            retry_base: Duration::from_secs(1),
            retry_max: Duration::from_secs(300),
            request_timeout: Duration::from_secs(30),
            cooldown: Duration::from_secs(30),
            rate_per_second: NonZeroU32::new(80),
            pair_pacing: Some(PairPacing {
                period: Duration::from_secs(6),
                burst: NonZeroU32::new(10).expect("non-zero"),
            }),
            max_in_flight: 16,
        }
    }
}

/// `SHOPCHAT_DATA_DIR` through `get`, else the OS data dir (`~/.local/share/shopchat`).
pub fn default_data_dir(get: impl Fn(&str) -> Option<String>) -> Result<PathBuf, ConfigError> {
    if let Some(dir) = get(env::DATA_DIR).filter(|d| !d.trim().is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join("shopchat"))
        .ok_or(ConfigError::NoDataDir)
}

/// `SHOPCHAT_LISTEN` through `get`, else `127.0.0.1:8787`.
pub fn default_listen(get: impl Fn(&str) -> Option<String>) -> Result<SocketAddr, ConfigError> {
    let raw = get(env::LISTEN).unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
    parse_listen(&raw, env::LISTEN)
}

/// Parses a listen address; `source` names where it came from (`--listen`, `SHOPCHAT_LISTEN`).
pub fn parse_listen(raw: &str, source: &'static str) -> Result<SocketAddr, ConfigError> {
    raw.trim().parse().map_err(|_| ConfigError::Invalid {
        name: source,
        reason: format!("{raw:?} is not an address like 127.0.0.1:8787"),
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod resolve_tests;

#[cfg(test)]
mod outbox_rate_tests;
