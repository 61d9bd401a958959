use super::*;

#[test]
fn names_are_the_fixed_entries_and_parse_back() {
    let users: Vec<&str> = SecretName::ALL.iter().map(|n| n.user()).collect();
    assert_eq!(
        users,
        [
            "whatsapp-access-token",
            "whatsapp-app-secret",
            "whatsapp-verify-token",
            "ngrok-authtoken"
        ]
    );
    for name in SecretName::ALL {
        assert_eq!(SecretName::parse(name.user()).unwrap(), name);
        assert_eq!(
            SecretName::parse(&name.user().to_uppercase()).unwrap(),
            name
        );
    }
    let err = SecretName::parse("password").unwrap_err().to_string();
    assert!(err.contains("\"password\""), "{err}");
    assert!(err.contains("ngrok-authtoken"), "{err}");
    assert_eq!(
        SecretName::AccessToken.env_var(),
        Some("WHATSAPP_ACCESS_TOKEN")
    );
}

#[test]
fn set_get_delete_and_status_round_trip() {
    let keystore = Keystore::in_memory();
    assert!(keystore.get(SecretName::AppSecret).unwrap().is_none());
    keystore
        .set(SecretName::AppSecret, &Secret::new("app-secret-1"))
        .unwrap();
    keystore
        .set(SecretName::AppSecret, &Secret::new("app-secret-2"))
        .unwrap();
    assert_eq!(
        keystore
            .get(SecretName::AppSecret)
            .unwrap()
            .unwrap()
            .expose(),
        "app-secret-2"
    );
    // Another handle on the same store sees the same entries.
    let again = keystore.clone();
    assert!(again.is_set(SecretName::AppSecret).unwrap());
    assert_eq!(
        again.status().unwrap(),
        vec![
            (SecretName::AccessToken, false),
            (SecretName::AppSecret, true),
            (SecretName::VerifyToken, false),
            (SecretName::NgrokAuthtoken, false),
        ]
    );
    assert!(keystore.delete(SecretName::AppSecret).unwrap());
    assert!(!keystore.delete(SecretName::AppSecret).unwrap());
    assert!(keystore.get(SecretName::AppSecret).unwrap().is_none());
}

#[test]
fn empty_values_are_refused() {
    let keystore = Keystore::in_memory();
    for empty in ["", "  \n"] {
        let err = keystore
            .set(SecretName::VerifyToken, &Secret::new(empty))
            .unwrap_err();
        assert!(matches!(err, SecretsError::Empty(SecretName::VerifyToken)));
    }
    assert!(!keystore.is_set(SecretName::VerifyToken).unwrap());
}

#[test]
fn clear_removes_every_entry_and_names_them() {
    let keystore = Keystore::in_memory();
    keystore
        .set(SecretName::AccessToken, &Secret::new("a"))
        .unwrap();
    keystore
        .set(SecretName::NgrokAuthtoken, &Secret::new("n"))
        .unwrap();
    assert_eq!(
        keystore.clear().unwrap(),
        vec![SecretName::AccessToken, SecretName::NgrokAuthtoken]
    );
    assert!(keystore.status().unwrap().iter().all(|(_, set)| !set));
    assert!(keystore.clear().unwrap().is_empty());
}

#[test]
fn store_failures_are_typed_and_never_hold_the_stored_bytes() {
    let err = store_error(
        "read",
        SecretName::AccessToken,
        keyring_core::Error::BadEncoding(b"EAA-leaked".to_vec()),
    );
    let text = err.to_string();
    assert!(!text.contains("EAA-leaked"), "{text}");
    assert!(text.contains("whatsapp-access-token"), "{text}");
    assert!(!format!("{err:?}").contains("EAA-leaked"));
}

#[test]
fn keystore_failures_are_said_in_spanish() {
    let keystore = Keystore::in_memory();
    let (empty, failed) = crate::i18n::with_lang(crate::i18n::Lang::Es, || {
        let empty = keystore
            .set(SecretName::VerifyToken, &Secret::new(""))
            .unwrap_err()
            .to_string();
        let failed = SecretsError::Store {
            action: "store",
            name: SecretName::AccessToken,
            reason: "locked".into(),
        }
        .to_string();
        (empty, failed)
    });
    assert_eq!(empty, "whatsapp-verify-token no puede estar vacío");
    assert_eq!(
        failed,
        "el almacén de claves del sistema no pudo guardar whatsapp-access-token: locked"
    );
}
