//! The `documents` rows: recording an issued document (its number taken in the same
//! transaction), its files, the message that carried it, and reading them back as views with
//! their status, which follows the message once it is sent.

use rusqlite::{Connection, OptionalExtension};

use super::numbering;
use super::view::{DocumentFiles, DocumentStatus, DocumentSummary};
use crate::store::{StoreError, now_ms};
use crate::views::{ErrorView, MessageStatus};

/// A document to record: everything but its number, which [`insert`] takes.
pub struct NewDocument<'a> {
    pub kind: &'a str,
    pub prefix: &'a str,
    pub year: i32,
    pub contact: &'a str,
    pub currency: &'a str,
    pub lang: &'a str,
    pub subtotal: &'a str,
    pub tax: &'a str,
    pub total: &'a str,
    /// The typed document as JSON, with its number filled in by `with_number`.
    pub data: &'a dyn Fn(&str) -> Result<String, StoreError>,
    pub cancels: Option<i64>,
}

/// Takes the next number and records the document as `issuing` (its files are written next).
/// Returns its id and number. Must run in the writer's transaction.
pub fn insert(conn: &Connection, d: &NewDocument<'_>) -> Result<(i64, String), StoreError> {
    let seq = numbering::take(conn, d.kind, d.year)?;
    let number = numbering::format(d.prefix, d.year, seq);
    let data = (d.data)(&number)?;
    let id = conn
        .prepare_cached(
            "INSERT INTO documents (kind, number, year, seq, contact, status, currency, lang,
               subtotal, tax, total, data, cancels, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'issuing', ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             RETURNING id",
        )?
        .query_row(
            rusqlite::params![
                d.kind,
                number,
                d.year,
                seq,
                d.contact,
                d.currency,
                d.lang,
                d.subtotal,
                d.tax,
                d.total,
                data,
                d.cancels,
                now_ms()
            ],
            |r| r.get(0),
        )?;
    if let Some(cancelled) = d.cancels {
        conn.prepare_cached("UPDATE documents SET status = 'cancelled' WHERE id = ?1")?
            .execute([cancelled])?;
    }
    Ok((id, number))
}

/// The files are on disk: the document is issued.
pub fn set_files(
    conn: &Connection,
    id: i64,
    docx: (&str, &str),
    pdf: (&str, &str),
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE documents SET docx_path = ?2, docx_sha256 = ?3, pdf_path = ?4, pdf_sha256 = ?5,
           status = CASE status WHEN 'issuing' THEN 'issued' ELSE status END
         WHERE id = ?1",
    )?
    .execute((id, docx.0, docx.1, pdf.0, pdf.1))?;
    Ok(())
}

/// The message that carries the document (the latest, when it is sent again).
pub fn set_message(conn: &Connection, id: i64, message_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE documents SET message_id = ?2 WHERE id = ?1")?
        .execute((id, message_id))?;
    Ok(())
}

/// The documents whose files were not written yet (a crash between the two steps).
pub fn issuing(conn: &Connection) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id, data FROM documents WHERE status = 'issuing' ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const COLUMNS: &str = "d.id, d.kind, d.number, d.contact, c.name, d.status, d.currency, d.lang,
    d.subtotal, d.tax, d.total, d.docx_path, d.pdf_path, d.message_id, m.status, m.error_code,
    m.error_title, m.error_message, m.error_details, d.created_at,
    (SELECT number FROM documents x WHERE x.id = d.cancels),
    (SELECT number FROM documents x WHERE x.cancels = d.id), d.data";

const FROM: &str = "FROM documents d JOIN contacts c ON c.wa_id = d.contact
    LEFT JOIN messages m ON m.id = d.message_id";

/// A row and its typed document's JSON.
pub struct Row {
    pub summary: DocumentSummary,
    pub data: String,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let stored: String = r.get(5)?;
    let message_status: Option<String> = r.get(14)?;
    let status = match (
        stored.as_str(),
        message_status.as_deref().and_then(MessageStatus::parse),
    ) {
        ("cancelled", _) => DocumentStatus::Cancelled,
        ("issuing", _) => DocumentStatus::Issuing,
        (_, Some(s)) => DocumentStatus::of_message(s),
        _ => DocumentStatus::Issued,
    };
    let error = match r.get::<_, Option<String>>(16)? {
        Some(title) => Some(ErrorView {
            code: r.get(15)?,
            title,
            details: r.get::<_, Option<String>>(18)?.or(r.get(17)?),
        }),
        None => None,
    };
    Ok(Row {
        summary: DocumentSummary {
            id: r.get(0)?,
            kind: r.get(1)?,
            number: r.get(2)?,
            contact: r.get(3)?,
            contact_name: r.get(4)?,
            status,
            currency: r.get(6)?,
            lang: r.get(7)?,
            subtotal: r.get(8)?,
            tax: r.get(9)?,
            total: r.get(10)?,
            files: DocumentFiles {
                docx: r.get(11)?,
                pdf: r.get(12)?,
            },
            message_id: r.get(13)?,
            error,
            created_at: r.get(19)?,
            cancels: r.get(20)?,
            cancelled_by: r.get(21)?,
        },
        data: r.get(22)?,
    })
}

/// Which documents to list.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub kind: Option<String>,
    pub contact: Option<String>,
    /// Matches the number or the customer's name or number.
    pub query: Option<String>,
    pub limit: Option<u32>,
}

/// The documents, newest first.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Row>, StoreError> {
    let like = f.query.as_deref().map(|q| {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    });
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM}
         WHERE (?1 IS NULL OR d.kind = ?1) AND (?2 IS NULL OR d.contact = ?2)
           AND (?3 IS NULL OR d.number LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\'
                OR d.contact LIKE ?3 ESCAPE '\\')
         ORDER BY d.id DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![f.kind, f.contact, like, f.limit.unwrap_or(u32::MAX)],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One document by id or number.
pub fn get(conn: &Connection, id_or_number: &str) -> Result<Option<Row>, StoreError> {
    let id: i64 = id_or_number.parse().unwrap_or(-1);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} {FROM} WHERE d.id = ?1 OR d.number = ?2 COLLATE NOCASE"
        ))?
        .query_row((id, id_or_number), from_row)
        .optional()?)
}

/// The id and number of the document a message carries, if it carries one.
pub fn for_message(
    conn: &Connection,
    message_id: i64,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, number FROM documents WHERE message_id = ?1")?
        .query_row([message_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
