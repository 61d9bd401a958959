//! Messages, both ways.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;
use super::texts::TEXTS;
use crate::i18n::say;
use crate::views::{Direction, ErrorView, MessageStatus, MessageView, Origin, QuoteView};

/// An error as stored on a message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredError {
    pub code: Option<i64>,
    pub subcode: Option<i64>,
    pub title: String,
    pub message: Option<String>,
    pub details: Option<String>,
    pub fbtrace_id: Option<String>,
}

impl From<&wacloud::GraphError> for StoredError {
    fn from(e: &wacloud::GraphError) -> Self {
        Self {
            code: e.code,
            subcode: e.subcode,
            title: e.title.clone(),
            message: Some(e.message.clone()).filter(|m| !m.is_empty()),
            details: e.details.clone(),
            fbtrace_id: e.fbtrace_id.clone(),
        }
    }
}

impl From<&wacloud::webhook::ApiErrorObject> for StoredError {
    fn from(e: &wacloud::webhook::ApiErrorObject) -> Self {
        Self {
            code: Some(e.code),
            subcode: None,
            title: e
                .title
                .clone()
                .or_else(|| e.message.clone())
                .unwrap_or_else(|| format!("Error {}", e.code)),
            message: e.message.clone(),
            details: e.details().map(str::to_owned),
            fbtrace_id: None,
        }
    }
}

impl StoredError {
    pub fn view(&self) -> ErrorView {
        ErrorView {
            code: self.code,
            title: self.title.clone(),
            details: self.details.clone().or_else(|| self.message.clone()),
        }
    }
}

pub(crate) const COLUMNS: &str = "id, wamid, contact, direction, type, text, status, timestamp, error_code, error_title, error_details, error_message, raw, reply_to, auto, class, origin";

/// How many columns [`COLUMNS`] names.
pub(crate) const COLUMN_COUNT: usize = 17;

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<MessageView> {
    from_row_at(r, 0)
}

/// A message from [`COLUMNS`] starting at column `at` (after other columns in a join).
pub(crate) fn from_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<MessageView> {
    let direction: String = r.get(at + 3)?;
    let status: String = r.get(at + 6)?;
    let error_title: Option<String> = r.get(at + 9)?;
    let kind: String = r.get(at + 4)?;
    let raw: Option<String> = r.get(at + 12)?;
    let auto: bool = r.get(at + 14)?;
    let from_phone = r
        .get::<_, Option<String>>(at + 16)?
        .is_some_and(|o| o == "phone");
    let reply_to: Option<String> = r.get(at + 13)?;
    // Plain texts (most messages) are shown from their columns; only the rest is parsed.
    let parsed = raw
        .as_deref()
        .filter(|raw| kind != "text" || raw.contains("forwarded"))
        .and_then(|raw| serde_json::from_str::<serde_json::Value>(raw).ok());
    let bad = |col: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, what.into())
    };
    Ok(MessageView {
        id: r.get(at)?,
        wamid: r.get(at + 1)?,
        contact: r.get(at + 2)?,
        direction: match direction.as_str() {
            "in" => Direction::In,
            "out" => Direction::Out,
            other => return Err(bad(at + 3, format!("direction {other:?}"))),
        },
        content: parsed
            .as_ref()
            .and_then(|raw| super::content::content_of(&kind, raw)),
        forwarded: parsed.as_ref().is_some_and(super::content::forwarded),
        kind,
        text: r.get(at + 5)?,
        status: MessageStatus::parse(&status)
            .ok_or_else(|| bad(at + 6, format!("status {status:?}")))?,
        timestamp: r.get(at + 7)?,
        error: match error_title {
            Some(title) => Some(ErrorView {
                code: r.get(at + 8)?,
                title,
                details: r.get::<_, Option<String>>(at + 10)?.or(r.get(at + 11)?),
            }),
            None => None,
        },
        media: None,
        reply_to: reply_to.map(|wamid| QuoteView {
            wamid,
            id: None,
            direction: None,
            kind: None,
            text: None,
        }),
        reactions: Vec::new(),
        origin: match direction.as_str() {
            "in" => None,
            _ if from_phone => Some(Origin::Phone),
            _ if auto => Some(Origin::Automation),
            _ => Some(Origin::App),
        },
        auto,
        class: r.get(at + 15)?,
    })
}

/// An inbound message to store.
pub struct NewInbound<'a> {
    pub wamid: &'a str,
    pub contact: &'a str,
    pub kind: &'a str,
    pub text: Option<&'a str>,
    pub raw: &'a str,
    pub timestamp: i64,
    pub reply_to: Option<&'a str>,
    pub webhook_event_id: i64,
}

/// Stores an inbound message; `None` when its wamid is already stored (a redelivery).
pub fn insert_inbound(conn: &Connection, m: &NewInbound<'_>) -> Result<Option<i64>, StoreError> {
    let id = conn
        .prepare_cached(
            "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp, reply_to, webhook_event_id)
             VALUES (?1, ?2, 'in', ?3, ?4, ?5, 'received', ?6, ?7, ?8)
             ON CONFLICT (wamid) DO NOTHING
             RETURNING id",
        )?
        .query_row(
            params![m.wamid, m.contact, m.kind, m.text, m.raw, m.timestamp, m.reply_to, m.webhook_event_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(id)
}

/// Stores an outbound message, `queued`.
pub fn insert_outbound(
    conn: &Connection,
    contact: &str,
    kind: &str,
    text: Option<&str>,
    raw: &str,
    timestamp: i64,
    reply_to: Option<&str>,
) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO messages (contact, direction, type, text, raw, status, timestamp, reply_to)
             VALUES (?1, 'out', ?2, ?3, ?4, 'queued', ?5, ?6) RETURNING id",
        )?
        .query_row(params![contact, kind, text, raw, timestamp, reply_to], |r| r.get(0))?)
}

