//! Webhook notifications.
//!
//! Meta posts `{"object":"whatsapp_business_account","entry":[{"id":WABA_ID,"changes":[{"field":F,"value":{...}}]}]}`.
//! Parsing is layered so one odd part never hides the rest: a [`Notification`] keeps each change's
//! value as raw JSON; a `messages` change parses into [`MessagesValue`], which keeps each message and
//! status raw too, to be parsed one by one with [`InboundMessage::parse`] and [`Status::parse`].
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

mod message;
mod status;

pub use message::*;
pub use status::*;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::ids::WaId;

/// A whole webhook body.
#[derive(Debug, Deserialize)]
pub struct Notification {
    pub object: String,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

impl Notification {
    pub fn parse(body: &[u8]) -> Result<Self, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// One account's changes.
#[derive(Debug, Deserialize)]
pub struct Entry {
    /// The WhatsApp Business Account id.
    pub id: String,
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// One change: `field` says what `value` holds.
#[derive(Debug, Deserialize)]
pub struct Change {
    pub field: String,
    pub value: Box<RawValue>,
}

impl Change {
    /// The value of a `messages` change; `None` for other fields
    /// (`message_template_status_update`, `account_update`, ...).
    pub fn messages_value(&self) -> Option<Result<MessagesValue, serde_json::Error>> {
        (self.field == "messages").then(|| serde_json::from_str(self.value.get()))
    }
}

/// The value of a `messages` change.
#[derive(Debug, Deserialize)]
pub struct MessagesValue {
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
    #[serde(default)]
    pub display_phone_number: String,
    pub phone_number_id: String,
}

/// The customer a message came from.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Contact {
    pub wa_id: WaId,
    #[serde(default)]
    pub profile: Option<Profile>,
    /// A business-scoped user id (newer payloads).
    #[serde(default)]
    pub user_id: Option<String>,
}

impl Contact {
    pub fn name(&self) -> Option<&str> {
        self.profile.as_ref().and_then(|p| p.name.as_deref())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Profile {
    #[serde(default)]
    pub name: Option<String>,
}

/// An error object as webhooks carry it (`errors[]` of a value, a message or a status).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ApiErrorObject {
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error_data: Option<ApiErrorData>,
    #[serde(default)]
    pub href: Option<String>,
    /// Older payloads put the details here instead of in `error_data`.
    #[serde(default)]
    pub details: Option<String>,
}

impl ApiErrorObject {
    pub fn details(&self) -> Option<&str> {
        self.error_data
            .as_ref()
            .and_then(|d| d.details.as_deref())
            .or(self.details.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ApiErrorData {
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
