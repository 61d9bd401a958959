//! Every status webhook as received, so a status that arrives before we know the message's
//! wamid (the send's answer and the `sent` webhook race) is applied once we do.

use rusqlite::{Connection, params};

use super::StoreError;
use super::messages::StoredError;
use crate::views::MessageStatus;

/// Records a status; `false` if this wamid already had this status recorded.
pub fn record(
    conn: &Connection,
    wamid: &str,
    status: &str,
    timestamp: i64,
    error: Option<&StoredError>,
    raw: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT INTO message_statuses (wamid, status, timestamp, error_code, error_title, error_message, error_details, raw)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            wamid,
            status,
            timestamp,
            error.and_then(|e| e.code),
            error.map(|e| e.title.as_str()),
            error.and_then(|e| e.message.as_deref()),
            error.and_then(|e| e.details.as_deref()),
            raw
        ])?;
    Ok(n > 0)
}

/// The statuses recorded for a wamid, with their time and error.
pub fn recorded(
    conn: &Connection,
    wamid: &str,
) -> Result<Vec<(MessageStatus, i64, Option<StoredError>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, timestamp, error_code, error_title, error_message, error_details
         FROM message_statuses WHERE wamid = ?1",
    )?;
    let rows = stmt.query_map([wamid], |r| {
        let title: Option<String> = r.get(3)?;
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            title.map(|title| -> rusqlite::Result<StoredError> {
                Ok(StoredError {
                    code: r.get(2)?,
                    title,
                    message: r.get(4)?,
                    details: r.get(5)?,
                    ..StoredError::default()
                })
            }),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (status, ts, err) = row?;
        if let Some(s) = MessageStatus::parse(&status) {
            out.push((s, ts, err.transpose()?));
        }
    }
    Ok(out)
}
