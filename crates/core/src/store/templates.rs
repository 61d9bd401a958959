//! Message templates as last synced from Meta.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// A template row: the fields the app filters on, and Meta's object as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    pub name: String,
    pub language: String,
    pub id: String,
    pub status: String,
    pub category: Option<String>,
    pub raw: String,
    pub synced_at: i64,
}

/// Replaces every stored template with `templates` (a full sync: deleted ones go).
pub fn replace_all(conn: &Connection, templates: &[StoredTemplate]) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM templates")?.execute([])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO templates (name, language, id, status, category, raw, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for t in templates {
        insert.execute(params![
            t.name,
            t.language,
            t.id,
            t.status,
            t.category,
            t.raw,
            t.synced_at
        ])?;
    }
    Ok(())
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredTemplate> {
    Ok(StoredTemplate {
        name: r.get(0)?,
        language: r.get(1)?,
        id: r.get(2)?,
        status: r.get(3)?,
        category: r.get(4)?,
        raw: r.get(5)?,
        synced_at: r.get(6)?,
    })
}

/// Every stored template, by name then language.
pub fn list(conn: &Connection) -> Result<Vec<StoredTemplate>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, language, id, status, category, raw, synced_at FROM templates
         ORDER BY name, language",
    )?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

pub fn get(
    conn: &Connection,
    name: &str,
    language: &str,
) -> Result<Option<StoredTemplate>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT name, language, id, status, category, raw, synced_at FROM templates
             WHERE name = ?1 AND language = ?2",
        )?
        .query_row(params![name, language], from_row)
        .optional()?)
}
