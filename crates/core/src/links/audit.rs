//! The append-only audit trail of links (the table refuses updates and deletes): every
//! request, code, link, failed attempt, lockout, approval and unlink, with who did it.

use rusqlite::Connection;

use super::view::AuditEntry;
use crate::store::{StoreError, now_ms};

/// Who did it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The owner, in the app.
    Owner,
    /// The owner, with the `shopchat` command.
    Cli,
    /// The customer, from the chat.
    Customer,
    /// The bot, on its own (a lockout).
    Bot,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Owner => "owner",
            Actor::Cli => "cli",
            Actor::Customer => "customer",
            Actor::Bot => "bot",
        }
    }
}

/// Appends one step. Never given a code: only that one was issued.
pub fn record(
    conn: &Connection,
    customer_id: Option<i64>,
    wa_id: Option<&str>,
    event: &str,
    actor: Actor,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO link_audit (customer_id, wa_id, event, actor, detail, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute((customer_id, wa_id, event, actor.as_str(), detail, now_ms()))?;
    Ok(())
}

/// The trail, newest first: one record's, or everyone's.
pub fn list(
    conn: &Connection,
    customer_id: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.customer_id, c.name, a.wa_id, a.event, a.actor, a.detail, a.at
         FROM link_audit a LEFT JOIN customers c ON c.id = a.customer_id
         WHERE ?1 IS NULL OR a.customer_id = ?1
         ORDER BY a.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map((customer_id, limit), |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            customer_id: r.get(1)?,
            customer_name: r.get(2)?,
            wa_id: r.get(3)?,
            event: r.get(4)?,
            actor: r.get(5)?,
            detail: r.get(6)?,
            at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
