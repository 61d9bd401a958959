//! Schema migrations, embedded from `migrations/*.sql` and applied in order, in one transaction.
//! `PRAGMA user_version` holds the schema version; a database newer than the binary is refused.

use rusqlite::Connection;

use super::StoreError;

pub(crate) struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The schema version this binary writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Brings the schema up to date. Returns the versions applied.
pub(crate) fn migrate(conn: &mut Connection) -> Result<Vec<u32>, StoreError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = latest_version();
    if current > latest {
        return Err(StoreError::TooNew {
            found: current,
            supported: latest,
        });
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        tx.execute_batch(m.sql).map_err(|e| StoreError::Migration {
            version: m.version,
            name: m.name,
            source: e,
        })?;
        applied.push(m.version);
    }
    if !applied.is_empty() {
        // PRAGMA takes no bound parameters; `latest` is a number we computed.
        tx.execute_batch(&format!("PRAGMA user_version = {latest}"))?;
    }
    tx.commit()?;
    Ok(applied)
}
