//! The shop's workspace around a contact: labels (named, coloured, several per contact), notes
//! (timestamped, editable), the owner's own name for the contact, pin, archive (until the
//! customer writes again), mark as unread, block and unblock through the Cloud API, and the
//! contact panel that gathers it all with the linked record and the documents.
//!
//! [`store`] is the SQL (on a connection, for a writer job or a read); [`ops`] runs it over a
//! [`crate::Store`], one writer transaction a change, each followed by a
//! [`crate::DomainEvent::ContactUpdated`].

pub mod block;
pub mod ops;
pub mod panel;
pub mod phone;
pub mod store;
pub(crate) mod texts;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use self::texts::TEXTS;
use crate::compose::texts::quoted;
use crate::i18n::say;
use crate::store::StoreError;
use crate::views::ContactView;

/// A label: a name (unique, case aside) and a colour (`#rrggbb`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabelView {
    pub id: i64,
    pub name: String,
    pub color: String,
    /// How many contacts carry it.
    pub count: i64,
}

/// A note the owner keeps about a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoteView {
    pub id: i64,
    pub text: String,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds of the last edit (`created_at` if never edited).
    pub updated_at: i64,
}

/// A contact with what the owner keeps about it: `shopchat contacts --json`'s rows and the
/// chat list's extra details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactEntry {
    #[serde(flatten)]
    #[ts(flatten)]
    pub contact: ContactView,
    /// The name the owner gave, which overrides the profile name.
    pub custom_name: Option<String>,
    /// The number formatted for people (`+1 555-010-0001`).
    pub number: String,
    /// The labels' names, alphabetical.
    pub labels: Vec<String>,
    pub pinned: bool,
    pub archived: bool,
    pub blocked: bool,
    /// Marked as unread by the owner.
    pub marked_unread: bool,
    /// Oldest first.
    pub notes: Vec<NoteView>,
}

/// Which contacts a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactFilter {
    /// Only those carrying this label (by name, case aside).
    pub label: Option<String>,
    /// The archived ones instead of the others; `None`: all.
    pub archived: Option<bool>,
}

#[derive(Debug, thiserror::Error)]
pub enum ContactsError {
    #[error("{}", say(TEXTS, "contacts.no_contact", &[("number", .0)]))]
    NoContact(String),
    #[error("{}", say(TEXTS, "contacts.no_label", &[("name", &quoted(.0))]))]
    NoLabel(String),
    #[error("{}", say(TEXTS, "contacts.no_note", &[("id", &.0.to_string())]))]
    NoNote(i64),
    #[error("{0}")]
    Invalid(String),
    /// Meta refused the block or unblock (or could not be reached).
    #[error("{}", say(TEXTS, "contacts.whatsapp_refused", &[("reason", .0)]))]
    Graph(String),
    /// The contact's number and when they last wrote (an HTTP date), or `never`.
    #[error("{}", not_recent(.0, .1))]
    NotRecent(String, String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ContactsError {
    /// The stable code the UI and scripts tell errors apart by.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoContact(_) => "no_contact",
            Self::NoLabel(_) => "no_label",
            Self::NoNote(_) => "no_note",
            Self::Invalid(_) => "invalid",
            Self::Graph(_) => "graph",
            Self::NotRecent(..) => "not_recent",
            Self::Store(_) => "storage",
        }
    }
}

fn not_recent(number: &str, when: &str) -> String {
    if when == "never" {
        say(TEXTS, "contacts.never_wrote", &[("number", number)])
    } else {
        say(
            TEXTS,
            "contacts.not_recent",
            &[("number", number), ("when", when)],
        )
    }
}

impl From<rusqlite::Error> for ContactsError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(StoreError::Sqlite(e))
    }
}

/// The palette new labels take their colour from, in turn, when none is given.
pub const PALETTE: [&str; 8] = [
    "#25d366", "#34b7f1", "#f5a623", "#e74c3c", "#9b59b6", "#16a085", "#e67e22", "#7f8c8d",
];

/// `#rrggbb` (lower-cased), or why not.
pub fn checked_color(color: &str) -> Result<String, ContactsError> {
    let c = color.trim();
    if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(c.to_ascii_lowercase())
    } else {
        Err(ContactsError::Invalid(say(
            TEXTS,
            "contacts.label_color",
            &[("color", &quoted(color))],
        )))
    }
}

/// A label's name: 1 to 40 characters once trimmed, no control characters.
pub fn checked_label_name(name: &str) -> Result<String, ContactsError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 40 || n.chars().any(char::is_control) {
        return Err(ContactsError::Invalid(say(
            TEXTS,
            "contacts.label_name",
            &[("name", &quoted(name))],
        )));
    }
    Ok(n.to_owned())
}

/// A note's text: not blank, at most 4,000 characters.
pub fn checked_note(text: &str) -> Result<String, ContactsError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > 4000 {
        return Err(ContactsError::Invalid(say(
            TEXTS,
            "contacts.note_length",
            &[],
        )));
    }
    Ok(t.to_owned())
}
