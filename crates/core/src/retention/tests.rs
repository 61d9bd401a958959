use rusqlite::{Connection, params};

use super::*;
use crate::store::{DB_FILE, Store};

const DAY: i64 = 24 * 60 * 60 * 1000;
const T0: i64 = 1_800_000_000_000;

fn body(i: i64) -> String {
    // About the size of a status webhook as Meta sends it.
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550000000","phone_number_id":"106540352242922"}},"statuses":[{{"id":"wamid.HBgLMTU1NTAxMDAwMDEVAgARGBI{i:020}","status":"delivered","timestamp":"1800000000","recipient_id":"15550100001","conversation":{{"id":"c{i}","origin":{{"type":"service"}}}},"pricing":{{"billable":true,"pricing_model":"PMP","category":"service"}}}}]}}}}]}}]}}{}"#,
        " ".repeat(600)
    )
}

async fn journal(store: &Store, from: i64, n: i64, at: i64, applied: Option<&'static str>) {
    store
        .writer()
        .call(move |ctx| {
            let mut q = ctx.conn.prepare_cached(
                "INSERT INTO webhook_events (received_at, body, applied_at, outcome) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for i in from..from + n {
                q.execute(params![at, body(i), applied.map(|_| at), applied])?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

async fn count(store: &Store, sql: &'static str) -> i64 {
    store
        .read(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .await
        .unwrap()
}

#[tokio::test]
async fn applied_bodies_and_finished_sends_go_after_the_retention_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let old = T0 - 31 * DAY;
    journal(&store, 0, 3, old, Some("applied")).await;
    journal(&store, 3, 2, old, Some("ignored")).await;
    journal(&store, 5, 2, old, Some("error")).await;
    journal(&store, 7, 2, old, None).await;
    journal(&store, 9, 4, T0 - DAY, Some("applied")).await;
    store
        .writer()
        .call(move |ctx| {
            let c = ctx.conn;
            c.execute(
                "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ('15550100001', 0, 0)",
                [],
            )?;
            // A message that came in with the first (old, applied) event.
            c.execute(
                "INSERT INTO messages (wamid, contact, direction, type, raw, status, timestamp, webhook_event_id)
                 VALUES ('wamid.IN', '15550100001', 'in', 'text', '{}', 'received', 0, 1)",
                [],
            )?;
            for (i, state, at) in [
                (1, "done", old),
                (2, "failed", old),
                (3, "pending", old),
                (4, "unknown", old),
                (5, "done", T0 - DAY),
            ] {
                c.execute(
                    "INSERT INTO messages (id, contact, direction, type, raw, status, timestamp)
                     VALUES (?1 + 100, '15550100001', 'out', 'text', '{}', 'sent', 0)",
                    [i],
                )?;
                c.execute(
                    "INSERT INTO outbox (message_id, payload, state, next_attempt_at, created_at, updated_at, contact)
                     VALUES (?1 + 100, '{}', ?2, 0, ?3, ?3, '15550100001')",
                    params![i, state, at],
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();

    let pruned = prune_all(&store, T0, 30 * DAY).await.unwrap();
    assert_eq!(pruned.webhook_bodies, 5, "applied and ignored, 31 days old");
    assert_eq!(pruned.outbox_rows, 2, "done and failed, 31 days old");
    // Kept: errors (for 90 days), the unapplied, the recent.
    assert_eq!(
        count(&store, "SELECT count(*) FROM webhook_events").await,
        8
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM webhook_events WHERE applied_at IS NULL"
        )
        .await,
        2
    );
    assert_eq!(count(&store, "SELECT count(*) FROM outbox").await, 3);
    // The message stays; it no longer points at the pruned event.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM messages WHERE wamid = 'wamid.IN' AND webhook_event_id IS NULL"
        )
        .await,
        1
    );
    // Errors go after three times the retention.
    let later = prune_all(&store, T0 + 60 * DAY, 30 * DAY).await.unwrap();
    assert_eq!(later.webhook_bodies, 6);
    assert_eq!(
        count(&store, "SELECT count(*) FROM webhook_events").await,
        2,
        "only the unapplied"
    );
    store.close().await;
}

#[tokio::test]
async fn the_file_stops_growing_under_a_week_of_steady_traffic() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // A week on a simulated clock: 4,800 webhooks a day (200 an hour), pruned every hour with a
    // one-day retention, so the week holds several retention periods.
    let keep = DAY;
    let (per_hour, mut n) = (200, 0);
    let mut sizes = Vec::new();
    for day in 0..7 {
        for hour in 0..24 {
            let now = T0 + day * DAY + hour * DAY / 24;
            journal(&store, n, per_hour, now, Some("applied")).await;
            n += per_hour;
            prune_all(&store, now, keep).await.unwrap();
        }
        let size = store
            .read(|c| {
                Ok(c.query_row(
                    "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .await
            .unwrap();
        sizes.push(size);
    }
    let file = std::fs::metadata(dir.path().join(DB_FILE)).unwrap().len() as i64;
    println!("database size at the end of each day: {sizes:?} (file now {file} bytes)");
    let settled = sizes[1];
    for (day, size) in sizes.iter().enumerate().skip(2) {
        assert!(
            *size <= settled + settled / 20,
            "day {day}: {size} bytes, more than day 1's {settled} (+5%): {sizes:?}"
        );
    }
    // The journal holds a day's webhooks, not a week's.
    let kept = count(&store, "SELECT count(*) FROM webhook_events").await;
    assert!(kept <= 25 * per_hour, "{kept} events kept");
    store.close().await;
}

#[test]
fn an_older_database_switches_to_incremental_vacuum_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept');",
        )
        .unwrap();
        let mode: i64 = c.query_row("PRAGMA auto_vacuum", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, 0, "SQLite's default: none");
    }
    let c = Connection::open(&path).unwrap();
    ensure_incremental_vacuum(&c).unwrap();
    drop(c);
    let c = Connection::open(&path).unwrap();
    let mode: i64 = c.query_row("PRAGMA auto_vacuum", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, 2, "incremental");
    let x: String = c.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
    assert_eq!(x, "kept");
    // And a store opens with it on.
    drop(c);
    let fresh = tempfile::tempdir().unwrap();
    let store_conn = {
        let store = Store::open(fresh.path());
        assert!(store.is_ok());
        Connection::open(fresh.path().join(DB_FILE)).unwrap()
    };
    let mode: i64 = store_conn
        .query_row("PRAGMA auto_vacuum", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, 2);
}
