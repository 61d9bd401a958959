//! The shop's customer records: added, changed, listed, found by id or reference, imported
//! from CSV with a report of the rows refused.

use rusqlite::{Connection, OptionalExtension};

use super::LinksError;
use super::audit::{self, Actor};
use super::texts::TEXTS;
use super::view::{CustomerInput, CustomerView, ImportReport, RefusedRow};
use crate::i18n::say;
use crate::store::{StoreError, now_ms};

const COLUMNS: &str = "c.id, c.name, c.ref, c.email, c.phone, c.notes, c.wa_id, c.linked_at,
    k.name, c.created_at";
const FROM: &str = "FROM customers c LEFT JOIN contacts k ON k.wa_id = c.wa_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CustomerView> {
    Ok(CustomerView {
        id: r.get(0)?,
        name: r.get(1)?,
        reference: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        notes: r.get(5)?,
        wa_id: r.get(6)?,
        linked_at: r.get(7)?,
        contact_name: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// The input trimmed, blanks as none, or what is wrong with it (one line naming the field).
pub fn checked(input: &CustomerInput) -> Result<CustomerInput, String> {
    let blank = |s: &Option<String>| {
        s.as_ref()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(say(TEXTS, "links.name_length", &[]));
    }
    if name.chars().any(char::is_control) {
        return Err(say(TEXTS, "links.name_control", &[]));
    }
    let reference = blank(&input.reference);
    if reference.as_ref().is_some_and(|r| r.chars().count() > 64) {
        return Err(say(TEXTS, "links.ref_length", &[]));
    }
    let email = blank(&input.email);
    if let Some(e) = &email
        && !(e.contains('@') && !e.starts_with('@') && !e.ends_with('@') && !e.contains(' '))
    {
        return Err(say(TEXTS, "links.email", &[("value", e)]));
    }
    let phone = blank(&input.phone);
    if let Some(p) = &phone
        && !p
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return Err(say(TEXTS, "links.phone", &[("value", p)]));
    }
    Ok(CustomerInput {
        name,
        reference,
        email,
        phone,
        notes: blank(&input.notes),
    })
}

fn ref_taken(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, Some(m))
        if f.code == rusqlite::ErrorCode::ConstraintViolation && m.contains("customers.ref"))
}

/// Adds a record.
pub fn add(
    conn: &Connection,
    input: &CustomerInput,
    actor: Actor,
) -> Result<CustomerView, LinksError> {
    let c = checked(input).map_err(LinksError::Invalid)?;
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO customers (name, ref, email, phone, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )?
        .query_row(
            (
                &c.name,
                &c.reference,
                &c.email,
                &c.phone,
                &c.notes,
                now_ms(),
            ),
            |r| r.get(0),
        )
        .map_err(|e| match &c.reference {
            Some(r) if ref_taken(&e) => {
                LinksError::Invalid(say(TEXTS, "links.ref_taken", &[("reference", r)]))
            }
            _ => StoreError::from(e).into(),
        })?;
    audit::record(conn, Some(id), None, "created", actor, None)?;
    Ok(get_by_id(conn, id)?.ok_or(StoreError::NotFound(format!("customer {id}")))?)
}

/// Changes a record's details (its link stays).
pub fn update(
    conn: &Connection,
    id: i64,
    input: &CustomerInput,
) -> Result<CustomerView, LinksError> {
    let c = checked(input).map_err(LinksError::Invalid)?;
    let changed = conn
        .prepare_cached(
            "UPDATE customers SET name = ?2, ref = ?3, email = ?4, phone = ?5, notes = ?6
             WHERE id = ?1",
        )?
        .execute((id, &c.name, &c.reference, &c.email, &c.phone, &c.notes))
        .map_err(|e| match &c.reference {
            Some(r) if ref_taken(&e) => {
                LinksError::Invalid(say(TEXTS, "links.ref_taken", &[("reference", r)]))
            }
            _ => StoreError::from(e).into(),
        })?;
    if changed == 0 {
        return Err(LinksError::NotFound(id.to_string()));
    }
    Ok(get_by_id(conn, id)?.ok_or(StoreError::NotFound(format!("customer {id}")))?)
}

