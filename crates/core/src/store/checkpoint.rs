//! WAL checkpoints on their own thread and connection, so that copying the WAL back into the
//! database never holds up the writer's commits (and with them, webhook acknowledgements).
//!
//! The writer keeps SQLite's automatic checkpoint only as a safety net, at a much larger WAL.

use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing::debug;

use super::{StoreError, open_connection};

/// How often the WAL is copied back into the database.
const EVERY: Duration = Duration::from_millis(500);
/// The writer's own automatic checkpoint, in pages: only if this thread falls far behind.
pub(super) const WRITER_AUTOCHECKPOINT_PAGES: u32 = 16_384;

pub(super) struct Checkpointer {
    stop: Arc<(Mutex<bool>, Condvar)>,
    handle: Option<JoinHandle<()>>,
}

impl Checkpointer {
    pub(super) fn spawn(path: &Path) -> Result<Self, StoreError> {
        let conn = open_connection(path, false)?;
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let signal = stop.clone();
        let handle = std::thread::Builder::new()
            .name("shopchat-checkpoint".into())
            .spawn(move || {
                super::priority::lower_current_thread();
                let (lock, wake) = &*signal;
                let mut stopped = lock.lock().unwrap_or_else(|e| e.into_inner());
                loop {
                    stopped = wake
                        .wait_timeout(stopped, EVERY)
                        .unwrap_or_else(|e| e.into_inner())
                        .0;
                    if *stopped {
                        return;
                    }
                    // PASSIVE: copies what it can without waiting for, or blocking, anyone.
                    let done = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                        Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
                    });
                    match done {
                        Ok((wal, copied)) if wal > 0 => {
                            debug!(wal, copied, "checkpoint");
                        }
                        Ok(_) => {}
                        Err(e) => debug!(error = %e, "checkpoint skipped"),
                    }
                }
            })
            .map_err(StoreError::Io)?;
        Ok(Self {
            stop,
            handle: Some(handle),
        })
    }

    fn signal(&self) {
        let (lock, wake) = &*self.stop;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
    }

    /// Stops the thread and waits for it.
    pub(super) fn stop(mut self) {
        self.signal();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Checkpointer {
    /// A store dropped without `close` still lets the thread (and its connection) go.
    fn drop(&mut self) {
        self.signal();
    }
}
