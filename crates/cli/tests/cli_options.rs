//! The command line's shape: the global options work with every verb, before or after it; the
//! help lists every verb and shows an example for each; a refused command line is one line in
//! the same style as every other error.

mod support;

use support::*;

/// Every verb, as `shopchat --help` must list it.
const VERBS: &[&str] = &[
    "serve",
    "contacts",
    "messages",
    "send",
    "templates",
    "search",
    "sandbox",
    "credentials",
    "settings",
    "documents",
    "accounts",
    "bot",
];

#[test]
fn the_global_options_go_before_or_after_any_verb() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = path_str(dir.path());
    let before = run(&["--sandbox", "--data-dir", d, "contacts", "--json"]);
    assert!(before.status.success(), "{}", before.stderr);
    let after = run(&["contacts", "--json", "--data-dir", d, "--sandbox"]);
    assert!(after.status.success(), "{}", after.stderr);
    assert_eq!(before.stdout, after.stdout);

    let nested = run(&["templates", "list", "--data-dir", d, "--sandbox", "--json"]);
    assert!(nested.status.success(), "{}", nested.stderr);

    // The keystore verbs take them too (the keystore is the OS user's, whichever the data dir);
    // whether a keystore is reachable here is not this test's business, only that clap accepts
    // the options.
    for args in [
        vec!["credentials", "list", "--data-dir", d],
        vec!["--data-dir", d, "credentials", "list", "--sandbox"],
    ] {
        let out = run(&args);
        assert!(
            !out.stderr.contains("unexpected argument"),
            "{args:?} was refused: {}",
            out.stderr
        );
    }

    // `sandbox say` finds the sandbox engine of the global data dir (none runs here).
    let say = run(&[
        "--data-dir",
        d,
        "sandbox",
        "say",
        "--from",
        CUSTOMER,
        "--text",
        "hi",
    ]);
    assert!(say.one_line_error().contains(d), "{}", say.stderr);
}

#[test]
fn the_help_lists_every_verb_and_each_verb_shows_an_example() {
    let help = run(&["--help"]);
    assert!(help.status.success(), "{}", help.stderr);
    for verb in VERBS {
        let line = help
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{verb} ")))
            .unwrap_or_else(|| panic!("{verb} is not listed:\n{}", help.stdout));
        let purpose = line.trim_start()[verb.len()..].trim();
        assert!(!purpose.is_empty(), "{verb} has no purpose line");
        let own = run(&[verb, "--help"]);
        assert!(own.status.success(), "{verb}: {}", own.stderr);
        assert!(
            own.stdout.contains("Example:\n  shopchat "),
            "{verb} --help has no example:\n{}",
            own.stdout
        );
        assert!(own.stdout.contains("--data-dir"), "{verb}: {}", own.stdout);
        assert!(own.stdout.contains("--sandbox"), "{verb}: {}", own.stdout);
    }
}

#[test]
fn a_refused_command_line_is_one_line_like_every_other_error() {
    let out = run(&["contacts", "--no-such-option"]);
    assert_eq!(out.status.code(), Some(2), "{}", out.stderr);
    let line = out.one_line_error();
    assert!(line.starts_with("shopchat: "), "{line}");
    assert!(line.contains("--no-such-option"), "{line}");
    assert!(line.contains("'shopchat contacts --help'"), "{line}");

    let d = tempfile::tempdir().expect("tempdir");
    let out = run(&[
        "--data-dir",
        path_str(d.path()),
        "templates",
        "list",
        "--bogus",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", out.stderr);
    let line = out.one_line_error();
    assert!(line.contains("'shopchat templates list --help'"), "{line}");

    let out = run(&["no-such-verb"]);
    assert_eq!(out.status.code(), Some(2), "{}", out.stderr);
    assert!(
        out.one_line_error().starts_with("shopchat: "),
        "{}",
        out.stderr
    );
}

/// `shopchat templates list | head -0`: the reader has gone before anything is printed (the
/// command first opens its database, so the hang-up comes first); the command stops quietly (no
/// panic on standard error) with success, as other command-line tools do.
#[test]
fn a_reader_that_goes_away_stops_the_output_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopchat"))
        .args([
            "templates",
            "list",
            "--sandbox",
            "--data-dir",
            path_str(dir.path()),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shopchat runs");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    let status = child.wait().expect("exits");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{status:?}: {stderr}");
}
