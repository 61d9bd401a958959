//! The spool: where a webhook is made durable before Meta gets its 200.
//!
//! SQLite is where everything lives, but a SQLite commit is a long, single-threaded affair (pages,
//! B-tree, the WAL, its checkpoints) that the inbox also needs. The spool is the short path: an
//! [appender](appender) thread writes the bodies of every request waiting into a preallocated
//! segment file, in one write, and flushes them with one `fdatasync` (zero-filled segments never
//! change size, so a flush is data only, no metadata); each request
//! is answered with its seq once a flush covering it has returned. The
//! [`Mover`] copies spooled records into `webhook_events` behind the acknowledgements, in large
//! transactions, with the last seq copied (`spool_cursor`) in the same transaction, so each record
//! is copied exactly once however the app stops. Segments the mover has finished with are reused.
//!
//! After a crash, [`Spool::open`] reads the segments back: each from its header's start seq,
//! record by record while the seqs are consecutive and the checksums hold; the first place where
//! that fails is the end of what was written (a torn write was never acknowledged). New records
//! then go to a fresh segment, after the last seq seen.

mod appender;
mod flusher;
mod mover;
mod pool;
mod record;
mod segment;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot, watch};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

pub use mover::{Mover, cursor as mover_cursor};
use record::SEGMENT_HEADER;
use segment::{SegmentMeta, SegmentReader};

/// The spool's folder inside the data dir.
pub const SPOOL_DIR: &str = "spool";

#[derive(Debug, thiserror::Error)]
pub enum SpoolError {
    #[error("could not write to the spool: {0}")]
    Write(Arc<std::io::Error>),
    #[error("spool I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the spool is closed")]
    Closed,
    #[error("a body of {0} bytes is too large for the spool")]
    TooLarge(usize),
    #[error("an empty body cannot be spooled")]
    Empty,
    #[error("the spool is damaged: {0}")]
    Corrupt(String),
    #[error("the spool's backlog is full ({0} bytes wait for the database)")]
    Full(u64),
}

/// Sizes; the defaults suit the app.
#[derive(Debug, Clone, Copy)]
pub struct SpoolConfig {
    /// Bytes per segment file; the largest body is this less 88 bytes.
    pub segment_bytes: u64,
    /// Free segments kept ready.
    pub spare: usize,
    /// Free segments kept at the most.
    pub keep: usize,
    /// The most bytes of segments not yet copied into the database (the backlog) the spool
    /// holds; past it an append is refused ([`SpoolError::Full`]: the server answers 503 and
    /// Meta retries later) instead of filling the disk while the database is stuck.
    pub max_backlog_bytes: u64,
}

impl Default for SpoolConfig {
    fn default() -> Self {
        Self {
            segment_bytes: 8 << 20,
            spare: 2,
            keep: 4,
            max_backlog_bytes: 256 << 20,
        }
    }
}

/// What the appender and the mover share.
pub(crate) struct Shared {
    segment_bytes: u64,
    /// Segments holding records the mover has not finished with, oldest first; the appender adds
    /// at the back, the mover removes from the front.
    chain: Mutex<VecDeque<Arc<SegmentMeta>>>,
    pool: Arc<pool::Pool>,
    /// The last seq on disk.
    durable: watch::Sender<u64>,
    /// Cancelled when the appender thread has stopped (nothing more will be written).
    appender_done: CancellationToken,
    #[cfg(test)]
    fault: std::sync::atomic::AtomicBool,
}

impl Shared {
    fn push_segment(&self, meta: Arc<SegmentMeta>) {
        self.chain
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back(meta);
    }

    fn segment(&self, index: usize) -> Option<Arc<SegmentMeta>> {
        self.chain
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(index)
            .cloned()
    }

    /// Removes the `n` oldest segments from the chain and hands them to the pool.
    fn release(&self, n: usize) {
        let released: Vec<_> = {
            let mut chain = self.chain.lock().unwrap_or_else(|e| e.into_inner());
            let n = n.min(chain.len());
            chain.drain(..n).collect()
        };
        for meta in released {
            self.pool.give_back(meta.id, meta.path.clone());
        }
    }

