use std::collections::BTreeSet;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use bytes::Bytes;

use super::record::{SEGMENT_HEADER, record_len};
use super::*;
use crate::store::Store;

fn body(i: u64) -> Bytes {
    Bytes::from(format!(
        "{{\"object\":\"whatsapp_business_account\",\"n\":{i:08}}}"
    ))
}

/// Journaled bodies and the spool cursor.
async fn journaled(store: &Store) -> (Vec<String>, u64) {
    store
        .read(|c| {
            let mut stmt = c.prepare("SELECT body FROM webhook_events ORDER BY id")?;
            let bodies = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok((bodies, mover::cursor(c)?))
        })
        .await
        .expect("read")
}

async fn open_store(dir: &Path) -> (Store, u64) {
    let store = Store::open(&dir.join("db")).expect("store");
    let cursor = store.read(mover::cursor).await.expect("cursor");
    (store, cursor)
}

fn small() -> SpoolConfig {
    SpoolConfig {
        segment_bytes: 1024,
        spare: 1,
        keep: 2,
        max_backlog_bytes: u64::MAX,
    }
}

fn segment_files(dir: &Path) -> usize {
    segment::list(dir).expect("list").len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_get_consecutive_seqs_and_are_copied_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, cursor) = open_store(dir.path()).await;
    assert_eq!(cursor, 0);
    let (spool, mut mover) =
        Spool::open(&dir.path().join("spool"), cursor, SpoolConfig::default()).expect("open");
    let mut tasks = Vec::new();
    for t in 0..16u64 {
        let spool = spool.clone();
        tasks.push(tokio::spawn(async move {
            let mut seqs = Vec::new();
            for i in 0..100 {
                seqs.push(spool.append(body(t * 1000 + i)).await.expect("append"));
            }
            seqs
        }));
    }
    let mut seqs = BTreeSet::new();
    for t in tasks {
        seqs.extend(t.await.expect("task"));
    }
    assert_eq!(seqs, (1..=1600).collect::<BTreeSet<u64>>());
    assert_eq!(spool.durable(), 1600);

    assert_eq!(mover.catch_up(&store).await.expect("copy"), 1600);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 0);
    let (bodies, cursor) = journaled(&store).await;
    assert_eq!(cursor, 1600);
    let distinct: BTreeSet<&String> = bodies.iter().collect();
    assert_eq!((bodies.len(), distinct.len()), (1600, 1600));
    spool.close().await;
    assert!(matches!(
        spool.append(body(1)).await,
        Err(SpoolError::Closed)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_mover_copies_everything_appended_meanwhile_across_segments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mover) = Spool::open(&dir.path().join("spool"), cursor, small()).expect("open");
    let stop = tokio_util::sync::CancellationToken::new();
    let inbox = crate::inbox::Inbox::new();
    let moving = tokio::spawn(mover.run(store.clone(), inbox, stop.clone()));
    let mut tasks = Vec::new();
    for t in 0..8u64 {
        let spool = spool.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..150 {
                spool.append(body(t * 1000 + i)).await.expect("append");
                if i % 7 == 0 {
                    tokio::task::yield_now().await;
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    // Stopping: the appender finishes, the mover copies what is left.
    stop.cancel();
    spool.close().await;
    moving.await.expect("mover");
    let (bodies, cursor) = journaled(&store).await;
    let distinct: BTreeSet<&String> = bodies.iter().collect();
    assert_eq!((bodies.len(), distinct.len(), cursor), (1200, 1200, 1200));
    // 1200 records in 12-record segments went through 100 of them; few are left on disk.
    assert!(segment_files(&dir.path().join("spool")) <= 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_was_acknowledged_but_not_copied_is_copied_after_a_crash_and_only_that() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_dir = dir.path().join("spool");
    {
        let (store, cursor) = open_store(dir.path()).await;
        let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("open");
        for i in 1..=30 {
            assert_eq!(spool.append(body(i)).await.expect("append"), i);
        }
        assert_eq!(mover.catch_up(&store).await.expect("copy"), 30);
        for i in 31..=50 {
            assert_eq!(spool.append(body(i)).await.expect("append"), i);
        }
        // The process dies here: the last 20 are on disk, not in the database. (Closing stops the
        // threads, so that the next open is alone; it writes nothing more.)
        spool.close().await;
        drop(mover);
        store.close().await;
    }
    let (store, cursor) = open_store(dir.path()).await;
    assert_eq!(cursor, 30);
    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("reopen");
    assert_eq!(spool.durable(), 50);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 20);
    assert_eq!(spool.append(body(51)).await.expect("append"), 51);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 1);
    let (bodies, cursor) = journaled(&store).await;
    assert_eq!(cursor, 51);
    let expected: Vec<String> = (1..=51)
        .map(|i| String::from_utf8(body(i).to_vec()).expect("utf8"))
        .collect();
    assert_eq!(bodies, expected);
    spool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn segments_are_reused_once_copied_and_the_spool_stays_small() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_dir = dir.path().join("spool");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("open");
    // 1024-byte segments hold 12 of these records: 500 records pass through 42 segments.
    let per_record = record_len(body(0).len());
    assert_eq!((1024 - SEGMENT_HEADER) / per_record, 12);
    for i in 1..=500 {
        spool.append(body(i)).await.expect("append");
        if i % 25 == 0 {
            mover.catch_up(&store).await.expect("copy");
            // The chain, the spares and what is kept: never the 50 segments written.
            assert!(
                segment_files(&spool_dir) <= 8,
                "{} segments",
                segment_files(&spool_dir)
            );
        }
    }
    assert!(spool.free_segments() <= 2);
    let (bodies, cursor) = journaled(&store).await;
    assert_eq!((bodies.len(), cursor), (500, 500));
    spool.close().await;

    // Reopened with everything copied: nothing to copy, numbering goes on.
    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("reopen");
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 0);
    assert_eq!(spool.append(body(501)).await.expect("append"), 501);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 1);
    spool.close().await;
}

