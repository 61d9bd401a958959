//! Process-level tests of the `shopchat` binary: every test runs the real executable on a fresh
//! data dir, listens on 127.0.0.1 only, and kills what it started even when it fails.
//!
//! Refused input: live mode without credentials, and bad arguments, each with a one-line reason.

mod support;

use std::time::Duration;

use support::*;

// 1. ---------------------------------------------------------------------------------------------

#[test]
fn live_serve_without_credentials_names_every_missing_variable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&[
        "serve",
        "--data-dir",
        path_str(dir.path()),
        "--listen",
        "127.0.0.1:0",
    ]);
    let line = out.one_line_error();
    assert!(
        out.elapsed < Duration::from_secs(5),
        "took {:?}",
        out.elapsed
    );
    for var in [
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
        "WHATSAPP_PHONE_NUMBER_ID",
    ] {
        assert!(line.contains(var), "{var} is not named: {line}");
    }
    assert!(line.contains("--sandbox"), "no hint at --sandbox: {line}");
    assert!(
        !out.stdout.contains("listening"),
        "it claimed to listen: {}",
        out.stdout
    );
    assert!(!dir.path().join("runtime.json").exists());
}

// 2. ---------------------------------------------------------------------------------------------

#[test]
fn bad_input_fails_with_a_one_line_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_str(dir.path());

    let out = run(&["messages", "--data-dir", d, "--contact", "not-a-number"]);
    let line = out.one_line_error();
    assert!(line.contains("not-a-number"), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    let out = run(&["send", "--data-dir", d, "--to", "123", "--text", "hi"]);
    let line = out.one_line_error();
    assert!(line.contains("\"123\""), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    let out = run(&["send", "--data-dir", d, "--to", CUSTOMER, "--text", ""]);
    let line = out.one_line_error();
    assert!(line.contains("empty"), "{line}");
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    let out = run(&[
        "serve",
        "--data-dir",
        d,
        "--sandbox",
        "--listen",
        "nonsense",
    ]);
    let line = out.one_line_error();
    assert!(line.contains("nonsense"), "{line}");
    assert!(!out.stdout.contains("listening"), "{}", out.stdout);

    let out = run(&[
        "sandbox",
        "say",
        "--data-dir",
        d,
        "--from",
        CUSTOMER,
        "--text",
        "hi",
    ]);
    let line = out.one_line_error();
    assert!(line.contains("shopchat serve --sandbox"), "{line}");

    // Nothing was queued by the refused sends.
    assert!(messages(dir.path(), CUSTOMER, &[]).is_empty());
}
