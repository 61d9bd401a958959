//! Full-text search over all messages (SQLite FTS5, `migrations/0002_search.sql`).
//!
//! What the owner types is never passed to FTS5 as query syntax: each word becomes a quoted
//! term (so `"`, `*`, `AND`, `-` or `:` are just text), all words must match, and the last word
//! matches as a prefix so results come as the owner types.

use rusqlite::{Connection, params};

use super::StoreError;
use super::messages::{COLUMNS, from_row};
use crate::views::SearchHit;

/// The FTS5 query for `input`, or `None` when it holds no word to search for.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<&str> = input
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let quoted = format!("\"{}\"", w.replace('"', "\"\""));
            if i == last { quoted + "*" } else { quoted }
        })
        .collect();
    Some(terms.join(" "))
}

/// Messages whose text matches `input`, newest first, at most `limit`.
pub fn search(conn: &Connection, input: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
    let Some(query) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, (SELECT coalesce((SELECT full_name FROM phone_contacts p WHERE p.wa_id = contact), name) FROM contacts WHERE wa_id = contact) FROM messages
         WHERE id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1
                      ORDER BY rowid DESC LIMIT ?2)
         ORDER BY id DESC"
    ))?;
    let rows = stmt.query_map(params![query, limit], |r| {
        Ok(SearchHit {
            message: from_row(r)?,
            contact_name: r.get(super::messages::COLUMN_COUNT)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_becomes_quoted_terms_with_a_prefix_last() {
        assert_eq!(fts_query("red shoes").as_deref(), Some(r#""red" "shoes"*"#));
        assert_eq!(
            fts_query(r#"say "hi" AND -x*"#).as_deref(),
            Some(r#""say" """hi""" "AND" "-x*"*"#)
        );
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("- * :"), None);
    }
}
