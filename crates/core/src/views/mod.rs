//! What the engine hands out: contacts and messages as the CLI and the GUI show them.

mod content;
mod summary;
pub(crate) mod texts;

pub use content::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A message's status. Inbound messages are `received`; outbound ones move forward through
/// `queued → sending → sent → delivered → read (→ played)`, or end `failed` or `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    Received,
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Played,
    Failed,
    /// The request was in flight when the app stopped: it may or may not have been sent.
    Unknown,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Played => "played",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "received" => Self::Received,
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "sent" => Self::Sent,
            "delivered" => Self::Delivered,
            "read" => Self::Read,
            "played" => Self::Played,
            "failed" => Self::Failed,
            "unknown" => Self::Unknown,
            _ => return None,
        })
    }

    /// From a status webhook's kind; `None` for kinds that do not move a message.
    pub fn from_webhook(kind: wacloud::webhook::StatusKind) -> Option<Self> {
        use wacloud::webhook::StatusKind as K;
        match kind {
            K::Sent => Some(Self::Sent),
            K::Delivered => Some(Self::Delivered),
            K::Read => Some(Self::Read),
            K::Played => Some(Self::Played),
            K::Failed => Some(Self::Failed),
            K::Deleted | K::Unknown => None,
        }
    }

    fn rank(self) -> u8 {
        match self {
            Self::Received | Self::Queued => 0,
            Self::Sending | Self::Unknown => 1,
            Self::Sent => 2,
            Self::Delivered => 3,
            Self::Read => 4,
            Self::Played => 5,
            Self::Failed => 6,
        }
    }

    /// Whether a message at `self` may move to `next`. Statuses never move backwards; `failed`
    /// wins over anything short of proof that the customer saw the message (`read`, `played`).
    pub fn can_advance_to(self, next: Self) -> bool {
        if self == Self::Received || next == Self::Received {
            return false;
        }
        match next {
            Self::Failed => !matches!(self, Self::Read | Self::Played | Self::Failed),
            _ => next.rank() > self.rank() && self != Self::Failed,
        }
    }
}

/// Why a message failed, as Meta (or the engine) put it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorView {
    pub code: Option<i64>,
    pub title: String,
    pub details: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactView {
    pub wa_id: String,
    pub name: Option<String>,
    pub unread: i64,
    /// Unix seconds of the customer's latest message.
    pub last_inbound_at: Option<i64>,
    /// Opted out of the shop's broadcasts (wrote STOP / BAJA, Meta's 131050, or the owner).
    #[serde(default)]
    pub opted_out: bool,
}

/// A message found by full-text search, with its contact's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub message: MessageView,
    pub contact_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MessageView {
    pub id: i64,
    pub wamid: Option<String>,
    pub contact: String,
    pub direction: Direction,
    /// The Cloud API type (`text`, `image`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// The body or caption.
    pub text: Option<String>,
    pub status: MessageStatus,
    /// Unix seconds.
    pub timestamp: i64,
    pub error: Option<ErrorView>,
    /// The file of an image, video, audio, document or sticker message.
    pub media: Option<MediaView>,
    /// What the message holds beyond text (a location, cards, buttons, a template, ...).
    pub content: Option<ContentView>,
    /// The message this one replies to.
    pub reply_to: Option<QuoteView>,
    /// The customer's and the shop's reactions on this message.
    pub reactions: Vec<ReactionView>,
    /// Forwarded by the customer.
    pub forwarded: bool,
    /// Who sent a shop's message: `phone` (the owner, from the WhatsApp Business app),
    /// `automation` (the bot on its own) or `app` (from Shopchat); `None` for a customer's.
    pub origin: Option<Origin>,
    /// Sent by the bot on its own (a command's answer, a greeting, an away message...).
    pub auto: bool,
    /// A customer's reply, classed `interested`, `not_interested`, `question` or `unknown`.
    pub class: Option<String>,
}

/// Who sent a shop's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The owner, from the WhatsApp Business app on the phone (the same number).
    Phone,
    /// The bot or another automation, on its own.
    Automation,
    /// Someone using Shopchat (the app or `shopchat`).
    App,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    In,
    Out,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Out => "out",
        }
    }
}

/// A row of the chat list: the contact and the latest message either way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChatSummary {
    pub wa_id: String,
    pub name: Option<String>,
    pub unread: i64,
    /// Unix seconds of the customer's latest message (the 24-hour window starts there).
    pub last_inbound_at: Option<i64>,
    pub last_message: Option<MessageView>,
    /// How the customer's latest classified reply was classed (`interested`, `not_interested`,
    /// `question`, `unknown`), for the chat list's filter.
    pub last_class: Option<String>,
}

/// How the outbox is doing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxCounts {
    /// Queued or waiting for a retry.
    pub pending: i64,
    pub in_flight: i64,
    /// Failed in the last 24 hours.
    pub failed: i64,
    /// In flight when the app stopped, in the last 24 hours: may or may not have been sent.
    pub unknown: i64,
}

#[cfg(test)]
mod tests {
    use super::MessageStatus::{self, *};

    #[test]
    fn statuses_only_move_forward() {
        let order = [Queued, Sending, Sent, Delivered, Read, Played];
        for (i, a) in order.iter().enumerate() {
            for (j, b) in order.iter().enumerate() {
                assert_eq!(a.can_advance_to(*b), j > i, "{a:?} -> {b:?}");
            }
        }
    }

    #[test]
    fn failed_rules() {
        for s in [Queued, Sending, Sent, Delivered, Unknown] {
            assert!(s.can_advance_to(Failed), "{s:?}");
        }
        for s in [Read, Played, Failed] {
            assert!(!s.can_advance_to(Failed), "{s:?}");
        }
        for s in [Sent, Delivered, Read] {
            assert!(!Failed.can_advance_to(s), "failed -> {s:?}");
        }
        assert!(!Received.can_advance_to(Read));
    }

    #[test]
    fn names_round_trip() {
        for s in [
            Received, Queued, Sending, Sent, Delivered, Read, Played, Failed, Unknown,
        ] {
            assert_eq!(MessageStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
