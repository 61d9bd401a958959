//! Process-level tests of the `shopchat` binary: every test runs the real executable on a fresh
//! data dir, listens on 127.0.0.1 only, and kills what it started even when it fails.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shopchat_core::sandbox::payloads;
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CUSTOMER: &str = "15550123456";

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

fn find_by_id(list: &[Value], id: i64) -> Option<&Value> {
    list.iter().find(|m| m["id"].as_i64() == Some(id))
}

/// Waits until message `id` of `contact` has `status`; returns it.
fn wait_status(
    data_dir: &Path,
    contact: &str,
    extra: &[&str],
    id: i64,
    status: &str,
    timeout: Duration,
) -> Value {
    let mut last = Value::Null;
    let found = wait_for_opt(timeout, || {
        let list = messages(data_dir, contact, extra);
        let m = find_by_id(&list, id).cloned();
        if let Some(m) = &m {
            last = m.clone();
        }
        m.filter(|m| m["status"] == status)
    });
    found.unwrap_or_else(|| {
        panic!("message {id} did not reach {status:?} within {timeout:?}; last seen: {last}")
    })
}

fn wait_for_opt<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
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

    // Send: the CLI queues, the running engine sends.
    let out = run(&[
        "send",
        "--data-dir",
        path_str(d),
        "--to",
        CUSTOMER,
        "--text",
        "Hello",
    ]);
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
    let body: Value = serde_json::from_slice(&request.body).expect("the send body is JSON");
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
    let http = http();
    let url = server.webhook_url();
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
        (list.len() == 2).then_some(list)
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
        .find(|m| m["direction"] == "in")
        .expect("the inbound message");
    assert_eq!(in_msg["wamid"], "wamid.TESTINBOUND0001");
    assert_eq!(in_msg["status"], "received");
    assert_eq!(in_msg["text"], "Thanks!");
    assert_eq!(in_msg["timestamp"], inbound_ts);
    assert_eq!(in_msg["contact"], CUSTOMER);

    let contacts = contacts(d, &[]);
    assert_eq!(contacts.len(), 1, "{contacts:?}");
    let c = &contacts[0];
    assert_eq!(
        keys(c),
        set(&["wa_id", "name", "unread", "last_inbound_at"]),
        "{c}"
    );
    assert_eq!(c["wa_id"], CUSTOMER);
    assert_eq!(c["name"], "Test Customer");
    assert_eq!(c["unread"], 1);
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

    // The sandbox has its own database: the live one saw none of this.
    assert!(messages(d, CUSTOMER, &[]).is_empty());
    assert!(contacts(d, &[]).is_empty());
    drop(server);
}

// 5. ---------------------------------------------------------------------------------------------

/// Live mode, with a Graph URL that nothing listens on (no send is ever made).
fn crash_env() -> Vec<(&'static str, String)> {
    live_env("http://127.0.0.1:9")
}

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
