//! Broadcasts as the list, `broadcast show` and the running view show them.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::{StoreError, now_ms};

/// Recipients per state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecipientCounts {
    pub total: i64,
    pub pending: i64,
    pub queued: i64,
    pub sent: i64,
    pub delivered: i64,
    pub read: i64,
    pub replied: i64,
    pub failed: i64,
    pub skipped: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BroadcastView {
    pub id: i64,
    pub name: String,
    pub template: String,
    pub lang: String,
    pub category: String,
    /// scheduled, running, paused, completed, cancelled.
    pub state: String,
    /// Why it is paused or waiting, in words.
    pub reason: Option<String>,
    /// Unix ms.
    pub start_at: i64,
    /// A scheduled broadcast whose time passed while the app was closed: it waits for the owner.
    pub needs_confirmation: bool,
    /// Messages per second at most.
    pub rate: u32,
    /// Sent (queued) in the last minute, per second: the current rate.
    pub current_rate: u32,
    /// Seconds left at the current (else the configured) rate.
    pub eta_secs: Option<i64>,
    pub counts: RecipientCounts,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str =
    "id, name, template, lang, category, state, reason, start_at, confirmed, rate,
    created_at, finished_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<BroadcastView> {
    Ok(BroadcastView {
        id: r.get(0)?,
        name: r.get(1)?,
        template: r.get(2)?,
        lang: r.get(3)?,
        category: r.get(4)?,
        state: r.get(5)?,
        reason: r
            .get::<_, Option<String>>(6)?
            .map(|r| super::reasons::said(&r)),
        start_at: r.get(7)?,
        needs_confirmation: r.get::<_, i64>(8)? == 0,
        rate: r.get(9)?,
        current_rate: 0,
        eta_secs: None,
        counts: RecipientCounts::default(),
        created_at: r.get(10)?,
        finished_at: r.get(11)?,
    })
}

fn complete(conn: &Connection, mut b: BroadcastView) -> Result<BroadcastView, StoreError> {
    b.counts = counts(conn, b.id)?;
    let last_minute: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?1 AND queued_at >= ?2",
        )?
        .query_row((b.id, now_ms() - 60_000), |r| r.get(0))?;
    b.current_rate = (last_minute / 60) as u32;
    if matches!(b.state.as_str(), "running" | "scheduled" | "paused") {
        let rate = i64::from(if b.current_rate > 0 {
            b.current_rate
        } else {
            b.rate
        })
        .max(1);
        b.eta_secs = Some((b.counts.pending + b.counts.queued) / rate);
    }
    Ok(b)
}

/// Recipients of broadcast `id` per state.
pub fn counts(conn: &Connection, id: i64) -> Result<RecipientCounts, StoreError> {
    let mut c = RecipientCounts::default();
    let mut stmt = conn.prepare_cached(
        "SELECT state, count(*) FROM broadcast_recipients WHERE broadcast_id = ?1 GROUP BY state",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (state, n) = row?;
        c.total += n;
        match state.as_str() {
            "pending" => c.pending = n,
            "queued" => c.queued = n,
            "sent" => c.sent = n,
            "delivered" => c.delivered = n,
            "read" => c.read = n,
            "replied" => c.replied = n,
            "failed" => c.failed = n,
            _ => c.skipped = n,
        }
    }
    Ok(c)
}

/// Every broadcast, newest first.
pub fn list(conn: &Connection) -> Result<Vec<BroadcastView>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM broadcasts ORDER BY id DESC"
    ))?;
    let rows: Vec<BroadcastView> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|b| complete(conn, b)).collect()
}

/// One broadcast.
pub fn get(conn: &Connection, id: i64) -> Result<Option<BroadcastView>, StoreError> {
    let b = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM broadcasts WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?;
    b.map(|b| complete(conn, b)).transpose()
}
