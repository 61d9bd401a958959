//! Message templates as last synced from Meta, with what the webhooks said since (status,
//! quality, category) and the edits of approved ones.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// A template row: the fields the app filters on, and Meta's object as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredTemplate {
    pub name: String,
    pub language: String,
    pub id: String,
    pub status: String,
    pub category: Option<String>,
    pub raw: String,
    /// 0 for a row a webhook made before any sync saw the template.
    pub synced_at: i64,
    /// GREEN, YELLOW, RED or UNKNOWN.
    pub quality: Option<String>,
    /// Why it was rejected, paused or disabled.
    pub rejected_reason: Option<String>,
    /// When its status, quality or category last changed (unix ms).
    pub updated_at: Option<i64>,
}

impl StoredTemplate {
    /// Whether what the owner sees of it differs from `other` (content aside from the raw copy).
    fn differs(&self, other: &StoredTemplate) -> bool {
        self.status != other.status
            || self.quality != other.quality
            || self.category != other.category
            || self.rejected_reason != other.rejected_reason
            || self.raw != other.raw
    }
}

/// A template that changed, with its status before (`None`: it is new).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub before: Option<String>,
    pub now: StoredTemplate,
}

const COLUMNS: &str =
    "name, language, id, status, category, raw, synced_at, quality, rejected_reason, updated_at";

fn upsert(conn: &Connection, t: &StoredTemplate) -> Result<(), StoreError> {
    conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO templates ({COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        t.name,
        t.language,
        t.id,
        t.status,
        t.category,
        t.raw,
        t.synced_at,
        t.quality,
        t.rejected_reason,
        t.updated_at
    ])?;
    Ok(())
}

/// Replaces every stored template with `templates` (a full sync: deleted ones go). What a
/// webhook told and the sync does not (the quality) is kept. Returns the templates that changed.
pub fn replace_all(
    conn: &Connection,
    templates: &[StoredTemplate],
) -> Result<Vec<Changed>, StoreError> {
    let old = list(conn)?;
    conn.prepare_cached("DELETE FROM templates")?.execute([])?;
    let mut changed = Vec::new();
    for t in templates {
        let before = old
            .iter()
            .find(|o| o.name == t.name && o.language == t.language);
        let mut row = t.clone();
        if let Some(b) = before {
            row.quality = row.quality.or_else(|| b.quality.clone());
            row.updated_at = row.updated_at.or(b.updated_at);
        }
        let is_change = before.is_none_or(|b| b.differs(&row));
        if is_change {
            row.updated_at = Some(t.synced_at);
        }
        upsert(conn, &row)?;
        if is_change {
            changed.push(Changed {
                before: before.map(|b| b.status.clone()),
                now: row,
            });
        }
    }
    Ok(changed)
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
        quality: r.get(7)?,
        rejected_reason: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

/// Every stored template, by name then language.
pub fn list(conn: &Connection) -> Result<Vec<StoredTemplate>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM templates ORDER BY name, language"
    ))?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

pub fn get(
    conn: &Connection,
    name: &str,
    language: &str,
) -> Result<Option<StoredTemplate>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM templates WHERE name = ?1 AND language = ?2"
        ))?
        .query_row(params![name, language], from_row)
        .optional()?)
}

/// The template with Meta's `id`, else the one named `name` in `language`.
pub fn find(
    conn: &Connection,
    id: Option<&str>,
    name: Option<&str>,
    language: Option<&str>,
) -> Result<Option<StoredTemplate>, StoreError> {
    if let Some(id) = id {
        let found = conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM templates WHERE id = ?1"))?
            .query_row(params![id], from_row)
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    match (name, language) {
        (Some(n), Some(l)) => get(conn, n, l),
        _ => Ok(None),
    }
}

/// Writes `t` back after a webhook changed it; returns whether anything differed from `before`.
pub fn save(
    conn: &Connection,
    before: Option<&StoredTemplate>,
    t: &StoredTemplate,
) -> Result<bool, StoreError> {
    if before.is_some_and(|b| !b.differs(t)) {
        return Ok(false);
    }
    upsert(conn, t)?;
    Ok(true)
}

/// Removes the stored copies of `name` (every language, or just `language`).
pub fn remove(conn: &Connection, name: &str, language: Option<&str>) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM templates WHERE name = ?1 AND (?2 IS NULL OR language = ?2)")?
        .execute(params![name, language])?)
}

/// Whether a template is waiting for Meta: in review, or known only from a webhook.
pub fn any_waiting(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM templates WHERE status = 'PENDING' OR synced_at = 0)",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Records an edit of the approved template `template_id`.
pub fn record_edit(conn: &Connection, template_id: &str, at_ms: i64) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO template_edits (template_id, edited_at) VALUES (?1, ?2)")?
        .execute(params![template_id, at_ms])?;
    Ok(())
}

/// When the approved template `template_id` was edited since `since_ms`, newest first.
pub fn edits_since(
    conn: &Connection,
    template_id: &str,
    since_ms: i64,
) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT edited_at FROM template_edits WHERE template_id = ?1 AND edited_at >= ?2
         ORDER BY edited_at DESC",
    )?;
    Ok(stmt
        .query_map(params![template_id, since_ms], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}
