//! The per-type objects of an inbound message (`text`, `image`, `location`, `interactive`, ...)
//! and its `context`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::commerce::ReferredProduct;
use super::lenient;
use crate::ids::Wamid;

/// `context` on an inbound message: a reply (`id`, `from`), a forward, or a product enquiry.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MessageContext {
    /// The business number the replied-to message came from.
    #[serde(default)]
    pub from: Option<String>,
    /// The wamid of the message this one replies to.
    #[serde(default)]
    pub id: Option<Wamid>,
    /// `true` when the customer forwarded the message.
    #[serde(default)]
    pub forwarded: Option<bool>,
    /// `true` when the message has been forwarded more than five times.
    #[serde(default)]
    pub frequently_forwarded: Option<bool>,
    /// Set when the customer asks about a catalogue product; typed by
    /// [`MessageContext::product_enquiry`].
    #[serde(default)]
    pub referred_product: Option<Value>,
}

impl MessageContext {
    /// Whether the message was forwarded (once, or frequently).
    pub fn is_forwarded(&self) -> bool {
        self.forwarded == Some(true) || self.frequently_forwarded == Some(true)
    }

    /// Whether the message has been forwarded many times (WhatsApp shows a double arrow).
    pub fn is_frequently_forwarded(&self) -> bool {
        self.frequently_forwarded == Some(true)
    }

    /// The catalogue product the customer asks about ("Message business" on a product).
    pub fn product_enquiry(&self) -> Option<ReferredProduct> {
        self.referred_product
            .as_ref()
            .and_then(|v| ReferredProduct::deserialize(v).ok())
    }
}

/// The body of a `text` message.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TextBody {
    /// What the customer typed.
    pub body: String,
}

/// An image, video, audio, document or sticker.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Media {
    /// The media id, to download with `GET /{media-id}`.
    pub id: String,
    /// The MIME type, possibly with parameters (`audio/ogg; codecs=opus`).
    #[serde(default)]
    pub mime_type: Option<String>,
    /// The SHA-256 of the file, base64 or hex as Meta sends it.
    #[serde(default)]
    pub sha256: Option<String>,
    /// The caption (image, video, document).
    #[serde(default)]
    pub caption: Option<String>,
    /// The file name (document).
    #[serde(default)]
    pub filename: Option<String>,
    /// Audio: `true` for a voice note.
    #[serde(default)]
    pub voice: Option<bool>,
    /// Sticker: `true` when animated.
    #[serde(default)]
    pub animated: Option<bool>,
    /// A download URL, which newer payloads include (it still needs the Bearer token).
    #[serde(default)]
    pub url: Option<String>,
}

impl Media {
    /// Whether this audio is a voice note recorded in WhatsApp.
    pub fn is_voice(&self) -> bool {
        self.voice == Some(true)
    }

    /// Whether this sticker is animated.
    pub fn is_animated(&self) -> bool {
        self.animated == Some(true)
    }
}

/// A shared location (a pin or a named place).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Location {
    /// Degrees north; a number, or a string holding one.
    #[serde(deserialize_with = "lenient::f64_or_string")]
    pub latitude: f64,
    /// Degrees east; a number, or a string holding one.
    #[serde(deserialize_with = "lenient::f64_or_string")]
    pub longitude: f64,
    /// The place's name, for a named place.
    #[serde(default)]
    pub name: Option<String>,
    /// The place's address, for a named place.
    #[serde(default)]
    pub address: Option<String>,
    /// A link about the place.
    #[serde(default)]
    pub url: Option<String>,
}

/// A reply to an interactive message (reply buttons, a list, a flow).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Interactive {
    /// `button_reply`, `list_reply`, `nfm_reply`, or one added later.
    #[serde(rename = "type")]
    pub kind: String,
    /// The reply button the customer tapped.
    #[serde(default)]
    pub button_reply: Option<InteractiveReply>,
    /// The list row the customer chose.
    #[serde(default)]
    pub list_reply: Option<InteractiveReply>,
    /// A flow's (or address message's) answer, raw: typed by [`Interactive::flow_reply`].
    #[serde(default)]
    pub nfm_reply: Option<Value>,
}

impl Interactive {
    /// The answer of a WhatsApp Flow or an address message, when it can be read.
    pub fn flow_reply(&self) -> Option<NfmReply> {
        self.nfm_reply
            .as_ref()
            .and_then(|v| NfmReply::deserialize(v).ok())
    }
}

