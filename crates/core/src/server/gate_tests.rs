//! The gate and the listener under hostile load, over raw TCP on port 0: refusals before the
//! body, load shedding, the header deadline, the connection cap, the `Host` check.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::inbox::Inbox;
use crate::spool::{self, SpoolConfig};
use crate::store::Store;

const SECRET: &str = "test-app-secret";

/// The webhook router behind the real listener, with `max` webhook slots.
async fn serve_on(
    bind: &str,
    max: usize,
    limits: ListenLimits,
) -> (tempfile::TempDir, SocketAddr, CancellationToken) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (spool, mover) = Spool::open(&spool::dir(dir.path()), 0, SpoolConfig::default()).unwrap();
    let stop = CancellationToken::new();
    tokio::spawn(mover.run(store, Inbox::new(), stop.clone()));
    let app = router(
        WebhookState::new(
            spool,
            SECRET.to_owned().into(),
            "verify".to_owned().into(),
            "live",
        )
        .with_max_concurrent(max)
        .with_body_timeout(Duration::from_secs(3)),
    );
    let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, limits, stop.clone()));
    (dir, addr, stop)
}

/// Sends `head` (request line and headers, no body) and returns the status line's code, read
/// within two seconds.
async fn status_after_headers(stream: &mut TcpStream, head: &str) -> u16 {
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 1024];
    let n = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf))
        .await
        .expect("no answer before the body was sent")
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    text.split(' ').nth(1).unwrap().parse().unwrap()
}

fn post_head(length: usize, signature: Option<&str>) -> String {
    let sig = signature
        .map(|s| format!("X-Hub-Signature-256: {s}\r\n"))
        .unwrap_or_default();
    format!(
        "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n{sig}\r\n"
    )
}

#[tokio::test]
async fn an_unsigned_or_oversized_post_is_refused_before_its_body_is_sent() {
    let (_dir, addr, _stop) = serve_on("127.0.0.1:0", 8, ListenLimits::default()).await;
    let good = wacloud::sign(SECRET.as_bytes(), b"{}");
    for (head, expected) in [
        (post_head(1_000_000, None), 403),
        (post_head(1_000_000, Some("sha256=nothex")), 403),
        (post_head(MAX_BODY_BYTES + 1, Some(&good)), 413),
    ] {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        assert_eq!(status_after_headers(&mut stream, &head).await, expected);
    }
}

#[tokio::test]
async fn signed_posts_past_the_concurrency_limit_are_shed_with_503() {
    let (_dir, addr, _stop) = serve_on("127.0.0.1:0", 2, ListenLimits::default()).await;
    let sig = wacloud::sign(SECRET.as_bytes(), b"{}");
    // Two well-formed uploads that stall after their headers hold both slots.
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(post_head(100, Some(&sig)).as_bytes())
            .await
            .unwrap();
        stalled.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(addr).await.unwrap();
    assert_eq!(
        status_after_headers(&mut third, &post_head(2, Some(&sig))).await,
        503
    );
    // The stalled ones are cut off by the body timeout; their slots come back.
    drop(stalled);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let resp = reqwest::Client::new()
        .post(format!("http://{addr}/webhook"))
        .header("X-Hub-Signature-256", sig)
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

/// Whether the server closed `stream` (EOF or reset) within `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    matches!(
        tokio::time::timeout(within, stream.read(&mut byte)).await,
        Ok(Ok(0)) | Ok(Err(_))
    )
}

#[tokio::test]
async fn nine_hundred_idle_connections_are_closed_by_the_header_deadline() {
    let limits = ListenLimits {
        header_read_timeout: Duration::from_millis(500),
        max_connections: 1000,
    };
    let (_dir, addr, _stop) = serve_on("127.0.0.1:0", 8, limits).await;
    let mut idle = Vec::new();
    for i in 0..900 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        if i % 2 == 0 {
            // Half of them start a request and never finish its headers.
            s.write_all(b"POST /webhook HTTP/1.1\r\nHost: x")
                .await
                .unwrap();
        }
        idle.push(s);
    }
    let started = Instant::now();
    let mut closed = 0;
    for s in &mut idle {
        if closed_within(s, Duration::from_secs(5)).await {
            closed += 1;
        }
    }
    assert_eq!(closed, 900, "idle connections left open");
    assert!(started.elapsed() < Duration::from_secs(5));
    // And the server still answers.
    let resp = reqwest::get(format!("http://{addr}/healthz"))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn a_connection_past_the_cap_is_closed_at_once() {
    let limits = ListenLimits {
        header_read_timeout: Duration::from_secs(30),
        max_connections: 4,
    };
    let (_dir, addr, _stop) = serve_on("127.0.0.1:0", 8, limits).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut fifth = TcpStream::connect(addr).await.unwrap();
    assert!(closed_within(&mut fifth, Duration::from_secs(2)).await);
    assert!(!closed_within(&mut held[0], Duration::from_millis(200)).await);
}

#[tokio::test]
async fn beyond_loopback_a_named_host_is_refused() {
    let (_dir, addr, _stop) = serve_on("0.0.0.0:0", 8, ListenLimits::default()).await;
    let port = addr.port();
    let mut evil = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let head = "GET /healthz HTTP/1.1\r\nHost: evil.example\r\n\r\n";
    assert_eq!(status_after_headers(&mut evil, head).await, 421);
    let mut local = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let head = format!("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    assert_eq!(status_after_headers(&mut local, &head).await, 200);
}
