//! Values of the fields that carry customers and messages besides `messages`:
//! `user_preferences` (marketing opt-out and back in), `history` (a WhatsApp Business app's chat
//! history, for numbers onboarded from the app) and `smb_message_echoes` (what the business sent
//! from the app or a linked device).
//!
//! Messages stay raw, like in [`super::MessagesValue`], to be parsed one by one with
//! [`super::InboundMessage::parse`].

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{ApiErrorObject, Contact, Metadata, lenient};

/// `user_preferences`: customers who stopped or resumed marketing messages.
#[derive(Debug, Deserialize)]
pub struct UserPreferencesValue {
    /// `whatsapp`.
    #[serde(default)]
    pub messaging_product: Option<String>,
    /// The business number.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub metadata: Option<Metadata>,
    /// The customers concerned (one that cannot be read is skipped).
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub contacts: Vec<Contact>,
    /// The preferences (one that cannot be read is skipped).
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub user_preferences: Vec<UserPreference>,
}

/// One customer's marketing preference.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct UserPreference {
    /// The customer's WhatsApp id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub wa_id: Option<String>,
    /// The customer's business-scoped user id (newer payloads).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_id: Option<String>,
    /// `User requested to stop marketing messages`, ...
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub detail: Option<String>,
    /// `marketing_messages`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub category: Option<String>,
    /// `stop` or `resume`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value: Option<String>,
    /// When, in unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub timestamp: Option<i64>,
}

impl UserPreference {
    /// Whether the customer asked to stop marketing messages.
    pub fn is_stop(&self) -> bool {
        self.value.as_deref() == Some("stop")
    }
}

/// `history`: a chunk of the chat history of a number onboarded from the WhatsApp Business app,
/// or (with `messages`) the content of a media message announced as `media_placeholder`.
#[derive(Debug, Deserialize)]
pub struct HistoryValue {
    /// `whatsapp`.
    #[serde(default)]
    pub messaging_product: Option<String>,
    /// The business number.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub metadata: Option<Metadata>,
    /// The chunks of history, or an error when the business declined to share it.
    #[serde(default)]
    pub history: Vec<HistoryChunk>,
    /// Media messages' contents, sent after the history that announced them.
    #[serde(default)]
    pub messages: Vec<Box<RawValue>>,
}

/// One element of `history`.
#[derive(Debug, Deserialize)]
pub struct HistoryChunk {
    /// Which phase and chunk this is, and the overall progress.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub metadata: Option<HistoryMetadata>,
    /// One thread per customer.
    #[serde(default)]
    pub threads: Vec<HistoryThread>,
    /// Set when the history cannot be shared (code 2593109: sharing turned off).
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub errors: Vec<ApiErrorObject>,
}

/// `history[].metadata`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct HistoryMetadata {
    /// 0: day 0 to 1, 1: day 1 to 90, 2: day 90 to 180.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub phase: Option<i64>,
    /// The chunk's place in its phase (chunks may arrive out of order).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub chunk_order: Option<i64>,
    /// Overall progress in percent; 100 when the sync is complete.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub progress: Option<i64>,
}

/// One customer's thread in a history chunk.
#[derive(Debug, Deserialize)]
pub struct HistoryThread {
    /// The customer's phone number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    /// The messages, raw: parse with [`super::InboundMessage::parse`]. `from` is the business
    /// number for messages the business sent; `history_context.status` says how far they got.
    #[serde(default)]
    pub messages: Vec<Box<RawValue>>,
}

/// `history_context` on a message of a history thread.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct HistoryContext {
    /// `SENT`, `DELIVERED`, `READ`, `PLAYED`, `PENDING` or `ERROR`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
}

/// `smb_message_echoes`: messages the business sent from the WhatsApp Business app or a linked
/// device.
#[derive(Debug, Deserialize)]
pub struct MessageEchoesValue {
    /// `whatsapp`.
    #[serde(default)]
    pub messaging_product: Option<String>,
    /// The business number.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub metadata: Option<Metadata>,
    /// The echoed messages, raw: parse with [`super::InboundMessage::parse`] (`from` is the
    /// business number, `to` the customer).
    #[serde(default)]
    pub message_echoes: Vec<Box<RawValue>>,
}
