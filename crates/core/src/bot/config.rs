//! The bot's settings: its switch, the owner's texts, business hours (a weekly schedule with
//! breaks, holidays, the shop's time zone), the greeting, the away message, keyword rules and
//! the safety limits. Kept as one JSON row in the database, so the transaction that answers a
//! message reads the settings it answers with.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BotConfig {
    /// Off: nothing is answered automatically (commands included).
    pub enabled: bool,
    /// The owner's texts, `"<lang>.<key>"` → text (see [`super::texts::CATALOGUE`]).
    pub texts: BTreeMap<String, String>,
    pub hours: BusinessHours,
    /// Sent for a customer's first message.
    pub greeting: bool,
    /// Sent outside business hours.
    pub away: bool,
    pub keywords: Vec<KeywordRule>,
    /// At most one automatic reply (greeting, away, keyword) per customer in this many minutes.
    pub rate_limit_minutes: u32,
    /// Nothing automatic for this many minutes after the owner wrote to the customer.
    pub takeover_minutes: u32,
    /// No greeting or away message for a message older than this when it is applied (a backlog
    /// after the app was off); commands are still answered.
    pub stale_minutes: u32,
}

impl Default for BotConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            texts: BTreeMap::new(),
            hours: BusinessHours::default(),
            greeting: false,
            away: false,
            keywords: Vec::new(),
            rate_limit_minutes: 3,
            takeover_minutes: 30,
            stale_minutes: 60,
        }
    }
}

/// When the shop is open: per weekday (Monday first) the opening spans, like `09:00-13:30`
/// and `16:00-20:00` (the gap is the break; `22:00-02:00` runs past midnight), in `time_zone`;
/// closed on the `holidays` (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BusinessHours {
    /// An IANA zone like `Europe/Madrid`; the computer's own when empty.
    pub time_zone: String,
    pub week: [Vec<String>; 7],
    pub holidays: Vec<String>,
}

impl Default for BusinessHours {
    fn default() -> Self {
        let day = || vec!["09:00-18:00".to_owned()];
        Self {
            time_zone: String::new(),
            week: [day(), day(), day(), day(), day(), Vec::new(), Vec::new()],
            holidays: Vec::new(),
        }
    }
}

/// Phrases that get a reply: a text, one of the customer's documents, or a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeywordRule {
    /// Matched, case, accents and punctuation aside, as whole words anywhere in the message.
    pub phrases: Vec<String>,
    pub reply: KeywordReply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum KeywordReply {
    Text {
        text: String,
    },
    /// The customer's latest document of this kind (`invoice`, `quote`, ...).
    Document {
        kind: String,
    },
    /// An approved template with no parameters.
    Template {
        name: String,
        language: String,
    },
}

impl BotConfig {
    /// What is wrong with it, if anything (one line).
    pub fn problem(&self) -> Option<String> {
        if !self.hours.time_zone.is_empty()
            && jiff::tz::TimeZone::get(&self.hours.time_zone).is_err()
        {
            return Some(format!(
                "{:?} is not a time zone like Europe/Madrid",
                self.hours.time_zone
            ));
        }
        for (day, spans) in self.hours.week.iter().enumerate() {
            for span in spans {
                if parse_span(span).is_none() {
                    return Some(format!(
                        "day {}: {span:?} is not a span like 09:00-13:30",
                        day + 1
                    ));
                }
            }
        }
        for h in &self.hours.holidays {
            if crate::clock::parse_date(h).is_none() {
                return Some(format!("{h:?} is not a date (YYYY-MM-DD)"));
            }
        }
        for (i, rule) in self.keywords.iter().enumerate() {
            if rule
                .phrases
                .iter()
                .all(|p| super::normalize::normalize(p).is_empty())
            {
                return Some(format!("keyword rule {} has no phrase", i + 1));
            }
            if let KeywordReply::Text { text } = &rule.reply
                && text.trim().is_empty()
            {
                return Some(format!("keyword rule {} has no reply text", i + 1));
            }
        }
        None
    }