    #[cfg(test)]
    fn check_fault(&self) -> std::io::Result<()> {
        if self.fault.swap(false, std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::other("injected write failure"));
        }
        Ok(())
    }

    #[cfg(not(test))]
    fn check_fault(&self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A handle to the spool. Cheap to clone.
#[derive(Clone)]
pub struct Spool {
    jobs: mpsc::Sender<appender::Msg>,
    shared: Arc<Shared>,
    threads: Arc<Mutex<Vec<JoinHandle<()>>>>,
    max_body: usize,
    max_backlog: u64,
}

impl Spool {
    /// Opens the spool in `dir` (creating it), reads back what a previous run left, and starts
    /// the appender. `cursor` is the last seq already copied into the database; the returned
    /// mover copies the rest, and then what is appended.
    pub fn open(dir: &Path, cursor: u64, config: SpoolConfig) -> Result<(Self, Mover), SpoolError> {
        let max_body =
            (config.segment_bytes.saturating_sub(SEGMENT_HEADER)) as usize - record::RECORD_HEADER;
        std::fs::create_dir_all(dir)?;
        let ids = segment::list(dir)?;
        let next_id = ids.last().copied().unwrap_or(0);
        let mut headed = Vec::new();
        let mut free = Vec::new();
        for id in ids {
            let path = segment::path_of(dir, id);
            match segment::read_header(&path)? {
                Some(start) => headed.push((start, id, path)),
                None => free.push((id, path)),
            }
        }
        headed.sort_unstable_by_key(|&(start, id, _)| (start, id));
        let mut chain = VecDeque::new();
        let mut last_seq = cursor;
        // New records are numbered after every header on disk, freed segments' included: a
        // segment whose header reached the disk but whose records did not keeps its start seq
        // while it waits in the pool, and a later segment must never share or undercut it (the
        // order of segments at the next start is their start seqs').
        let highest_start = headed.last().map_or(0, |&(start, _, _)| start);
        for i in 0..headed.len() {
            let (start, id, ref path) = headed[i];
            // A later segment starting at or before the cursor: this one is all copied.
            let superseded = headed.get(i + 1).is_some_and(|next| next.0 <= cursor + 1);
            let last = if superseded {
                start.saturating_sub(1)
            } else {
                SegmentReader::open(path)?.scan(start)?.0
            };
            if last < start || last <= cursor {
                free.push((id, path.clone()));
                continue;
            }
            let meta = SegmentMeta::new(id, path.clone(), start);
            meta.seal(last);
            last_seq = last_seq.max(last);
            chain.push_back(Arc::new(meta));
        }
        if !chain.is_empty() {
            info!(
                records = last_seq - cursor,
                segments = chain.len(),
                "webhooks in the spool from the last run will be copied into the database"
            );
        }
        let pool = pool::Pool::new(
            dir,
            config.segment_bytes,
            config.spare,
            config.keep,
            free,
            next_id,
        );
        let next_seq = last_seq.max(highest_start) + 1;
        let (durable, _) = watch::channel(last_seq);
        let shared = Arc::new(Shared {
            segment_bytes: config.segment_bytes,
            chain: Mutex::new(chain),
            pool,
            durable,
            appender_done: CancellationToken::new(),
            #[cfg(test)]
            fault: Default::default(),
        });
        let (tx, rx) = mpsc::channel(8192);
        let preparer = shared.pool.spawn_preparer()?;
        let pool = shared.pool.clone();
        let answers = tokio::runtime::Handle::try_current().ok().map(|runtime| {
            let (to, from) = mpsc::unbounded_channel();
            runtime.spawn(flusher::complete(from));
            to
        });
        let flush = flusher::Flush::new(shared.clone(), answers, last_seq);
        let appender = appender::Appender::new(shared.clone(), flush, rx, next_seq);
        let done = shared.appender_done.clone();
        let writer = std::thread::Builder::new()
            .name("shopchat-spool0".into())
            .spawn(move || {
                let _done = done.drop_guard();
                let others: Vec<_> = (1..appender::THREADS)
                    .filter_map(|i| {
                        let appender = appender.clone();
                        std::thread::Builder::new()
                            .name(format!("shopchat-spool{i}"))
                            .spawn(move || appender.run())
                            .ok()
                    })
                    .collect();
                appender.run();
                for other in others {
                    let _ = other.join();
                }
                // Nothing more will be written: no more segments are needed.
                pool.stop();
            })?;
        let mover = Mover::new(shared.clone(), cursor)?;
        Ok((
            Self {
                jobs: tx,
                shared,
                threads: Arc::new(Mutex::new(vec![writer, preparer])),
                max_body,
                max_backlog: config.max_backlog_bytes,
            },
            mover,
        ))
    }

    /// Writes `body` durably; returns its seq once it is on disk.
    pub async fn append(&self, body: Bytes) -> Result<u64, SpoolError> {
        if body.is_empty() {
            return Err(SpoolError::Empty);
        }
        if body.len() > self.max_body {
            return Err(SpoolError::TooLarge(body.len()));
        }
        let backlog = self.backlog_bytes();
        if backlog >= self.max_backlog {
            return Err(SpoolError::Full(backlog));
        }
        let (reply, answer) = oneshot::channel();
        let append = appender::Append {
            body,
            received_ms: crate::store::now_ms(),
            reply,
        };
        self.jobs
            .send(appender::Msg::Append(append))
            .await
            .map_err(|_| SpoolError::Closed)?;
        answer.await.map_err(|_| SpoolError::Closed)?
    }

    /// The backlog past which appends are refused ([`SpoolError::Full`]).
    pub fn max_backlog_bytes(&self) -> u64 {
        self.max_backlog
    }

    /// The disk held by segments the mover has not finished copying (the backlog), in bytes.
    pub fn backlog_bytes(&self) -> u64 {
        let segments = self
            .shared
            .chain
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len() as u64;
        segments * self.shared.segment_bytes
    }

    /// The last seq on disk.
    pub fn durable(&self) -> u64 {
        *self.shared.durable.borrow()
    }

    /// Writes what was appended before this, then stops the appender; later appends fail with
    /// [`SpoolError::Closed`]. The mover then copies what is left and stops.
    pub async fn close(&self) {
        let _ = self.jobs.send(appender::Msg::Stop).await;
        self.shared.appender_done.cancelled().await;
        self.shared.pool.stop();
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|e| e.into_inner()));
        let joined = tokio::task::spawn_blocking(move || {
            for t in threads {
                let _ = t.join();
            }
        });
        if joined.await.is_err() {
            warn!("a spool thread panicked");
        }
    }

    /// Makes the next write fail as a full disk would (tests).
    #[cfg(test)]
    pub(crate) fn fail_next_write(&self) {
        self.shared
            .fault
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Free segments kept for reuse (tests).
    #[cfg(test)]
    pub(crate) fn free_segments(&self) -> usize {
        self.shared.pool.free_count()
    }
}

/// The spool's folder for the data dir `store_dir`.
pub fn dir(store_dir: &Path) -> PathBuf {
    store_dir.join(SPOOL_DIR)
}

#[cfg(test)]
mod tests;
