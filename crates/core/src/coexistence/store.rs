//! Storing messages that were not sent through Shopchat: echoes from the phone and history.

use rusqlite::{Connection, OptionalExtension, params};

use crate::store::StoreError;
use crate::views::{Direction, MessageStatus};

/// A message from the phone's side of the number.
pub(super) struct PhoneMessage<'a> {
    pub wamid: &'a str,
    pub contact: &'a str,
    pub direction: Direction,
    pub kind: &'a str,
    pub text: Option<&'a str>,
    pub raw: &'a str,
    pub status: MessageStatus,
    pub timestamp: i64,
    pub reply_to: Option<&'a str>,
    /// Part of the imported history.
    pub imported: bool,
    pub webhook_event_id: i64,
}

/// Stores the message; `None` when its wamid is already stored (a replay, or a message both
/// echoed and in the history).
pub(super) fn insert(conn: &Connection, m: &PhoneMessage<'_>) -> Result<Option<i64>, StoreError> {
    let origin = (m.direction == Direction::Out).then_some("phone");
    Ok(conn
        .prepare_cached(
            "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp,
                 reply_to, webhook_event_id, origin, imported)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (wamid) DO NOTHING
             RETURNING id",
        )?
        .query_row(
            params![
                m.wamid,
                m.contact,
                m.direction.as_str(),
                m.kind,
                m.text,
                m.raw,
                m.status.as_str(),
                m.timestamp,
                m.reply_to,
                m.webhook_event_id,
                origin,
                m.imported
            ],
            |r| r.get(0),
        )
        .optional()?)
}

/// The contact's latest message is at `timestamp` at the least (the chat list's order); with
/// `inbound`, the customer wrote then (the 24-hour window), without counting it unread.
pub(super) fn note_time(
    conn: &Connection,
    contact: &str,
    timestamp: i64,
    inbound: bool,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE contacts SET last_message_at = max(coalesce(last_message_at, 0), ?2),
             last_inbound_at = CASE WHEN ?3 THEN max(coalesce(last_inbound_at, 0), ?2)
                                    ELSE last_inbound_at END,
             updated_at = ?4
         WHERE wa_id = ?1",
    )?
    .execute(params![contact, timestamp, inbound, crate::store::now_ms()])?;
    Ok(())
}

/// Records the file of a media message, for the downloader (like a customer's file).
pub(super) fn attach_media(
    conn: &Connection,
    id: i64,
    m: &wacloud::webhook::InboundMessage,
) -> Result<(), StoreError> {
    let (Some(file), Some(kind)) = (m.media(), crate::views::MediaKindView::parse(&m.kind)) else {
        return Ok(());
    };
    // A name from the network is made safe before it is shown or used.
    let filename = file.filename.as_deref().map(|n| {
        crate::media::files::safe_filename(
            Some(n),
            file.mime_type.as_deref().unwrap_or(""),
            kind.as_str(),
        )
    });
    crate::store::media::insert_inbound(
        conn,
        id,
        &crate::store::media::NewInboundMedia {
            kind,
            media_id: &file.id,
            mime_type: file.mime_type.as_deref(),
            sha256: file.sha256.as_deref(),
            filename: filename.as_deref(),
            voice: file.voice.unwrap_or(false),
            animated: file.animated.unwrap_or(false),
        },
        crate::store::now_ms(),
    )
}
