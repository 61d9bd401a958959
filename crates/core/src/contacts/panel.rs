//! The contact panel: everything the shop knows about one contact, in one read.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ContactEntry, ContactsError, store};
use crate::links::CustomerView;

/// A document issued to the contact, as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PanelDocument {
    pub id: i64,
    pub kind: String,
    pub number: String,
    /// Exact decimal string.
    pub total: String,
    pub currency: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// What the contact panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ContactPanel {
    #[serde(flatten)]
    #[ts(flatten)]
    pub entry: ContactEntry,
    /// Unix seconds of the first and the latest message either way.
    pub first_message_at: Option<i64>,
    pub last_message_at: Option<i64>,
    pub message_count: i64,
    /// The linked customer record.
    pub customer: Option<CustomerView>,
    /// Newest first, at most 50.
    pub documents: Vec<PanelDocument>,
    /// When the contact opted out of the shop's broadcasts (unix milliseconds; `opted_out` says
    /// whether they are out now), null if they have not.
    pub opted_out_at: Option<i64>,
    /// How: `keyword` (they wrote STOP, BAJA...), `meta` (Meta refused a marketing message,
    /// 131050) or `owner` (set by hand in the panel).
    pub opted_out_via: Option<String>,
}

pub fn panel(conn: &Connection, wa_id: &str) -> Result<ContactPanel, ContactsError> {
    let entry = store::entry(conn, wa_id)?;
    let (opted_out_at, opted_out_via) = conn.query_row(
        "SELECT opted_out_at, opted_out_via FROM contacts WHERE wa_id = ?1",
        [wa_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (first_message_at, last_message_at, message_count) = conn.query_row(
        "SELECT min(timestamp), max(timestamp), count(*) FROM messages WHERE contact = ?1",
        [wa_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let documents = crate::documents::records::list(
        conn,
        &crate::documents::records::Filter {
            contact: Some(wa_id.to_owned()),
            limit: Some(50),
            ..Default::default()
        },
    )?
    .into_iter()
    .map(|row| PanelDocument {
        id: row.summary.id,
        kind: row.summary.kind,
        number: row.summary.number,
        total: row.summary.total,
        currency: row.summary.currency,
        created_at: row.summary.created_at,
    })
    .collect();
    Ok(ContactPanel {
        entry,
        first_message_at,
        last_message_at,
        message_count,
        customer: crate::links::records::linked_to(conn, wa_id)?,
        documents,
        opted_out_at,
        opted_out_via,
    })
}
