//! `history`: the one-time import of the phone's past chats (up to six months, in chunks).
//!
//! Each message is stored once by wamid, so a chunk delivered twice, or out of order, changes
//! nothing the second time. Nothing reacts to an imported message: no bot, no automation, no
//! classification, no notification, no unread count. The chat list moves only when an imported
//! message is newer than what the chat already shows. A business that declines to share its
//! history sends an error (code 2593109), kept in [`HistoryStatus`].

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;
use wacloud::webhook::{HistoryChunk, HistoryValue, InboundMessage};

use super::store::{self, PhoneMessage};
use crate::events::DomainEvent;
use crate::store::{StoreError, WriteCtx, contacts, now_ms};
use crate::views::{Direction, MessageStatus};

/// How the history import of a business number is going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryStatus {
    pub phone_number_id: String,
    /// 0: day 0 to 1, 1: day 1 to 90, 2: day 90 to 180.
    pub phase: Option<i64>,
    /// Percent; 100 when the import is complete.
    pub progress: i64,
    /// Messages imported so far (replays not counted).
    pub messages: i64,
    /// Set when the business declined to share its history (code 2593109) or Meta failed.
    pub error_code: Option<i64>,
    pub error_title: Option<String>,
}

pub(super) fn apply(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    phone_number_id: &str,
    value: &HistoryValue,
    notes: &mut Vec<String>,
) -> Result<(), StoreError> {
    let mut imported = 0_i64;
    let mut touched = std::collections::BTreeSet::new();
    for chunk in &value.history {
        imported += apply_chunk(ctx, event_id, chunk, &mut touched, notes)?;
        record_progress(ctx.conn, phone_number_id, chunk, 0)?;
    }
    // Media messages announced as `media_placeholder` get their file later, in `messages`.
    for raw in &value.messages {
        match InboundMessage::parse(raw) {
            Ok(m) => {
                if let Some(contact) = fill_placeholder(ctx.conn, &m, raw.get())? {
                    touched.insert(contact);
                }
            }
            Err(e) => notes.push(format!("a history media message could not be read: {e}")),
        }
    }
    if imported > 0 {
        bump_count(ctx.conn, phone_number_id, imported)?;
    }
    for contact in &touched {
        crate::delivery::emit_contact(ctx, contact)?;
    }
    if !touched.is_empty() {
        // Thousands of messages may arrive at once: the app reloads what it shows.
        ctx.emit(DomainEvent::Resync { missed: 0 });
    }
    Ok(())
}

fn apply_chunk(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    chunk: &HistoryChunk,
    touched: &mut std::collections::BTreeSet<String>,
    notes: &mut Vec<String>,
) -> Result<i64, StoreError> {
    let mut imported = 0;
    for thread in &chunk.threads {
        let Some(customer) = thread
            .id
            .as_deref()
            .map(super::digits)
            .filter(|d| !d.is_empty())
        else {
            notes.push("a history thread without a customer number was skipped".into());
            continue;
        };
        contacts::upsert(ctx.conn, &customer, None, None)?;
        for raw in &thread.messages {
            let m = match InboundMessage::parse(raw) {
                Ok(m) => m,
                Err(e) => {
                    notes.push(format!("a history message could not be read: {e}"));
                    continue;
                }
            };
            // The thread is the customer's: a message from anyone else is the business's.
            let inbound = super::digits(m.from.as_str()) == customer;
            let status = if inbound {
                MessageStatus::Received
            } else {
                status_of(&m)
            };
            let inserted = store::insert(
                ctx.conn,
                &PhoneMessage {
                    wamid: m.id.as_str(),
                    contact: &customer,
                    direction: if inbound {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    kind: &m.kind,
                    text: m.text(),
                    raw: raw.get(),
                    status,
                    timestamp: m.timestamp,
                    reply_to: m.reply_to().map(|w| w.as_str()),
                    imported: true,
                    webhook_event_id: event_id,
                },
            )?;
            if let Some(id) = inserted {
                store::attach_media(ctx.conn, id, &m)?;
                store::note_time(ctx.conn, &customer, m.timestamp, inbound)?;
                imported += 1;
                touched.insert(customer.clone());
            }
        }
    }
    for e in &chunk.errors {
        notes.push(format!(
            "history not shared: error {} {}",
            e.code,
            e.title.as_deref().or(e.message.as_deref()).unwrap_or("")
        ));
    }
    Ok(imported)
}

/// How far a message the business sent got, from `history_context.status`.
fn status_of(m: &InboundMessage) -> MessageStatus {
    let status = m.history_context.as_ref().and_then(|c| c.status.as_deref());
    match status.map(str::to_ascii_uppercase).as_deref() {
        Some("DELIVERED") => MessageStatus::Delivered,
        Some("READ") => MessageStatus::Read,
        Some("PLAYED") => MessageStatus::Played,
        Some("ERROR") => MessageStatus::Failed,
        _ => MessageStatus::Sent,
    }
}

/// Gives a `media_placeholder` message its real type and file; returns its contact.
fn fill_placeholder(
    conn: &Connection,
    m: &InboundMessage,
    raw: &str,
) -> Result<Option<String>, StoreError> {
    let found: Option<(i64, String)> = conn
        .prepare_cached(
            "UPDATE messages SET type = ?2, raw = ?3, text = coalesce(?4, text)
             WHERE wamid = ?1 AND type = 'media_placeholder' RETURNING id, contact",
        )?
        .query_row(params![m.id.as_str(), m.kind, raw, m.text()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((id, contact)) = found else {
        return Ok(None);
    };
    store::attach_media(conn, id, m)?;
    Ok(Some(contact))
}

/// Keeps the chunk's phase and progress (the highest seen: chunks arrive out of order) and its
/// error, if any.
fn record_progress(
    conn: &Connection,
    phone_number_id: &str,
    chunk: &HistoryChunk,
    imported: i64,
) -> Result<(), StoreError> {
    let meta = chunk.metadata.as_ref();
    let error = chunk.errors.first();
    conn.prepare_cached(
        "INSERT INTO history_sync (phone_number_id, phase, progress, messages, error_code, error_title, updated_at)
         VALUES (?1, ?2, coalesce(?3, 0), ?4, ?5, ?6, ?7)
         ON CONFLICT (phone_number_id) DO UPDATE SET
             phase = max(coalesce(phase, -1), coalesce(excluded.phase, -1)),
             progress = max(progress, excluded.progress),
             messages = messages + excluded.messages,
             error_code = coalesce(excluded.error_code, error_code),
             error_title = coalesce(excluded.error_title, error_title),
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        phone_number_id,
        meta.and_then(|m| m.phase),
        meta.and_then(|m| m.progress),
        imported,
        error.map(|e| e.code),
        error.map(|e| e.title.clone().or_else(|| e.message.clone()).unwrap_or_default()),
        now_ms()
    ])?;
    Ok(())
}

fn bump_count(conn: &Connection, phone_number_id: &str, n: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE history_sync SET messages = messages + ?2 WHERE phone_number_id = ?1",
    )?
    .execute(params![phone_number_id, n])?;
    Ok(())
}

/// The history import's state for each business number that sent some.
pub fn status(conn: &Connection) -> Result<Vec<HistoryStatus>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT phone_number_id, phase, progress, messages, error_code, error_title
         FROM history_sync ORDER BY phone_number_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(HistoryStatus {
            phone_number_id: r.get(0)?,
            phase: r.get::<_, Option<i64>>(1)?.filter(|p| *p >= 0),
            progress: r.get(2)?,
            messages: r.get(3)?,
            error_code: r.get(4)?,
            error_title: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
