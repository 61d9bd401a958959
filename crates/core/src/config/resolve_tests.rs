//! [`LiveSettings::resolve`]: the environment first, then the keystore and the settings file.

use secrecy::ExposeSecret;

use super::*;
use crate::secrets::{Keystore, Secret, SecretName};
use crate::settings::Settings;

fn keystore_with_all() -> Keystore {
    let k = Keystore::in_memory();
    for (name, value) in [
        (SecretName::AccessToken, "ks-token"),
        (SecretName::AppSecret, "ks-app-secret"),
        (SecretName::VerifyToken, "ks-verify"),
    ] {
        k.set(name, &Secret::new(value)).unwrap();
    }
    k
}

fn settings() -> Settings {
    Settings {
        phone_number_id: Some("1000200030".into()),
        business_account_id: Some("555".into()),
        api_version: "v23.0".into(),
        ..Settings::default()
    }
}

#[test]
fn the_keystore_and_settings_fill_in_what_the_environment_lacks() {
    let k = keystore_with_all();
    let live = LiveSettings::resolve(|_| None, Some(&k), &settings()).unwrap();
    assert_eq!(live.access_token.expose_secret(), "ks-token");
    assert_eq!(live.app_secret.expose_secret(), "ks-app-secret");
    assert_eq!(live.verify_token.expose_secret(), "ks-verify");
    assert_eq!(live.phone_number_id.as_str(), "1000200030");
    assert_eq!(live.business_account_id.as_deref(), Some("555"));
    assert_eq!(live.api_version, "v23.0");
    assert_eq!(live.graph_url, "https://graph.facebook.com");
}

#[test]
fn the_environment_wins_over_the_keystore_and_settings() {
    let k = keystore_with_all();
    let env = |name: &str| match name {
        env::ACCESS_TOKEN => Some("env-token".to_owned()),
        env::PHONE_NUMBER_ID => Some("999".to_owned()),
        env::API_VERSION => Some("v25.0".to_owned()),
        env::APP_SECRET => Some("  ".to_owned()),
        _ => None,
    };
    let live = LiveSettings::resolve(env, Some(&k), &settings()).unwrap();
    assert_eq!(live.access_token.expose_secret(), "env-token");
    // A blank variable does not hide the keystore.
    assert_eq!(live.app_secret.expose_secret(), "ks-app-secret");
    assert_eq!(live.phone_number_id.as_str(), "999");
    assert_eq!(live.api_version, "v25.0");
}

#[test]
fn what_is_missing_everywhere_is_named() {
    let k = Keystore::in_memory();
    k.set(SecretName::AccessToken, &Secret::new("t")).unwrap();
    let err = LiveSettings::resolve(|_| None, Some(&k), &Settings::default())
        .unwrap_err()
        .to_string();
    for missing in [
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_PHONE_NUMBER_ID",
    ] {
        assert!(err.contains(missing), "{missing} not named: {err}");
    }
    assert!(!err.contains("WHATSAPP_ACCESS_TOKEN"), "{err}");
    // Without a keystore, only the environment and the settings count.
    let err = LiveSettings::resolve(|_| None, None, &settings())
        .unwrap_err()
        .to_string();
    assert!(err.contains("WHATSAPP_ACCESS_TOKEN"), "{err}");
    assert!(!err.contains("WHATSAPP_PHONE_NUMBER_ID"), "{err}");
}
