//! Inbound files held to protect the disk (below the free-space floor, or past a customer's
//! daily budget), and what a customer's files of the last day weigh.
//!
//! A held file is kept in the `media` table as `state = 'failed'` with `error = 'held:<why>'`
//! (the table's states predate holding; no migration is needed): nothing retries it on its
//! own, [`crate::store::media::view`] shows it as [`MediaState::Held`](crate::views::MediaState)
//! with its [`MediaHold`], and the owner's **Download anyway** claims it.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::media::{DUE_COLUMNS, DueDownload, due_from_row, with_kind};
use crate::views::MediaHold;

pub use super::held::{HELD_PREFIX, hold_of};

/// Holds a file claimed for download: not fetched, and not retried on its own. `size` is what
/// Meta declared (shown with the hold).
pub fn mark_held(
    conn: &Connection,
    message_id: i64,
    hold: MediaHold,
    size: u64,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE media SET state = 'failed', error = ?2, size = ?3, updated_at = ?4
         WHERE message_id = ?1",
    )?
    .execute(params![
        message_id,
        format!("{HELD_PREFIX}{}", hold.as_str()),
        i64::try_from(size).unwrap_or(i64::MAX),
        now_ms
    ])?;
    Ok(())
}

/// The owner's **Download anyway**: a held file is marked `downloading` and returned, to be
/// fetched whatever the floor and the budget; `None` when the message has no held file.
pub fn claim_held(
    conn: &Connection,
    message_id: i64,
    now_ms: i64,
) -> Result<Option<DueDownload>, StoreError> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {DUE_COLUMNS}
             FROM media JOIN messages ON messages.id = media.message_id
             WHERE media.message_id = ?1 AND media.state = 'failed' AND media.media_id IS NOT NULL
                 AND media.error LIKE 'held:%'"
        ))?
        .query_row([message_id], due_from_row)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let due = with_kind(row)?;
    conn.prepare_cached(
        "UPDATE media SET state = 'downloading', error = NULL, updated_at = ?2
         WHERE message_id = ?1",
    )?
    .execute(params![message_id, now_ms])?;
    Ok(Some(due))
}

/// The bytes of the files `contact` sent that were downloaded since `since_ms`.
pub fn bytes_received_since(
    conn: &Connection,
    contact: &str,
    since_ms: i64,
) -> Result<u64, StoreError> {
    let total: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(media.size), 0)
             FROM media JOIN messages ON messages.id = media.message_id
             WHERE messages.contact = ?1 AND messages.direction = 'in'
                 AND media.state = 'ready' AND media.updated_at >= ?2",
        )?
        .query_row(params![contact, since_ms], |r| r.get(0))?;
    Ok(total.max(0) as u64)
}
