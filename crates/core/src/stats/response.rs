//! How fast the shop answers: for each customer message that waits (the first since the
//! shop's last word by a person), the time until a person at the shop writes back (automatic
//! replies do not count) — counting only the hours the shop is open, when business hours are
//! set. A wait counts in the range it ended in; the waits are kept as they end, by triggers
//! (`migrations/0020_response_waits.sql`).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::Range;
use crate::bot::config::{BusinessHours, parse_span};
use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FirstResponse {
    /// Customer messages answered within the range.
    #[ts(type = "number")]
    pub answered: u64,
    /// Seconds; null when nothing was answered.
    #[ts(type = "number | null")]
    pub median_seconds: Option<u64>,
    #[ts(type = "number | null")]
    pub p90_seconds: Option<u64>,
    /// Whether only business hours were counted.
    pub business_hours: bool,
}

pub fn first_response(
    conn: &Connection,
    range: &Range,
    hours: Option<&BusinessHours>,
) -> Result<FirstResponse, StoreError> {
    let (start, end) = range.bounds();
    // The waits that ended in the range, kept as each ended (migrations/0020_response_waits.sql).
    let mut stmt = conn.prepare_cached(
        "SELECT asked_at, answered_at FROM response_waits
         WHERE answered_at >= ?1 AND answered_at < ?2",
    )?;
    let waits: Vec<(i64, i64)> = stmt
        .query_map([start, end], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut samples: Vec<u64> = match hours {
        Some(h) => {
            let first = waits.iter().map(|w| w.0).min().unwrap_or(start);
            let open = OpenTime::new(h, first.min(start), end);
            waits
                .iter()
                .map(|&(a, b)| open.between(a, b) as u64)
                .collect()
        }
        None => waits.iter().map(|&(a, b)| (b - a).max(0) as u64).collect(),
    };
    samples.sort_unstable();
    Ok(FirstResponse {
        answered: samples.len() as u64,
        median_seconds: percentile(&samples, 50),
        p90_seconds: percentile(&samples, 90),
        business_hours: hours.is_some(),
    })
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[u64], p: usize) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Chats whose latest message is the customer's and arrived within the range.
pub fn unanswered(conn: &Connection, range: &Range) -> Result<u64, StoreError> {
    let (start, end) = range.bounds();
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM contacts c JOIN messages m ON m.id = c.last_message_id
             WHERE m.direction = 'in' AND m.timestamp >= ?1 AND m.timestamp < ?2",
        )?
        .query_row([start, end], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Seconds between unix seconds `from` and `to` during which the shop is open.
pub fn business_seconds_between(hours: &BusinessHours, from: i64, to: i64) -> i64 {
    if to <= from {
        return 0;
    }
    OpenTime::new(hours, from, to).between(from, to)
}

/// The shop's open spans over a stretch of time (unix seconds, in order, overlaps merged) with
/// the open seconds before each: the open time between any two instants of the stretch is two
/// binary searches, however many waits are measured.
struct OpenTime {
    spans: Vec<(i64, i64)>,
    /// Open seconds in the spans before each span.
    before: Vec<i64>,
}

impl OpenTime {
    fn new(hours: &BusinessHours, from: i64, to: i64) -> Self {
        let tz = if hours.time_zone.is_empty() {
            TimeZone::system()
        } else {
            TimeZone::get(&hours.time_zone).unwrap_or(TimeZone::UTC)
        };
        let mut spans: Vec<(i64, i64)> = Vec::new();
        if let (Ok(a), Ok(b)) = (Timestamp::from_second(from), Timestamp::from_second(to)) {
            let holidays: Vec<jiff::civil::Date> = hours
                .holidays
                .iter()
                .filter_map(|h| h.trim().parse().ok())
                .collect();
            // From the day before `from` (its spans may run past midnight) to `to`'s day.
            let first = tz.to_datetime(a).date();
            let mut day = first.yesterday().unwrap_or(first);
            let last = tz.to_datetime(b).date();
            let mut guard = 0;
            while day <= last && guard < 4000 {
                guard += 1;
                if !holidays.contains(&day) {
                    let wd = day.weekday().to_monday_zero_offset() as usize;
                    for (open, close) in hours.week[wd].iter().filter_map(|s| parse_span(s)) {
                        let at = |d: jiff::civil::Date, minute: i32| {
                            d.at((minute / 60) as i8, (minute % 60) as i8, 0, 0)
                                .to_zoned_datetime(tz.clone())
                                .map(|z| z.timestamp().as_second())
                        };
                        let end_day = if close <= open {
                            day.tomorrow().unwrap_or(day)
                        } else {
                            day
                        };
                        if let (Ok(s), Ok(e)) = (at(day, open), at(end_day, close))
                            && e > s
                        {
                            spans.push((s, e));
                        }
                    }
                }
                match day.tomorrow() {
                    Ok(n) => day = n,
                    Err(_) => break,
                }
            }
        }
        spans.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let mut before = Vec::with_capacity(merged.len());
        let mut total = 0;
        for &(s, e) in &merged {
            before.push(total);
            total += e - s;
        }
        Self {
            spans: merged,
            before,
        }
    }

    /// Open seconds from the first span up to `t`.
    fn open_until(&self, t: i64) -> i64 {
        let k = self.spans.partition_point(|&(s, _)| s < t);
        match k.checked_sub(1) {
            None => 0,
            Some(i) => {
                let (s, e) = self.spans[i];
                self.before[i] + t.min(e) - s
            }
        }
    }

    /// Open seconds between `a` and `b`.
    fn between(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        self.open_until(b) - self.open_until(a)
    }
}
