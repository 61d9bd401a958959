//! Counts over the messages of a range: per day in and out, the busiest hours, the outbound
//! rates, the templates.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::Range;
use crate::store::StoreError;

/// Buckets of this many seconds (`message_stats.bucket`): every time zone's offset is a
/// multiple of 15 minutes, so a bucket falls in one local day and hour.
const BUCKET: i64 = 900;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Day {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[ts(type = "number")]
    pub received: u64,
    #[ts(type = "number")]
    pub sent: u64,
}

/// The shop's messages (reactions aside) by what became of them. Rates are 0..=1 of `sent`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Rates {
    #[ts(type = "number")]
    pub sent: u64,
    /// Delivered, read or played.
    #[ts(type = "number")]
    pub delivered: u64,
    /// Read or played.
    #[ts(type = "number")]
    pub read: u64,
    #[ts(type = "number")]
    pub failed: u64,
    pub delivery_rate: f64,
    pub read_rate: f64,
    pub failure_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateStats {
    pub name: String,
    #[ts(type = "number")]
    pub sent: u64,
    #[ts(type = "number")]
    pub delivered: u64,
    #[ts(type = "number")]
    pub read: u64,
    /// The customer wrote within 24 hours of it.
    #[ts(type = "number")]
    pub replied: u64,
}

/// Messages per local day (received, sent) and received per weekday × hour.
pub fn per_day_and_hours(
    conn: &Connection,
    range: &Range,
) -> Result<(Vec<Day>, Vec<Vec<u64>>), StoreError> {
    let (start, end) = range.bounds();
    // The quarter-hour counts (migrations/0019_message_stats.sql), not the messages.
    let mut stmt = conn.prepare_cached(
        "SELECT bucket, direction = 'in', sum(n) FROM message_stats
         WHERE bucket >= ?1 / ?3 AND bucket < ?2 / ?3
         GROUP BY 1, 2",
    )?;
    let mut days: BTreeMap<jiff::civil::Date, (u64, u64)> =
        range.days().into_iter().map(|d| (d, (0, 0))).collect();
    let mut heat = vec![vec![0u64; 24]; 7];
    let mut rows = stmt.query(rusqlite::params![start, end, BUCKET])?;
    while let Some(row) = rows.next()? {
        let (bucket, inbound, n): (i64, bool, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let Ok(ts) = jiff::Timestamp::from_second(bucket * BUCKET) else {
            continue;
        };
        let local = range.tz.to_datetime(ts);
        let n = n.max(0) as u64;
        if let Some(day) = days.get_mut(&local.date()) {
            if inbound {
                day.0 += n;
            } else {
                day.1 += n;
            }
        }
        if inbound {
            let wd = local.date().weekday().to_monday_zero_offset() as usize;
            heat[wd][local.hour() as usize] += n;
        }
    }
    let per_day = days
        .into_iter()
        .map(|(d, (received, sent))| Day {
            date: d.to_string(),
            received,
            sent,
        })
        .collect();
    Ok((per_day, heat))
}

pub fn rates(conn: &Connection, range: &Range) -> Result<Rates, StoreError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(
        "SELECT status, sum(n) FROM message_stats
         WHERE bucket >= ?1 / ?3 AND bucket < ?2 / ?3 AND direction = 'out'
         GROUP BY status",
    )?;
    let mut r = Rates {
        sent: 0,
        delivered: 0,
        read: 0,
        failed: 0,
        delivery_rate: 0.0,
        read_rate: 0.0,
        failure_rate: 0.0,
    };
    let mut rows = stmt.query([start, end, BUCKET])?;
    while let Some(row) = rows.next()? {
        let (status, n): (String, i64) = (row.get(0)?, row.get(1)?);
        let n = n.max(0) as u64;
        r.sent += n;
        match status.as_str() {
            "delivered" => r.delivered += n,
            "read" | "played" => {
                r.delivered += n;
                r.read += n;
            }
            "failed" => r.failed += n,
            _ => {}
        }
    }
    if r.sent > 0 {
        let of = |n: u64| n as f64 / r.sent as f64;
        (r.delivery_rate, r.read_rate, r.failure_rate) =
            (of(r.delivered), of(r.read), of(r.failed));
    }
    Ok(r)
}

pub fn templates(conn: &Connection, range: &Range) -> Result<Vec<TemplateStats>, StoreError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(json_extract(m.raw, '$.template.name'), '?') AS name,
                count(*),
                sum(m.status IN ('delivered', 'read', 'played')),
                sum(m.status IN ('read', 'played')),
                sum(EXISTS (SELECT 1 FROM messages r
                            WHERE r.contact = m.contact AND r.direction = 'in'
                              AND r.timestamp >= m.timestamp AND r.timestamp < m.timestamp + 86400))
         FROM messages m
         WHERE m.timestamp >= ?1 AND m.timestamp < ?2 AND m.direction = 'out' AND m.type = 'template'
         GROUP BY name ORDER BY count(*) DESC, name",
    )?;
    let rows = stmt.query_map([start, end], |row| {
        let n = |i| {
            row.get::<_, Option<i64>>(i)
                .map(|v| v.unwrap_or(0).max(0) as u64)
        };
        Ok(TemplateStats {
            name: row.get(0)?,
            sent: n(1)?,
            delivered: n(2)?,
            read: n(3)?,
            replied: n(4)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
