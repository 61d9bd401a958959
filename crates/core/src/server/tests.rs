//! The webhook contract, over real HTTP on port 0.

use reqwest::StatusCode;
use serde_json::json;

use super::*;
use crate::inbox::Inbox;
use crate::spool::{self, SpoolConfig};
use crate::store::{Store, journal};

const SECRET: &str = "test-app-secret";
const VERIFY: &str = "test-verify-token";

struct Server {
    _dir: tempfile::TempDir,
    store: Store,
    spool: Spool,
    addr: std::net::SocketAddr,
    url: String,
    http: reqwest::Client,
}

async fn start() -> Server {
    start_with(BODY_TIMEOUT).await
}

/// The server over a real store and spool, with the spool's mover running.
async fn start_with(body_timeout: Duration) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (spool, mover) = Spool::open(&spool::dir(dir.path()), 0, SpoolConfig::default()).unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(mover.run(store.clone(), Inbox::new(), stop));
    let app = router(
        WebhookState::new(
            spool.clone(),
            SECRET.to_owned().into(),
            VERIFY.to_owned().into(),
            "live",
        )
        .with_body_timeout(body_timeout),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Server {
        _dir: dir,
        store,
        spool,
        addr,
        url: format!("http://{addr}"),
        http: reqwest::Client::new(),
    }
}

impl Server {
    async fn post(&self, body: &[u8], signature: Option<&str>) -> (StatusCode, String) {
        let mut req = self
            .http
            .post(format!("{}/webhook", self.url))
            .body(body.to_vec());
        if let Some(s) = signature {
            req = req.header("X-Hub-Signature-256", s);
        }
        let resp = req.send().await.unwrap();
        (resp.status(), resp.text().await.unwrap())
    }