/// The segment holding `seq`, and its start seq.
fn segment_with(dir: &Path, seq: u64) -> (std::path::PathBuf, u64) {
    segment::list(dir)
        .expect("list")
        .into_iter()
        .filter_map(|id| {
            let path = segment::path_of(dir, id);
            let start = segment::read_header(&path).expect("header")?;
            (start <= seq).then_some((path, start))
        })
        .max_by_key(|(_, start)| *start)
        .expect("a segment with the seq")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_torn_last_write_ends_the_spool_there_and_new_records_continue_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_dir = dir.path().join("spool");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mover) = Spool::open(&spool_dir, cursor, SpoolConfig::default()).expect("open");
    for i in 1..=10 {
        spool.append(body(i)).await.expect("append");
    }
    spool.close().await;
    drop(mover);

    // Record 8 half-written when the power went (9 and 10 made it to the disk anyway).
    let (path, start) = segment_with(&spool_dir, 8);
    let at = SEGMENT_HEADER + (8 - start) * record_len(body(0).len()) + 30;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open segment");
    f.seek(SeekFrom::Start(at)).expect("seek");
    f.write_all(b"\0\0\0\0").expect("tear");
    drop(f);

    let (spool, mut mover) =
        Spool::open(&spool_dir, cursor, SpoolConfig::default()).expect("reopen");
    assert_eq!(spool.durable(), 7);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 7);
    // Numbering goes on from the tear; records 9 and 10 of the torn write are never read.
    assert_eq!(spool.append(body(108)).await.expect("append"), 8);
    assert_eq!(spool.append(body(109)).await.expect("append"), 9);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 2);
    spool.close().await;

    let (spool, mut mover) = Spool::open(&spool_dir, 9, SpoolConfig::default()).expect("reopen");
    assert_eq!(spool.durable(), 9);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 0);
    let (bodies, _) = journaled(&store).await;
    let n: Vec<String> = bodies
        .iter()
        .map(|b| b[b.len() - 9..b.len() - 1].to_owned())
        .collect();
    let want: Vec<String> = [1, 2, 3, 4, 5, 6, 7, 108, 109]
        .iter()
        .map(|i| format!("{i:08}"))
        .collect();
    assert_eq!(n, want);
    spool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_write_is_refused_and_loses_nothing_before_or_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_dir = dir.path().join("spool");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("open");
    for i in 1..=5 {
        spool.append(body(i)).await.expect("append");
    }
    spool.fail_next_write();
    let refused = spool.append(body(6)).await;
    assert!(matches!(refused, Err(SpoolError::Write(_))), "{refused:?}");
    // Its seq is never used again; the next record goes to a new segment.
    assert_eq!(spool.append(body(7)).await.expect("append"), 7);
    assert_eq!(spool.append(body(8)).await.expect("append"), 8);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 7);
    spool.close().await;

    let (bodies, _) = journaled(&store).await;
    assert!(
        bodies.iter().all(|b| !b.ends_with("00000006}")),
        "{bodies:?}"
    );

    // After a restart, read from the disk alone: every acknowledged one, and each once. The
    // refused one may be there too: it was written before its flush failed, and may well be on
    // disk. Meta delivers it again (it was refused), and the inbox stores a message once.
    let (spool, mut mover) = Spool::open(&spool_dir, 0, small()).expect("reopen");
    assert_eq!(spool.durable(), 8);
    let fresh = Store::open(&dir.path().join("db2")).expect("store");
    let copied = mover.catch_up(&fresh).await.expect("copy");
    let (bodies, cursor) = journaled(&fresh).await;
    assert_eq!((bodies.len(), cursor), (copied, 8));
    let numbers: BTreeSet<String> = bodies
        .iter()
        .map(|b| b[b.len() - 9..b.len() - 1].to_owned())
        .collect();
    assert_eq!(numbers.len(), bodies.len(), "nothing twice: {bodies:?}");
    for acknowledged in [1, 2, 3, 4, 5, 7, 8] {
        assert!(
            numbers.contains(&format!("{acknowledged:08}")),
            "{acknowledged} lost"
        );
    }
    spool.close().await;
}