/// A tapped reply button or a chosen list row.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InteractiveReply {
    /// The id the business gave the button or row.
    pub id: String,
    /// The title the customer saw.
    pub title: String,
    /// The row's description (lists only).
    #[serde(default)]
    pub description: Option<String>,
}

/// `interactive.nfm_reply`: what a customer submitted in a flow or an address message.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct NfmReply {
    /// `flow`, `address_message`, ...
    #[serde(default)]
    pub name: Option<String>,
    /// The text WhatsApp shows in the chat (`Sent` for a flow).
    #[serde(default)]
    pub body: Option<String>,
    /// The answers, as a JSON document inside a string.
    #[serde(deserialize_with = "response_json_text")]
    pub response_json: String,
}

impl NfmReply {
    /// The answers as JSON; `None` if `response_json` is not a JSON document.
    pub fn response(&self) -> Option<Value> {
        serde_json::from_str(&self.response_json).ok()
    }
}

/// `response_json` is a string holding JSON; an object sent as is is kept as its JSON text.
fn response_json_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        v @ (Value::Object(_) | Value::Array(_)) => Ok(v.to_string()),
        _ => Err(serde::de::Error::custom(
            "response_json must be a string holding JSON",
        )),
    }
}

/// A template's quick-reply button press.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Button {
    /// The payload the business set on the button.
    #[serde(default)]
    pub payload: Option<String>,
    /// The button's label.
    pub text: String,
}

/// A reaction; an empty emoji removes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Reaction {
    /// The wamid of the message reacted to.
    pub message_id: Wamid,
    /// The emoji; empty or absent when the customer removed the reaction.
    #[serde(default)]
    pub emoji: Option<String>,
}

impl Reaction {
    /// Whether the customer removed the reaction (no emoji).
    pub fn is_removal(&self) -> bool {
        self.emoji.as_deref().is_none_or(str::is_empty)
    }
}

/// A system message: the customer changed number, identity or business-scoped user id.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct System {
    /// The sentence WhatsApp shows (`User A changed from X to Y`).
    #[serde(default)]
    pub body: Option<String>,
    /// `user_changed_number`, `customer_changed_number`, `customer_identity_changed`,
    /// `user_changed_user_id`, ...: see [`System::event`].
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The customer's new WhatsApp id (phone number).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub wa_id: Option<String>,
    /// The new WhatsApp id in older payloads (before v12.0).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub new_wa_id: Option<String>,
    /// The customer's (new) business-scoped user id.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The customer's (new) parent business-scoped user id.
    #[serde(default)]
    pub parent_user_id: Option<String>,
    /// The business-scoped user id before the change.
    #[serde(default)]
    pub previous_user_id: Option<String>,
    /// The parent business-scoped user id before the change.
    #[serde(default)]
    pub previous_parent_user_id: Option<String>,
    /// The customer whose identity changed (`customer_identity_changed`).
    #[serde(default)]
    pub customer: Option<String>,
    /// The new identity hash (`customer_identity_changed`).
    #[serde(default)]
    pub identity: Option<String>,
}

impl System {
    /// What changed.
    pub fn event(&self) -> SystemEvent {
        match self.kind.as_deref() {
            Some("user_changed_number" | "customer_changed_number") => SystemEvent::ChangedNumber,
            Some("customer_identity_changed" | "user_identity_changed") => {
                SystemEvent::IdentityChanged
            }
            Some("user_changed_user_id") => SystemEvent::ChangedUserId,
            Some(other) => SystemEvent::Other(other.to_owned()),
            None => SystemEvent::Other(String::new()),
        }
    }

    /// The customer's new phone number, from `wa_id` or the older `new_wa_id`.
    pub fn new_number(&self) -> Option<&str> {
        self.wa_id.as_deref().or(self.new_wa_id.as_deref())
    }
}

/// What a [`System`] message reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemEvent {
    /// The customer moved to a new phone number (`user_changed_number`, formerly
    /// `customer_changed_number`).
    ChangedNumber,
    /// The customer's security identity changed (reinstalled, new phone).
    IdentityChanged,
    /// The customer's business-scoped user id changed, no phone number shared.
    ChangedUserId,
    /// A type this crate does not know (empty when `type` is missing).
    Other(String),
}

/// `unsupported` on a message of a type the Cloud API cannot deliver (polls, view-once, ...).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Unsupported {
    /// The type the customer sent, when Meta says (`edit`, `poll`, ...).
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}
