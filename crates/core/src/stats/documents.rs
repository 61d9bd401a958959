//! Documents issued per local month, kind and currency, with their exact total.

use std::collections::BTreeMap;
use std::str::FromStr;

use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::Range;
use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentsMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub kind: String,
    pub currency: String,
    #[ts(type = "number")]
    pub count: u64,
    /// The sum of their totals, an exact decimal string.
    pub total: String,
}

/// Issued and later cancelled documents both count (they were issued); unfinished ones do not.
pub fn per_month(conn: &Connection, range: &Range) -> Result<Vec<DocumentsMonth>, StoreError> {
    let (start, end) = range.bounds();
    let mut stmt = conn.prepare_cached(
        "SELECT created_at, kind, currency, total FROM documents
         WHERE created_at >= ?1 AND created_at < ?2 AND status IN ('issued', 'cancelled')",
    )?;
    let mut sums: BTreeMap<(String, String, String), (u64, Decimal)> = BTreeMap::new();
    let mut rows = stmt.query([start * 1000, end * 1000])?;
    while let Some(row) = rows.next()? {
        let (at_ms, kind, currency, total): (i64, String, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let Some(date) = range.date_of(at_ms.div_euclid(1000)) else {
            continue;
        };
        let total = Decimal::from_str(&total)
            .map_err(|e| StoreError::Corrupt(format!("document total {total:?}: {e}")))?;
        let month = format!("{:04}-{:02}", date.year(), date.month());
        let entry = sums.entry((month, kind, currency)).or_default();
        entry.0 += 1;
        entry.1 += total;
    }
    Ok(sums
        .into_iter()
        .map(|((month, kind, currency), (count, total))| DocumentsMonth {
            month,
            kind,
            currency,
            count,
            total: total.to_string(),
        })
        .collect())
}
