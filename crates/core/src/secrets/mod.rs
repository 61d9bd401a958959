//! The credentials Shopchat keeps in the OS keystore, and nowhere else.
//!
//! Four secrets — the Cloud API access token, the Meta app secret, the webhook verify token and
//! the ngrok authtoken — live under the service [`SERVICE`] with one entry per [`SecretName`]. The
//! desktop app and the headless `shopchat` use the same entries. The store is chosen once at
//! start-up ([`Keystore::platform`]: the Secret Service on Linux, the Keychain on macOS, the
//! Credential Manager on Windows); tests use [`Keystore::in_memory`], which goes through the same
//! code with keyring-core's in-memory store.
//!
//! Calls into the OS store block (D-Bus on Linux): from async code, run them with
//! `tokio::task::spawn_blocking`.

mod platform;
mod secret;
pub(crate) mod texts;

use std::fmt;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};

use crate::i18n::say;
use texts::TEXTS;

pub use secret::Secret;

/// The keystore service every Shopchat entry is filed under.
pub const SERVICE: &str = "shopchat";

/// Why the keystore could not be used. Never carries a secret's value.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No usable OS keystore (on Linux: no Secret Service on the session bus, or it is locked).
    #[error("{}", say(TEXTS, "secrets.unavailable", &[("reason", .0)]))]
    Unavailable(String),
    /// The keystore refused or failed the operation.
    #[error("{}", say(TEXTS, "secrets.failed", &[("action", &self::action(.action)), ("name", .name.user()), ("reason", .reason)]))]
    Store {
        action: &'static str,
        name: SecretName,
        reason: String,
    },
    /// An empty value is never stored.
    #[error("{}", say(TEXTS, "secrets.empty", &[("name", .0.user())]))]
    Empty(SecretName),
    /// A name that is not one of Shopchat's credentials.
    #[error("{}", say(TEXTS, "secrets.unknown_name", &[("name", &format!("{:?}", .0)), ("names", &SecretName::list())]))]
    UnknownName(String),
}

/// One of the credentials Shopchat keeps in the keystore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretName {
    /// The Cloud API access token (`Authorization: Bearer …`).
    AccessToken,
    /// The Meta app secret (the key of the webhook signatures).
    AppSecret,
    /// The token Meta echoes in the webhook verification handshake.
    VerifyToken,
    /// The ngrok authtoken (the tunnel).
    NgrokAuthtoken,
}

impl SecretName {
    /// Every credential, in the order they are listed.
    pub const ALL: [SecretName; 4] = [
        Self::AccessToken,
        Self::AppSecret,
        Self::VerifyToken,
        Self::NgrokAuthtoken,
    ];

    /// The keystore entry's user name under [`SERVICE`]; also the name the CLI takes.
    pub fn user(self) -> &'static str {
        match self {
            Self::AccessToken => "whatsapp-access-token",
            Self::AppSecret => "whatsapp-app-secret",
            Self::VerifyToken => "whatsapp-verify-token",
            Self::NgrokAuthtoken => "ngrok-authtoken",
        }
    }

    /// The environment variable that overrides the keystore, if there is one.
    pub fn env_var(self) -> Option<&'static str> {
        use crate::env_vars as env;
        match self {
            Self::AccessToken => Some(env::ACCESS_TOKEN),
            Self::AppSecret => Some(env::APP_SECRET),
            Self::VerifyToken => Some(env::VERIFY_TOKEN),
            Self::NgrokAuthtoken => Some(env::NGROK_AUTHTOKEN),
        }
    }

    /// Parses an entry name ([`SecretName::user`]), case aside.
    pub fn parse(name: &str) -> Result<Self, SecretsError> {
        let wanted = name.trim();
        Self::ALL
            .into_iter()
            .find(|n| n.user().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| SecretsError::UnknownName(wanted.to_owned()))
    }

    fn list() -> String {
        Self::ALL.map(Self::user).join(", ")
    }
}

impl fmt::Display for SecretName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.user())
    }
}

/// Shopchat's entries in one credential store.
#[derive(Clone)]
pub struct Keystore {
    store: Arc<CredentialStore>,
}

impl fmt::Debug for Keystore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keystore")
            .field("vendor", &self.store.vendor())
            .finish()
    }
}

