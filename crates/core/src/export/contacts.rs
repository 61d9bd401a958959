//! Contacts out as CSV or vCard, and in from a CSV file.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::names::{cell, is_hidden, visible};
use super::texts::TEXTS;
use super::{ExportError, ExportSummary, rfc3339, write_aside};
use crate::compose::texts::quoted;
use crate::i18n::say;
use crate::store::{StoreError, now_ms};

/// A contact as exported.
struct Row {
    wa_id: String,
    /// The owner's name for the contact, else the profile name.
    name: Option<String>,
    /// The contact's labels, `; ` between them.
    labels: String,
    unread: i64,
    first_message_at: Option<i64>,
    last_message_at: Option<i64>,
    last_inbound_at: Option<i64>,
    messages: i64,
}

fn rows(conn: &Connection) -> Result<Vec<Row>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT c.wa_id, coalesce(c.custom_name, c.name), c.unread, m.first, c.last_message_at,
                c.last_inbound_at, coalesce(m.n, 0),
                (SELECT coalesce(group_concat(name, '; '), '') FROM
                    (SELECT l.name FROM contact_labels cl JOIN labels l ON l.id = cl.label_id
                     WHERE cl.wa_id = c.wa_id ORDER BY l.name))
         FROM contacts c
         LEFT JOIN (SELECT contact, min(timestamp) AS first, count(*) AS n FROM messages
                    WHERE type != 'reaction' GROUP BY contact) m ON m.contact = c.wa_id
         ORDER BY c.last_message_at IS NULL, c.last_message_at DESC, c.wa_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Row {
            wa_id: r.get(0)?,
            name: r.get(1)?,
            unread: r.get(2)?,
            first_message_at: r.get(3)?,
            last_message_at: r.get(4)?,
            last_inbound_at: r.get(5)?,
            messages: r.get(6)?,
            labels: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `+52 55 1234 5678`: the number as people write it, or `+<digits>` when the library does not
/// know it.
pub fn display_number(wa_id: &str) -> String {
    phonenumber::parse(None, format!("+{wa_id}"))
        .ok()
        .filter(phonenumber::is_valid)
        .map(|n| {
            n.format()
                .mode(phonenumber::Mode::International)
                .to_string()
        })
        .unwrap_or_else(|| format!("+{wa_id}"))
}

/// Every contact as CSV: `wa_id, phone, name, messages, unread, first_message_utc,
/// last_message_utc, last_inbound_utc, labels`.
pub fn export_csv(conn: &Connection, out: &Path) -> Result<ExportSummary, ExportError> {
    let list = rows(conn)?;
    let mut summary = write_aside(out, |file| {
        let mut w = csv::Writer::from_writer(file);
        w.write_record([
            "wa_id",
            "phone",
            "name",
            "messages",
            "unread",
            "first_message_utc",
            "last_message_utc",
            "last_inbound_utc",
            "labels",
        ])?;
        let time = |t: Option<i64>| t.map(rfc3339).unwrap_or_default();
        for c in &list {
            w.write_record([
                c.wa_id.clone(),
                display_number(&c.wa_id),
                cell(c.name.as_deref().unwrap_or_default()),
                c.messages.to_string(),
                c.unread.to_string(),
                time(c.first_message_at),
                time(c.last_message_at),
                time(c.last_inbound_at),
                cell(&c.labels),
            ])?;
        }
        w.flush().map_err(|e| ExportError::Format(e.to_string()))?;
        Ok(ExportSummary::default())
    })?;
    summary.conversations = list.len() as u64;
    summary.path = out.display().to_string();
    Ok(summary)
}

/// Every contact as vCard 3.0 (what phones and address books import most reliably).
pub fn export_vcard(conn: &Connection, out: &Path) -> Result<ExportSummary, ExportError> {
    let list = rows(conn)?;
    let mut summary = write_aside(out, |file| {
        let mut w = std::io::BufWriter::new(file);
        for c in &list {
            w.write_all(vcard(&c.wa_id, c.name.as_deref()).as_bytes())
                .map_err(|e| ExportError::Format(e.to_string()))?;
        }
        w.flush().map_err(|e| ExportError::Format(e.to_string()))?;
        Ok(ExportSummary::default())
    })?;
    summary.conversations = list.len() as u64;
    summary.path = out.display().to_string();
    Ok(summary)
}

/// One vCard (RFC 2426): lines end in CRLF, values escaped, long lines folded.
pub fn vcard(wa_id: &str, name: Option<&str>) -> String {
    let number = format!("+{wa_id}");
    let name = name.map(visible).unwrap_or_else(|| number.clone());
    let mut out = String::new();
    for line in [
        "BEGIN:VCARD".to_owned(),
        "VERSION:3.0".to_owned(),
        format!("FN:{}", escape(&name)),
        format!("N:{};;;;", escape(&name)),
        format!("TEL;TYPE=CELL:{number}"),
        "END:VCARD".to_owned(),
    ] {
        out.push_str(&fold(&line));
    }
    out
}

/// A vCard text value: backslash, comma, semicolon and line breaks escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// What an import did, row by row where a row was not taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactImport {
    pub added: u64,
    /// Known contacts that had no name and got the file's.
    pub updated: u64,
    pub unchanged: u64,
    pub refused: Vec<RefusedContact>,
    pub duplicates: Vec<DuplicateContact>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefusedContact {
    /// The file's line (the header is line 1).
    pub line: u64,
    pub value: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateContact {
    pub line: u64,
    pub wa_id: String,
    /// The earlier line with the same number.
    pub first_line: u64,
}

/// A number from a file as a WhatsApp id (international, digits only), with `country` (ISO
/// 3166 code such as `MX`) for numbers written without their country code.
pub fn normalise(raw: &str, country: Option<&str>) -> Result<String, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(say(TEXTS, "export.no_number", &[]));
    }
    let id = match country {
        Some(c) => Some(
            c.to_ascii_uppercase()
                .parse::<phonenumber::country::Id>()
                .map_err(|_| say(TEXTS, "export.not_a_country", &[("country", &quoted(c))]))?,
        ),
        None => None,
    };
    // `0052...` and `52...` written without the plus: international when no country is given.
    let text = if let Some(rest) = raw.strip_prefix("00") {
        format!("+{rest}")
    } else if id.is_none() && !raw.starts_with('+') {
        format!("+{raw}")
    } else {
        raw.to_owned()
    };
    let number = phonenumber::parse(id, &text)
        .map_err(|e| say(TEXTS, "export.not_a_phone", &[("error", &e.to_string())]))?;
    let digits = number
        .format()
        .mode(phonenumber::Mode::E164)
        .to_string()
        .trim_start_matches('+')
        .to_owned();
    // Valid by the numbering plan, or at least of a possible length: the
    // plan's data lags behind new ranges, and the 555-01xx numbers kept for fiction (the
    // sandbox's customers) are real WhatsApp ids to the fake Graph API.
    // (A number that parsed has a country calling code the library knows.)
    if phonenumber::is_valid(&number) || (8..=15).contains(&digits.len()) {
        Ok(digits)
    } else {
        Err(say(TEXTS, "export.invalid_phone", &[]))
    }
}

