//! Process-level tests of the `shopchat` binary: every test runs the real executable on a fresh
//! data dir, listens on 127.0.0.1 only, and kills what it started even when it fails.
//!
//! Live mode against a mock Graph API (wiremock): send, signed statuses and inbound webhooks,
//! the JSON shapes the CLI promises, and no secret ever written to disk or printed.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use fake_graph::payloads;
use serde_json::{Value, json};
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set(names: &[&'static str]) -> BTreeSet<&'static str> {
    names.iter().copied().collect()
}

fn assert_no_secrets(where_: &str, bytes: &[u8]) {
    for secret in [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN] {
        assert!(
            !contains_bytes(bytes, secret.as_bytes()),
            "a secret ({secret}) leaked into {where_}"
        );
    }
}

fn assert_data_dir_has_no_secrets(data_dir: &Path) {
    let files = files_below(data_dir);
    assert!(!files.is_empty(), "the data dir is empty");
    for file in files {
        // A file may vanish between listing and reading (SQLite's -shm/-wal at shutdown).
        if let Ok(bytes) = std::fs::read(&file) {
            assert_no_secrets(&file.display().to_string(), &bytes);
        }
    }
}

// 3. ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_send_and_statuses_through_a_mock_graph_api() {
    const WAMID: &str = "wamid.HBgLMTU1NTAxMjM0NTYVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";
    let graph = MockServer::start().await;
    let send_path = format!("/v24.0/{PHONE_NUMBER_ID}/messages");
    Mock::given(method("POST"))
        .and(path(send_path.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
            "messages": [{"id": WAMID}],
        })))
        .mount(&graph)
        .await;
    assert!(
        graph.uri().starts_with("http://127.0.0.1:"),
        "{}",
        graph.uri()
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let env = live_env(&graph.uri());
    let server = Server::start(d, &[], &env);
    let runtime: Value = serde_json::from_slice(
        &std::fs::read(d.join("runtime.json")).expect("runtime.json while serving"),
    )
    .expect("runtime.json is JSON");
    assert_eq!(runtime["mode"], "live");
    assert_eq!(runtime["pid"], server.pid());

    let send_hello = || {
        run(&[
            "send",
            "--data-dir",
            path_str(d),
            "--to",
            CUSTOMER,
            "--text",
            "Hello",
        ])
    };
    // A customer who has not written yet: free-form messages are refused before any request.
    let refused = send_hello();
    let line = refused.one_line_error();
    assert!(line.starts_with("shopchat: outside_window: "), "{line}");
    assert!(line.contains("template"), "{line}");

    // The customer writes first, which opens the 24-hour window.
    let http = http();
    let url = server.webhook_url();
    let opening = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Test Customer",
        "wamid.TESTINBOUND0000",
        now_secs() - 60,
        "Is my order ready?",
    );
    assert_eq!(
        post_signed(&http, &url, APP_SECRET, &opening).await,
        reqwest::StatusCode::OK
    );
    wait_for(Duration::from_secs(5), "the opening message", || {
        (messages(d, CUSTOMER, &[]).len() == 1).then_some(())
    });

    // Send: the CLI queues, the running engine sends.
    let out = send_hello();
    let id: i64 = out
        .ok()
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("send should print a numeric id ({e}): {:?}", out.stdout));
    let queued_at = Instant::now();
    let mut latency = None;
    while queued_at.elapsed() < Duration::from_secs(3) {
        let got = graph.received_requests().await.unwrap_or_default();
        if !got.is_empty() {
            latency = Some(queued_at.elapsed());
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let latency = latency.expect("the mock Graph API got no request within 3 s of `send`");
    eprintln!("the send reached the Graph API {latency:?} after `shopchat send` returned");
    // No second request (a retry or a duplicate) shortly after.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let requests = graph.received_requests().await.unwrap_or_default();
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request: {requests:#?}"
    );
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), send_path);
    let auth = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    assert_eq!(auth, Some(format!("Bearer {ACCESS_TOKEN}").as_str()));
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let mut body: Value = serde_json::from_slice(&request.body).expect("the send body is JSON");
    // `shopchat:<this database's id>:<message id>`, echoed by Meta in the message's statuses.
    let callback = body["biz_opaque_callback_data"].take();
    let callback = callback.as_str().unwrap_or_default();
    assert!(
        callback.starts_with("shopchat:") && callback.ends_with(&format!(":{id}")),
        "{callback}"
    );
    body.as_object_mut()
        .expect("an object")
        .remove("biz_opaque_callback_data");
    assert_eq!(
        body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": CUSTOMER,
            "type": "text",
            "text": {"body": "Hello", "preview_url": false}
        })
    );

    let sent = wait_status(d, CUSTOMER, &[], id, "sent", Duration::from_secs(5));
    assert_eq!(sent["wamid"], WAMID);
    assert_eq!(sent["direction"], "out");
    assert_eq!(sent["text"], "Hello");
    assert_eq!(sent["type"], "text");
    assert_eq!(sent["contact"], CUSTOMER);
    assert!(sent["error"].is_null(), "{sent}");

    // A webhook signed with another secret is refused and changes nothing.
    let ts = now_secs();
    let delivered = payloads::status(
        WABA_ID,
        PHONE_NUMBER_ID,
        WAMID,
        CUSTOMER,
        "delivered",
        ts,
        None,
    );
    let status = post_signed(&http, &url, "not-the-app-secret", &delivered).await;
    assert_eq!(status, reqwest::StatusCode::FORBIDDEN);
    let unsigned = http
        .post(&url)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&delivered).expect("JSON"))
        .send()
        .await
        .expect("POST unsigned")
        .status();
    assert_eq!(unsigned, reqwest::StatusCode::FORBIDDEN);

    // Signed statuses move it forward.
    assert_eq!(
        post_signed(&http, &url, APP_SECRET, &delivered).await,
        reqwest::StatusCode::OK
    );
    wait_status(d, CUSTOMER, &[], id, "delivered", Duration::from_secs(5));
    let read = payloads::status(
        WABA_ID,
        PHONE_NUMBER_ID,
        WAMID,
        CUSTOMER,
        "read",
        ts + 1,
        None,
    );
    assert_eq!(
        post_signed(&http, &url, APP_SECRET, &read).await,
        reqwest::StatusCode::OK
    );
    wait_status(d, CUSTOMER, &[], id, "read", Duration::from_secs(5));
    // A late `delivered` never moves it back.
    assert_eq!(
        post_signed(&http, &url, APP_SECRET, &delivered).await,
        reqwest::StatusCode::OK
    );

    // The customer answers: the contact gets its name, an unread count and a last inbound time.
    let inbound_ts = now_secs();
    let inbound = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Test Customer",
        "wamid.TESTINBOUND0001",
        inbound_ts,
        "Thanks!",
    );
    assert_eq!(
        post_signed(&http, &url, APP_SECRET, &inbound).await,
        reqwest::StatusCode::OK
    );
    let list = wait_for(Duration::from_secs(5), "the inbound message", || {
        let list = messages(d, CUSTOMER, &[]);
        (list.len() == 3).then_some(list)
    });

    // The JSON shapes the CLI promises.
    let message_keys = set(&[
        "id",
        "wamid",
        "contact",
        "direction",
        "type",
        "text",
        "status",
        "timestamp",
        "error",
        "media",
        "content",
        "reply_to",
        "reactions",
        "forwarded",
        "auto",
        "class",
        "origin",
    ]);
    for m in &list {
        assert_eq!(keys(m), message_keys, "{m}");
        assert!(m["id"].is_i64() && m["timestamp"].is_i64(), "{m}");
    }
    let out_msg = find_by_id(&list, id).expect("the sent message");
    assert_eq!(out_msg["status"], "read", "a late delivered moved it back");
    assert_eq!(out_msg["wamid"], WAMID);
    let in_msg = list
        .iter()
        .find(|m| m["direction"] == "in" && m["text"] == "Thanks!")
        .expect("the inbound message");
    assert_eq!(in_msg["wamid"], "wamid.TESTINBOUND0001");
    assert_eq!(in_msg["status"], "received");
    assert_eq!(in_msg["text"], "Thanks!");
    assert_eq!(in_msg["timestamp"], inbound_ts);
    assert_eq!(in_msg["contact"], CUSTOMER);

    let contacts = contacts(d, &[]);
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    let c = &contacts[0];
    // The contract's fields, then the workspace's (labels, notes, pin, archive, block).
    assert_eq!(
        keys(c),
        set(&[
            "wa_id",
            "name",
            "unread",
            "last_inbound_at",
            "custom_name",
            "number",
            "labels",
            "notes",
            "pinned",
            "archived",
            "marked_unread",
            "blocked",
            "opted_out",
        ]),
        "{c}"
    );
    assert_eq!(c["wa_id"], CUSTOMER);
    assert_eq!(c["name"], "Test Customer");
    assert_eq!(c["unread"], 2);
    assert_eq!(c["last_inbound_at"], inbound_ts);

    // Still exactly one request to the Graph API.
    assert_eq!(graph.received_requests().await.unwrap_or_default().len(), 1);

    // No secret on disk while serving, nor in anything serve printed, nor on disk after it stopped.
    assert_data_dir_has_no_secrets(d);
    let stopped = server.terminate(Duration::from_secs(10));
    assert!(stopped.status.success(), "SIGTERM: {stopped:?}");
    assert!(
        !d.join("runtime.json").exists(),
        "runtime.json is left after SIGTERM"
    );
    assert_no_secrets("serve's stdout", stopped.stdout.as_bytes());
    assert_no_secrets("serve's stderr", stopped.stderr.as_bytes());
    assert_data_dir_has_no_secrets(d);
}
