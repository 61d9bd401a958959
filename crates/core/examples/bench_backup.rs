//! Backup and restore figures: a database of 1,000,000 messages over 10,000 contacts (the
//! generator of `bench_scale`) plus some media, backed up while the store is open, then restored
//! into an empty dir. Prints the times and sizes. Not part of the test command:
//!
//!     make bench-backup
//!     BENCH_CONTACTS=1000 BENCH_PER_CONTACT=100 cargo run --release -p shopchat-core --example bench_backup

use std::time::Instant;

use rand::{Rng, RngExt, SeedableRng};
use rusqlite::params;
use shopchat_core::backup;
use shopchat_core::store::{DB_FILE, Store};

const WORDS: &[&str] = &[
    "order", "ready", "pickup", "delivery", "price", "stock", "blue", "red", "green", "mug",
    "scarf", "shoes", "size", "return", "refund", "thanks", "hello", "tomorrow", "today",
    "saturday", "opening", "hours", "address", "invoice", "payment", "card", "cash", "gift",
];

fn sentence(rng: &mut impl Rng) -> String {
    let n = rng.random_range(4..12);
    (0..n)
        .map(|_| WORDS[rng.random_range(0..WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[tokio::main]
async fn main() {
    let n_contacts = env_usize("BENCH_CONTACTS", 10_000);
    let per_contact = env_usize("BENCH_PER_CONTACT", 100);
    let media_files = env_usize("BENCH_MEDIA_FILES", 200);
    let work = tempfile::tempdir().expect("temp dir");
    let (src, dst) = (work.path().join("shop"), work.path().join("restored"));
    let archive = work.path().join("backup.zip");
    let total = n_contacts * per_contact;
    println!(
        "backup: {total} messages over {n_contacts} contacts, {media_files} media files of 200 kB"
    );
    let store = Store::open(&src).expect("open");
    let started = Instant::now();
    store
        .writer()
        .call(move |ctx| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(7);
            let mut contact = ctx.conn.prepare(
                "INSERT INTO contacts (wa_id, name, last_message_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 0, 0)",
            )?;
            let mut message = ctx.conn.prepare(
                "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
                 VALUES (?1, ?2, ?3, 'text', ?4, '{}', ?5, ?6)",
            )?;
            let base = 1_700_000_000i64;
            for c in 0..n_contacts {
                contact.execute(params![format!("1555{c:07}"), format!("Customer {c}"), base])?;
            }
            for i in 0..total {
                let inbound = i.is_multiple_of(2);
                message.execute(params![
                    format!("wamid.SCALE{i:09}"),
                    format!("1555{:07}", i % n_contacts),
                    if inbound { "in" } else { "out" },
                    sentence(&mut rng),
                    if inbound { "received" } else { "read" },
                    base + i as i64
                ])?;
            }
            Ok(())
        })
        .await
        .expect("generate");
    let mut rng = rand::rngs::StdRng::seed_from_u64(9);
    for i in 0..media_files {
        let dir = src.join(format!("media/{:02x}/{i:064x}", i % 256));
        std::fs::create_dir_all(&dir).expect("media dir");
        let bytes: Vec<u8> = (0..200_000).map(|_| rng.random()).collect();
        std::fs::write(dir.join("photo.jpg"), bytes).expect("media file");
    }
    let db_bytes = std::fs::metadata(src.join(DB_FILE)).map_or(0, |m| m.len());
    println!(
        "generated in {:.1} s; database {}",
        started.elapsed().as_secs_f64(),
        mb(db_bytes)
    );

    // While the store is open, as the engine keeps it.
    let t = Instant::now();
    let report = backup::create(&src, &archive).expect("backup");
    let backup_s = t.elapsed().as_secs_f64();
    store.close().await;
    println!(
        "backup:  {backup_s:.1} s, archive {} ({} files)",
        mb(report.bytes),
        report.files
    );

    let t = Instant::now();
    let restored = backup::restore(&archive, &dst).expect("restore");
    let restore_s = t.elapsed().as_secs_f64();
    println!(
        "restore: {restore_s:.1} s (checksums verified, {} files)",
        restored.files
    );
    let t = Instant::now();
    let reopened = Store::open(&dst).expect("the restored store opens");
    let count: i64 = reopened
        .read(|c| Ok(c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?))
        .await
        .expect("count");
    reopened.close().await;
    assert_eq!(count as usize, total);
    println!(
        "the restored store opens in {:.1} s with all {count} messages",
        t.elapsed().as_secs_f64()
    );
}
