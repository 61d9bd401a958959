//! Retention: journaled webhook bodies and finished outbox rows are deleted once they are older
//! than the settings' retention (30 days by default; a body only once its event was applied),
//! and the database gives the freed pages back to the disk (`auto_vacuum = INCREMENTAL`).
//!
//! A database created before incremental vacuum was on is switched once, with a full `VACUUM`,
//! when the store opens ([`ensure_incremental_vacuum`]).

mod task;

#[cfg(test)]
mod tests;

use std::time::Duration;

use rusqlite::{Connection, params};
use serde::Serialize;
use tracing::info;

use crate::store::StoreError;

pub use task::{prune_all, run};

/// How long journaled bodies and finished outbox rows are kept by default.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;
/// Events that failed to apply are kept this many times longer (for diagnosis).
const ERROR_FACTOR: i64 = 3;
/// Rows deleted per write, so the writer is never held long.
pub const BATCH: i64 = 2_000;
/// How often the engine prunes.
pub const EVERY: Duration = Duration::from_secs(60 * 60);
/// Free pages given back per write.
const VACUUM_PAGES: i64 = 2_000;

/// What one batch (or a whole run) removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Pruned {
    pub webhook_bodies: u64,
    pub outbox_rows: u64,
    /// Pages the incremental vacuum gave back.
    pub pages_freed: u64,
}

impl Pruned {
    pub fn add(&mut self, other: Pruned) {
        self.webhook_bodies += other.webhook_bodies;
        self.outbox_rows += other.outbox_rows;
        self.pages_freed += other.pages_freed;
    }

    pub fn is_empty(&self) -> bool {
        self.webhook_bodies == 0 && self.outbox_rows == 0 && self.pages_freed == 0
    }
}

/// Deletes at most [`BATCH`] applied events and [`BATCH`] finished outbox rows older than
/// `keep_ms` before `now_ms`, then gives up to a batch of free pages back. Call it repeatedly (one
/// write each) until it returns an empty [`Pruned`].
pub fn prune_batch(conn: &Connection, now_ms: i64, keep_ms: i64) -> Result<Pruned, StoreError> {
    let cutoff = now_ms - keep_ms;
    let error_cutoff = now_ms - keep_ms.saturating_mul(ERROR_FACTOR);
    let ids: Vec<i64> = {
        let mut q = conn.prepare_cached(
            "SELECT id FROM webhook_events
              WHERE applied_at IS NOT NULL AND applied_at < ?1
                AND (outcome IS NOT 'error' OR applied_at < ?2)
              ORDER BY applied_at LIMIT ?3",
        )?;
        q.query_map(params![cutoff, error_cutoff, BATCH], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?
    };
    let mut unlink = conn.prepare_cached(
        "UPDATE messages SET webhook_event_id = NULL WHERE webhook_event_id = ?1",
    )?;
    let mut delete = conn.prepare_cached("DELETE FROM webhook_events WHERE id = ?1")?;
    for id in &ids {
        unlink.execute([id])?;
        delete.execute([id])?;
    }
    let outbox = conn
        .prepare_cached(
            "DELETE FROM outbox WHERE message_id IN (
                SELECT message_id FROM outbox
                 WHERE state IN ('done', 'failed') AND updated_at < ?1
                 ORDER BY updated_at LIMIT ?2)",
        )?
        .execute(params![cutoff, BATCH])?;
    let pages_freed = incremental_vacuum(conn, VACUUM_PAGES)?;
    Ok(Pruned {
        webhook_bodies: ids.len() as u64,
        outbox_rows: outbox as u64,
        pages_freed,
    })
}

/// Gives up to `pages` free pages back to the disk; returns how many it gave.
pub fn incremental_vacuum(conn: &Connection, pages: i64) -> Result<u64, StoreError> {
    let before: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    if before == 0 {
        return Ok(0);
    }
    // The pragma returns a row per step: run it to the end.
    let mut q = conn.prepare(&format!("PRAGMA incremental_vacuum({pages})"))?;
    let mut rows = q.query([])?;
    while rows.next()?.is_some() {}
    drop(rows);
    drop(q);
    let after: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    Ok((before - after).max(0) as u64)
}

/// Switches a database to `auto_vacuum = INCREMENTAL`. A new (empty) database switches for free;
/// an older one needs a full `VACUUM` once (a rewrite of the file, so as long as a copy takes).
/// Must run outside any transaction.
pub fn ensure_incremental_vacuum(conn: &Connection) -> Result<(), StoreError> {
    let mode: i64 = conn.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))?;
    if mode == 2 {
        return Ok(());
    }
    conn.execute_batch("PRAGMA auto_vacuum = INCREMENTAL")?;
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    if pages > 0 {
        let started = std::time::Instant::now();
        conn.execute_batch("VACUUM")?;
        info!(
            pages,
            ms = started.elapsed().as_millis() as u64,
            "the database now gives freed space back (incremental vacuum), after a one-time VACUUM"
        );
    }
    Ok(())
}
