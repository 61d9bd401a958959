//! Statistics over a date range, computed from SQLite: messages per day in and out,
//! first-response times, unanswered chats, delivery / read / failure rates, the busiest hours,
//! templates, broadcasts, documents issued and their value per month, the top labels. The
//! per-day counts, the busiest hours
//! and the rates read quarter-hour counts kept by triggers (`migrations/0019_message_stats.sql`);
//! the others read the messages through their indexes (`migrations/0013_stats.sql`).
//! Days and hours are the computer's local time (as [`crate::clock`]); each figure exports as
//! CSV ([`csv_export`]).
//!
//! A new figure is one more field on [`Stats`], one function computing it from the same
//! [`Range`], and one arm in [`csv_export`].

mod audience;
#[cfg(test)]
mod audience_tests;
mod csv_export;
mod documents;
mod response;
#[cfg(test)]
mod tests;
mod texts;
mod volume;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

pub use crate::bot::config::BusinessHours;
use crate::store::StoreError;

pub use audience::{BroadcastStats, LabelStats, TOP_LABELS, broadcasts, top_labels};
pub use csv_export::{Figure, to_csv};
pub use documents::{DocumentsMonth, per_month as documents_per_month};
pub use response::{FirstResponse, business_seconds_between, first_response, unanswered};
pub use volume::{Day, Rates, TemplateStats, per_day_and_hours, rates, templates};

/// Days `from` to `to`, both included, in `tz`.
#[derive(Debug, Clone)]
pub struct Range {
    pub from: Date,
    pub to: Date,
    pub tz: TimeZone,
}

impl Range {
    /// In the computer's time zone.
    pub fn local(from: Date, to: Date) -> Self {
        Self {
            from,
            to,
            tz: TimeZone::system(),
        }
    }

    /// The last 30 days, today included.
    pub fn last_30_days() -> Self {
        let today = jiff::ZonedDateTime::now().date();
        let from = today
            .checked_sub(jiff::Span::new().days(29))
            .unwrap_or(today);
        Self::local(from, today)
    }

    /// From `YYYY-MM-DD` texts, either missing: `to` defaults to today, `from` to 29 days before
    /// `to`. The message names what is wrong.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self, String> {
        let date = |flag: &str, text: &str| {
            text.trim()
                .parse::<Date>()
                .map_err(|_| format!("{flag} {text:?} is not a date (YYYY-MM-DD)"))
        };
        let to = match to {
            Some(t) => date("--to", t)?,
            None => jiff::ZonedDateTime::now().date(),
        };
        let from = match from {
            Some(f) => date("--from", f)?,
            None => to.checked_sub(jiff::Span::new().days(29)).unwrap_or(to),
        };
        if from > to {
            return Err(format!("--from {from} is after --to {to}"));
        }
        Ok(Self::local(from, to))
    }

    /// Unix seconds: the first second of `from`, the first second after `to`.
    pub fn bounds(&self) -> (i64, i64) {
        let start = |d: Date| {
            d.to_zoned_datetime(self.tz.clone())
                .map(|z| z.timestamp().as_second())
                .unwrap_or(0)
        };
        let after = self.to.tomorrow().unwrap_or(self.to);
        (start(self.from), start(after))
    }

    /// The local date of a unix second.
    pub(crate) fn date_of(&self, secs: i64) -> Option<Date> {
        let ts = jiff::Timestamp::from_second(secs).ok()?;
        Some(self.tz.to_datetime(ts).date())
    }

    fn days(&self) -> Vec<Date> {
        let mut out = Vec::new();
        let mut d = self.from;
        while d <= self.to && out.len() < 3700 {
            out.push(d);
            match d.tomorrow() {
                Ok(n) => d = n,
                Err(_) => break,
            }
        }
        out
    }
}

/// Every figure over one range.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Stats {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    /// Every day of the range, with the messages received and sent that day.
    pub per_day: Vec<Day>,
    pub first_response: FirstResponse,
    /// Chats whose latest message (in the range) is the customer's.
    pub unanswered_chats: u64,
    pub rates: Rates,
    /// Messages received per weekday (Monday first) and hour of the day: `[7][24]`.
    pub busiest_hours: Vec<Vec<u64>>,
    pub templates: Vec<TemplateStats>,
    /// Broadcasts started in the range, the latest first.
    pub broadcasts: Vec<BroadcastStats>,
    pub documents: Vec<DocumentsMonth>,
    /// The labels carried by the most chats of the range, the most first.
    pub top_labels: Vec<LabelStats>,
}

/// All the figures. `hours`: the shop's business hours, when set, for first-response times.
pub fn compute(
    conn: &Connection,
    range: &Range,
    hours: Option<&BusinessHours>,
) -> Result<Stats, StoreError> {
    let (per_day, busiest_hours) = per_day_and_hours(conn, range)?;
    Ok(Stats {
        from: range.from.to_string(),
        to: range.to.to_string(),
        per_day,
        first_response: first_response(conn, range, hours)?,
        unanswered_chats: unanswered(conn, range)?,
        rates: rates(conn, range)?,
        busiest_hours,
        templates: templates(conn, range)?,
        broadcasts: broadcasts(conn, range)?,
        documents: documents_per_month(conn, range)?,
        top_labels: top_labels(conn, range)?,
    })
}

/// The shop's business hours, when the owner has saved the bot's settings with an open span.
pub fn business_hours(conn: &Connection) -> Result<Option<BusinessHours>, StoreError> {
    let saved: i64 = conn.query_row("SELECT count(*) FROM bot_config", [], |r| r.get(0))?;
    if saved == 0 {
        return Ok(None);
    }
    let config = crate::bot::config::load(conn)?;
    let any = config.hours.week.iter().any(|d| !d.is_empty());
    Ok(any.then_some(config.hours))
}
