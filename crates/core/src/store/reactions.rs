//! The latest reaction of each side on a message. An empty emoji removes it.

use rusqlite::{Connection, params};

use super::StoreError;
use crate::views::Direction;

/// Records `emoji` (or its removal, when empty) by `direction` on `target_wamid`, unless a later
/// reaction of the same side is already stored. Returns whether anything changed.
pub fn record(
    conn: &Connection,
    target_wamid: &str,
    direction: Direction,
    emoji: &str,
    timestamp: i64,
) -> Result<bool, StoreError> {
    let changed = if emoji.is_empty() {
        conn.prepare_cached(
            "DELETE FROM reactions WHERE target_wamid = ?1 AND direction = ?2 AND timestamp <= ?3",
        )?
        .execute(params![target_wamid, direction.as_str(), timestamp])?
    } else {
        conn.prepare_cached(
            "INSERT INTO reactions (target_wamid, direction, emoji, timestamp) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (target_wamid, direction) DO UPDATE SET emoji = excluded.emoji,
                 timestamp = excluded.timestamp
             WHERE excluded.timestamp >= reactions.timestamp",
        )?
        .execute(params![target_wamid, direction.as_str(), emoji, timestamp])?
    };
    Ok(changed > 0)
}

/// The id of the stored message with this wamid, to tell the UI which one to refresh.
pub fn target_id(conn: &Connection, target_wamid: &str) -> Result<Option<i64>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT id FROM messages WHERE wamid = ?1")?
        .query_row([target_wamid], |r| r.get(0))
        .optional()?)
}
