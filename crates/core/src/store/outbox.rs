//! The outbox queue: one row per outbound message, drained by the worker.

use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, now_ms};

/// A row the worker has claimed.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub message_id: i64,
    /// The recipient's wa_id.
    pub contact: String,
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
}

pub fn insert(
    conn: &Connection,
    message_id: i64,
    contact: &str,
    payload: &str,
) -> Result<(), StoreError> {
    let now = now_ms();
    conn.prepare_cached(
        "INSERT INTO outbox (message_id, contact, payload, state, next_attempt_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'pending', ?4, ?4, ?4)",
    )?
    .execute(params![message_id, contact, payload, now])?;
    Ok(())
}

/// Takes the oldest due row and marks it in flight: a row whose customer has no earlier message
/// still queued or in flight, so each customer gets their messages in the order they were
/// written, even while other customers' messages go out at the same time.
pub fn claim_next(conn: &Connection, now: i64) -> Result<Option<Claimed>, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, updated_at = ?1
             WHERE message_id = (
                 SELECT o.message_id FROM outbox o
                 WHERE o.state = 'pending' AND o.next_attempt_at <= ?1
                   AND NOT EXISTS (
                       SELECT 1 FROM outbox e
                       WHERE e.contact = o.contact AND e.message_id < o.message_id
                         AND e.state IN ('pending', 'in_flight'))
                 ORDER BY o.next_attempt_at, o.message_id LIMIT 1)
             RETURNING message_id, contact, payload, attempts",
        )?
        .query_row([now], |r| {
            Ok(Claimed {
                message_id: r.get(0)?,
                contact: r.get(1)?,
                payload: r.get(2)?,
                attempts: r.get(3)?,
            })
        })
        .optional()?)
}

/// Puts a claimed row back, untried, until `at` (unix ms): its customer's pacing says wait.
pub fn defer(conn: &Connection, message_id: i64, at: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'pending', attempts = max(attempts - 1, 0), next_attempt_at = ?2,
             updated_at = ?3
         WHERE message_id = ?1",
    )?
    .execute(params![message_id, at, now_ms()])?;
    Ok(())
}

/// When the next row [`claim_next`] could take is due (unix ms), if any: rows waiting behind
/// their customer's earlier messages do not count.
pub fn next_due(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT o.next_attempt_at FROM outbox o
             WHERE o.state = 'pending'
               AND NOT EXISTS (
                   SELECT 1 FROM outbox e
                   WHERE e.contact = o.contact AND e.message_id < o.message_id
                     AND e.state IN ('pending', 'in_flight'))
             ORDER BY o.next_attempt_at LIMIT 1",
        )?
        .query_row([], |r| r.get(0))
        .optional()?)
}

pub fn finish(
    conn: &Connection,
    message_id: i64,
    state: &str,
    error: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4 WHERE message_id = ?1",
    )?
    .execute(params![message_id, state, error, now_ms()])?;
    Ok(())
}

pub fn reschedule(
    conn: &Connection,
    message_id: i64,
    at: i64,
    error: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?2, last_error = ?3, updated_at = ?4 WHERE message_id = ?1",
    )?
    .execute(params![message_id, at, error, now_ms()])?;
    Ok(())
}

/// Puts a claimed row back in the queue as if it had not been tried (the outbox paused before
/// its request could succeed: the attempt does not count).
pub fn requeue(conn: &Connection, message_id: i64, error: &str) -> Result<(), StoreError> {
    let now = now_ms();
    conn.prepare_cached(
        "UPDATE outbox SET state = 'pending', attempts = max(attempts - 1, 0), next_attempt_at = ?2,
             last_error = ?3, updated_at = ?2
         WHERE message_id = ?1",
    )?
    .execute(params![message_id, now, error])?;
    Ok(())
}

/// Rows left in flight by a crash while their file was still being uploaded: the send itself
/// never started, so they go back in the queue.
pub fn requeue_uploading(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?1, updated_at = ?1
         WHERE state = 'in_flight' AND message_id IN (
             SELECT message_id FROM media WHERE media_id IS NULL AND path IS NOT NULL)
         RETURNING message_id",
    )?;
    let rows = stmt.query_map([now_ms()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Rows left in flight by a crash: the request may or may not have reached Meta.
pub fn take_in_flight(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "UPDATE outbox SET state = 'unknown', updated_at = ?1 WHERE state = 'in_flight' RETURNING message_id",
    )?;
    let rows = stmt.query_map([now_ms()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Outbox rows by state; failures and unknowns of the last 24 hours only.
pub fn counts(conn: &Connection) -> Result<crate::views::OutboxCounts, StoreError> {
    let since = now_ms() - 24 * 3600 * 1000;
    Ok(conn.query_row(
        "SELECT count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'in_flight'),
                count(*) FILTER (WHERE state = 'failed' AND updated_at >= ?1),
                count(*) FILTER (WHERE state = 'unknown' AND updated_at >= ?1)
         FROM outbox",
        [since],
        |r| {
            Ok(crate::views::OutboxCounts {
                pending: r.get(0)?,
                in_flight: r.get(1)?,
                failed: r.get(2)?,
                unknown: r.get(3)?,
            })
        },
    )?)
}

/// Replaces a row's payload (a file message once its file is uploaded).
pub fn set_payload(conn: &Connection, message_id: i64, payload: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE outbox SET payload = ?2, updated_at = ?3 WHERE message_id = ?1")?
        .execute(rusqlite::params![message_id, payload, super::now_ms()])?;
    Ok(())
}
