//! The mover: copies spooled records into `webhook_events`, behind the acknowledgements.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{debug, error};

use super::record::{Record, SEGMENT_HEADER};
use super::segment::SegmentReader;
use super::{Shared, SpoolError};
use crate::inbox::Inbox;
use crate::store::{Store, StoreError, journal};

/// Records copied in one transaction at the most.
const MAX_RECORDS: usize = 2048;
const MAX_BYTES: usize = 16 << 20;
/// Under load (a copy of `BUSY` records or more), how long the mover lets records gather before
/// the next copy: one transaction for many requests instead of many small ones. Otherwise a
/// webhook is copied as soon as it is on disk.
const GATHER: Duration = Duration::from_millis(10);
const BUSY: usize = 64;

/// Where the mover is: the segment (an index into the chain), the offset and seq of the next
/// record there, and the first seq not yet copied.
#[derive(Debug, Clone, Copy)]
struct Position {
    segment: usize,
    offset: u64,
    expect: u64,
    next: u64,
}

/// Copies the spool into the database: run it with [`Mover::run`].
pub struct Mover {
    shared: Arc<Shared>,
    at: Position,
    /// The segment being read (its id and reader).
    reader: Option<(u64, SegmentReader)>,
    reads: ReadThread,
}

type ReadJob = Box<dyn FnOnce() + Send>;

/// The thread the mover reads the spool on, at the lowest priority like the database's threads
/// ([`lower_current_thread`](crate::store::priority::lower_current_thread)): reading and checking
/// a copy's records takes CPU that, under a flood, the acknowledgements need first. (A thread of
/// the runtime's blocking pool cannot be lowered: it would stay low for whatever runs on it
/// next.) It stops when the last mover holding it is dropped.
#[derive(Clone)]
struct ReadThread(std::sync::mpsc::Sender<ReadJob>);

impl ReadThread {
    fn spawn() -> std::io::Result<Self> {
        let (jobs, rx) = std::sync::mpsc::channel::<ReadJob>();
        std::thread::Builder::new()
            .name("shopchat-mover".into())
            .spawn(move || {
                crate::store::priority::lower_current_thread();
                for job in rx {
                    job();
                }
            })?;
        Ok(Self(jobs))
    }

    /// Runs `f` on the thread; `None` if the thread is gone (a job panicked).
    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.0
            .send(Box::new(move || {
                let _ = reply.send(f());
            }))
            .ok()?;
        answer.await.ok()
    }
}

/// Records read but not yet copied, and where the mover will be once they are.
struct Batch {
    records: Vec<Record>,
    after: Position,
}

impl Mover {
    pub(super) fn new(shared: Arc<Shared>, cursor: u64) -> std::io::Result<Self> {
        let expect = shared.segment(0).map_or(cursor + 1, |s| s.start_seq);
        Ok(Self {
            reads: ReadThread::spawn()?,
            shared,
            at: Position {
                segment: 0,
                offset: SEGMENT_HEADER,
                expect,
                next: cursor + 1,
            },
            reader: None,
        })
    }

    /// Reads the records after the mover's position, up to seq `limit` (on disk), without moving.
    fn read(&mut self, limit: u64) -> Result<Batch, SpoolError> {
        let mut p = self.at;
        let mut records = Vec::new();
        let mut bytes = 0;
        while records.len() < MAX_RECORDS && bytes < MAX_BYTES && p.next <= limit {
            let Some(seg) = self.shared.segment(p.segment) else {
                break;
            };
            if seg.sealed_last().is_some_and(|last| p.expect > last) {
                // Done with it: on to the next (its seqs may start later: a failed write's are
                // never used).
                let Some(next) = self.shared.segment(p.segment + 1) else {
                    break;
                };
                p = Position {
                    segment: p.segment + 1,
                    offset: SEGMENT_HEADER,
                    expect: next.start_seq,
                    next: p.next.max(next.start_seq),
                };
                continue;
            }
            if p.expect > limit {
                break;
            }
            if self.reader.as_ref().is_none_or(|(id, _)| *id != seg.id) {
                let reader = SegmentReader::open(&seg.path).map_err(|e| {
                    SpoolError::Corrupt(format!("segment {} ({}): {e}", seg.id, seg.path.display()))
                })?;
                self.reader = Some((seg.id, reader));
            }
            let (_, reader) = self.reader.as_mut().expect("reader just opened");
            let Some((record, offset)) = reader.record_at(p.offset, p.expect)? else {
                return Err(SpoolError::Corrupt(format!(
                    "record {} is missing from segment {} at byte {}",
                    p.expect, seg.id, p.offset
                )));
            };
            p.offset = offset;
            p.expect += 1;
            if record.seq >= p.next {
                p.next = record.seq + 1;
                bytes += record.body.len();
                records.push(record);
            }
        }
        Ok(Batch { records, after: p })
    }

