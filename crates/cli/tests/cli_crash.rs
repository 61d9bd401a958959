//! Process-level tests of the `shopchat` binary: every test runs the real executable on a fresh
//! data dir, listens on 127.0.0.1 only, and kills what it started even when it fails.
//!
//! Crash safety: a webhook acknowledged with 200 survives a SIGKILL right after, exactly once,
//! across restarts.

mod support;

use std::time::Duration;

use fake_graph::payloads;
use serde_json::Value;
use support::*;

// 5. ---------------------------------------------------------------------------------------------

fn inbound(wamid: &str, text: &str) -> Value {
    payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Crash Tester",
        wamid,
        now_secs(),
        text,
    )
}

/// Posts a signed webhook and SIGKILLs the server the moment its 200 is in.
async fn post_then_kill(server: Server, body: &Value) {
    let status = post_signed(&http(), &server.webhook_url(), APP_SECRET, body).await;
    let stopped = server.kill();
    assert_eq!(status, reqwest::StatusCode::OK, "{stopped:?}");
}

fn wamids(list: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = list
        .iter()
        .map(|m| m["wamid"].as_str().unwrap_or_default().to_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_acknowledged_before_a_sigkill_survive_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let env = crash_env();
    let mut expected: Vec<String> = Vec::new();
    let mut replayed = 0;
    let mut server = Server::start(d, &[], &env);
    for i in 0..5 {
        let wamid = format!("wamid.CRASHTEST{i:04}{}", now_secs());
        post_then_kill(server, &inbound(&wamid, &format!("crash {i}"))).await;
        // Whether the killed engine got to apply it, or only journaled it (then the restart must).
        let before_restart = messages(d, CUSTOMER, &[]);
        if !before_restart.iter().any(|m| m["wamid"] == wamid.as_str()) {
            replayed += 1;
        }
        expected.push(wamid);
        expected.sort();
        server = Server::start(d, &[], &env);
        let got = wait_for(
            Duration::from_secs(5),
            &format!("{} messages after restart {i}", expected.len()),
            || {
                let list = messages(d, CUSTOMER, &[]);
                (list.len() >= expected.len()).then_some(list)
            },
        );
        assert_eq!(wamids(&got), expected, "after restart {i}");
    }

    eprintln!("{replayed} of 5 killed webhooks were applied only after the restart");

    // The same webhook twice, across a kill and a restart: still one message.
    let wamid = format!("wamid.CRASHDUP{}", now_secs());
    let dup = inbound(&wamid, "twice");
    post_then_kill(server, &dup).await;
    let server = Server::start(d, &[], &env);
    let http = http();
    assert_eq!(
        post_signed(&http, &server.webhook_url(), APP_SECRET, &dup).await,
        reqwest::StatusCode::OK
    );
    // Events are applied in the order they were journaled: once a later one shows, the duplicate
    // was dealt with.
    let sentinel = format!("wamid.CRASHSENTINEL{}", now_secs());
    assert_eq!(
        post_signed(
            &http,
            &server.webhook_url(),
            APP_SECRET,
            &inbound(&sentinel, "after")
        )
        .await,
        reqwest::StatusCode::OK
    );
    expected.push(wamid);
    expected.push(sentinel.clone());
    expected.sort();
    let got = wait_for(Duration::from_secs(5), "the sentinel message", || {
        let list = messages(d, CUSTOMER, &[]);
        list.iter()
            .any(|m| m["wamid"] == sentinel.as_str())
            .then_some(list)
    });
    assert_eq!(wamids(&got), expected);
    let stopped = server.terminate(Duration::from_secs(10));
    assert!(stopped.status.success(), "{stopped:?}");

    // A last look, after a clean stop: every message once, all received.
    let server = Server::start(d, &[], &env);
    let list = messages(d, CUSTOMER, &[]);
    assert_eq!(wamids(&list), expected);
    assert!(
        list.iter()
            .all(|m| m["status"] == "received" && m["direction"] == "in")
    );
    let c = contacts(d, &[]);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0]["unread"], expected.len());
    drop(server);
}
