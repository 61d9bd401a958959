//! A contact's marketing consent: opted out (when and how) or not. Plain SQL, shared by the
//! opt-out keywords, Meta's 131050 and the owner's own switch.

use rusqlite::{Connection, params};

use crate::store::{StoreError, now_ms};

/// How a contact opted out.
pub const VIA_KEYWORD: &str = "keyword";
pub const VIA_META: &str = "meta";
pub const VIA_OWNER: &str = "owner";

/// Marks `wa_id` opted out; returns false if it already was (or is unknown).
pub fn opt_out(conn: &Connection, wa_id: &str, via: &str, at_ms: i64) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE contacts SET opted_out_at = ?2, opted_out_via = ?3, updated_at = ?4
             WHERE wa_id = ?1 AND opted_out_at IS NULL",
        )?
        .execute(params![wa_id, at_ms, via, now_ms()])?;
    Ok(n > 0)
}

/// Opts `wa_id` back in; returns false if it was not opted out.
pub fn opt_in(conn: &Connection, wa_id: &str) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "UPDATE contacts SET opted_out_at = NULL, opted_out_via = NULL, updated_at = ?2
             WHERE wa_id = ?1 AND opted_out_at IS NOT NULL",
        )?
        .execute(params![wa_id, now_ms()])?;
    Ok(n > 0)
}

/// Whether `wa_id` is opted out.
pub fn is_opted_out(conn: &Connection, wa_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM contacts WHERE wa_id = ?1 AND opted_out_at IS NOT NULL")?
        .exists([wa_id])?)
}
