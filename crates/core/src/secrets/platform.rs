//! Chooses the OS credential store at start-up (the `keyring` crate's defaults cannot be
//! swapped for tests, so Shopchat picks the store itself through keyring-core).

use std::sync::Arc;

use keyring_core::CredentialStore;

use super::SecretsError;

/// The Secret Service, through zbus (no C library), in the user's default collection.
#[cfg(target_os = "linux")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()
        .map_err(|e| SecretsError::Unavailable(format!("no Secret Service: {e}")))?;
    Ok(store)
}

/// The login Keychain.
#[cfg(target_os = "macos")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()
        .map_err(|e| SecretsError::Unavailable(format!("no Keychain: {e}")))?;
    Ok(store)
}

/// The Windows Credential Manager.
#[cfg(target_os = "windows")]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()
        .map_err(|e| SecretsError::Unavailable(format!("no Credential Manager: {e}")))?;
    Ok(store)
}

/// No OS keystore is supported here.
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
pub(super) fn store() -> Result<Arc<CredentialStore>, SecretsError> {
    Err(SecretsError::Unavailable(
        "this operating system has no supported keystore".into(),
    ))
}
