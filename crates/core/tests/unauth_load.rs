//! 400 slow, parallel, unsigned uploads each announcing a 3 MB body against the real listener
//! and router: each is refused from its headers, so the engine's memory (this process's RSS,
//! the test binary holding nothing else) stays under a stated bound. Prints the figures.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use shopchat_core::inbox::Inbox;
use shopchat_core::server::{ListenLimits, WebhookState, router, serve};
use shopchat_core::spool::{self, Spool, SpoolConfig};
use shopchat_core::store::Store;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The bound: RSS may grow by at most this much under the load.
const BOUND_BYTES: u64 = 48 << 20;
const CLIENTS: usize = 400;
/// What a client saw when the server's close reset the connection before its 403 was read.
const RESET: &str = "reset";

fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb * 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_unsigned_uploads_keep_memory_under_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (spool, mover) = Spool::open(&spool::dir(dir.path()), 0, SpoolConfig::default()).unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(mover.run(store, Inbox::new(), stop.clone()));
    let app = router(WebhookState::new(
        spool,
        "secret".to_owned().into(),
        "verify".to_owned().into(),
        "live",
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = ListenLimits {
        max_connections: 1024,
        ..ListenLimits::default()
    };
    tokio::spawn(serve(listener, app, limits, stop.clone()));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let before = rss_bytes();

    let started = Instant::now();
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        clients.spawn(async move {
            let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
            let head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                        Content-Type: application/json\r\nContent-Length: 3000000\r\n\r\n";
            s.write_all(head.as_bytes()).await.unwrap();
            // Then a trickle of body, 1 KB every 50 ms, until the server answers (10 s at most:
            // the test binaries share two cores with each other under `cargo test`).
            // The server answers from the headers and closes without reading the body; with the
            // client's bytes still unread, TCP may reset the connection, and a reset can discard
            // the 403 before it is read. A reset is a refusal too (nothing was read or kept);
            // anything else (no answer in time, another status) is not.
            let failed = |e: std::io::Error| {
                if e.kind() == std::io::ErrorKind::ConnectionReset {
                    RESET.to_owned()
                } else {
                    String::new()
                }
            };
            let chunk = vec![b'x'; 1024];
            let mut answer = vec![0u8; 256];
            for _ in 0..200 {
                let read = tokio::time::timeout(Duration::from_millis(50), s.read(&mut answer));
                match read.await {
                    Ok(Ok(n)) => return String::from_utf8_lossy(&answer[..n]).into_owned(),
                    Ok(Err(e)) => return failed(e),
                    Err(_) => {}
                }
                if s.write_all(&chunk).await.is_err() {
                    // The server answered and closed while this chunk was on its way: the
                    // answer may still be waiting to be read.
                    break;
                }
            }
            match tokio::time::timeout(Duration::from_secs(1), s.read(&mut answer)).await {
                Ok(Ok(n)) => String::from_utf8_lossy(&answer[..n]).into_owned(),
                Ok(Err(e)) => failed(e),
                Err(_) => String::new(),
            }
        });
    }
    let mut peak = rss_bytes();
    let (mut refused, mut answered) = (0, 0);
    while !clients.is_empty() {
        tokio::select! {
            done = clients.join_next() => {
                let answer = done.unwrap().unwrap();
                if answer.starts_with("HTTP/1.1 403") {
                    refused += 1;
                    answered += 1;
                } else if answer == RESET {
                    refused += 1;
                } else {
                    eprintln!("an upload was not answered 403: {answer:?}");
                }
            }
            () = tokio::time::sleep(Duration::from_millis(20)) => {}
        }
        peak = peak.max(rss_bytes());
    }
    let growth = peak.saturating_sub(before);
    println!(
        "{CLIENTS} slow unsigned uploads announcing 3 MB: {refused} refused ({answered} read the 403, \
         the others' connections reset by the close) in {:?}; \
         RSS before {} KiB, peak {} KiB, growth {} KiB (bound {} KiB)",
        started.elapsed(),
        before / 1024,
        peak / 1024,
        growth / 1024,
        BOUND_BYTES / 1024
    );
    assert_eq!(refused, CLIENTS);
    assert!(answered > 0, "no upload read its 403");
    assert!(growth < BOUND_BYTES, "memory grew by {growth} bytes");
}