    /// Copies what is on disk up to `limit` (in transactions of up to `MAX_RECORDS`); returns how
    /// many records it copied.
    pub async fn move_up_to(&mut self, store: &Store, limit: u64) -> Result<usize, SpoolError> {
        let mut total = 0;
        loop {
            let (batch, mover) = {
                let mut mover = std::mem::replace(self, self.placeholder());
                self.reads
                    .run(move || (mover.read(limit), mover))
                    .await
                    .ok_or_else(|| SpoolError::Corrupt("the spool reader panicked".into()))?
            };
            *self = mover;
            let batch = batch?;
            let n = batch.records.len();
            let finished = batch.after.segment;
            if n > 0 {
                let last = batch.after.next - 1;
                store
                    .writer()
                    .call(move |ctx| copy(ctx.conn, &batch.records, last))
                    .await
                    .map_err(|e| SpoolError::Corrupt(format!("copying into the database: {e}")))?;
            }
            // Committed: move on, and hand the segments passed to the pool for reuse.
            self.at = batch.after;
            if finished > 0 {
                self.reader = None;
                self.shared.release(finished);
                self.at.segment = 0;
            }
            total += n;
            // Done once everything up to `limit` is copied (a batch can stop short of it at its
            // record or byte cap), or when nothing moved (the rest is not written yet).
            if self.at.next > limit || (n == 0 && finished == 0) {
                return Ok(total);
            }
        }
    }

    /// A mover with no reader, standing in while the real one reads on a blocking thread.
    fn placeholder(&self) -> Self {
        Self {
            shared: self.shared.clone(),
            at: self.at,
            reader: None,
            reads: self.reads.clone(),
        }
    }

    /// Copies records as they are written, waking `inbox` after each copy, until `stop`; then
    /// waits for the appender to stop and copies the rest.
    pub async fn run(mut self, store: Store, inbox: Inbox, stop: CancellationToken) {
        let mut durable = self.shared.durable.subscribe();
        let mut backoff = Duration::from_millis(100);
        loop {
            let limit = *durable.borrow_and_update();
            let busy = match self.move_up_to(&store, limit).await {
                Ok(0) => false,
                Ok(n) => {
                    debug!(records = n, "copied spooled webhooks into the database");
                    inbox.notify();
                    n >= BUSY
                }
                Err(e) => {
                    error!(error = %e, "copying spooled webhooks failed; will retry");
                    tokio::select! {
                        _ = tokio::time::sleep(backoff) => {}
                        _ = stop.cancelled() => break,
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                    continue;
                }
            };
            backoff = Duration::from_millis(100);
            tokio::select! {
                changed = durable.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    if busy {
                        tokio::time::sleep(GATHER).await;
                    }
                }
                _ = stop.cancelled() => break,
            }
        }
        self.shared.appender_done.cancelled().await;
        let limit = *durable.borrow();
        match self.move_up_to(&store, limit).await {
            Ok(n) => {
                if n > 0 {
                    inbox.notify();
                }
            }
            Err(e) => error!(error = %e, "the spool could not be emptied; the next start will"),
        }
    }
}

/// Inserts `records` into the journal and records `last` as copied, in the caller's transaction.
fn copy(conn: &rusqlite::Connection, records: &[Record], last: u64) -> Result<(), StoreError> {
    for r in records {
        // Spooled bodies were checked to be JSON, so this never replaces anything; if it ever
        // did, the inbox would report the event as unreadable rather than the copy stalling.
        let body = String::from_utf8_lossy(&r.body);
        journal::insert_received(conn, r.received_ms, &body)?;
    }
    journal::set_spool_cursor(conn, last)
}

/// The last spool seq copied into the database.
pub fn cursor(conn: &rusqlite::Connection) -> Result<u64, StoreError> {
    journal::spool_cursor(conn)
}

#[cfg(test)]
impl Mover {
    /// Copies what is on disk now (tests).
    pub(crate) async fn catch_up(&mut self, store: &Store) -> Result<usize, SpoolError> {
        let limit = *self.shared.durable.borrow();
        self.move_up_to(store, limit).await
    }

    /// The niceness of the thread the mover reads on, read on that thread (tests).
    #[cfg(target_os = "linux")]
    pub(crate) async fn read_thread_niceness(&self) -> Option<String> {
        self.reads
            .run(crate::store::priority::current_thread_niceness)
            .await
            .flatten()
    }
}