#[tokio::test]
async fn empty_and_oversized_bodies_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (spool, _mover) = Spool::open(dir.path(), 0, small()).expect("open");
    assert!(matches!(
        spool.append(Bytes::new()).await,
        Err(SpoolError::Empty)
    ));
    let big = Bytes::from(vec![b'x'; 1024]);
    assert!(matches!(
        spool.append(big).await,
        Err(SpoolError::TooLarge(1024))
    ));
    let fits = Bytes::from(vec![
        b'x';
        1024 - SEGMENT_HEADER as usize - record::RECORD_HEADER
    ]);
    assert_eq!(spool.append(fits).await.expect("append"), 1);
    spool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbering_goes_on_after_every_header_on_disk_even_one_with_no_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spool_dir = dir.path().join("spool");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mover) = Spool::open(&spool_dir, cursor, small()).expect("open");
    for i in 1..=5 {
        spool.append(body(i)).await.expect("append");
    }
    spool.close().await;
    drop(mover);
    // A segment whose header reached the disk but whose records did not (power lost mid-flush).
    let path = segment::create(&spool_dir, 900, 1024).expect("create");
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    f.write_all(&record::encode_header(50)).expect("header");
    drop(f);

    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("reopen");
    assert_eq!(spool.durable(), 5);
    // Numbered after it, so that no later segment shares or undercuts its start.
    assert_eq!(spool.append(body(6)).await.expect("append"), 51);
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 6);
    spool.close().await;
    let (_, cursor) = journaled(&store).await;
    assert_eq!(cursor, 51);
    let (spool, mut mover) = Spool::open(&spool_dir, cursor, small()).expect("reopen");
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 0);
    assert!(spool.append(body(7)).await.expect("append") > 51);
    spool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_bodies_past_one_copys_byte_cap_are_all_copied_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mut mover) =
        Spool::open(&dir.path().join("spool"), cursor, SpoolConfig::default()).expect("open");
    // Seven 3 MiB bodies: more than one copy takes (16 MiB), fewer records than its record cap.
    for i in 0..7u8 {
        let big = Bytes::from(vec![b'a' + i; 3 << 20]);
        spool.append(big).await.expect("append");
    }
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 7);
    spool.close().await;
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mover_reads_on_a_thread_at_the_lowest_priority() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, cursor) = open_store(dir.path()).await;
    let (spool, mut mover) =
        Spool::open(&dir.path().join("spool"), cursor, SpoolConfig::default()).expect("open");
    spool.append(body(1)).await.expect("append");
    assert_eq!(mover.catch_up(&store).await.expect("copy"), 1);
    assert_eq!(mover.read_thread_niceness().await.as_deref(), Some("19"));
    spool.close().await;
}
