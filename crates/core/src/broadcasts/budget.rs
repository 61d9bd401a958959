//! The messaging limit: unique customers a business portfolio may reach outside the 24-hour
//! window per rolling 24 hours (250, 2,000, 10,000, 100,000, unlimited). Meta returns no error
//! past it, so the app counts its own: the recipients it queued outside their window.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::{StoreError, now_ms};

/// The `meta` key holding the last limit read from Meta.
const META_KEY: &str = "messaging_limit";

/// A new business portfolio's limit, assumed until Meta has been asked.
pub const DEFAULT_LIMIT: i64 = 250;

/// The limit and what is left of it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Budget {
    /// `None`: unlimited.
    pub limit: Option<i64>,
    /// Unique customers reached outside their window in the last 24 hours.
    pub used: i64,
    /// `None`: unlimited.
    pub left: Option<i64>,
    /// Whether the limit was read from Meta (else the default of a new portfolio is assumed).
    pub known: bool,
}

/// Reads Meta's value: `whatsapp_business_manager_messaging_limit` first, else the deprecated
/// `messaging_limit_tier`. `TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`, a
/// bare number, or an object holding one of those. `Some(None)` is unlimited.
pub fn parse_limit(value: &serde_json::Value) -> Option<Option<i64>> {
    match value {
        serde_json::Value::String(s) => parse_tier(s),
        serde_json::Value::Number(n) => n.as_i64().map(Some),
        serde_json::Value::Object(map) => map.values().find_map(parse_limit),
        _ => None,
    }
}

fn parse_tier(s: &str) -> Option<Option<i64>> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_prefix("TIER_").unwrap_or(&t);
    if t == "UNLIMITED" {
        return Some(None);
    }
    let (digits, mult) = match t.strip_suffix('K') {
        Some(d) => (d, 1000),
        None => (t, 1),
    };
    digits.parse::<i64>().ok().map(|n| Some(n * mult))
}

/// Remembers the limit Meta reported (`None`: unlimited).
pub fn remember(conn: &Connection, limit: Option<i64>) -> Result<(), StoreError> {
    let text = limit.map_or_else(|| "unlimited".to_owned(), |n| n.to_string());
    conn.prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?
        .execute(params![META_KEY, text])?;
    Ok(())
}

/// The budget now.
pub fn current(conn: &Connection) -> Result<Budget, StoreError> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([META_KEY], |r| r.get(0))
        .optional()?;
    let (limit, known) = match stored.as_deref() {
        Some("unlimited") => (None, true),
        Some(n) => (Some(n.parse().unwrap_or(DEFAULT_LIMIT)), true),
        None => (Some(DEFAULT_LIMIT), false),
    };
    let used = used(conn)?;
    Ok(Budget {
        limit,
        used,
        left: limit.map(|l| (l - used).max(0)),
        known,
    })
}

/// Unique customers queued outside their window in the last 24 hours.
pub fn used(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT count(DISTINCT wa_id) FROM broadcast_recipients
             WHERE business_initiated = 1 AND queued_at >= ?1",
        )?
        .query_row([now_ms() - 24 * 3600 * 1000], |r| r.get(0))?)
}

/// Whether `wa_id` already counts (reached outside the window within 24 hours): another message
/// to them costs nothing more.
pub fn already_counted(conn: &Connection, wa_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM broadcast_recipients
             WHERE wa_id = ?1 AND business_initiated = 1 AND queued_at >= ?2",
        )?
        .exists(params![wa_id, now_ms() - 24 * 3600 * 1000])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_tiers_are_read() {
        assert_eq!(parse_limit(&json!("TIER_250")), Some(Some(250)));
        assert_eq!(parse_limit(&json!("TIER_2K")), Some(Some(2000)));
        assert_eq!(parse_limit(&json!("TIER_100K")), Some(Some(100_000)));
        assert_eq!(parse_limit(&json!("TIER_UNLIMITED")), Some(None));
        assert_eq!(
            parse_limit(&json!({"max_daily_conversations_per_business": "TIER_10K"})),
            Some(Some(10_000))
        );
        assert_eq!(parse_limit(&json!(2000)), Some(Some(2000)));
        assert_eq!(parse_limit(&json!("nonsense")), None);
    }
}
