//! The local SQLite store: WAL, busy timeout, foreign keys, embedded migrations, one writer
//! thread (group commit) and a small pool of read connections.

mod checkpoint;
mod migrate;
pub(crate) mod priority;
pub(crate) mod texts;
mod writer;

mod content;

pub mod contacts;
pub mod enrich;
mod held;
pub mod journal;
pub mod media;
pub mod media_hold;
pub mod messages;
pub mod outbox;
pub mod reactions;
pub mod search;
pub mod statuses;
pub mod templates;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use tokio::sync::broadcast;

pub use crate::clock::{now_ms, now_secs};
pub use migrate::latest_version;
use writer::WriterThread;
pub use writer::{WriteCtx, Writer, WriterStats};

use crate::events::DomainEvent;
use crate::i18n::say;
use texts::TEXTS;

/// The database file's name inside the data dir.
pub const DB_FILE: &str = "shopchat.db";

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_IDLE_READERS: usize = 4;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", say(TEXTS, "store.database", &[("error", &.0.to_string())]))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", say(TEXTS, "store.too_new", &[("found", &.found.to_string()), ("supported", &.supported.to_string())]))]
    TooNew { found: u32, supported: u32 },
    #[error("{}", say(TEXTS, "store.migration", &[("version", &.version.to_string()), ("name", .name), ("error", &.source.to_string())]))]
    Migration {
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("{}", say(TEXTS, "store.closed", &[]))]
    Closed,
    #[error("{}", say(TEXTS, "store.aborted", &[]))]
    Aborted,
    #[error("{}", say(TEXTS, "store.batch", &[("error", &.0.to_string())]))]
    Batch(Arc<StoreError>),
    #[error("{}", say(TEXTS, "store.panicked", &[]))]
    Panicked,
    #[error("{0}")]
    Io(std::io::Error),
    #[error("{}", say(TEXTS, "store.corrupt", &[("detail", .0)]))]
    Corrupt(String),
    #[error("{}", say(TEXTS, "store.not_found", &[("what", .0)]))]
    NotFound(String),
}

/// The store: a writer handle and a pool of readers, over one database file.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Writer,
    readers: Mutex<Vec<Connection>>,
    events: broadcast::Sender<DomainEvent>,
    thread: Mutex<Option<WriterThread>>,
    checkpointer: Mutex<Option<checkpoint::Checkpointer>>,
    install_id: String,
}

impl Store {
    /// Opens (creating if needed) `DB_FILE` in `dir`, migrates it, and starts the writer.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(StoreError::Io)?;
        let path = dir.join(DB_FILE);
        let mut conn = open_connection(&path, false)?;
        crate::retention::ensure_incremental_vacuum(&conn)?;
        migrate::migrate(&mut conn)?;
        let install_id = install_id(&conn)?;
        conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {}",
            checkpoint::WRITER_AUTOCHECKPOINT_PAGES
        ))?;
        let checkpointer = checkpoint::Checkpointer::spawn(&path)?;
        let (events, _) = broadcast::channel(4096);
        let (writer, thread) = Writer::spawn(conn, dir.to_owned(), events.clone())?;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                writer,
                readers: Mutex::new(Vec::new()),
                events,
                thread: Mutex::new(Some(thread)),
                checkpointer: Mutex::new(Some(checkpointer)),
                install_id,
            }),
        })
    }

    /// Commits what was sent to the writer, then stops it. Writes after this fail.
    pub async fn close(&self) {
        self.inner.writer.close().await;
        let thread = self.inner.thread.lock().ok().and_then(|mut t| t.take());
        if let Some(thread) = thread {
            let _ = tokio::task::spawn_blocking(move || thread.join()).await;
        }
        let checkpointer = self
            .inner
            .checkpointer
            .lock()
            .ok()
            .and_then(|mut c| c.take());
        if let Some(c) = checkpointer {
            let _ = tokio::task::spawn_blocking(move || c.stop()).await;
        }
        if let Ok(mut readers) = self.inner.readers.lock() {
            readers.clear();
        }
    }

    /// This database's random id: see [`install_id`].
    pub fn install_id(&self) -> &str {
        &self.inner.install_id
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn writer(&self) -> &Writer {
        &self.inner.writer
    }

    /// Domain events, published by the writer after each commit.
    pub fn subscribe(&self) -> broadcast::Receiver<DomainEvent> {
        self.inner.events.subscribe()
    }

    /// Publishes an event that is not the result of a write (the outbox pausing, say).
    pub(crate) fn publish(&self, event: DomainEvent) {
        // No subscribers is fine.
        let _ = self.inner.events.send(event);
    }

    /// Runs `f` on a read connection, off the async runtime.
    pub async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.read_blocking(f))
            .await
            .map_err(|_| StoreError::Panicked)?
    }

    /// Runs `f` on a read connection, on this thread.
    pub fn read_blocking<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pooled = self.inner.readers.lock().ok().and_then(|mut p| p.pop());
        let conn = match pooled {
            Some(c) => c,
            None => open_connection(&self.inner.path, true)?,
        };
        let result = f(&conn);
        if let Ok(mut pool) = self.inner.readers.lock()
            && pool.len() < MAX_IDLE_READERS
        {
            pool.push(conn);
        }
        result
    }
}

fn open_connection(path: &Path, read_only: bool) -> Result<Connection, StoreError> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI
    };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if !read_only {
        // WAL survives in the file; setting it needs a write connection.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt(format!(
                "could not switch to WAL (got {mode})"
            )));
        }
    }
    // FULL: a commit is on disk before anyone is told it happened (the webhook 200 promises that).
    // temp_store in memory: statement journals (one per savepoint) need no temp file.
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
    )?;
    if read_only {
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > latest_version() {
            return Err(StoreError::TooNew {
                found: version,
                supported: latest_version(),
            });
        }
    }
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// This database's random id (migration 0006), part of the callback data each send carries.
pub fn install_id(conn: &Connection) -> Result<String, StoreError> {
    use rusqlite::OptionalExtension;
    conn.prepare_cached("SELECT value FROM meta WHERE key = 'install_id'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("the database has no install id".into()))
}

#[cfg(test)]
mod tests;
