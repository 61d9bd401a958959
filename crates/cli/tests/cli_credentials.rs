//! `shopchat credentials` against a real Secret Service, on the entries the desktop app reads.
//! `scripts/test` runs it under `dbus-run-session` with a throwaway gnome-keyring (see
//! `crates/core/tests/secret_service.rs`); ignored otherwise, since it clears Shopchat's entries.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use shopchat_core::secrets::{Keystore, SecretName};

fn shopchat(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopchat"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shopchat runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("shopchat ends")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
#[ignore = "needs a throwaway Secret Service: scripts/test runs it under dbus-run-session"]
fn set_list_clear_through_the_real_secret_service() {
    assert_eq!(
        std::env::var("SHOPCHAT_TEST_SECRET_SERVICE").as_deref(),
        Ok("1"),
        "refusing to touch this session's Secret Service: run through scripts/test"
    );
    let out = shopchat(&["credentials", "clear"], "");
    assert!(out.status.success(), "{}", text(&out));

    let value = "cli-real-ss-token-4e1f";
    let out = shopchat(
        &["credentials", "set", "whatsapp-access-token"],
        &format!("{value}\n"),
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains(value));

    // The desktop app reads the same entry.
    let keystore = Keystore::platform().expect("a Secret Service");
    let stored = keystore.get(SecretName::AccessToken).unwrap().unwrap();
    assert_eq!(stored.expose(), value);

    let out = shopchat(&["credentials", "list"], "");
    assert!(out.status.success(), "{}", text(&out));
    let listing = text(&out);
    assert!(!listing.contains(value), "{listing}");
    let line = |name: &str| {
        listing
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} not listed: {listing}"))
            .to_owned()
    };
    assert!(!line("whatsapp-access-token").ends_with("not set"));
    assert!(line("whatsapp-app-secret").ends_with("not set"));

    // An empty value and an unknown name are refused; nothing changes.
    let out = shopchat(&["credentials", "set", "whatsapp-app-secret"], "\n");
    assert!(!out.status.success());
    assert!(text(&out).contains("empty"), "{}", text(&out));
    let out = shopchat(&["credentials", "set", "password"], "x\n");
    assert!(!out.status.success());
    assert!(!keystore.is_set(SecretName::AppSecret).unwrap());

    let out = shopchat(&["credentials", "clear"], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(keystore.get(SecretName::AccessToken).unwrap().is_none());
}