    /// Whether the shop is open at `now_ms`.
    pub fn open_at(&self, now_ms: i64) -> bool {
        let tz = if self.hours.time_zone.is_empty() {
            jiff::tz::TimeZone::system()
        } else {
            jiff::tz::TimeZone::get(&self.hours.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
        };
        let Ok(ts) = jiff::Timestamp::from_millisecond(now_ms) else {
            return true;
        };
        let local = ts.to_zoned_datetime(tz);
        let date = local.date();
        let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
        let day = date.weekday().to_monday_zero_offset() as usize;
        let holiday = |d: jiff::civil::Date| {
            self.hours
                .holidays
                .iter()
                .any(|h| h.trim().parse::<jiff::civil::Date>().ok() == Some(d))
        };
        // Today's spans, and yesterday's that run past midnight.
        let today = !holiday(date)
            && self.hours.week[day]
                .iter()
                .filter_map(|s| parse_span(s))
                .any(|(from, to)| {
                    if from < to {
                        (from..to).contains(&minute)
                    } else {
                        minute >= from
                    }
                });
        let yesterday = date.yesterday().ok();
        let carried = yesterday.is_some_and(|y| {
            !holiday(y)
                && self.hours.week[(day + 6) % 7]
                    .iter()
                    .filter_map(|s| parse_span(s))
                    .any(|(from, to)| from >= to && minute < to)
        });
        today || carried
    }
}

/// `"09:00-13:30"` → minutes of the day (540, 810).
pub(crate) fn parse_span(span: &str) -> Option<(i32, i32)> {
    let (a, b) = span.split_once('-')?;
    let minutes = |t: &str| -> Option<i32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
        ((0..=24).contains(&h) && (0..60).contains(&m) && h * 60 + m <= 1440).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(a)?, minutes(b)?);
    (from != to).then_some((from, to % 1440))
}

/// The settings as stored (the defaults when none are).
pub fn load(conn: &Connection) -> Result<BotConfig, StoreError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT json FROM bot_config WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .optional()?;
    match json {
        Some(j) => {
            serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("bot settings: {e}")))
        }
        None => Ok(BotConfig::default()),
    }
}

pub fn save(conn: &Connection, config: &BotConfig) -> Result<(), StoreError> {
    let json = serde_json::to_string(config).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO bot_config (id, json) VALUES (1, ?1)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json",
    )?
    .execute([json])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(zoned: &str) -> i64 {
        zoned
            .parse::<jiff::ZonedDateTime>()
            .unwrap()
            .timestamp()
            .as_millisecond()
    }

    #[test]
    fn hours_with_a_break_past_midnight_holidays_and_a_time_zone_change() {
        let mut c = BotConfig::default();
        c.hours.time_zone = "Europe/Madrid".into();
        c.hours.week[0] = vec!["09:00-13:30".into(), "16:00-20:00".into()];
        c.hours.week[4] = vec!["20:00-02:00".into()]; // Friday night, into Saturday
        c.hours.holidays = vec!["2026-12-08".into()];
        assert_eq!(c.problem(), None);
        // Monday 7 December 2026.
        assert!(c.open_at(at("2026-12-07T10:00[Europe/Madrid]")));
        assert!(
            !c.open_at(at("2026-12-07T14:00[Europe/Madrid]")),
            "the break"
        );
        assert!(c.open_at(at("2026-12-07T16:00[Europe/Madrid]")));
        assert!(
            !c.open_at(at("2026-12-07T20:00[Europe/Madrid]")),
            "the end is exclusive"
        );
        // Friday 11 December, past midnight into Saturday.
        assert!(c.open_at(at("2026-12-11T23:30[Europe/Madrid]")));
        assert!(c.open_at(at("2026-12-12T01:59[Europe/Madrid]")));
        assert!(!c.open_at(at("2026-12-12T02:00[Europe/Madrid]")));
        // Tuesday 8 December is a holiday.
        assert!(!c.open_at(at("2026-12-08T10:00[Europe/Madrid]")));
        // 09:00 UTC is 10:00 in Madrid in winter.
        assert!(c.open_at(at("2026-12-07T09:00Z[UTC]")));
        // Sunday hours 09:00-10:00 local. On 18 October (UTC+2) they are 07:00-08:00 UTC; the
        // clocks go back on 25 October (UTC+1), when they are 08:00-09:00 UTC.
        c.hours.week[6] = vec!["09:00-10:00".into()];
        assert!(c.open_at(at("2026-10-18T07:30Z[UTC]")));
        assert!(!c.open_at(at("2026-10-18T08:30Z[UTC]")));
        assert!(!c.open_at(at("2026-10-25T07:30Z[UTC]")));
        assert!(c.open_at(at("2026-10-25T08:30Z[UTC]")));
    }

    #[test]
    fn bad_settings_are_named() {
        let mut c = BotConfig::default();
        c.hours.time_zone = "Mars/Olympus".into();
        assert!(c.problem().unwrap().contains("time zone"));
        let mut c = BotConfig::default();
        c.hours.week[2] = vec!["9-5".into()];
        assert!(c.problem().unwrap().contains("day 3"));
        let mut c = BotConfig::default();
        c.keywords.push(KeywordRule {
            phrases: vec!["  !".into()],
            reply: KeywordReply::Text { text: "x".into() },
        });
        assert!(c.problem().unwrap().contains("no phrase"));
    }
}
