use serde_json::json;

use super::*;

#[test]
fn a_missing_file_gives_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let s = Settings::load(&Settings::file(dir.path())).unwrap();
    assert_eq!(s, Settings::default());
    assert_eq!(s.api_version, "v24.0");
    assert_eq!(s.listen_port, 8787);
    assert_eq!(s.outbox_rate, Some(80));
    assert!(s.repoint_callback);
    assert_eq!(s.tunnel, TunnelChoice::None);
    assert_eq!(s.listen_addr().to_string(), "127.0.0.1:8787");
}

#[test]
fn the_file_is_a_plain_json_object_and_foreign_keys_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    // What the GUI's store may already hold.
    std::fs::write(&path, r#"{"window": {"width": 900}, "listen_port": 9000}"#).unwrap();
    let mut s = Settings::load(&path).unwrap();
    assert_eq!(s.listen_port, 9000);
    s.phone_number_id = Some("1122334455".into());
    s.tunnel = TunnelChoice::Ngrok;
    s.ngrok_domain = Some("shop.ngrok.app".into());
    s.outbox_rate = None;
    s.save(&path).unwrap();

    let raw: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(raw["window"], json!({"width": 900}));
    assert_eq!(raw["phone_number_id"], json!("1122334455"));
    assert_eq!(raw["tunnel"], json!("ngrok"));
    assert_eq!(raw["outbox_rate"], Value::Null);
    assert_eq!(raw["repoint_callback"], json!(true));
    assert_eq!(Settings::load(&path).unwrap(), s);
    assert!(!path.with_extension("json.tmp").exists());
}

#[test]
fn a_partial_file_fills_in_defaults_and_null_rate_means_no_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    std::fs::write(
        &path,
        r#"{"business_name": "Mugs & Co", "outbox_rate": null}"#,
    )
    .unwrap();
    let s = Settings::load(&path).unwrap();
    assert_eq!(s.business_name.as_deref(), Some("Mugs & Co"));
    assert_eq!(s.outbox_rate, None);
    assert_eq!(s.api_version, "v24.0");
}

#[test]
fn invalid_values_are_each_named() {
    let s = Settings {
        phone_number_id: Some("12ab".into()),
        app_id: Some(String::new()),
        api_version: "24".into(),
        listen_port: 0,
        ngrok_domain: Some("https://shop.ngrok.app".into()),
        outbox_rate: Some(5000),
        ..Settings::default()
    };
    let err = s.validate().unwrap_err().to_string();
    for key in [
        "phone_number_id",
        "app_id",
        "api_version",
        "listen_port",
        "ngrok_domain",
        "outbox_rate",
    ] {
        assert!(err.contains(key), "{key} not named in {err}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    assert!(s.save(&path).is_err());
    assert!(!path.exists(), "invalid settings were written");
}

#[test]
fn a_malformed_file_is_an_error_not_silently_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    std::fs::write(&path, "[1, 2]").unwrap();
    assert!(matches!(
        Settings::load(&path),
        Err(SettingsError::Malformed { .. })
    ));
    std::fs::write(&path, r#"{"listen_port": "eighty"}"#).unwrap();
    assert!(matches!(
        Settings::load(&path),
        Err(SettingsError::Malformed { .. })
    ));
}

#[test]
fn versions_and_domains_are_checked() {
    assert!(valid_api_version("v24.0"));
    assert!(valid_api_version("v9.12"));
    for bad in ["v24", "24.0", "v24.0.1", "vx.0", "v.0"] {
        assert!(!valid_api_version(bad), "{bad}");
    }
    assert!(valid_domain("shop-1.ngrok.app"));
    for bad in [
        "shop",
        "-a.ngrok.app",
        "a..b",
        "a b.app",
        "shop.ngrok.app/x",
    ] {
        assert!(!valid_domain(bad), "{bad}");
    }
}

#[test]
fn the_shop_profile_lives_in_the_same_flat_file_with_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    std::fs::write(
        &path,
        r#"{"currency": "USD", "default_tax_rate": "8.25", "document_prefixes": {"invoice": "FAC"}}"#,
    )
    .unwrap();
    let s = Settings::load(&path).unwrap();
    assert_eq!(s.shop.currency, "USD");
    assert_eq!(s.shop.default_tax_rate, "8.25");
    assert_eq!(s.shop.document_prefixes.invoice, "FAC");
    // The kinds not named keep their defaults.
    assert_eq!(s.shop.document_prefixes.quote, "QUO");
    assert_eq!(s.shop.document_language, "en");
    s.save(&path).unwrap();
    let raw: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(raw["currency"], json!("USD"));
    assert_eq!(raw["document_prefixes"]["credit_note"], json!("CRN"));
    assert!(raw.get("shop").is_none(), "flattened, not nested: {raw}");
}

#[test]
fn the_shop_profile_is_checked_field_by_field() {
    let mut s = Settings::default();
    s.shop.currency = "euro".into();
    s.shop.default_tax_rate = "101".into();
    s.shop.shop_email = Some("not an email".into());
    s.shop.document_language = "fr".into();
    s.shop.document_prefixes.receipt = "re c".into();
    let Err(SettingsError::Invalid(problems)) = s.validate() else {
        panic!("accepted");
    };
    let keys: Vec<_> = problems.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            "shop_email",
            "currency",
            "default_tax_rate",
            "document_language",
            "document_prefixes"
        ]
    );
    // In the owner's language: the shop page shows these beside the fields.
    let (Err(SettingsError::Invalid(es)), message) =
        crate::i18n::with_lang(crate::i18n::Lang::Es, || {
            let result = s.validate();
            let message = result.as_ref().map_err(ToString::to_string).err();
            (result, message)
        })
    else {
        panic!("accepted");
    };
    assert_eq!(es[1].1, "\"euro\" no es un código de moneda como EUR");
    assert_eq!(
        es[2].1,
        "\"101\" no es un tasa de impuesto: usa un número del 0 al 100"
    );
    assert!(
        message.is_some_and(|m| m.starts_with("Ajustes no válidos: shop_email: ")),
        "the whole error in Spanish too"
    );
    for rate in ["0", "21", "5.5", "100"] {
        s = Settings::default();
        s.shop.default_tax_rate = rate.into();
        assert!(s.validate().is_ok(), "{rate}");
    }
    for rate in ["-1", "100.01", "abc", ""] {
        s.shop.default_tax_rate = rate.into();
        assert!(s.validate().is_err(), "{rate}");
    }
}

