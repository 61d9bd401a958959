//! The webhook journal: raw bodies, committed before Meta gets its 200, applied afterwards.

use rusqlite::{Connection, params};

use super::{StoreError, now_ms};

/// What applying an event came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    /// Nothing in it that the app handles yet; kept in the journal.
    Ignored,
    /// It could not be applied; the detail says why. Kept in the journal.
    Error,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Ignored => "ignored",
            Self::Error => "error",
        }
    }
}

/// Journals a webhook body; returns its id.
pub fn insert(conn: &Connection, body: &str) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO webhook_events (received_at, body) VALUES (?1, ?2) RETURNING id",
        )?
        .query_row(params![now_ms(), body], |r| r.get(0))?)
}

/// Journals a webhook body received at `received_ms` (copied from the spool).
pub fn insert_received(conn: &Connection, received_ms: i64, body: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO webhook_events (received_at, body) VALUES (?1, ?2)")?
        .execute(params![received_ms, body])?;
    Ok(())
}

/// The last spool seq copied into the journal.
pub fn spool_cursor(conn: &Connection) -> Result<u64, StoreError> {
    let seq: i64 = conn
        .prepare_cached("SELECT seq FROM spool_cursor WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(seq as u64)
}

/// Records `seq` as the last spool seq copied (in the transaction that copied it).
pub fn set_spool_cursor(conn: &Connection, seq: u64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE spool_cursor SET seq = ?1 WHERE id = 1")?
        .execute([seq as i64])?;
    Ok(())
}

/// Events not applied yet, oldest first.
pub fn pending(conn: &Connection, limit: u32) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body FROM webhook_events WHERE applied_at IS NULL ORDER BY id LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn mark(
    conn: &Connection,
    id: i64,
    outcome: Outcome,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE webhook_events SET applied_at = ?2, outcome = ?3, detail = ?4 WHERE id = ?1",
    )?
    .execute(params![id, now_ms(), outcome.as_str(), detail])?;
    Ok(())
}

/// How many events are journaled in all, and how many are waiting to be applied.
pub fn counts(conn: &Connection) -> Result<(i64, i64), StoreError> {
    Ok(conn.query_row(
        "SELECT count(*), (SELECT count(*) FROM webhook_events WHERE applied_at IS NULL) FROM webhook_events",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
