//! The non-secret settings: one schema for the desktop app and the headless `shopchat`.
//!
//! They live in `settings.json` in the data dir, the file tauri-plugin-store reads and writes: a
//! plain JSON object of key → value (written pretty-printed). The GUI opens its store at
//! [`Settings::file`]`(data_dir)` (an absolute path, so the plugin does not resolve it against the
//! app's own data dir) and reads and writes these keys; the CLI uses [`Settings::load`] and
//! [`Settings::save`] on the same file. Keys this schema does not know (the GUI's own) are kept.
//! Secrets are never here: they are in the OS keystore ([`crate::secrets`]).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use wacloud::MAX_MESSAGES_PER_SECOND as MAX_RATE_PER_SECOND;

mod keys;
mod maintenance;
mod media_limits;
mod shop;
pub(crate) mod texts;
mod write;

pub use maintenance::{MAX_RETENTION_DAYS, Maintenance};
pub use media_limits::{
    DEFAULT_DAILY_BUDGET_MB, DEFAULT_FREE_SPACE_FLOOR_MB, MAX_MEDIA_LIMIT_MB, MediaLimits,
};
pub use shop::{DocumentPrefixes, ShopProfile, valid_percent};
use texts::why;

/// The settings file's name in the data dir.
pub const SETTINGS_FILE: &str = "settings.json";
/// The webhook server's default port.
pub const DEFAULT_LISTEN_PORT: u16 = 8787;
/// The outbox's default rate, in messages per second (Meta's default for a business number).
pub const DEFAULT_OUTBOX_RATE: u32 = 80;

/// Why the settings could not be read, written or accepted.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{}", texts::why("settings.cannot_read", &[("path", &.path.display().to_string()), ("error", &.source.to_string())]))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", texts::why("settings.malformed", &[("path", &.path.display().to_string()), ("reason", .reason)]))]
    Malformed { path: PathBuf, reason: String },
    #[error("{}", texts::why("settings.cannot_write", &[("path", &.path.display().to_string()), ("error", &.source.to_string())]))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// One key of `shopchat settings set` that cannot be set.
    #[error("{key}: {reason}")]
    Key { key: String, reason: String },
    /// Every field that is not valid, with why.
    #[error("{}", texts::why("settings.invalid", &[("problems", &.0.iter().map(|(k, r)| format!("{k}: {r}")).collect::<Vec<_>>().join("; "))]))]
    Invalid(Vec<(&'static str, String)>),
}

/// How the webhook server is reached from the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TunnelChoice {
    /// No tunnel: the owner exposes the webhook server some other way.
    #[default]
    None,
    /// An ngrok HTTPS endpoint (authtoken in the keystore).
    Ngrok,
}

/// The non-secret settings. Every field has a default, so a missing or partial file is fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// The business number's id (Cloud API), digits.
    pub phone_number_id: Option<String>,
    /// The WhatsApp Business Account id, digits (templates, webhook subscriptions).
    pub business_account_id: Option<String>,
    /// The Meta app's id, digits.
    pub app_id: Option<String>,
    /// The Graph API version, like `v24.0`.
    pub api_version: String,
    /// The shop's name as the owner wants it shown.
    pub business_name: Option<String>,
    /// The business number as WhatsApp shows it (`+34 600 11 22 33`), saved when going live:
    /// the number customers write to, in a link code's wa.me address.
    pub display_phone_number: Option<String>,
    /// The webhook server's port on loopback.
    pub listen_port: u16,
    /// How the webhook server is reached from the internet.
    pub tunnel: TunnelChoice,
    /// A reserved ngrok domain (`shop.ngrok.app`), else ngrok assigns one.
    pub ngrok_domain: Option<String>,
    /// With no tunnel: the owner's own public HTTPS address (`https://shop.example.com`) that
    /// reaches this computer's webhook server.
    pub public_url: Option<String>,
    /// Re-point Meta's webhook (override callback) when the tunnel's public URL changes.
    pub repoint_callback: bool,
    /// Messages per second for the business number (1 to 1,000); `null` sends without a limit.
    #[serde(default = "default_outbox_rate")]
    pub outbox_rate: Option<u32>,
    /// The number is also on the WhatsApp Business app (found when going live): the outbox
    /// sends at most 20 messages per second.
    #[serde(default)]
    pub on_business_app: bool,
    /// The country of numbers written without a country code in a broadcast's list (`MX`, `ES`).
    pub default_country: Option<String>,
    /// What the shop's documents say about it.
    #[serde(flatten)]
    #[ts(flatten)]
    pub shop: ShopProfile,
    /// Backups and retention.
    #[serde(flatten)]
    #[ts(flatten)]
    pub maintenance: Maintenance,
    /// How much of the disk files customers send may take.
    #[serde(flatten)]
    #[ts(flatten)]
    pub media_limits: MediaLimits,
}

fn default_outbox_rate() -> Option<u32> {
    Some(DEFAULT_OUTBOX_RATE)
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            phone_number_id: None,
            business_account_id: None,
            app_id: None,
            api_version: wacloud::DEFAULT_API_VERSION.to_owned(),
            business_name: None,
            display_phone_number: None,
            listen_port: DEFAULT_LISTEN_PORT,
            tunnel: TunnelChoice::None,
            ngrok_domain: None,
            public_url: None,
            repoint_callback: true,
            outbox_rate: default_outbox_rate(),
            on_business_app: false,
            default_country: None,
            shop: ShopProfile::default(),
            maintenance: Maintenance::default(),
            media_limits: MediaLimits::default(),
        }
    }
}

