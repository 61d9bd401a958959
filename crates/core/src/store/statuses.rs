//! Every status webhook as received, so a status that arrives before we know the message's
//! wamid (the send's answer and the `sent` webhook race) is applied once we do.

use rusqlite::{Connection, params};

use super::StoreError;
use super::messages::StoredError;
use crate::views::MessageStatus;

/// A status webhook to record.
pub struct NewStatus<'a> {
    pub wamid: &'a str,
    pub status: &'a str,
    pub timestamp: i64,
    pub error: Option<&'a StoredError>,
    /// `biz_opaque_callback_data`, as the send set it.
    pub callback_data: Option<&'a str>,
    pub raw: &'a str,
}

/// Records a status; `false` if this wamid already had this status recorded.
pub fn record(conn: &Connection, s: &NewStatus<'_>) -> Result<bool, StoreError> {
    let NewStatus {
        wamid,
        status,
        timestamp,
        error,
        callback_data,
        raw,
    } = *s;
    let n = conn
        .prepare_cached(
            "INSERT INTO message_statuses (wamid, status, timestamp, error_code, error_title, error_message, error_details, raw, callback_data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            wamid,
            status,
            timestamp,
            error.and_then(|e| e.code),
            error.map(|e| e.title.as_str()),
            error.and_then(|e| e.message.as_deref()),
            error.and_then(|e| e.details.as_deref()),
            raw,
            callback_data
        ])?;
    Ok(n > 0)
}

/// The wamid of a recorded status that carried `callback_data`, if any did.
pub fn wamid_for_callback(
    conn: &Connection,
    callback_data: &str,
) -> Result<Option<String>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT wamid FROM message_statuses WHERE callback_data = ?1 LIMIT 1")?
        .query_row([callback_data], |r| r.get(0))
        .optional()?)
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
