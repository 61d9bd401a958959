//! Status updates for messages the business sent.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{ApiErrorObject, unix_seconds};
use crate::ids::Wamid;

/// A delivery status of a message the business sent.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Status {
    /// The wamid of the message the status is about.
    pub id: Wamid,
    /// What happened: sent, delivered, read, played, failed, deleted.
    pub status: StatusKind,
    /// When it happened, in unix seconds.
    #[serde(deserialize_with = "unix_seconds")]
    pub timestamp: i64,
    /// The customer's phone number (or the group id). Empty when the message was sent to a
    /// business-scoped user id, for which Meta omits it: see `recipient_user_id`.
    #[serde(default)]
    pub recipient_id: String,
    /// The customer's business-scoped user id (newer payloads).
    #[serde(default)]
    pub recipient_user_id: Option<String>,
    /// The customer's parent business-scoped user id, when parent ids are enabled.
    #[serde(default)]
    pub recipient_parent_user_id: Option<String>,
    /// The group member the status is about, for a message sent to a group.
    #[serde(default)]
    pub recipient_participant_id: Option<String>,
    /// `individual` or `group`.
    #[serde(default)]
    pub recipient_type: Option<String>,
    /// The conversation the message was billed in (older pricing; still sent on some statuses).
    #[serde(default)]
    pub conversation: Option<Conversation>,
    /// How the message is billed.
    #[serde(default)]
    pub pricing: Option<Pricing>,
    /// Why a `failed` status failed.
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
    /// The string the business attached when sending, returned as is.
    #[serde(default)]
    pub biz_opaque_callback_data: Option<String>,
}

impl Status {
    /// Parses one raw status of [`super::MessagesValue::statuses`].
    pub fn parse(raw: &RawValue) -> Result<Self, serde_json::Error> {
        serde_json::from_str(raw.get())
    }

    /// Whether the status is about a message sent to a group.
    pub fn is_group(&self) -> bool {
        self.recipient_type.as_deref() == Some("group")
    }
}

/// `sent`, `delivered`, `read`, `played`, `failed`, or one not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    /// Meta accepted the message and sent it.
    Sent,
    /// It reached the customer's device.
    Delivered,
    /// The customer opened it.
    Read,
    /// The customer played the voice note.
    Played,
    /// It could not be sent or delivered (see [`Status::errors`]).
    Failed,
    /// The customer deleted it.
    Deleted,
    /// A status this crate does not know yet.
    #[serde(other)]
    Unknown,
}

impl StatusKind {
    /// The Cloud API name (`unknown` for [`StatusKind::Unknown`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Played => "played",
            Self::Failed => "failed",
            Self::Deleted => "deleted",
            Self::Unknown => "unknown",
        }
    }
}

/// `conversation` on a status: the 24-hour conversation the message belongs to.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Conversation {
    /// The conversation id.
    pub id: String,
    /// What opened the conversation.
    #[serde(default)]
    pub origin: Option<ConversationOrigin>,
    /// When the conversation ends, in unix seconds (on the first status of a conversation).
    #[serde(default, deserialize_with = "opt_unix_seconds")]
    pub expiration_timestamp: Option<i64>,
}

/// `conversation.origin`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ConversationOrigin {
    /// `service`, `marketing`, `utility`, `authentication`, `referral_conversion`, ...
    #[serde(rename = "type")]
    pub kind: String,
}

/// `pricing` on a status.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Pricing {
    /// Whether the message is charged (deprecated by Meta, still sent).
    #[serde(default)]
    pub billable: Option<bool>,
    /// `PMP` (per message) or the older `CBP` (per conversation).
    #[serde(default)]
    pub pricing_model: Option<String>,
    /// `service`, `marketing`, `utility`, `authentication`, `authentication_international`,
    /// `marketing_lite`, `referral_conversion`, ...
    #[serde(default)]
    pub category: Option<String>,
    /// `regular`, `free_customer_service` or `free_entry_point`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl Pricing {
    /// Whether the message is free: `billable: false`, or a `free_*` pricing type.
    pub fn is_free(&self) -> bool {
        self.billable == Some(false) || self.kind.as_deref().is_some_and(|k| k.starts_with("free"))
    }
}

fn opt_unix_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct W(#[serde(deserialize_with = "unix_seconds")] i64);
    Option::<W>::deserialize(d).map(|o| o.map(|w| w.0))
}