#[test]
fn one_key_at_a_time_as_the_cli_sets_them() {
    let s = Settings::default();
    assert_eq!(s.get_key("currency"), Some(json!("EUR")));
    assert_eq!(s.get_key("document_prefixes.invoice"), Some(json!("INV")));
    assert_eq!(s.get_key("listen_port"), Some(json!(8787)));
    assert_eq!(s.get_key("nope"), None);

    let s = s.with_key("currency", "USD").unwrap();
    assert_eq!(s.shop.currency, "USD");
    let s = s.with_key("document_prefixes.invoice", "FAC").unwrap();
    assert_eq!(s.shop.document_prefixes.invoice, "FAC");
    let s = s.with_key("listen_port", "9000").unwrap();
    assert_eq!(s.listen_port, 9000);
    // A text setting keeps a number as text.
    let s = s.with_key("default_tax_rate", "21").unwrap();
    assert_eq!(s.shop.default_tax_rate, "21");
    let s = s.with_key("outbox_rate", "null").unwrap();
    assert_eq!(s.outbox_rate, None);

    let unknown = s.with_key("colour", "blue").unwrap_err().to_string();
    assert!(
        unknown.starts_with("colour: there is no such setting"),
        "{unknown}"
    );
    let wrong = s.with_key("listen_port", "high").unwrap_err().to_string();
    assert!(wrong.starts_with("listen_port: "), "{wrong}");
    let invalid = s.with_key("currency", "euro").unwrap_err().to_string();
    assert!(invalid.contains("currency"), "{invalid}");
}

#[test]
fn concurrent_updates_are_serialised_and_none_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = Settings::file(dir.path());
    let start = Settings {
        listen_port: 10_000,
        ..Settings::default()
    };
    start.save(&path).unwrap();
    // Eight writers (threads here; the app and the CLI in life: the lock is a file lock)
    // each add one to the port ten times.
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..10 {
                    Settings::update(&path, |mut current| {
                        current.listen_port += 1;
                        Ok(current)
                    })
                    .unwrap();
                }
            });
        }
    });
    assert_eq!(Settings::load(&path).unwrap().listen_port, 10_080);
    // Nothing written aside is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
