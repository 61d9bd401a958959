//! A locked database under a flood of signed webhooks: the spool stops at its backlog cap with
//! 503s, and every acknowledged webhook reaches the journal once the lock is released.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::*;
use crate::inbox::Inbox;
use crate::spool::{self, SpoolConfig};
use crate::store::{DB_FILE, Store, journal};

const SECRET: &str = "test-app-secret";
const SEGMENT: u64 = 4096;
const CAP: u64 = 8 * SEGMENT;

#[tokio::test]
async fn the_spool_stops_at_its_cap_with_503s_and_loses_nothing_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let config = SpoolConfig {
        segment_bytes: SEGMENT,
        max_backlog_bytes: CAP,
        ..SpoolConfig::default()
    };
    let (spool, mover) = Spool::open(&spool::dir(dir.path()), 0, config).unwrap();
    // The database is locked by another writer (a backup, a stuck transaction...).
    let locker = rusqlite::Connection::open(dir.path().join(DB_FILE)).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    tokio::spawn(mover.run(store.clone(), Inbox::new(), stop.clone()));
    let app = router(WebhookState::new(
        spool.clone(),
        SECRET.to_owned().into(),
        "verify".to_owned().into(),
        "live",
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, app, ListenLimits::default(), stop.clone()));

    // The flood: 400 distinct signed events of ~300 bytes, 16 at a time.
    let http = reqwest::Client::new();
    let mut acknowledged = BTreeSet::new();
    let (mut deferred, mut other) = (0, 0);
    for wave in 0..25 {
        let mut sends = tokio::task::JoinSet::new();
        for i in 0..16 {
            let n = wave * 16 + i;
            let body = format!(
                r#"{{"object":"whatsapp_business_account","entry":[],"n":{n},"pad":"{}"}}"#,
                "x".repeat(240)
            );
            let sig = wacloud::sign(SECRET.as_bytes(), body.as_bytes());
            let req = http
                .post(&url)
                .header("X-Hub-Signature-256", sig)
                .body(body.clone());
            sends.spawn(async move { (body, req.send().await.unwrap()) });
        }
        for (body, resp) in sends.join_all().await {
            match resp.status().as_u16() {
                200 => {
                    acknowledged.insert(body);
                }
                503 => {
                    assert!(resp.headers().contains_key("retry-after"));
                    deferred += 1;
                }
                _ => other += 1,
            }
        }
        assert!(
            spool.backlog_bytes() <= CAP + 2 * SEGMENT,
            "the backlog grew past its cap: {}",
            spool.backlog_bytes()
        );
    }
    println!(
        "spool cap {CAP} bytes: {} acknowledged, {deferred} deferred with 503, backlog {} bytes",
        acknowledged.len(),
        spool.backlog_bytes()
    );
    assert_eq!(other, 0);
    assert!(deferred > 0, "the cap was never reached");
    assert!(!acknowledged.is_empty());

    // The lock is released: the mover copies everything that was acknowledged.
    locker.execute_batch("COMMIT").unwrap();
    drop(locker);
    let durable = spool.durable();
    let deadline = Instant::now() + Duration::from_secs(30);
    while store.read(spool::mover_cursor).await.unwrap() < durable {
        assert!(Instant::now() < deadline, "the mover never caught up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let journaled: BTreeSet<String> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT body FROM webhook_events")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
        .await
        .unwrap();
    assert_eq!(journaled, acknowledged, "acknowledged and journaled differ");
    assert_eq!(
        store.read(journal::counts).await.unwrap().0,
        acknowledged.len() as i64
    );
    // And the spool takes webhooks again.
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let resp = http
        .post(&url)
        .header(
            "X-Hub-Signature-256",
            wacloud::sign(SECRET.as_bytes(), body),
        )
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}
