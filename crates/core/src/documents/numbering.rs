//! Document numbers: per kind and year (`INV-2026-0001`), taken in the writer's transaction that
//! records the document. The transaction that takes a number also stores the document, so a
//! number is never taken without its document, never given twice, and none is skipped: a failed
//! or interrupted transaction gives its number back with everything else.

use rusqlite::{Connection, OptionalExtension};

use crate::store::StoreError;

/// Takes the next number of `kind` in `year` (1, 2, ...). Call it only inside the writer's
/// transaction that inserts the document.
pub fn take(conn: &Connection, kind: &str, year: i32) -> Result<i64, StoreError> {
    let next: Option<i64> = conn
        .prepare_cached("SELECT next FROM document_counters WHERE kind = ?1 AND year = ?2")?
        .query_row((kind, year), |r| r.get(0))
        .optional()?;
    let seq = next.unwrap_or(1);
    conn.prepare_cached(
        "INSERT INTO document_counters (kind, year, next) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, year) DO UPDATE SET next = excluded.next",
    )?
    .execute((kind, year, seq + 1))?;
    Ok(seq)
}

/// The number [`take`] would give `kind` in `year` now, taking nothing (for a preview).
pub fn peek(conn: &Connection, kind: &str, year: i32) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT next FROM document_counters WHERE kind = ?1 AND year = ?2")?
        .query_row((kind, year), |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or(1))
}

/// `PREFIX-YEAR-SEQ`, the sequence padded to four digits (`INV-2026-0001`, `INV-2026-12345`).
pub fn format(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_per_kind_and_year_from_one() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE document_counters (kind TEXT NOT NULL, year INTEGER NOT NULL,
             next INTEGER NOT NULL, PRIMARY KEY (kind, year)) STRICT;",
        )
        .unwrap();
        assert_eq!(take(&conn, "invoice", 2026).unwrap(), 1);
        assert_eq!(take(&conn, "invoice", 2026).unwrap(), 2);
        assert_eq!(take(&conn, "quote", 2026).unwrap(), 1);
        assert_eq!(take(&conn, "invoice", 2027).unwrap(), 1);
        assert_eq!(take(&conn, "invoice", 2026).unwrap(), 3);
        assert_eq!(format("INV", 2026, 1), "INV-2026-0001");
        assert_eq!(format("FAC", 2026, 12345), "FAC-2026-12345");
    }
}