/// The records whose name, reference, email, phone or linked number contains `query`, by name.
pub fn list(conn: &Connection, query: Option<&str>) -> Result<Vec<CustomerView>, StoreError> {
    let like = query.map(str::trim).filter(|q| !q.is_empty()).map(|q| {
        format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM}
         WHERE ?1 IS NULL OR c.name LIKE ?1 ESCAPE '\\' OR c.ref LIKE ?1 ESCAPE '\\'
            OR c.email LIKE ?1 ESCAPE '\\' OR c.phone LIKE ?1 ESCAPE '\\'
            OR c.wa_id LIKE ?1 ESCAPE '\\'
         ORDER BY c.name COLLATE NOCASE, c.id"
    ))?;
    let rows = stmt.query_map([like], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get_by_id(conn: &Connection, id: i64) -> Result<Option<CustomerView>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE c.id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// A record by its id or its reference (an id wins when a reference looks like one).
pub fn find(conn: &Connection, key: &str) -> Result<Option<CustomerView>, StoreError> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>()
        && let Some(found) = get_by_id(conn, id)?
    {
        return Ok(Some(found));
    }
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE c.ref = ?1"))?
        .query_row([key], from_row)
        .optional()?)
}

/// The record linked to a WhatsApp contact, if any.
pub fn linked_to(conn: &Connection, wa_id: &str) -> Result<Option<CustomerView>, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} {FROM} WHERE c.wa_id = ?1"))?
        .query_row([wa_id], from_row)
        .optional()?)
}

/// Adds a record per CSV row (`name` required; `ref`, `email`, `phone`, `notes` optional,
/// headers in any order and case). A row that cannot be added is reported with why; the others
/// are added.
pub fn import(conn: &Connection, csv_text: &str, actor: Actor) -> Result<ImportReport, LinksError> {
    let mut table = crate::csv_table::Table::open(csv_text).map_err(LinksError::Invalid)?;
    let column = |names: &[&str]| table.column(names);
    let Some(name_at) = column(&["name", "nombre"]) else {
        return Err(LinksError::Invalid(say(TEXTS, "links.no_name_column", &[])));
    };
    let (ref_at, email_at, phone_at, notes_at) = (
        column(&["ref", "reference", "customer number", "referencia"]),
        column(&["email", "e-mail", "correo"]),
        column(&["phone", "telefono", "teléfono"]),
        column(&["notes", "notas"]),
    );
    let mut report = ImportReport::default();
    for (i, row) in table.reader.records().enumerate() {
        let line = i as u64 + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                report.refused.push(RefusedRow {
                    line,
                    reason: say(TEXTS, "links.row_unreadable", &[("error", &e.to_string())]),
                });
                continue;
            }
        };
        let field = |at: Option<usize>| at.and_then(|i| row.get(i)).map(str::to_owned);
        let input = CustomerInput {
            name: field(Some(name_at)).unwrap_or_default(),
            reference: field(ref_at),
            email: field(email_at),
            phone: field(phone_at),
            notes: field(notes_at),
        };
        match add(conn, &input, actor) {
            Ok(_) => report.added += 1,
            Err(LinksError::Invalid(reason)) => report.refused.push(RefusedRow { line, reason }),
            Err(other) => return Err(other),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn what_is_wrong_with_a_record_is_said_in_the_owners_language() {
        let input = CustomerInput {
            name: "Ana".into(),
            reference: None,
            email: Some("ana.example.com".into()),
            phone: None,
            notes: None,
        };
        assert_eq!(
            checked(&input).unwrap_err(),
            "\"ana.example.com\" is not an email address"
        );
        assert_eq!(
            with_lang(Lang::Es, || checked(&input).unwrap_err()),
            "“ana.example.com” no es una dirección de correo electrónico"
        );
        let missing = LinksError::NotFound("C-7".into());
        assert_eq!(missing.to_string(), "there is no customer \"C-7\"");
        assert_eq!(
            with_lang(Lang::Es, || missing.to_string()),
            "no hay ningún cliente “C-7”"
        );
    }
}
