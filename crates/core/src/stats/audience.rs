//! Who the shop talks to over the range: its labels, by the chats that carry them (the top
//! labels), and its broadcasts, each from sent to replied.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::Range;
use crate::store::StoreError;

/// How many labels the figure keeps, the most used first.
pub const TOP_LABELS: usize = 10;

/// A label and the chats that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LabelStats {
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    /// Contacts with this label who wrote or were written to in the range.
    #[ts(type = "number")]
    pub chats: u64,
    /// Contacts with this label, whenever they last talked.
    #[ts(type = "number")]
    pub contacts: u64,
}

/// A broadcast started in the range (scheduled ones by their start), its recipients counted
/// as they went: each counts once at every step it reached (a read message was sent and
/// delivered too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BroadcastStats {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub template: String,
    /// `scheduled`, `running`, `paused`, `completed`, `cancelled`.
    pub state: String,
    /// Unix ms it started (or is to start).
    #[ts(type = "number")]
    pub started_at: i64,
    #[ts(type = "number")]
    pub recipients: u64,
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub delivered: u64,
    #[ts(type = "number")]
    pub read: u64,
    #[ts(type = "number")]
    pub replied: u64,
    #[ts(type = "number")]
    pub failed: u64,
}

fn count(v: Option<i64>) -> u64 {
    v.unwrap_or(0).max(0) as u64
}

/// The labels carried by the most chats of the range (at most [`TOP_LABELS`]); labels no chat
/// of the range carries are left out.
pub fn top_labels(conn: &Connection, range: &Range) -> Result<Vec<LabelStats>, StoreError> {
    let (start, end) = range.bounds();
    // One indexed probe per labelled contact (messages_by_contact_time).
    let mut stmt = conn.prepare_cached(
        "SELECT l.name, l.color,
                sum(EXISTS (SELECT 1 FROM messages m
                            WHERE m.contact = cl.wa_id AND m.timestamp >= ?1 AND m.timestamp < ?2)),
                count(*)
         FROM labels l JOIN contact_labels cl ON cl.label_id = l.id
         GROUP BY l.id
         ORDER BY 3 DESC, l.name COLLATE NOCASE
         LIMIT ?3",
    )?;
    let rows = stmt.query_map(rusqlite::params![start, end, TOP_LABELS as i64], |r| {
        Ok(LabelStats {
            name: r.get(0)?,
            color: r.get(1)?,
            chats: count(r.get(2)?),
            contacts: count(r.get(3)?),
        })
    })?;
    let mut labels = rows.collect::<Result<Vec<_>, _>>()?;
    labels.retain(|l| l.chats > 0);
    Ok(labels)
}

/// The broadcasts started (or to start) in the range, the latest first.
pub fn broadcasts(conn: &Connection, range: &Range) -> Result<Vec<BroadcastStats>, StoreError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.name, b.template, b.state, coalesce(b.started_at, b.start_at),
                count(r.id),
                sum(r.state IN ('sent', 'delivered', 'read', 'replied')),
                sum(r.state IN ('delivered', 'read', 'replied')),
                sum(r.state IN ('read', 'replied')),
                sum(r.state = 'replied'),
                sum(r.state = 'failed')
         FROM broadcasts b LEFT JOIN broadcast_recipients r ON r.broadcast_id = b.id
         WHERE coalesce(b.started_at, b.start_at) >= ?1 AND coalesce(b.started_at, b.start_at) < ?2
         GROUP BY b.id
         ORDER BY 5 DESC, b.id DESC",
    )?;
    let rows = stmt.query_map([start * 1000, end * 1000], |r| {
        Ok(BroadcastStats {
            id: r.get(0)?,
            name: r.get(1)?,
            template: r.get(2)?,
            state: r.get(3)?,
            started_at: r.get(4)?,
            recipients: count(r.get(5)?),
            sent: count(r.get(6)?),
            delivered: count(r.get(7)?),
            read: count(r.get(8)?),
            replied: count(r.get(9)?),
            failed: count(r.get(10)?),
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