    /// Events in the journal, once the mover has copied everything on disk in the spool.
    async fn journaled(&self) -> i64 {
        let durable = self.spool.durable();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while self.store.read(spool::mover_cursor).await.unwrap() < durable {
            assert!(
                std::time::Instant::now() < deadline,
                "the mover never caught up"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        self.store.read(journal::counts).await.unwrap().0
    }

    async fn handshake(&self, query: &str) -> (StatusCode, String) {
        let resp = self
            .http
            .get(format!("{}/webhook?{query}", self.url))
            .send()
            .await
            .unwrap();
        (resp.status(), resp.text().await.unwrap())
    }
}

#[tokio::test]
async fn handshake_answers_the_challenge_only_to_the_right_token() {
    let s = start().await;
    assert_eq!(
        s.handshake(&format!(
            "hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444"
        ))
        .await,
        (StatusCode::OK, "1158201444".to_owned())
    );
    for q in [
        "hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
        "hub.mode=subscribe&hub.verify_token=test-verify-toke&hub.challenge=1",
        &format!("hub.mode=unsubscribe&hub.verify_token={VERIFY}&hub.challenge=1"),
        &format!("hub.verify_token={VERIFY}&hub.challenge=1"),
        "hub.mode=subscribe&hub.challenge=1",
        &format!("hub.mode=subscribe&hub.verify_token={VERIFY}"),
        "",
    ] {
        assert_eq!(s.handshake(q).await.0, StatusCode::FORBIDDEN, "{q}");
    }
}

#[tokio::test]
async fn a_signed_event_is_journaled_before_the_200() {
    let s = start().await;
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let (status, _) = s
        .post(body, Some(&wacloud::sign(SECRET.as_bytes(), body)))
        .await;
    assert_eq!(status, StatusCode::OK);
    // The 200 promises the event is on disk (flushed to the spool) before it is sent.
    assert_eq!(s.spool.durable(), 1);
    // Then it is copied into the journal.
    assert_eq!(s.journaled().await, 1);
    let stored: String = s
        .store
        .read(|c| Ok(c.query_row("SELECT body FROM webhook_events", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(stored.as_bytes(), body, "the body is kept byte for byte");
}

#[tokio::test]
async fn bad_signatures_are_refused_and_nothing_is_stored() {
    let s = start().await;
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let wrong = wacloud::sign(b"another-secret", body);
    for sig in [
        None,
        Some(wrong.as_str()),
        Some("sha256=zz"),
        Some("md5=abc"),
        Some(""),
    ] {
        let (status, text) = s.post(body, sig).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{sig:?}");
        assert!(
            text.contains("X-Hub-Signature-256"),
            "the reason is given: {text}"
        );
    }
    // Signed, but for another body.
    let (status, _) = s
        .post(
            b"{\"object\":\"x\"}",
            Some(&wacloud::sign(SECRET.as_bytes(), body)),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(s.journaled().await, 0);
}

#[tokio::test]
async fn signed_but_not_json_is_a_400() {
    let s = start().await;
    for body in [&b"not json"[..], b"{\"object\":", b"\xff\xfe"] {
        let (status, text) = s
            .post(body, Some(&wacloud::sign(SECRET.as_bytes(), body)))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(text.contains("not JSON"), "{text}");
    }
    assert_eq!(s.journaled().await, 0);
}

#[tokio::test]
async fn an_oversized_body_is_a_413() {
    let s = start().await;
    let mut big = json!({"object": "whatsapp_business_account", "pad": ""});
    big["pad"] = json!("x".repeat(MAX_BODY_BYTES));
    let body = serde_json::to_vec(&big).unwrap();
    let (status, _) = s
        .post(&body, Some(&wacloud::sign(SECRET.as_bytes(), &body)))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    // Just under the limit is fine.
    let mut fits = json!({"object": "whatsapp_business_account", "pad": ""});
    fits["pad"] = json!("x".repeat(MAX_BODY_BYTES - 100));
    let body = serde_json::to_vec(&fits).unwrap();
    let (status, _) = s
        .post(&body, Some(&wacloud::sign(SECRET.as_bytes(), &body)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.journaled().await, 1);
}

#[tokio::test]
async fn unknown_kinds_of_json_are_kept() {
    let s = start().await;
    let body = br#"{"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":{}}]}]}"#;
    let (status, _) = s
        .post(body, Some(&wacloud::sign(SECRET.as_bytes(), body)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s.journaled().await, 1);
}

#[tokio::test]
async fn healthz_and_nothing_else() {
    let s = start().await;
    let resp = s
        .http
        .get(format!("{}/healthz", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["mode"], "live");
    let resp = s.http.get(format!("{}/admin", s.url)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_stalled_body_is_cut_off_and_nothing_stored() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let s = start_with(Duration::from_millis(300)).await;
    let addr = s.addr;
    // Promise 100 bytes, send 10, then stall. The signature is well formed (so the gate lets the
    // body be read) but wrong: the body never arrives, so it is never checked.
    let mut socket = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Hub-Signature-256: sha256={}\r\nContent-Length: 100\r\n\r\n{{\"object\":",
        "0".repeat(64)
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = vec![0u8; 1024];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), socket.read(&mut answer))
        .await
        .expect("an answer before 5 s")
        .unwrap();
    let head = String::from_utf8_lossy(&answer[..n]);
    // axum answers a body that cannot be read with 400 and the reason.
    assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    assert!(head.contains("timeout"), "{head}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    assert_eq!(s.journaled().await, 0);
}

/// Any signed body either gets a 200 and is journaled byte for byte, or gets a 4xx and leaves
/// no trace (nothing in the spool, nothing in the journal).
#[test]
fn any_signed_body_is_journaled_exactly_or_refused_without_a_trace() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(start());
    let json_text = prop::collection::btree_map("[a-z_]{1,8}", ".{0,24}", 0..6)
        .prop_map(|m| serde_json::to_vec(&m).unwrap());
    let bodies = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..600),
        "[\\[\\]{}\":,0-9a-z \\\\]{0,120}".prop_map(String::into_bytes),
        json_text,
    ];
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&bodies, |body| {
            rt.block_on(async {
                let before_spool = s.spool.durable();
                let before = s.journaled().await;
                let (status, _) = s
                    .post(&body, Some(&wacloud::sign(SECRET.as_bytes(), &body)))
                    .await;
                let after = s.journaled().await;
                if status == StatusCode::OK {
                    prop_assert_eq!(after, before + 1);
                    let stored: String = s
                        .store
                        .read(|c| {
                            Ok(c.query_row(
                                "SELECT body FROM webhook_events ORDER BY id DESC LIMIT 1",
                                [],
                                |r| r.get(0),
                            )?)
                        })
                        .await
                        .unwrap();
                    prop_assert_eq!(stored.as_bytes(), &body[..]);
                } else {
                    prop_assert!(status.is_client_error(), "{status}");
                    prop_assert_eq!(after, before);
                    prop_assert_eq!(s.spool.durable(), before_spool);
                }
                Ok(())
            })
        })
        .unwrap();
}