/// Adds the file's contacts (a `phone` column, required, and `name`, optional; headers in any
/// order and case), in one transaction. A known contact keeps its name; one without a name gets
/// the file's. Rows that cannot be read or whose number is not valid are reported by line.
/// Returns the report and the contacts added or named.
pub fn import_csv(
    conn: &Connection,
    csv_text: &str,
    country: Option<&str>,
) -> Result<(ContactImport, Vec<String>), ExportError> {
    let mut table = crate::csv_table::Table::open(csv_text).map_err(ExportError::Invalid)?;
    let column = |names: &[&str]| table.column(names);
    let phone_at = column(&[
        "phone",
        "wa_id",
        "number",
        "mobile",
        "whatsapp",
        "telefono",
        "teléfono",
        "móvil",
        "movil",
        "celular",
        "número",
        "numero",
    ])
    .ok_or_else(|| ExportError::Invalid(say(TEXTS, "export.needs_phone_column", &[])))?;
    let name_at = column(&["name", "nombre", "full name", "nombre completo"]);
    let mut report = ContactImport::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut changed = Vec::new();
    let now = now_ms();
    for (i, row) in table.reader.records().enumerate() {
        let line = i as u64 + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                report.refused.push(RefusedContact {
                    line,
                    value: String::new(),
                    reason: say(TEXTS, "export.row_unreadable", &[("error", &e.to_string())]),
                });
                continue;
            }
        };
        let raw = row.get(phone_at).unwrap_or_default();
        let wa_id = match normalise(raw, country) {
            Ok(w) => w,
            Err(reason) => {
                report.refused.push(RefusedContact {
                    line,
                    value: raw.to_owned(),
                    reason,
                });
                continue;
            }
        };
        if let Some(first_line) = seen.get(&wa_id) {
            report.duplicates.push(DuplicateContact {
                line,
                wa_id,
                first_line: *first_line,
            });
            continue;
        }
        seen.insert(wa_id.clone(), line);
        let name = name_at
            .and_then(|at| row.get(at))
            .map(|n| n.chars().filter(|c| !is_hidden(*c)).collect::<String>())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        let added = conn.execute(
            "INSERT INTO contacts (wa_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (wa_id) DO NOTHING",
            params![wa_id, name, now],
        )?;
        if added == 1 {
            report.added += 1;
            changed.push(wa_id);
            continue;
        }
        let named = match &name {
            Some(name) => conn.execute(
                "UPDATE contacts SET name = ?2, updated_at = ?3 WHERE wa_id = ?1 AND name IS NULL",
                params![wa_id, name, now],
            )?,
            None => 0,
        };
        if named == 1 {
            report.updated += 1;
            changed.push(wa_id);
        } else {
            report.unchanged += 1;
        }
    }
    Ok((report, changed))
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        ExportError::Store(StoreError::from(e))
    }
}