impl Settings {
    /// Where the settings live for a data dir.
    pub fn file(data_dir: &Path) -> PathBuf {
        data_dir.join(SETTINGS_FILE)
    }

    /// Reads the settings at `path`; a missing file gives the defaults. Values are validated.
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let Some(map) = read_map(path)? else {
            return Ok(Self::default());
        };
        let settings: Self =
            serde_json::from_value(Value::Object(map)).map_err(|e| SettingsError::Malformed {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Validates, then writes these settings to `path` (atomically), keeping the keys of the
    /// file this schema does not know.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.validate()?;
        let held = write::lock(path).map_err(|source| SettingsError::Write {
            path: path.to_owned(),
            source,
        })?;
        self.save_locked(path, &held)
    }

    /// Reads, changes with `change` and saves the settings at `path` while holding the write
    /// lock: another process's update in between is neither lost nor overwritten.
    pub fn update(
        path: &Path,
        change: impl FnOnce(Self) -> Result<Self, SettingsError>,
    ) -> Result<Self, SettingsError> {
        let held = write::lock(path).map_err(|source| SettingsError::Write {
            path: path.to_owned(),
            source,
        })?;
        let updated = change(Self::load(path)?)?;
        updated.validate()?;
        updated.save_locked(path, &held)?;
        Ok(updated)
    }

    fn save_locked(&self, path: &Path, held: &write::WriteLock) -> Result<(), SettingsError> {
        let mut map = read_map(path)?.unwrap_or_default();
        let Value::Object(ours) = serde_json::to_value(self).expect("settings serialise") else {
            unreachable!("a struct serialises to an object");
        };
        map.extend(ours);
        let bytes = serde_json::to_vec_pretty(&map).expect("a JSON map serialises");
        let write_err = |source| SettingsError::Write {
            path: path.to_owned(),
            source,
        };
        write::replace(path, &bytes, held).map_err(write_err)
    }

    /// Checks every field; names each invalid one.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let mut problems = Vec::new();
        for (key, value) in [
            ("phone_number_id", &self.phone_number_id),
            ("business_account_id", &self.business_account_id),
            ("app_id", &self.app_id),
        ] {
            if let Some(v) = value
                && (v.is_empty() || v.len() > 32 || !v.bytes().all(|b| b.is_ascii_digit()))
            {
                problems.push((
                    key,
                    why("settings.numeric_id", &[("value", &format!("{v:?}"))]),
                ));
            }
        }
        if !valid_api_version(&self.api_version) {
            problems.push((
                "api_version",
                why(
                    "settings.api_version",
                    &[("value", &format!("{:?}", self.api_version))],
                ),
            ));
        }
        if self.listen_port == 0 {
            problems.push(("listen_port", why("settings.listen_port", &[])));
        }
        if let Some(domain) = &self.ngrok_domain
            && !valid_domain(domain)
        {
            problems.push((
                "ngrok_domain",
                why(
                    "settings.ngrok_domain",
                    &[("value", &format!("{domain:?}"))],
                ),
            ));
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://")
                && url.len() <= 200
                && !url.contains(char::is_whitespace))
        {
            problems.push((
                "public_url",
                why("settings.public_url", &[("value", &format!("{url:?}"))]),
            ));
        }
        if let Some(rate) = self.outbox_rate
            && !(1..=MAX_RATE_PER_SECOND).contains(&rate)
        {
            problems.push((
                "outbox_rate",
                why(
                    "settings.outbox_rate",
                    &[
                        ("value", &rate.to_string()),
                        ("max", &MAX_RATE_PER_SECOND.to_string()),
                    ],
                ),
            ));
        }
        if let Some(c) = &self.default_country
            && crate::broadcasts::phone::country(c).is_none()
        {
            problems.push((
                "default_country",
                why("settings.default_country", &[("value", &format!("{c:?}"))]),
            ));
        }
        if self.business_name.as_ref().is_some_and(|n| n.len() > 256) {
            problems.push((
                "business_name",
                why("settings.at_most_bytes", &[("max", "256")]),
            ));
        }
        problems.extend(self.shop.problems());
        problems.extend(self.maintenance.problems());
        problems.extend(self.media_limits.problems());
        if problems.is_empty() {
            Ok(())
        } else {
            Err(SettingsError::Invalid(problems))
        }
    }

    /// The webhook server's address: loopback, at [`Settings::listen_port`].
    pub fn listen_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.listen_port))
    }
}

fn read_map(path: &Path) -> Result<Option<Map<String, Value>>, SettingsError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SettingsError::Read {
                path: path.to_owned(),
                source,
            });
        }
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| SettingsError::Malformed {
            path: path.to_owned(),
            reason: e.to_string(),
        })
}

fn valid_api_version(v: &str) -> bool {
    let Some(rest) = v.strip_prefix('v') else {
        return false;
    };
    let mut parts = rest.split('.');
    let numeric = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    numeric(parts.next()) && numeric(parts.next()) && parts.next().is_none()
}

fn valid_domain(d: &str) -> bool {
    d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests;
