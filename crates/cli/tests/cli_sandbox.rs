//! Process-level tests of the `shopchat` binary: every test runs the real executable on a fresh
//! data dir, listens on 127.0.0.1 only, and kills what it started even when it fails.
//!
//! Sandbox mode (`sandbox say`, `send --sandbox`), and clean stops on SIGTERM.

mod support;

use std::time::{Duration, Instant};

use serde_json::Value;
use support::*;

// 4. ---------------------------------------------------------------------------------------------

#[test]
fn sandbox_say_send_and_statuses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let server = Server::start(d, &["--sandbox"], &[]);
    let runtime: Value = serde_json::from_slice(
        &std::fs::read(d.join("sandbox").join("runtime.json")).expect("sandbox/runtime.json"),
    )
    .expect("runtime.json is JSON");
    assert_eq!(runtime["mode"], "sandbox");
    assert_eq!(runtime["webhook_url"], server.webhook_url());

    let out = run(&[
        "sandbox",
        "say",
        "--data-dir",
        ds,
        "--from",
        CUSTOMER,
        "--text",
        "Hi shop",
    ]);
    out.ok();
    let said = wait_for(Duration::from_secs(5), "the customer's message", || {
        messages(d, CUSTOMER, &["--sandbox"])
            .into_iter()
            .find(|m| m["text"] == "Hi shop")
    });
    assert_eq!(said["direction"], "in");
    assert_eq!(said["status"], "received");
    assert_eq!(said["contact"], CUSTOMER);
    assert!(
        said["wamid"]
            .as_str()
            .is_some_and(|w| w.starts_with("wamid."))
    );
    let contact = contacts(d, &["--sandbox"])
        .into_iter()
        .find(|c| c["wa_id"] == CUSTOMER)
        .expect("the customer is a contact");
    assert_eq!(contact["unread"], 1);

    let out = run(&[
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        "--to",
        CUSTOMER,
        "--text",
        "Hello back",
    ]);
    let id: i64 = out.ok().trim().parse().expect("send prints a numeric id");
    let read = wait_status(
        d,
        CUSTOMER,
        &["--sandbox"],
        id,
        "read",
        Duration::from_secs(10),
    );
    assert_eq!(read["direction"], "out");
    assert_eq!(read["text"], "Hello back");
    assert!(
        read["wamid"]
            .as_str()
            .is_some_and(|w| w.starts_with("wamid."))
    );

    // Both are found by full-text search, newest first; the query is text, not syntax.
    let found = run(&[
        "search",
        "--sandbox",
        "--data-dir",
        ds,
        "--json",
        "HELLO BACK",
    ])
    .json();
    let found = found.as_array().expect("search --json is a list");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["message"]["id"], id);
    let found = run(&["search", "--sandbox", "--data-dir", ds, "--json", "h"]).json();
    let texts: Vec<&str> = found
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|h| h["message"]["text"].as_str())
        .filter(|t| *t == "Hello back" || *t == "Hi shop")
        .collect();
    assert_eq!(texts, ["Hello back", "Hi shop"]);
    let people = run(&["search", "--sandbox", "--data-dir", ds, "shop"]);
    assert!(people.ok().contains("Hi shop"), "{}", people.stdout);
    let nothing = run(&["search", "--sandbox", "--data-dir", ds, "\"*\""]);
    let line = nothing.one_line_error();
    assert!(line.contains("no word to search for"), "{line}");

    // The sandbox has its own database: the live one saw none of this.
    assert!(messages(d, CUSTOMER, &[]).is_empty());
    assert!(contacts(d, &[]).is_empty());
    drop(server);
}

// 6. ---------------------------------------------------------------------------------------------

#[test]
fn sigterm_stops_the_sandbox_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let runtime = dir.path().join("sandbox").join("runtime.json");
    let server = Server::start(dir.path(), &["--sandbox"], &[]);
    assert!(runtime.exists(), "no sandbox/runtime.json while serving");
    let info: Value =
        serde_json::from_slice(&std::fs::read(&runtime).expect("read runtime.json")).expect("JSON");
    assert_eq!(info["pid"], server.pid());
    assert_eq!(info["listen"], server.addr.to_string());

    // A second engine on the same data dir is refused, and leaves the first one's runtime.json.
    let out = run(&[
        "serve",
        "--sandbox",
        "--data-dir",
        path_str(dir.path()),
        "--listen",
        "127.0.0.1:0",
    ]);
    let line = out.one_line_error();
    assert!(line.contains("already running"), "{line}");
    let again: Value =
        serde_json::from_slice(&std::fs::read(&runtime).expect("read runtime.json")).expect("JSON");
    assert_eq!(again, info);
    let started = Instant::now();
    let stopped = server.terminate(Duration::from_secs(10));
    assert!(stopped.status.success(), "{stopped:?}");
    assert_eq!(stopped.status.code(), Some(0));
    assert!(
        !runtime.exists(),
        "sandbox/runtime.json is left after SIGTERM"
    );
    assert!(stopped.stdout.contains("Stopping"), "{stopped:?}");
    eprintln!("SIGTERM to exit: {:?}", started.elapsed());
}

#[test]
fn sigterm_stops_live_serve_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let runtime = dir.path().join("runtime.json");
    let server = Server::start(dir.path(), &[], &crash_env());
    assert!(runtime.exists(), "no runtime.json while serving");
    let stopped = server.terminate(Duration::from_secs(10));
    assert_eq!(stopped.status.code(), Some(0), "{stopped:?}");
    assert!(!runtime.exists(), "runtime.json is left after SIGTERM");
}

#[test]
fn sigterm_right_after_the_listening_line_is_clean() {
    // The window is narrow: several servers at once make it likely to be hit.
    let threads: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..5 {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let runtime = dir.path().join("runtime.json");
                    let server = Server::start(dir.path(), &[], &crash_env());
                    let stopped = server.terminate(Duration::from_secs(10));
                    assert_eq!(stopped.status.code(), Some(0), "{stopped:?}");
                    assert!(!runtime.exists(), "runtime.json is left after SIGTERM");
                }
            })
        })
        .collect();
    // Join them all before failing, so that every server is stopped.
    let failed = threads.into_iter().filter_map(|t| t.join().err()).count();
    assert_eq!(failed, 0, "{failed} of 6 threads saw an unclean SIGTERM");
}

#[test]
fn sandbox_say_after_a_crash_points_at_serve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Server::start(dir.path(), &["--sandbox"], &[]);
    server.kill();
    let out = run(&[
        "sandbox",
        "say",
        "--data-dir",
        path_str(dir.path()),
        "--from",
        CUSTOMER,
        "--text",
        "hi",
    ]);
    let line = out.one_line_error();
    assert!(line.contains("shopchat serve --sandbox"), "{line}");
}
