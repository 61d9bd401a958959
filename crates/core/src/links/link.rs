//! Linking a record to a WhatsApp contact: the owner issues a one-time code, the customer sends
//! it from their phone, and the record is linked to the sender (the only identity a signed
//! webhook proves). Everything here runs in the writer's transaction that stores the message,
//! so a code is consumed exactly once however many numbers race for it. `now` is unix ms,
//! given by the caller so tests can move the clock.

use rusqlite::{Connection, OptionalExtension};

use super::audit::{self, Actor};
use super::codes;
use super::texts::TEXTS;
use super::view::{CustomerView, LinkRequestView, mask};
use super::{LinksError, records};
use crate::i18n::say;
use crate::store::StoreError;

/// Failed attempts within [`FAILURE_WINDOW_MS`] that lock a number out.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_MS: i64 = 60 * 60 * 1000;
/// How long a number is locked out of linking.
pub const LOCKOUT_MS: i64 = 60 * 60 * 1000;

/// A fresh code for a record (replacing any earlier one); returns it and when it expires.
/// Only its hash is stored, and the audit says only that one was issued.
pub fn issue_code(
    conn: &Connection,
    customer_id: i64,
    actor: Actor,
    now: i64,
) -> Result<(String, i64), LinksError> {
    let record = records::get_by_id(conn, customer_id)?
        .ok_or_else(|| LinksError::NotFound(customer_id.to_string()))?;
    if let Some(wa) = &record.wa_id {
        return Err(LinksError::Invalid(say(
            TEXTS,
            "links.linked_already",
            &[("name", &record.name), ("number", wa)],
        )));
    }
    let code = codes::generate_code();
    let expires_at = now + codes::CODE_TTL_MS;
    conn.prepare_cached(
        "INSERT INTO link_codes (customer_id, code_hash, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (customer_id) DO UPDATE SET code_hash = excluded.code_hash,
           expires_at = excluded.expires_at, created_at = excluded.created_at",
    )?
    .execute((customer_id, codes::hash_code(&code), expires_at, now))?;
    audit::record(conn, Some(customer_id), None, "code_issued", actor, None)?;
    Ok((code, expires_at))
}

/// What a `link CODE` from `wa_id` came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// The record is now linked to the sender.
    Linked(CustomerView),
    /// Wrong, expired or used: all the same to the sender.
    Failed,
    /// Too many failures: no attempt counts until then (unix ms).
    Locked { until: i64 },
    /// The sender is linked to a record already (the code is left unused).
    AlreadyLinked(CustomerView),
}

/// The sender's attempt with `typed`.
pub fn redeem(
    conn: &Connection,
    wa_id: &str,
    typed: &str,
    now: i64,
) -> Result<Redeemed, StoreError> {
    if let Some(until) = locked_until(conn, wa_id, now)? {
        return Ok(Redeemed::Locked { until });
    }
    if let Some(mine) = records::linked_to(conn, wa_id)? {
        return Ok(Redeemed::AlreadyLinked(mine));
    }
    let found: Option<i64> = match codes::normalize_code(typed) {
        Some(code) => conn
            .prepare_cached(
                "SELECT c.customer_id FROM link_codes c JOIN customers r ON r.id = c.customer_id
                 WHERE c.code_hash = ?1 AND c.expires_at > ?2 AND r.wa_id IS NULL",
            )?
            .query_row((codes::hash_code(&code), now), |r| r.get(0))
            .optional()?,
        None => None,
    };
    let Some(customer_id) = found else {
        return fail(conn, wa_id, now);
    };
    // Consumed in the transaction that links: a second sender finds nothing.
    conn.prepare_cached("DELETE FROM link_codes WHERE customer_id = ?1")?
        .execute([customer_id])?;
    link(conn, customer_id, wa_id, now)?;
    conn.prepare_cached("DELETE FROM link_failures WHERE wa_id = ?1")?
        .execute([wa_id])?;
    audit::record(
        conn,
        Some(customer_id),
        Some(wa_id),
        "linked",
        Actor::Customer,
        None,
    )?;
    let linked = records::get_by_id(conn, customer_id)?
        .ok_or(StoreError::NotFound(format!("customer {customer_id}")))?;
    Ok(Redeemed::Linked(linked))
}

fn link(conn: &Connection, customer_id: i64, wa_id: &str, now: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE customers SET wa_id = ?2, linked_at = ?3 WHERE id = ?1")?
        .execute((customer_id, wa_id, now))?;
    conn.prepare_cached(
        "UPDATE link_requests SET resolved_at = ?2, customer_id = ?3
         WHERE wa_id = ?1 AND resolved_at IS NULL",
    )?
    .execute((wa_id, now, customer_id))?;
    Ok(())
}

