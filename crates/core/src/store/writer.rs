//! The one writer: a thread that owns the write connection and commits in groups.
//!
//! Callers hand it closures ([`Writer::call`]). It takes every job waiting, runs each in its own
//! savepoint inside one transaction, commits once, and only then publishes the domain events the
//! jobs produced and answers each caller. Under load, hundreds of webhook requests share one fsync.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::{broadcast, mpsc, oneshot};
use tracing::error;

use super::StoreError;
use crate::events::DomainEvent;

/// Jobs taken into one transaction at the most.
const MAX_BATCH: usize = 1024;

/// What a job sees: the connection (inside a transaction and a savepoint) and the events to
/// publish once the transaction commits.
pub struct WriteCtx<'a> {
    pub conn: &'a Connection,
    /// The store's folder (the database, the media and documents dirs below it), for a job
    /// that writes a file together with its rows (a document sent in reply).
    pub dir: &'a std::path::Path,
    events: &'a mut Vec<DomainEvent>,
}

impl WriteCtx<'_> {
    /// Publishes `event` after the commit (dropped if the job or the commit fails).
    pub fn emit(&mut self, event: DomainEvent) {
        self.events.push(event);
    }

    /// The events this job has emitted so far (published if it commits).
    pub fn emitted(&self) -> &[DomainEvent] {
        self.events
    }
}

type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
type Job = Box<dyn FnOnce(&mut WriteCtx<'_>) -> Completion + Send>;

enum Msg {
    Run(Job),
    /// Finish what came before, then stop.
    Stop,
}

/// A handle to the writer thread. Cheap to clone; the thread stops when the last handle is gone.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Msg>,
    stats: Arc<Counters>,
}

#[derive(Default)]
struct Counters {
    commits: AtomicU64,
    jobs: AtomicU64,
}

/// How much the writer has grouped: jobs per commit is `jobs / commits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterStats {
    pub commits: u64,
    pub jobs: u64,
}

/// Waits for the writer thread to finish its last batch.
pub struct WriterThread(Option<JoinHandle<()>>);

impl WriterThread {
    pub fn join(mut self) {
        if let Some(handle) = self.0.take() {
            let _ = handle.join();
        }
    }
}

impl Writer {
    pub(crate) fn spawn(
        conn: Connection,
        dir: std::path::PathBuf,
        events: broadcast::Sender<DomainEvent>,
    ) -> Result<(Self, WriterThread), StoreError> {
        let (tx, rx) = mpsc::channel::<Msg>(4 * MAX_BATCH);
        let stats = Arc::new(Counters::default());
        let counters = stats.clone();
        let handle = std::thread::Builder::new()
            .name("shopchat-writer".into())
            .spawn(move || {
                super::priority::lower_current_thread();
                run(conn, &dir, rx, events, &counters)
            })
            .map_err(StoreError::Io)?;
        Ok((Self { jobs: tx, stats }, WriterThread(Some(handle))))
    }

    /// Commits and jobs so far.
    pub fn stats(&self) -> WriterStats {
        WriterStats {
            commits: self.stats.commits.load(Ordering::Relaxed),
            jobs: self.stats.jobs.load(Ordering::Relaxed),
        }
    }

    /// Runs `f` in the writer's next transaction and returns its result once that has committed.
    /// If `f` fails, its changes are rolled back and the rest of the batch is unaffected.
    pub async fn call<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut WriteCtx<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |ctx| {
            let result = run_in_savepoint(ctx, f);
            Box::new(move |commit: Result<(), StoreError>| {
                let _ = reply.send(commit.and(result));
            })
        });
        self.jobs
            .send(Msg::Run(job))
            .await
            .map_err(|_| StoreError::Closed)?;
        answer.await.map_err(|_| StoreError::Closed)?
    }

    /// Asks the thread to stop once the jobs sent before this are committed. Later calls fail
    /// with [`StoreError::Closed`].
    pub async fn close(&self) {
        let _ = self.jobs.send(Msg::Stop).await;
    }
}

fn run_in_savepoint<T>(
    ctx: &mut WriteCtx<'_>,
    f: impl FnOnce(&mut WriteCtx<'_>) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    ctx.conn.execute_batch("SAVEPOINT job")?;
    let events_before = ctx.events.len();
    let result = match catch_unwind(AssertUnwindSafe(|| f(ctx))) {
        Ok(r) => r,
        Err(_) => Err(StoreError::Panicked),
    };
    match &result {
        Ok(_) => ctx.conn.execute_batch("RELEASE job")?,
        Err(_) => {
            ctx.events.truncate(events_before);
            ctx.conn.execute_batch("ROLLBACK TO job; RELEASE job")?;
        }
    }
    result
}

fn run(
    mut conn: Connection,
    dir: &std::path::Path,
    mut rx: mpsc::Receiver<Msg>,
    events: broadcast::Sender<DomainEvent>,
    counters: &Counters,
) {
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    let mut stopping = false;
    while !stopping {
        match rx.blocking_recv() {
            Some(Msg::Run(job)) => batch.push(job),
            Some(Msg::Stop) | None => break,
        }
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(Msg::Run(job)) => batch.push(job),
                Ok(Msg::Stop) => {
                    stopping = true;
                    break;
                }
                Err(_) => break,
            }
        }
        let mut produced = Vec::new();
        let mut completions: Vec<Completion> = Vec::with_capacity(batch.len());
        let outcome = (|| -> Result<(), StoreError> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for job in batch.drain(..) {
                let mut ctx = WriteCtx {
                    conn: &tx,
                    dir,
                    events: &mut produced,
                };
                completions.push(job(&mut ctx));
                // Some failures (disk full, I/O error) make SQLite roll the whole transaction
                // back. Running more jobs now would commit each statement on its own: stop, and
                // fail the batch instead.
                if tx.is_autocommit() {
                    return Err(StoreError::Aborted);
                }
            }
            tx.commit()?;
            Ok(())
        })();
        let shared = outcome.map_err(Arc::new);
        if shared.is_ok() {
            counters.commits.fetch_add(1, Ordering::Relaxed);
            counters
                .jobs
                .fetch_add(completions.len() as u64, Ordering::Relaxed);
        }
        if let Err(e) = &shared {
            error!(error = %e, jobs = completions.len(), "a write batch failed to commit");
        }
        // Events first, so that a caller who gets its answer can rely on them having been sent.
        if shared.is_ok() {
            for event in produced {
                // No subscribers is fine.
                let _ = events.send(event);
            }
        }
        // Jobs that never ran (the transaction could not begin or was aborted) are dropped: their
        // callers see Closed.
        batch.clear();
        for complete in completions {
            complete(shared.clone().map_err(StoreError::Batch));
        }
    }
}
