//! Status updates for messages the business sent.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{ApiErrorObject, unix_seconds};
use crate::ids::Wamid;

/// A delivery status.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Status {
    /// The wamid of the message the status is about.
    pub id: Wamid,
    pub status: StatusKind,
    #[serde(deserialize_with = "unix_seconds")]
    pub timestamp: i64,
    pub recipient_id: String,
    #[serde(default)]
    pub conversation: Option<Conversation>,
    #[serde(default)]
    pub pricing: Option<Pricing>,
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
    #[serde(default)]
    pub biz_opaque_callback_data: Option<String>,
}

impl Status {
    pub fn parse(raw: &RawValue) -> Result<Self, serde_json::Error> {
        serde_json::from_str(raw.get())
    }
}

/// `sent`, `delivered`, `read`, `played`, `failed`, or one not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusKind {
    Sent,
    Delivered,
    Read,
    Played,
    Failed,
    Deleted,
    #[serde(other)]
    Unknown,
}

impl StatusKind {
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

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Conversation {
    pub id: String,
    #[serde(default)]
    pub origin: Option<ConversationOrigin>,
    #[serde(default, deserialize_with = "opt_unix_seconds")]
    pub expiration_timestamp: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ConversationOrigin {
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Pricing {
    #[serde(default)]
    pub billable: Option<bool>,
    #[serde(default)]
    pub pricing_model: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

fn opt_unix_seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct W(#[serde(deserialize_with = "unix_seconds")] i64);
    Option::<W>::deserialize(d).map(|o| o.map(|w| w.0))
}
