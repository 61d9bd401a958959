//! Quick replies: saved answers with a `/shortcut`, typed in the composer as `/shortcut`. The
//! text may hold variables filled for the chat at hand ([`render`]): `{{name}}` (the name the
//! owner gave the contact, else their profile name), `{{first_name}}`, `{{number}}`. A reply may
//! carry a file, checked against the Cloud API's limits and copied into the media dir (by
//! content hash) like any outgoing file.

pub mod store;
pub(crate) mod texts;
mod vars;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use vars::{Variables, render};

use self::texts::TEXTS;
use crate::compose::texts::quoted;
use crate::i18n::say;
use crate::store::StoreError;

/// A saved reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuickReplyView {
    pub id: i64,
    /// Without the slash.
    pub shortcut: String,
    pub text: String,
    pub file: Option<QuickReplyFile>,
    /// Unix milliseconds.
    pub updated_at: i64,
}

/// The file a saved reply sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuickReplyFile {
    pub name: String,
    pub mime_type: String,
    /// Absolute, inside the media dir.
    pub path: String,
}

#[derive(Debug, thiserror::Error)]
pub enum QuickReplyError {
    #[error("{0}")]
    Invalid(String),
    #[error("{}", say(TEXTS, "quick_replies.exists", &[("shortcut", .0)]))]
    Exists(String),
    #[error("{}", say(TEXTS, "quick_replies.not_found", &[("shortcut", .0)]))]
    NotFound(String),
    #[error("{}", say(TEXTS, "quick_replies.file", &[("reason", .0)]))]
    File(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl QuickReplyError {
    /// The stable code the UI and scripts tell errors apart by.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "invalid",
            Self::Exists(_) => "exists",
            Self::NotFound(_) => "not_found",
            Self::File(_) => "file",
            Self::Store(_) => "storage",
        }
    }
}

impl From<rusqlite::Error> for QuickReplyError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::Sqlite(e))
    }
}

/// A shortcut without its slash, lower-cased: 1 to 32 letters, digits, `-` or `_`.
pub fn checked_shortcut(input: &str) -> Result<String, QuickReplyError> {
    let s = input.trim().trim_start_matches('/').to_lowercase();
    if s.is_empty()
        || s.chars().count() > 32
        || !s
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(QuickReplyError::Invalid(say(
            TEXTS,
            "quick_replies.shortcut",
            &[("input", &quoted(input))],
        )));
    }
    Ok(s)
}

/// A reply's text: 1 to 4,096 characters (WhatsApp's limit for a text message).
pub fn checked_text(text: &str) -> Result<String, QuickReplyError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 4096 {
        return Err(QuickReplyError::Invalid(say(
            TEXTS,
            "quick_replies.text_length",
            &[],
        )));
    }
    Ok(t.to_owned())
}

/// The replies whose shortcut starts with `query` (slash aside), then those whose shortcut or
/// text contains it; all when `query` is empty. What the composer's `/` picker shows.
pub fn filter<'a>(replies: &'a [QuickReplyView], query: &str) -> Vec<&'a QuickReplyView> {
    let q = query.trim().trim_start_matches('/').to_lowercase();
    let mut starts: Vec<_> = replies
        .iter()
        .filter(|r| r.shortcut.starts_with(&q))
        .collect();
    let contains = replies.iter().filter(|r| {
        !r.shortcut.starts_with(&q)
            && (r.shortcut.contains(&q) || r.text.to_lowercase().contains(&q))
    });
    starts.extend(contains);
    starts
}
