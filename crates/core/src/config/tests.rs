use std::collections::HashMap;

use secrecy::ExposeSecret;

use super::*;

fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    move |k| map.get(k).cloned()
}

#[test]
fn missing_credentials_are_named() {
    let err = LiveSettings::from_env(lookup(&[
        (env::ACCESS_TOKEN, "t"),
        (env::VERIFY_TOKEN, " "),
    ]))
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("WHATSAPP_APP_SECRET"), "{text}");
    assert!(text.contains("WHATSAPP_VERIFY_TOKEN"), "{text}");
    assert!(text.contains("WHATSAPP_PHONE_NUMBER_ID"), "{text}");
    assert!(!text.contains("WHATSAPP_ACCESS_TOKEN"), "{text}");
    assert!(text.contains("--sandbox"), "{text}");
}

#[test]
fn full_live_settings_with_defaults() {
    let s = LiveSettings::from_env(lookup(&[
        (env::ACCESS_TOKEN, "EAAtoken"),
        (env::APP_SECRET, "secret"),
        (env::VERIFY_TOKEN, "verify"),
        (env::PHONE_NUMBER_ID, "1122334455"),
    ]))
    .unwrap();
    assert_eq!(s.api_version, "v24.0");
    assert_eq!(s.graph_url, "https://graph.facebook.com");
    assert_eq!(s.access_token.expose_secret(), "EAAtoken");
    assert!(s.business_account_id.is_none());
    let debug = format!("{s:?}");
    for secret in ["EAAtoken", "\"secret\"", "verify\""] {
        assert!(
            !debug.contains(secret),
            "{secret} leaked into Debug: {debug}"
        );
    }
}

#[test]
fn invalid_values_are_explained() {
    let err = LiveSettings::from_env(lookup(&[
        (env::ACCESS_TOKEN, "t"),
        (env::APP_SECRET, "s"),
        (env::VERIFY_TOKEN, "v"),
        (env::PHONE_NUMBER_ID, "abc"),
    ]))
    .unwrap_err();
    assert!(err.to_string().contains("WHATSAPP_PHONE_NUMBER_ID"));
    assert!(
        parse_listen("nope", "--listen")
            .unwrap_err()
            .to_string()
            .contains("--listen")
    );
    assert_eq!(default_listen(lookup(&[])).unwrap().port(), 8787);
    assert_eq!(
        default_data_dir(lookup(&[(env::DATA_DIR, "/x")])).unwrap(),
        PathBuf::from("/x")
    );
}
