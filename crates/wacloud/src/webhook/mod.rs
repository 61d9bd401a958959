//! Webhook notifications.
//!
//! Meta posts `{"object":"whatsapp_business_account","entry":[{"id":WABA_ID,"changes":[{"field":F,"value":{...}}]}]}`.
//! Parsing is layered so one odd part never hides the rest: a [`Notification`] keeps each change's
//! value as raw JSON; a `messages` change parses into [`MessagesValue`], which keeps each message and
//! status raw too, to be parsed one by one with [`InboundMessage::parse`] and [`Status::parse`].
//! [`Change::parse_value`] types the value of every documented field (template, account, phone
//! number, security, history, ... updates) as a [`ChangeValue`], and keeps anything else raw.
//!
//! ```
//! use wacloud::webhook::{Notification, InboundMessage};
//! let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
//!   "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"1122"},
//!   "contacts":[{"profile":{"name":"Ana"},"wa_id":"15550100001"}],
//!   "messages":[{"from":"15550100001","id":"wamid.A1","timestamp":"1700000000","type":"text","text":{"body":"Hi"}}]}}]}]}"#;
//! let n = Notification::parse(body).unwrap();
//! let value = n.entry[0].changes[0].messages_value().unwrap().unwrap();
//! let msg = InboundMessage::parse(&value.messages[0]).unwrap();
//! assert_eq!(msg.text(), Some("Hi"));
//! ```

mod cards;
mod change_value;
mod commerce;
mod content;
mod fields_account;
mod fields_sync;
mod fields_template;
mod kind;
mod lenient;
mod message;
mod status;

pub use cards::*;
pub use change_value::*;
pub use commerce::*;
pub use content::*;
pub use fields_account::*;
pub use fields_sync::*;
pub use fields_template::*;
pub use kind::*;
pub use message::*;
pub use status::*;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::ids::WaId;

/// A whole webhook body.
#[derive(Debug, Deserialize)]
pub struct Notification {
    /// `whatsapp_business_account`.
    pub object: String,
    /// One entry per account with changes.
    #[serde(default)]
    pub entry: Vec<Entry>,
}

impl Notification {
    /// Parses a webhook body (check its signature on these same bytes first).
    pub fn parse(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// One account's changes.
#[derive(Debug, Deserialize)]
pub struct Entry {
    /// The WhatsApp Business Account id.
    pub id: String,
    /// When Meta sent the changes, in unix seconds (fields other than `messages`).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub time: Option<i64>,
    /// What changed.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change: `field` says what `value` holds.
#[derive(Debug, Deserialize)]
pub struct Change {
    /// `messages`, `message_template_status_update`, `account_update`, ...
    pub field: String,
    /// The value, raw: type it with [`Change::parse_value`] or [`Change::messages_value`].
    pub value: Box<RawValue>,
}

impl Change {
    /// The value of a `messages` change; `None` for other fields
    /// (`message_template_status_update`, `account_update`, ...).
    pub fn messages_value(&self) -> Option<Result<MessagesValue, serde_json::Error>> {
        (self.field == "messages").then(|| serde_json::from_str(self.value.get()))
    }

    /// The value typed by its field; never fails: an unknown field, or a value that does not
    /// have the documented shape, is [`ChangeValue::Other`].
    pub fn parse_value(&self) -> ChangeValue {
        ChangeValue::parse(self)
    }
}

/// The value of a `messages` change.
#[derive(Debug, Deserialize)]
pub struct MessagesValue {
    /// `whatsapp`.
    #[serde(default)]
    pub messaging_product: Option<String>,
    pub metadata: Metadata,
    /// Each contact, raw: use [`MessagesValue::contacts`], which skips one that cannot be read.
    #[serde(default, rename = "contacts")]
    pub raw_contacts: Vec<Box<RawValue>>,
    /// Each message, raw: parse with [`InboundMessage::parse`].
    #[serde(default)]
    pub messages: Vec<Box<RawValue>>,
    /// Each status, raw: parse with [`Status::parse`].
    #[serde(default)]
    pub statuses: Vec<Box<RawValue>>,
    /// System-, app- or account-level errors.
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
}

impl MessagesValue {
    /// The contacts that could be read (a contact Meta sends in a newer shape is skipped, never
    /// hiding the messages beside it).
    pub fn contacts(&self) -> impl Iterator<Item = Contact> + '_ {
        self.raw_contacts
            .iter()
            .filter_map(|raw| serde_json::from_str(raw.get()).ok())
    }
}

/// Which business number the change is for. Route by `phone_number_id`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Metadata {
    /// The business number as shown to customers.
    #[serde(default)]
    pub display_phone_number: String,
    /// The Graph id of the business number.
    pub phone_number_id: String,
}

/// The customer a message came from.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Contact {
    /// The customer's WhatsApp id (phone number).
    pub wa_id: WaId,
    /// The customer's WhatsApp profile.
    #[serde(default)]
    pub profile: Option<Profile>,
    /// A business-scoped user id (newer payloads).
    #[serde(default)]
    pub user_id: Option<String>,
    /// The parent business-scoped user id, when parent ids are enabled.
    #[serde(default)]
    pub parent_user_id: Option<String>,
    /// Set when the identity change check is enabled.
    #[serde(default)]
    pub identity_key_hash: Option<String>,
}

impl Contact {
    /// The customer's profile name.
    pub fn name(&self) -> Option<&str> {
        self.profile.as_ref().and_then(|p| p.name.as_deref())
    }
}

/// `profile` on a contact.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Profile {
    /// The name the customer set in WhatsApp.
    #[serde(default)]
    pub name: Option<String>,
    /// The customer's WhatsApp username, when they have one.
    #[serde(default)]
    pub username: Option<String>,
}

/// An error object as webhooks carry it (`errors[]` of a value, a message or a status).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ApiErrorObject {
    /// The Graph error code (`131047`); 0 when missing.
    #[serde(default)]
    pub code: i64,
    /// A short title.
    #[serde(default)]
    pub title: Option<String>,
    /// The message.
    #[serde(default)]
    pub message: Option<String>,
    /// `error_data.details`: see [`ApiErrorObject::details`].
    #[serde(default)]
    pub error_data: Option<ApiErrorData>,
    /// Meta's page about the code.
    #[serde(default)]
    pub href: Option<String>,
    /// Older payloads put the details here instead of in `error_data`.
    #[serde(default)]
    pub details: Option<String>,
}

impl ApiErrorObject {
    /// The details, from `error_data.details` or the older top-level `details`.
    pub fn details(&self) -> Option<&str> {
        self.error_data
            .as_ref()
            .and_then(|d| d.details.as_deref())
            .or(self.details.as_deref())
    }
}

/// `error_data` of an error object.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ApiErrorData {
    /// What went wrong, in a sentence.
    #[serde(default)]
    pub details: Option<String>,
}

/// Unix seconds, which Meta sends as a string (`"1700000000"`); a number is accepted too.
pub(crate) fn unix_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ts<'a> {
        Num(i64),
        Str(&'a str),
        Owned(String),
    }
    let parse = |s: &str| {
        s.trim()
            .parse::<i64>()
            .map_err(|_| serde::de::Error::custom(format!("timestamp {s:?} is not unix seconds")))
    };
    match Ts::deserialize(d)? {
        Ts::Num(n) => Ok(n),
        Ts::Str(s) => parse(s),
        Ts::Owned(s) => parse(&s),
    }
}
