//! Contacts: customers who wrote to the shop or whom the shop wrote to.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, now_ms};
use crate::views::ContactView;

/// The contact's columns: the name shown (the one in the phone's address book, under
/// coexistence, else the profile name), and whether it opted out of broadcasts.
const FULL: &str = "wa_id, coalesce((SELECT full_name FROM phone_contacts p WHERE p.wa_id = contacts.wa_id), name), unread, last_inbound_at, opted_out_at IS NOT NULL";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ContactView> {
    Ok(ContactView {
        wa_id: r.get(0)?,
        name: r.get(1)?,
        unread: r.get(2)?,
        last_inbound_at: r.get(3)?,
        opted_out: false,
    })
}

fn from_full(r: &Row<'_>) -> rusqlite::Result<ContactView> {
    Ok(ContactView {
        opted_out: r.get(4)?,
        ..from_row(r)?
    })
}

/// Creates the contact if new; takes a name or user id Meta sent, keeping the old one otherwise.
/// Returns whether anything changed.
pub fn upsert(
    conn: &Connection,
    wa_id: &str,
    name: Option<&str>,
    user_id: Option<&str>,
) -> Result<bool, StoreError> {
    let now = now_ms();
    let changed = conn
        .prepare_cached(
            "INSERT INTO contacts (wa_id, name, user_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (wa_id) DO UPDATE SET
                 name = coalesce(excluded.name, name),
                 user_id = coalesce(excluded.user_id, user_id),
                 updated_at = excluded.updated_at
             WHERE (excluded.name IS NOT NULL AND excluded.name IS NOT name)
                OR (excluded.user_id IS NOT NULL AND excluded.user_id IS NOT user_id)",
        )?
        .execute(params![wa_id, name, user_id, now])?;
    Ok(changed > 0)
}

/// A new inbound message at `timestamp` (unix seconds): one more unread, and the window moves.
pub fn note_inbound(conn: &Connection, wa_id: &str, timestamp: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE contacts SET unread = unread + 1,
             -- An archived chat comes back to the list when the customer writes again.
             archived_at = NULL,
             last_inbound_at = max(coalesce(last_inbound_at, 0), ?2),
             last_message_at = max(coalesce(last_message_at, 0), ?2),
             updated_at = ?3
         WHERE wa_id = ?1",
    )?
    .execute(params![wa_id, timestamp, now_ms()])?;
    Ok(())
}

/// A new outbound message at `timestamp` (unix seconds).
pub fn note_outbound(conn: &Connection, wa_id: &str, timestamp: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE contacts SET last_message_at = max(coalesce(last_message_at, 0), ?2), updated_at = ?3
         WHERE wa_id = ?1",
    )?
    .execute(params![wa_id, timestamp, now_ms()])?;
    Ok(())
}

/// A reaction is the chat's latest activity (the insert trigger skips reactions, which are
/// shown under their message, never as a bubble; the chat list names them in words).
pub fn note_reaction(conn: &Connection, wa_id: &str, message_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE contacts SET last_message_id = ?2 WHERE wa_id = ?1")?
        .execute(params![wa_id, message_id])?;
    Ok(())
}

/// The owner has read the chat.
pub fn mark_read(conn: &Connection, wa_id: &str) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE contacts SET unread = 0, marked_unread = 0, updated_at = ?2
             WHERE wa_id = ?1 AND (unread > 0 OR marked_unread != 0)",
        )?
        .execute(params![wa_id, now_ms()])?;
    Ok(n > 0)
}

pub fn get(conn: &Connection, wa_id: &str) -> Result<Option<ContactView>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {FULL} FROM contacts WHERE wa_id = ?1"))?
        .query_row([wa_id], from_full)
        .optional()?)
}

/// Every contact, the most recent conversation first.
pub fn list(conn: &Connection) -> Result<Vec<ContactView>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FULL} FROM contacts ORDER BY last_message_at IS NULL, last_message_at DESC, wa_id"
    ))?;
    let rows = stmt.query_map([], from_full)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The chat list: every contact with its latest message, the most recent conversation first.
/// One statement, read in the order of its index, the latest message joined by key.
pub fn chats(conn: &Connection) -> Result<Vec<crate::views::ChatSummary>, StoreError> {
    let message_columns = super::messages::COLUMNS
        .split(", ")
        .map(|c| format!("m.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.wa_id, coalesce((SELECT full_name FROM phone_contacts p WHERE p.wa_id = c.wa_id), c.name), c.unread, c.last_inbound_at, {message_columns}, c.last_class
         FROM contacts c
         LEFT JOIN messages m ON m.id = c.last_message_id
         ORDER BY c.last_message_at IS NULL, c.last_message_at DESC, c.wa_id"
    ))?;
    let rows = stmt.query_map([], |r| {
        let c = from_row(r)?;
        let last_message = match r.get_ref(4)? {
            rusqlite::types::ValueRef::Null => None,
            _ => Some(super::messages::from_row_at(r, 4)?),
        };
        let mut last_message = last_message;
        if let Some(m) = last_message.as_mut() {
            super::enrich::fill_reaction_target(conn, m)?;
        }
        Ok(crate::views::ChatSummary {
            wa_id: c.wa_id,
            name: c.name,
            unread: c.unread,
            last_inbound_at: c.last_inbound_at,
            last_message,
            last_class: r.get(4 + super::messages::COLUMN_COUNT)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
