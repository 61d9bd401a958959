//! A customer asking for their documents in the chat: "invoice", "receipt", "quote", "my
//! documents" (Spanish: "factura", "recibo", "presupuesto", "mis documentos"), case and accents
//! ignored. When the shop has none of that kind for them, the request waits in the app for the
//! owner to act on.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use shopchat_documents::Lang;

use crate::store::{StoreError, now_ms};

/// What a customer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Their latest document of this kind.
    Kind(&'static str),
    /// A list of their documents.
    All,
}

/// The phrases, already folded (lowercase, no accents, single spaces), what each asks for, and
/// the language it is in (the answer's).
const PHRASES: &[(&str, Asked, Lang)] = &[
    ("invoice", Asked::Kind("invoice"), Lang::En),
    ("my invoice", Asked::Kind("invoice"), Lang::En),
    ("factura", Asked::Kind("invoice"), Lang::Es),
    ("mi factura", Asked::Kind("invoice"), Lang::Es),
    ("receipt", Asked::Kind("receipt"), Lang::En),
    ("my receipt", Asked::Kind("receipt"), Lang::En),
    ("recibo", Asked::Kind("receipt"), Lang::Es),
    ("mi recibo", Asked::Kind("receipt"), Lang::Es),
    ("quote", Asked::Kind("quote"), Lang::En),
    ("my quote", Asked::Kind("quote"), Lang::En),
    ("presupuesto", Asked::Kind("quote"), Lang::Es),
    ("mi presupuesto", Asked::Kind("quote"), Lang::Es),
    ("my documents", Asked::All, Lang::En),
    ("documents", Asked::All, Lang::En),
    ("mis documentos", Asked::All, Lang::Es),
    ("documentos", Asked::All, Lang::Es),
];

/// What `text` asks for and in which language, if it is one of the phrases (and nothing more
/// than punctuation around it): `"Factura!"`, `"  my   INVOICE "`, `"mis documentos?"`.
pub fn asked(text: &str) -> Option<(Asked, Lang)> {
    let folded = fold(text);
    PHRASES
        .iter()
        .find(|(phrase, _, _)| *phrase == folded)
        .map(|(_, asked, lang)| (*asked, *lang))
}

/// Lowercase, accents removed, punctuation dropped, spaces collapsed.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        } else if c.is_whitespace() && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// A customer's request waiting for the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentRequest {
    pub id: i64,
    pub contact: String,
    pub contact_name: Option<String>,
    /// The kind asked for, or none for "my documents".
    pub kind: Option<String>,
    /// The message that asked.
    pub message_id: i64,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// Records that the message `message_id` asked for a document the shop does not have (once per
/// message, whatever the replays).
pub fn record(
    conn: &Connection,
    contact: &str,
    kind: Option<&str>,
    message_id: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO document_requests (contact, kind, message_id, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (message_id) DO NOTHING",
    )?
    .execute((contact, kind, message_id, now_ms()))?;
    Ok(())
}

/// The requests still waiting, oldest first.
pub fn open(conn: &Connection) -> Result<Vec<DocumentRequest>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.contact, c.name, r.kind, r.message_id, r.created_at
         FROM document_requests r JOIN contacts c ON c.wa_id = r.contact
         WHERE r.resolved_at IS NULL ORDER BY r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(DocumentRequest {
            id: r.get(0)?,
            contact: r.get(1)?,
            contact_name: r.get(2)?,
            kind: r.get(3)?,
            message_id: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The customer's open requests are answered (a document of the kind was sent to them, or the
/// owner dismissed them).
pub fn resolve(conn: &Connection, contact: &str, kind: Option<&str>) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE document_requests SET resolved_at = ?3
             WHERE contact = ?1 AND resolved_at IS NULL AND (?2 IS NULL OR kind IS NULL OR kind = ?2)",
        )?
        .execute((contact, kind, now_ms()))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_in_both_languages_case_accents_and_punctuation_aside() {
        assert_eq!(asked("invoice"), Some((Asked::Kind("invoice"), Lang::En)));
        assert_eq!(
            asked("  My   INVOICE! "),
            Some((Asked::Kind("invoice"), Lang::En))
        );
        assert_eq!(asked("Factura"), Some((Asked::Kind("invoice"), Lang::Es)));
        assert_eq!(
            asked("¿mi factura?"),
            Some((Asked::Kind("invoice"), Lang::Es))
        );
        assert_eq!(asked("RECIBO"), Some((Asked::Kind("receipt"), Lang::Es)));
        assert_eq!(
            asked("presupuesto."),
            Some((Asked::Kind("quote"), Lang::Es))
        );
        assert_eq!(asked("my documents"), Some((Asked::All, Lang::En)));
        assert_eq!(asked("Mis documentos"), Some((Asked::All, Lang::Es)));
        assert_eq!(asked("mis documéntos"), Some((Asked::All, Lang::Es)));
        // A sentence that mentions a word is a conversation, not a request.
        assert_eq!(asked("the invoice was wrong"), None);
        assert_eq!(asked("no quiero factura"), None);
        assert_eq!(asked(""), None);
    }
}