impl Keystore {
    /// Shopchat's entries in `store` (any keyring-core credential store).
    pub fn new(store: Arc<CredentialStore>) -> Self {
        Self { store }
    }

    /// The OS keystore: the Secret Service (over D-Bus) on Linux, the Keychain on macOS, the
    /// Credential Manager on Windows. Fails when there is none (a Linux box without a Secret
    /// Service on its session bus).
    pub fn platform() -> Result<Self, SecretsError> {
        platform::store().map(Self::new)
    }

    /// A store in memory only, empty at first (tests, and a keystore-less fallback).
    pub fn in_memory() -> Self {
        let store: Arc<CredentialStore> =
            keyring_core::mock::Store::new().expect("the in-memory store always builds");
        Self::new(store)
    }

    /// Who provides the store (for diagnostics; never a secret).
    pub fn vendor(&self) -> String {
        self.store.vendor()
    }

    fn entry(&self, name: SecretName, action: &'static str) -> Result<Entry, SecretsError> {
        Entry::new_in_store(&self.store, SERVICE, name.user())
            .map_err(|e| store_error(action, name, e))
    }

    /// The credential's value, or `None` when it is not set.
    pub fn get(&self, name: SecretName) -> Result<Option<Secret>, SecretsError> {
        match self.entry(name, "read")?.get_password() {
            Ok(value) if value.is_empty() => Ok(None),
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(store_error("read", name, e)),
        }
    }

    /// Whether the credential is set.
    pub fn is_set(&self, name: SecretName) -> Result<bool, SecretsError> {
        self.get(name).map(|v| v.is_some())
    }

    /// Stores the credential (replacing any previous value). Empty values are refused.
    pub fn set(&self, name: SecretName, value: &Secret) -> Result<(), SecretsError> {
        if value.expose().trim().is_empty() {
            return Err(SecretsError::Empty(name));
        }
        self.entry(name, "store")?
            .set_password(value.expose())
            .map_err(|e| store_error("store", name, e))
    }

    /// Removes the credential; `false` when it was not set.
    pub fn delete(&self, name: SecretName) -> Result<bool, SecretsError> {
        match self.entry(name, "delete")?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(store_error("delete", name, e)),
        }
    }

    /// Removes every Shopchat credential; returns the names that were set.
    pub fn clear(&self) -> Result<Vec<SecretName>, SecretsError> {
        // Every entry is tried, so one that cannot be removed does not keep the others.
        let mut removed = Vec::new();
        let mut first_error = None;
        for name in SecretName::ALL {
            match self.delete(name) {
                Ok(true) => removed.push(name),
                Ok(false) => {}
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(removed),
        }
    }

    /// Every credential's name and whether it is set (never the values).
    pub fn status(&self) -> Result<Vec<(SecretName, bool)>, SecretsError> {
        SecretName::ALL
            .into_iter()
            .map(|n| self.is_set(n).map(|set| (n, set)))
            .collect()
    }
}

/// The verb of a keystore `action` (`read`, `store`, `delete`) in the owner's language.
fn action(action: &str) -> String {
    match action {
        "read" => say(TEXTS, "secrets.action_read", &[]),
        "store" => say(TEXTS, "secrets.action_store", &[]),
        "delete" => say(TEXTS, "secrets.action_delete", &[]),
        other => other.to_owned(),
    }
}

/// keyring-core's errors never hold a password, except `BadEncoding`/`BadDataFormat`, which hold
/// the stored bytes: those are described without them.
fn store_error(action: &'static str, name: SecretName, e: keyring_core::Error) -> SecretsError {
    use keyring_core::Error as K;
    let reason = match e {
        K::BadEncoding(_) => say(TEXTS, "secrets.not_utf8", &[]),
        K::BadDataFormat(_, inner) => {
            say(TEXTS, "secrets.malformed", &[("error", &inner.to_string())])
        }
        K::NoStorageAccess(inner) => {
            return SecretsError::Unavailable(say(
                TEXTS,
                "secrets.no_access",
                &[
                    ("action", &self::action(action)),
                    ("name", name.user()),
                    ("error", &inner.to_string()),
                ],
            ));
        }
        other => other.to_string(),
    };
    SecretsError::Store {
        action,
        name,
        reason,
    }
}

#[cfg(test)]
mod tests;
