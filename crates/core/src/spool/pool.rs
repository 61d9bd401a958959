//! Free segments: the ones the mover has finished with, reused as they are (a reused segment only
//! gets a new header), and new zero-filled ones that a background thread makes ahead of need, so
//! that the appender never writes a megabyte of zeros while requests wait.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

use tracing::warn;

use super::segment;

pub struct Pool {
    dir: PathBuf,
    segment_bytes: u64,
    /// Free segments kept ready for the appender.
    spare: usize,
    /// Free segments kept at the most; more are deleted (the spool shrinks back after a flood).
    keep: usize,
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    /// (id, path) of segments that hold nothing the mover still needs.
    free: Vec<(u64, PathBuf)>,
    next_id: u64,
    stop: bool,
}

impl Pool {
    pub fn new(
        dir: &Path,
        segment_bytes: u64,
        spare: usize,
        keep: usize,
        free: Vec<(u64, PathBuf)>,
        next_id: u64,
    ) -> Arc<Self> {
        Arc::new(Self {
            dir: dir.to_owned(),
            segment_bytes,
            spare,
            keep: keep.max(spare),
            state: Mutex::new(State {
                free,
                next_id,
                stop: false,
            }),
            changed: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A free segment: a reused one, a spare, or (when the mover is far behind and none is left)
    /// a new one made now.
    pub fn take(&self) -> std::io::Result<(u64, PathBuf)> {
        let id = {
            let mut state = self.lock();
            if let Some(free) = state.free.pop() {
                self.changed.notify_all();
                return Ok(free);
            }
            state.next_id += 1;
            state.next_id
        };
        Ok((id, segment::create(&self.dir, id, self.segment_bytes)?))
    }

    /// A segment the mover has finished with: kept for reuse, or deleted when enough are kept.
    pub fn give_back(&self, id: u64, path: PathBuf) {
        let mut state = self.lock();
        if state.free.len() < self.keep {
            // Reused first: the most recently written is the likeliest still in the page cache.
            state.free.push((id, path));
            return;
        }
        drop(state);
        if let Err(e) = std::fs::remove_file(&path) {
            warn!(error = %e, path = %path.display(), "could not delete a spool segment");
        }
    }

    /// How many free segments there are now.
    #[cfg(test)]
    pub fn free_count(&self) -> usize {
        self.lock().free.len()
    }

    /// Starts the thread that keeps `spare` segments ready.
    pub fn spawn_preparer(self: &Arc<Self>) -> std::io::Result<JoinHandle<()>> {
        let pool = self.clone();
        std::thread::Builder::new()
            .name("shopchat-segs".into())
            .spawn(move || pool.prepare())
    }

    fn prepare(&self) {
        loop {
            let id = {
                let mut state = self.lock();
                while !state.stop && state.free.len() >= self.spare {
                    state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
                if state.stop {
                    return;
                }
                state.next_id += 1;
                state.next_id
            };
            match segment::create(&self.dir, id, self.segment_bytes) {
                Ok(path) => self.lock().free.push((id, path)),
                Err(e) => {
                    // The appender makes its own when none is ready; try again later.
                    warn!(error = %e, "could not prepare a spool segment");
                    let state = self.lock();
                    let _ = self
                        .changed
                        .wait_timeout(state, std::time::Duration::from_secs(5));
                }
            }
        }
    }

    pub fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }
}
