//! Conversations and contacts out of Shopchat, and contacts in.
//!
//! - Conversations (one or all) as CSV (a row per message), JSON (the messages as
//!   `shopchat messages --json` prints them), or a readable HTML transcript with its files, in one
//!   zip.
//! - Contacts as CSV or vCard, and contacts from a CSV file.
//!
//! Everything a customer wrote is data: escaped in HTML (the templates escape every value),
//! guarded against spreadsheet formulas in CSV, and file names cleaned of control and
//! bidirectional characters before they name anything. One conversation is held in memory at a
//! time; the file appears whole under its name or not at all (written aside, then renamed).

pub mod contacts;
mod describe;
mod html;
mod names;
mod table;
pub mod texts;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use describe::describe;
pub use texts::Lang;

use self::texts::TEXTS;
use crate::i18n::say;
use crate::store::{StoreError, contacts as store_contacts, messages};
use crate::views::{ContactView, MessageView};

/// What a conversation export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ExportFormat")]
pub enum Format {
    Csv,
    Json,
    /// A zip: `index.html`, a page per conversation, and the files under `files/`.
    Html,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            other => Err(format!("{other:?} is not a format: csv, json or html")),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    pub path: String,
    pub conversations: u64,
    pub messages: u64,
    /// Media files put in the zip (HTML only).
    pub files: u64,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", say(TEXTS, "export.no_conversation", &[("number", .0)]))]
    UnknownContact(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", say(TEXTS, "export.cannot_write", &[("path", .path), ("error", &.source.to_string())]))]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", say(TEXTS, "export.cannot_write_file", &[("error", .0)]))]
    Format(String),
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::UnknownContact(_) => "unknown_contact",
            ExportError::Invalid(_) => "invalid",
            ExportError::Store(_) => "store",
            ExportError::Io { .. } | ExportError::Format(_) => "io",
        }
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> Self {
        ExportError::Format(e.to_string())
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> Self {
        ExportError::Format(e.to_string())
    }
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> Self {
        ExportError::Format(e.to_string())
    }
}

impl From<askama::Error> for ExportError {
    fn from(e: askama::Error) -> Self {
        ExportError::Format(e.to_string())
    }
}

/// One conversation: the contact and every message, oldest first.
pub struct Conversation {
    pub contact: ContactView,
    pub messages: Vec<MessageView>,
}

/// Exports one conversation (`contact`) or all of them to `out`. `store_dir` holds the media.
pub fn export_conversations(
    conn: &Connection,
    store_dir: &Path,
    contact: Option<&str>,
    format: Format,
    lang: Lang,
    out: &Path,
) -> Result<ExportSummary, ExportError> {
    let wa_ids = match contact {
        Some(wa_id) => {
            store_contacts::get(conn, wa_id)?
                .ok_or_else(|| ExportError::UnknownContact(wa_id.to_owned()))?;
            vec![wa_id.to_owned()]
        }
        None => store_contacts::list(conn)?
            .into_iter()
            .map(|c| c.wa_id)
            .collect(),
    };
    // One conversation at a time, read when its turn comes.
    let conversations = wa_ids.into_iter().filter_map(|wa_id| {
        let load = || -> Result<Option<Conversation>, StoreError> {
            let Some(contact) = store_contacts::get(conn, &wa_id)? else {
                return Ok(None);
            };
            let messages = messages::all_for_contact(conn, &wa_id)?;
            Ok(Some(Conversation { contact, messages }))
        };
        match load() {
            Ok(Some(c)) if !c.messages.is_empty() || contact.is_some() => Some(Ok(c)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        }
    });
    let mut summary = write_aside(out, |file| match format {
        Format::Csv => table::csv(file, conversations, lang),
        Format::Json => table::json(file, conversations),
        Format::Html => html::zip(file, conn, store_dir, conversations, lang),
    })?;
    summary.path = out.display().to_string();
    Ok(summary)
}

/// Writes through `write` into a file beside `out`, synced, then renamed over `out`: a failed or
/// interrupted export leaves no half file under the name.
pub(crate) fn write_aside(
    out: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<ExportSummary, ExportError>,
) -> Result<ExportSummary, ExportError> {
    let io = |source| ExportError::Io {
        path: out.display().to_string(),
        source,
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".shopchat-export-")
        .tempfile_in(&dir)
        .map_err(io)?;
    let mut summary = write(temp.as_file_mut())?;
    temp.as_file_mut().flush().map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    summary.bytes = temp.as_file().metadata().map_err(io)?.len();
    temp.persist(out).map_err(|e| io(e.error))?;
    Ok(summary)
}

/// Unix seconds as RFC 3339 in UTC (`2026-12-05T10:00:00Z`).
pub(crate) fn rfc3339(secs: i64) -> String {
    jiff::Timestamp::from_second(secs)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