fn fail(conn: &Connection, wa_id: &str, now: i64) -> Result<Redeemed, StoreError> {
    conn.prepare_cached("INSERT INTO link_failures (wa_id, at) VALUES (?1, ?2)")?
        .execute((wa_id, now))?;
    let recent: i64 = conn
        .prepare_cached("SELECT count(*) FROM link_failures WHERE wa_id = ?1 AND at > ?2")?
        .query_row((wa_id, now - FAILURE_WINDOW_MS), |r| r.get(0))?;
    if recent >= MAX_FAILURES {
        let until = now + LOCKOUT_MS;
        conn.prepare_cached(
            "INSERT INTO link_lockouts (wa_id, until) VALUES (?1, ?2)
             ON CONFLICT (wa_id) DO UPDATE SET until = excluded.until",
        )?
        .execute((wa_id, until))?;
        conn.prepare_cached("DELETE FROM link_failures WHERE wa_id = ?1")?
            .execute([wa_id])?;
        audit::record(
            conn,
            None,
            Some(wa_id),
            "failed_attempt",
            Actor::Customer,
            None,
        )?;
        audit::record(
            conn,
            None,
            Some(wa_id),
            "locked",
            Actor::Bot,
            Some("for an hour"),
        )?;
        return Ok(Redeemed::Locked { until });
    }
    audit::record(
        conn,
        None,
        Some(wa_id),
        "failed_attempt",
        Actor::Customer,
        None,
    )?;
    Ok(Redeemed::Failed)
}

/// Until when `wa_id` is locked out of linking, if it is now.
pub fn locked_until(conn: &Connection, wa_id: &str, now: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT until FROM link_lockouts WHERE wa_id = ?1 AND until > ?2")?
        .query_row((wa_id, now), |r| r.get(0))
        .optional()?)
}

/// Removes a record's link; answers the number it was linked to, if it was.
pub fn unlink(
    conn: &Connection,
    customer_id: i64,
    actor: Actor,
) -> Result<Option<String>, LinksError> {
    let record = records::get_by_id(conn, customer_id)?
        .ok_or_else(|| LinksError::NotFound(customer_id.to_string()))?;
    let Some(wa_id) = record.wa_id else {
        return Ok(None);
    };
    conn.prepare_cached("UPDATE customers SET wa_id = NULL, linked_at = NULL WHERE id = ?1")?
        .execute([customer_id])?;
    conn.prepare_cached("UPDATE bot_contacts SET unlink_asked_at = NULL WHERE wa_id = ?1")?
        .execute([&wa_id])?;
    audit::record(
        conn,
        Some(customer_id),
        Some(&wa_id),
        "unlinked",
        actor,
        None,
    )?;
    Ok(Some(wa_id))
}

/// A customer's "link" with no code, for the owner to act on (once per message).
pub fn request(
    conn: &Connection,
    wa_id: &str,
    text: &str,
    message_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    let inserted = conn
        .prepare_cached(
            "INSERT INTO link_requests (wa_id, profile_name, text, message_id, created_at)
             SELECT ?1, (SELECT name FROM contacts WHERE wa_id = ?1), ?2, ?3, ?4
             ON CONFLICT (message_id) DO NOTHING",
        )?
        .execute((wa_id, text, message_id, now))?;
    if inserted > 0 {
        audit::record(conn, None, Some(wa_id), "requested", Actor::Customer, None)?;
    }
    Ok(())
}

/// The requests waiting, oldest first.
pub fn open_requests(conn: &Connection) -> Result<Vec<LinkRequestView>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, wa_id, profile_name, text, created_at FROM link_requests
         WHERE resolved_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        let wa_id: String = r.get(1)?;
        Ok(LinkRequestView {
            id: r.get(0)?,
            masked: mask(&wa_id),
            wa_id,
            profile_name: r.get(2)?,
            text: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The owner links a request's sender to a record; answers the sender's number.
pub fn approve(
    conn: &Connection,
    request_id: i64,
    customer_id: i64,
    actor: Actor,
    now: i64,
) -> Result<String, LinksError> {
    let wa_id: String = conn
        .prepare_cached("SELECT wa_id FROM link_requests WHERE id = ?1 AND resolved_at IS NULL")?
        .query_row([request_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| LinksError::NotFound(format!("link request {request_id}")))?;
    let record = records::get_by_id(conn, customer_id)?
        .ok_or_else(|| LinksError::NotFound(customer_id.to_string()))?;
    if record.wa_id.is_some() {
        return Err(LinksError::Invalid(say(
            TEXTS,
            "links.linked_to_another",
            &[("name", &record.name)],
        )));
    }
    if let Some(other) = records::linked_to(conn, &wa_id)? {
        return Err(LinksError::Invalid(say(
            TEXTS,
            "links.number_taken",
            &[("name", &other.name)],
        )));
    }
    link(conn, customer_id, &wa_id, now)?;
    conn.prepare_cached("DELETE FROM link_codes WHERE customer_id = ?1")?
        .execute([customer_id])?;
    audit::record(
        conn,
        Some(customer_id),
        Some(&wa_id),
        "approved",
        actor,
        None,
    )?;
    Ok(wa_id)
}

/// The owner dismisses a request without linking.
pub fn dismiss(conn: &Connection, request_id: i64, now: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE link_requests SET resolved_at = ?2 WHERE id = ?1 AND resolved_at IS NULL",
        )?
        .execute((request_id, now))?
        > 0)
}