/// One message, with its file, quote and reactions.
pub fn get(conn: &Connection, id: i64) -> Result<MessageView, StoreError> {
    let mut m = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM messages WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| {
            StoreError::NotFound(say(TEXTS, "store.message", &[("id", &id.to_string())]))
        })?;
    super::enrich::enrich(conn, std::slice::from_mut(&mut m))?;
    Ok(m)
}

/// Every message with a contact (reactions are on theirs), oldest first: for an export.
pub fn all_for_contact(conn: &Connection, contact: &str) -> Result<Vec<MessageView>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM messages WHERE contact = ?1 AND type != 'reaction' AND deleted_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![contact], from_row)?;
    let mut list: Vec<MessageView> = rows.collect::<Result<_, _>>()?;
    super::enrich::enrich(conn, &mut list)?;
    Ok(list)
}

/// The latest `limit` messages with a contact, oldest first.
pub fn list_for_contact(
    conn: &Connection,
    contact: &str,
    limit: u32,
) -> Result<Vec<MessageView>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM (SELECT {COLUMNS} FROM messages WHERE contact = ?1 AND type != 'reaction' AND deleted_at IS NULL
         ORDER BY timestamp DESC, id DESC LIMIT ?2) ORDER BY timestamp, id"
    ))?;
    let rows = stmt.query_map(params![contact, limit], from_row)?;
    let mut list: Vec<MessageView> = rows.collect::<Result<_, _>>()?;
    super::enrich::enrich(conn, &mut list)?;
    Ok(list)
}

/// The wamid of a contact's latest message to the shop (reactions aside).
pub fn latest_inbound_wamid(
    conn: &Connection,
    contact: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT wamid FROM messages WHERE contact = ?1 AND direction = 'in' AND type != 'reaction'
             ORDER BY timestamp DESC, id DESC LIMIT 1",
        )?
        .query_row([contact], |r| r.get(0))
        .optional()?
        .flatten())
}

/// The id and status of the message with this wamid.
pub fn find_by_wamid(
    conn: &Connection,
    wamid: &str,
) -> Result<Option<(i64, MessageStatus)>, StoreError> {
    let found: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, status FROM messages WHERE wamid = ?1")?
        .query_row([wamid], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    found
        .map(|(id, s)| {
            MessageStatus::parse(&s)
                .map(|s| (id, s))
                .ok_or_else(|| StoreError::Corrupt(format!("message {id} has status {s:?}")))
        })
        .transpose()
}

pub fn status_of(conn: &Connection, id: i64) -> Result<MessageStatus, StoreError> {
    let s: String = conn
        .prepare_cached("SELECT status FROM messages WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    MessageStatus::parse(&s)
        .ok_or_else(|| StoreError::Corrupt(format!("message {id} has status {s:?}")))
}

/// Sets a message's status (and its error, when given).
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: MessageStatus,
    status_at: i64,
    error: Option<&StoredError>,
) -> Result<(), StoreError> {
    match error {
        None => conn
            .prepare_cached("UPDATE messages SET status = ?2, status_at = ?3 WHERE id = ?1")?
            .execute(params![id, status.as_str(), status_at])?,
        Some(e) => conn
            .prepare_cached(
                "UPDATE messages SET status = ?2, status_at = ?3, error_code = ?4, error_subcode = ?5,
                     error_title = ?6, error_message = ?7, error_details = ?8, error_fbtrace_id = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                status.as_str(),
                status_at,
                e.code,
                e.subcode,
                e.title,
                e.message,
                e.details,
                e.fbtrace_id
            ])?,
    };
    Ok(())
}

/// Forgets a message's error (an uncertain send that turned out fine).
pub fn clear_error(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE messages SET error_code = NULL, error_subcode = NULL, error_title = NULL,
             error_message = NULL, error_details = NULL, error_fbtrace_id = NULL
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

pub fn set_wamid(conn: &Connection, id: i64, wamid: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE messages SET wamid = ?2 WHERE id = ?1")?
        .execute(params![id, wamid])?;
    Ok(())
}

/// Up to `limit` messages with a contact before `before_id` (or the latest), oldest first, in
/// the order of their times (imported history arrives after newer messages): pages for
/// scrolling back through a long history.
pub fn page_for_contact(
    conn: &Connection,
    contact: &str,
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<MessageView>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM (SELECT {COLUMNS} FROM messages
             WHERE contact = ?1 AND type != 'reaction' AND deleted_at IS NULL
               AND (?2 IS NULL OR (timestamp, id) < (SELECT timestamp, id FROM messages WHERE id = ?2))
             ORDER BY timestamp DESC, id DESC LIMIT ?3)
         ORDER BY timestamp, id"
    ))?;
    let rows = stmt.query_map(params![contact, before_id, limit], from_row)?;
    let mut list: Vec<MessageView> = rows.collect::<Result<_, _>>()?;
    super::enrich::enrich(conn, &mut list)?;
    Ok(list)
}

#[cfg(test)]
mod tests {
    #[test]
    fn column_count_matches_the_columns() {
        assert_eq!(super::COLUMNS.split(", ").count(), super::COLUMN_COUNT);
    }
}
