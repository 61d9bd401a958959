//! `shopchat settings`: the settings file one key at a time, checked by the app's schema.

mod support;

use support::*;

#[test]
fn settings_are_read_and_written_one_key_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_str(dir.path());

    let got = run(&["settings", "get", "currency", "--data-dir", d]);
    assert!(got.status.success(), "{}", got.stderr);
    assert_eq!(got.stdout.trim(), "EUR");

    let set = run(&[
        "--data-dir",
        d,
        "settings",
        "set",
        "document_prefixes.invoice",
        "FAC",
    ]);
    assert!(set.status.success(), "{}", set.stderr);
    assert_eq!(set.stdout.trim(), "document_prefixes.invoice = FAC");
    let set = run(&["--data-dir", d, "settings", "set", "default_tax_rate", "21"]);
    assert!(set.status.success(), "{}", set.stderr);

    let list = run(&["--data-dir", d, "settings", "list", "--json"]).json();
    assert_eq!(list["document_prefixes"]["invoice"], "FAC");
    assert_eq!(list["document_prefixes"]["quote"], "QUO");
    assert_eq!(list["default_tax_rate"], "21");
    assert_eq!(list["listen_port"], 8787);
    // The file is the one the desktop app reads.
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("settings.json")).unwrap()).unwrap();
    assert_eq!(file["document_prefixes"]["invoice"], "FAC");

    let plain = run(&["--data-dir", d, "settings", "list"]);
    assert!(
        plain.stdout.lines().any(|l| l == "currency = EUR"),
        "{}",
        plain.stdout
    );
}

#[test]
fn a_bad_setting_is_one_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_str(dir.path());
    for (key, value, named) in [
        ("currency", "euros", "currency"),
        ("default_tax_rate", "150", "default_tax_rate"),
        ("colour", "blue", "colour"),
        ("listen_port", "high", "listen_port"),
        ("document_prefixes.invoice", "in v", "document_prefixes"),
    ] {
        let out = run(&["--data-dir", d, "settings", "set", key, value]);
        let line = out.one_line_error();
        assert!(line.starts_with("shopchat: "), "{line}");
        assert!(line.contains(named), "{key}: {line}");
    }
    assert!(!dir.path().join("settings.json").exists());
    let out = run(&["--data-dir", d, "settings", "get", "colour"]);
    assert!(out.one_line_error().contains("colour"), "{}", out.stderr);
}
