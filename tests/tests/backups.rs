//! Backups under load: signed webhooks over real HTTP to a running engine while it backs up.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fake_graph::payloads;
use shopchat_core::backup::{self, BackupError};
use shopchat_e2e::*;

const POSTERS: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_mid_flood_restores_every_message_acknowledged_before_it() {
    let (graph, t) = live().await;
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicUsize::new(0));
    let mut posters = Vec::new();
    for p in 0..POSTERS {
        let (acked, stop, counter) = (acked.clone(), stop.clone(), counter.clone());
        let (http, url) = (t.http.clone(), t.webhook_url());
        posters.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                let wamid = format!("wamid.FLOOD{n}");
                let from = format!("1555010{:04}", n % 50);
                let body = payloads::inbound_text(
                    WABA_ID,
                    PHONE_NUMBER_ID,
                    &from,
                    "Flood",
                    &wamid,
                    1_700_000_000 + n as i64,
                    &format!("message {n} from poster {p}"),
                );
                let status = payloads::post_signed(&http, &url, APP_SECRET.as_bytes(), &body)
                    .await
                    .expect("engine reachable");
                if status.as_u16() == 200 {
                    acked.lock().unwrap().push(wamid);
                }
            }
        }));
    }
    eventually(Duration::from_secs(30), "a flood under way", || async {
        (acked.lock().unwrap().len() >= 500).then_some(())
    })
    .await;

    // Everything acknowledged until now must be in the backup.
    let before: HashSet<String> = acked.lock().unwrap().iter().cloned().collect();
    let out = tempfile::tempdir().unwrap();
    let archive = out.path().join("mid-flood.zip");
    let report = t.engine.backup(&archive).await.expect("a backup mid-flood");
    let during = acked.lock().unwrap().len() - before.len();
    // The flood goes on a little after the backup, then stops.
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::Relaxed);
    for p in posters {
        p.await.unwrap();
    }
    let total = acked.lock().unwrap().len();
    assert!(report.bytes > 0);

    // Refused while the engine runs on the store.
    assert!(matches!(
        backup::restore(&archive, t.dir.path()),
        Err(BackupError::EngineRunning(_))
    ));
    drop(graph);
    let _old = t.stop().await;

    let restored_dir = tempfile::tempdir().unwrap();
    backup::restore(&archive, restored_dir.path()).expect("the restore");
    let graph = wiremock::MockServer::start().await;
    let restored = shopchat_core::Engine::start(shopchat_core::Config::new(
        restored_dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        shopchat_core::Mode::Live(live_settings(&graph.uri())),
    ))
    .await
    .expect("an engine on the restored data");
    let present = eventually(Duration::from_secs(30), "the restored messages", || async {
        let present: HashSet<String> = restored
            .store()
            .read(|c| {
                let mut q = c.prepare("SELECT wamid FROM messages WHERE wamid IS NOT NULL")?;
                let rows = q.query_map([], |r| r.get::<_, String>(0))?;
                Ok(rows.collect::<Result<HashSet<_>, _>>()?)
            })
            .await
            .unwrap();
        before.is_subset(&present).then_some(present)
    })
    .await;
    println!(
        "flood: {} acknowledged before the backup, {during} during it, {total} in all; {} in the restored database",
        before.len(),
        present.len()
    );
    restored.shutdown().await;
}
