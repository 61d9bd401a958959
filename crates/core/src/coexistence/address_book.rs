//! `smb_app_state_sync`: the phone's address book. A number saved on the phone is shown under
//! the name the owner gave it there, before the customer's WhatsApp profile name; removing it
//! from the phone removes that name.
//!
//! Changes carry a timestamp: one older than what is stored (a replay, or out of order) is
//! ignored, so a replay never brings back an old name.

use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::store::{StoreError, WriteCtx};

/// The value of an `smb_app_state_sync` change.
#[derive(Debug, Deserialize)]
pub struct StateSyncValue {
    #[serde(default)]
    pub metadata: Option<wacloud::webhook::Metadata>,
    #[serde(default)]
    pub state_sync: Vec<StateSync>,
}

impl StateSyncValue {
    pub fn phone_number_id(&self) -> Option<&str> {
        self.metadata.as_ref().map(|m| m.phone_number_id.as_str())
    }
}

/// One change of the address book.
#[derive(Debug, Deserialize)]
pub struct StateSync {
    /// `contact` (the only kind Meta documents).
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub contact: Option<PhoneContact>,
    /// `add` (added or edited) or `remove`.
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub metadata: Option<StateSyncMetadata>,
}

#[derive(Debug, Deserialize)]
pub struct PhoneContact {
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub phone_number: String,
}

#[derive(Debug, Deserialize)]
pub struct StateSyncMetadata {
    /// Unix seconds, as a string or a number.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub timestamp: Option<i64>,
}

/// A number or a string holding one (Meta documents a string); otherwise `None`.
fn lenient_i64<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

pub fn parse(raw: &str) -> Result<StateSyncValue, serde_json::Error> {
    serde_json::from_str(raw)
}

pub(super) fn apply(
    ctx: &mut WriteCtx<'_>,
    value: &StateSyncValue,
    notes: &mut Vec<String>,
) -> Result<(), StoreError> {
    for change in &value.state_sync {
        if change.kind != "contact" {
            notes.push(format!(
                "address book change of type {:?} skipped",
                change.kind
            ));
            continue;
        }
        let Some(contact) = &change.contact else {
            continue;
        };
        let wa_id = super::digits(&contact.phone_number);
        if wa_id.is_empty() {
            continue;
        }
        let at = change
            .metadata
            .as_ref()
            .and_then(|m| m.timestamp)
            .unwrap_or(0);
        let name = contact
            .full_name
            .as_deref()
            .or(contact.first_name.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let changed = match (change.action.as_str(), name) {
            ("add", Some(name)) => save(ctx.conn, &wa_id, name, contact.first_name.as_deref(), at)?,
            ("remove", _) => remove(ctx.conn, &wa_id, at)?,
            (action, _) => {
                notes.push(format!("address book action {action:?} skipped"));
                false
            }
        };
        if changed {
            crate::delivery::emit_contact(ctx, &wa_id)?;
        }
    }
    Ok(())
}

fn save(
    conn: &Connection,
    wa_id: &str,
    name: &str,
    first: Option<&str>,
    at: i64,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT INTO phone_contacts (wa_id, full_name, first_name, changed_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (wa_id) DO UPDATE SET full_name = excluded.full_name,
                 first_name = excluded.first_name, changed_at = excluded.changed_at
             WHERE excluded.changed_at >= changed_at
               AND (excluded.full_name IS NOT full_name OR excluded.first_name IS NOT first_name)",
        )?
        .execute(params![wa_id, name, first, at])?;
    Ok(n > 0)
}

fn remove(conn: &Connection, wa_id: &str, at: i64) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached("DELETE FROM phone_contacts WHERE wa_id = ?1 AND changed_at <= ?2")?
        .execute(params![wa_id, at])?;
    Ok(n > 0)
}
