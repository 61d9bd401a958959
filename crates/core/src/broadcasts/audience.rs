//! Who a broadcast goes to: contacts (all, those linked to a customer record, those who wrote
//! within N days; by label once labels exist) or the rows of a CSV file; and the check shown
//! before anything is sent: invalid rows and duplicates by row number, opted-out contacts, US
//! numbers for a marketing template, numbers that look stripped of their `+` / leading zeros.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use phonenumber::country;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BroadcastError;
use super::phone::{self, Invalid};
use super::texts::TEXTS;
use crate::i18n::say;
use crate::store::{StoreError, now_secs};

/// The most rows a CSV audience may have.
pub const MAX_ROWS: usize = 200_000;

/// Which contacts (never a blocked one). A typed filter: each kind is one variant and one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AudienceFilter {
    /// Every contact.
    All,
    /// Contacts linked to a customer record.
    Linked,
    /// Contacts whose last message (either way) is within `days` days.
    RecentDays { days: u32 },
    /// Contacts with this label (by name, case aside; an unknown label is refused).
    Label { label: String },
}

/// Where the recipients come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AudienceSource {
    Contacts {
        filter: AudienceFilter,
    },
    Csv {
        #[ts(type = "string")]
        path: PathBuf,
        /// The phone column's header; else the first that looks like one.
        phone_column: Option<String>,
    },
}

/// A row found wrong, by its row number in the file (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    pub row: Option<i64>,
    /// The value as written (for a contact, its number).
    pub value: String,
    pub reason: String,
    /// For a duplicate: the row it repeats.
    pub first_row: Option<i64>,
}

/// What the owner sees before anything is sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AudienceCheck {
    /// Who will be sent to.
    pub recipients: i64,
    pub invalid: Vec<RowProblem>,
    pub duplicates: Vec<RowProblem>,
    /// Opted-out contacts left out.
    pub opted_out: i64,
    /// US (+1) numbers: Meta does not deliver marketing templates to them.
    pub us_numbers: i64,
    /// Numbers read as international although written without `+` / `00` (a spreadsheet
    /// strips them with any leading zero): check the file.
    pub stripped_prefix: i64,
    /// Recipients outside their 24-hour window now: each counts against the messaging limit.
    pub business_initiated: i64,
}

/// One row or contact, before its number is checked.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The row in the file; `None` for a contact, whose number is its WhatsApp id.
    pub row: Option<i64>,
    pub phone: String,
    /// Column (or contact field) → value.
    pub values: HashMap<String, String>,
}

/// A recipient that passed the check, with its values.
#[derive(Debug, Clone)]
pub struct Checked {
    pub row: Option<i64>,
    pub wa_id: String,
    pub values: HashMap<String, String>,
    /// Skipped (and why) but recorded: opted out, or a US number for a marketing template.
    pub skip: Option<String>,
}

/// The contact fields a template parameter may take.
pub const CONTACT_FIELDS: &[&str] = &["name", "customer_name", "customer_ref", "phone"];

/// Reads the audience's candidates (the CSV file, or the contacts).
pub fn candidates(
    conn: &Connection,
    source: &AudienceSource,
) -> Result<Vec<Candidate>, BroadcastError> {
    match source {
        AudienceSource::Csv { path, phone_column } => read_csv(path, phone_column.as_deref()),
        AudienceSource::Contacts { filter } => Ok(contacts(conn, filter)?),
    }
}

fn read_csv(path: &Path, phone_column: Option<&str>) -> Result<Vec<Candidate>, BroadcastError> {
    let bad = |m: String| BroadcastError::Invalid(m);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| {
            bad(say(
                TEXTS,
                "broadcasts.file_unreadable",
                &[
                    ("path", &path.display().to_string()),
                    ("error", &e.to_string()),
                ],
            ))
        })?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            bad(say(
                TEXTS,
                "broadcasts.first_row_unreadable",
                &[("error", &e.to_string())],
            ))
        })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let phone_at = match phone_column {
        Some(col) => headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(col))
            .ok_or_else(|| {
                bad(say(
                    TEXTS,
                    "broadcasts.no_column",
                    &[("column", col), ("columns", &quoted(&headers))],
                ))
            })?,
        None => headers
            .iter()
            .position(|h| looks_like_phone_header(h))
            .ok_or_else(|| {
                bad(say(
                    TEXTS,
                    "broadcasts.no_phone_column",
                    &[("columns", &quoted(&headers))],
                ))
            })?,
    };
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i as i64 + 2;
        let record = record.map_err(|e| {
            bad(say(
                TEXTS,
                "broadcasts.row_unreadable",
                &[("row", &row.to_string()), ("error", &e.to_string())],
            ))
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if out.len() >= MAX_ROWS {
            return Err(bad(say(
                TEXTS,
                "broadcasts.too_many_rows",
                &[("max", &MAX_ROWS.to_string())],
            )));
        }
        let values = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        out.push(Candidate {
            row: Some(row),
            phone: record.get(phone_at).unwrap_or("").to_owned(),
            values,
        });
    }
    Ok(out)
}

/// The file's columns as the owner reads them: `"phone", "name"`.
fn quoted(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| say(TEXTS, "broadcasts.quoted", &[("text", h)]))
        .collect::<Vec<_>>()
        .join(", ")
}

