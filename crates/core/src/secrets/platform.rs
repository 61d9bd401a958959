//! Chooses the OS credential store at start-up (the `keyring` crate's defaults cannot be
//! swapped for tests, so Shopchat picks the store itself through keyring-core).

use std::sync::Arc;

use keyring_core::CredentialStore;

use super::SecretsError;
use super::texts::TEXTS;
use crate::i18n::say;

/// The Secret Service, through zbus (no C library), in the user's default collection.
#[cfg(target_os = "linux")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> =
        zbus_secret_service_keyring_store::Store::new().map_err(|e| {
            SecretsError::Unavailable(say(
                TEXTS,
                "secrets.no_secret_service",
                &[("error", &e.to_string())],
            ))
        })?;
    Ok(store)
}

/// The login Keychain.
#[cfg(target_os = "macos")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> =
        apple_native_keyring_store::keychain::Store::new().map_err(|e| {
            SecretsError::Unavailable(say(
                TEXTS,
                "secrets.no_keychain",
                &[("error", &e.to_string())],
            ))
        })?;
    Ok(store)
}

/// The Windows Credential Manager.
#[cfg(target_os = "windows")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new().map_err(|e| {
        SecretsError::Unavailable(say(
            TEXTS,
            "secrets.no_credential_manager",
            &[("error", &e.to_string())],
        ))
    })?;
    Ok(store)
}

/// No OS keystore is supported here.
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    Err(SecretsError::Unavailable(say(
        TEXTS,
        "secrets.no_keystore_here",
        &[],
    )))
}