fn looks_like_phone_header(h: &str) -> bool {
    let h = crate::bot::normalize::normalize(h);
    [
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "whatsapp",
        "number",
        "telefono",
        "movil",
        "celular",
        "numero",
    ]
    .iter()
    .any(|k| h.split_whitespace().any(|w| w == *k) || h == *k)
}

fn contacts(conn: &Connection, filter: &AudienceFilter) -> Result<Vec<Candidate>, BroadcastError> {
    let (clause, arg): (&str, rusqlite::types::Value) = match filter {
        AudienceFilter::All => ("?1 IS NOT NULL", 0.into()),
        AudienceFilter::Linked => ("cu.id IS NOT NULL AND ?1 IS NOT NULL", 0.into()),
        AudienceFilter::RecentDays { days } => (
            "c.last_message_at >= ?1",
            (now_secs() - i64::from(*days) * 86_400).into(),
        ),
        AudienceFilter::Label { label } => {
            let known: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM labels WHERE name = ?1)",
                    [label],
                    |r| r.get(0),
                )
                .map_err(StoreError::from)?;
            if !known {
                return Err(BroadcastError::Invalid(say(
                    TEXTS,
                    "broadcasts.no_label",
                    &[("label", label)],
                )));
            }
            (
                "c.wa_id IN (SELECT cl.wa_id FROM contact_labels cl
                             JOIN labels l ON l.id = cl.label_id WHERE l.name = ?1)",
                label.clone().into(),
            )
        }
    };
    // A blocked contact is never part of an audience.
    let sql = format!(
        "SELECT c.wa_id, coalesce(c.custom_name, c.name, ''), coalesce(cu.name, ''),
                coalesce(cu.ref, '')
         FROM contacts c LEFT JOIN customers cu ON cu.wa_id = c.wa_id
         WHERE {clause} AND c.blocked_at IS NULL ORDER BY c.wa_id"
    );
    let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
    let rows = stmt
        .query_map([arg], |r| {
            let wa: String = r.get(0)?;
            let values = HashMap::from([
                ("name".to_owned(), r.get::<_, String>(1)?),
                ("customer_name".to_owned(), r.get::<_, String>(2)?),
                ("customer_ref".to_owned(), r.get::<_, String>(3)?),
                ("phone".to_owned(), format!("+{wa}")),
            ]);
            Ok(Candidate {
                row: None,
                phone: format!("+{wa}"),
                values,
            })
        })
        .map_err(StoreError::from)?;
    Ok(rows.collect::<Result<_, _>>().map_err(StoreError::from)?)
}

/// Checks the candidates: normalises, removes invalid and duplicate rows (reported), marks the
/// opted-out (and US numbers for a marketing template) to be skipped.
pub fn check(
    conn: &Connection,
    candidates: Vec<Candidate>,
    default_country: Option<country::Id>,
    marketing: bool,
) -> Result<(AudienceCheck, Vec<Checked>), StoreError> {
    let mut report = AudienceCheck::default();
    let mut seen: HashMap<String, Option<i64>> = HashMap::new();
    let mut out = Vec::new();
    let mut opted = conn.prepare_cached(
        "SELECT opted_out_at IS NOT NULL, coalesce(last_inbound_at, 0) FROM contacts WHERE wa_id = ?1",
    )?;
    let now = now_secs();
    for c in candidates {
        // A contact's number came from WhatsApp: taken as it is. A file's row is checked.
        let n = match c.row {
            None => phone::from_whatsapp(c.phone.trim_start_matches('+')),
            Some(_) => match phone::normalize(&c.phone, default_country) {
                Ok(n) => n,
                Err(e) => {
                    report.invalid.push(problem(&c, reason(&e), None));
                    continue;
                }
            },
        };
        if let Some(first) = seen.get(&n.key) {
            report
                .duplicates
                .push(problem(&c, same_customer_as(*first), *first));
            continue;
        }
        seen.insert(n.key.clone(), c.row);
        if n.lost_prefix {
            report.stripped_prefix += 1;
        }
        let (out_of_marketing, last_in): (bool, i64) = {
            use rusqlite::OptionalExtension;
            opted
                .query_row([&n.wa_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .unwrap_or((false, 0))
        };
        let skip = if out_of_marketing {
            report.opted_out += 1;
            Some("opted out".to_owned())
        } else if n.country_code == 1 && marketing {
            report.us_numbers += 1;
            Some("Meta does not deliver marketing templates to US (+1) numbers".to_owned())
        } else {
            if n.country_code == 1 {
                report.us_numbers += 1;
            }
            report.recipients += 1;
            if !crate::outbox::window_open(Some(last_in).filter(|t| *t > 0), now) {
                report.business_initiated += 1;
            }
            None
        };
        out.push(Checked {
            row: c.row,
            wa_id: n.wa_id,
            values: c.values,
            skip,
        });
    }
    Ok((report, out))
}

fn problem(c: &Candidate, reason: String, first_row: Option<i64>) -> RowProblem {
    RowProblem {
        row: c.row,
        value: c.phone.clone(),
        reason,
        first_row,
    }
}

fn same_customer_as(row: Option<i64>) -> String {
    match row {
        Some(r) => say(TEXTS, "broadcasts.same_as_row", &[("row", &r.to_string())]),
        None => say(TEXTS, "broadcasts.same_as_contact", &[]),
    }
}

fn reason(e: &Invalid) -> String {
    e.to_string()
}
