//! Inbound messages, of every type the Cloud API delivers.
//!
//! A message keeps its type as a string, so a type this crate does not know yet still parses;
//! the object for each known type is an optional field. [`InboundMessage::kind`] gives the type as
//! a [`MessageKind`], and the accessors ([`InboundMessage::contact_cards`],
//! [`InboundMessage::order_details`], [`InboundMessage::referral_details`],
//! [`InboundMessage::flow_reply`]) type the parts kept as raw JSON, leniently.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::cards::ContactCard;
use super::commerce::{Order, Referral};
use super::content::{
    Button, Interactive, Location, Media, MessageContext, NfmReply, Reaction, System, TextBody,
    Unsupported,
};
use super::fields_sync::HistoryContext;
use super::kind::MessageKind;
use super::{ApiErrorObject, lenient, unix_seconds};
use crate::ids::{WaId, Wamid};

/// A message a customer sent.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InboundMessage {
    /// The customer's WhatsApp id (phone number).
    pub from: WaId,
    /// The message id (`wamid...`): deduplicate by it.
    pub id: Wamid,
    /// When the customer sent it, in unix seconds.
    #[serde(deserialize_with = "unix_seconds")]
    pub timestamp: i64,
    /// The Cloud API type: `text`, `image`, ..., `unsupported`, or one added later.
    #[serde(rename = "type")]
    pub kind: String,
    /// The customer's business-scoped user id (newer payloads).
    #[serde(default)]
    pub from_user_id: Option<String>,
    /// The customer's parent business-scoped user id, when parent ids are enabled.
    #[serde(default)]
    pub from_parent_user_id: Option<String>,
    /// The group the message was sent in, for group chats.
    #[serde(default)]
    pub group_id: Option<String>,
    /// The customer, on a message the business sent (`smb_message_echoes`, `history`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub to: Option<String>,
    /// How far a message of a `history` thread got.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub history_context: Option<HistoryContext>,
    /// A reply, a forward or a product enquiry.
    #[serde(default)]
    pub context: Option<MessageContext>,
    /// `type: text`.
    #[serde(default)]
    pub text: Option<TextBody>,
    /// `type: image`.
    #[serde(default)]
    pub image: Option<Media>,
    /// `type: video`.
    #[serde(default)]
    pub video: Option<Media>,
    /// `type: audio` (a voice note has `voice: true`).
    #[serde(default)]
    pub audio: Option<Media>,
    /// `type: document`.
    #[serde(default)]
    pub document: Option<Media>,
    /// `type: sticker`.
    #[serde(default)]
    pub sticker: Option<Media>,
    /// `type: location`.
    #[serde(default)]
    pub location: Option<Location>,
    /// `type: contacts`, raw: typed by [`InboundMessage::contact_cards`].
    #[serde(default)]
    pub contacts: Option<Vec<serde_json::Value>>,
    /// `type: interactive`.
    #[serde(default)]
    pub interactive: Option<Interactive>,
    /// `type: button`.
    #[serde(default)]
    pub button: Option<Button>,
    /// `type: reaction`.
    #[serde(default)]
    pub reaction: Option<Reaction>,
    /// `type: order`, raw: typed by [`InboundMessage::order_details`].
    #[serde(default)]
    pub order: Option<serde_json::Value>,
    /// `type: system`.
    #[serde(default)]
    pub system: Option<System>,
    /// The ad or post the chat started from, raw: typed by [`InboundMessage::referral_details`].
    #[serde(default)]
    pub referral: Option<serde_json::Value>,
    /// `type: unsupported`: what the customer sent, when Meta says.
    #[serde(default)]
    pub unsupported: Option<Unsupported>,
    /// Why the message could not be delivered in full (`type: unsupported`).
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
}

impl InboundMessage {
    /// Parses one raw message of [`super::MessagesValue::messages`].
    pub fn parse(raw: &RawValue) -> Result<Self, serde_json::Error> {
        serde_json::from_str(raw.get())
    }

    /// The type as an enum; a type this crate does not know is [`MessageKind::Other`].
    pub fn kind(&self) -> MessageKind {
        MessageKind::parse(&self.kind)
    }

    /// The text a person reads first: a text body, a media caption, a reply's title, a
    /// template button's text, a system message's body.
    pub fn text(&self) -> Option<&str> {
        if let Some(t) = &self.text {
            return Some(&t.body);
        }
        let media = [
            &self.image,
            &self.video,
            &self.document,
            &self.audio,
            &self.sticker,
        ];
        if let Some(caption) = media
            .into_iter()
            .flatten()
            .find_map(|m| m.caption.as_deref())
        {
            return Some(caption);
        }
        if let Some(i) = &self.interactive
            && let Some(r) = i.button_reply.as_ref().or(i.list_reply.as_ref())
        {
            return Some(&r.title);
        }
        if let Some(b) = &self.button {
            return Some(&b.text);
        }
        if let Some(s) = &self.system {
            return s.body.as_deref();
        }
        None
    }

    /// The media object, for image / video / audio / document / sticker messages.
    pub fn media(&self) -> Option<&Media> {
        [
            &self.image,
            &self.video,
            &self.audio,
            &self.document,
            &self.sticker,
        ]
        .into_iter()
        .flatten()
        .next()
    }

    /// The message this one replies to, if any.
    pub fn reply_to(&self) -> Option<&Wamid> {
        self.context.as_ref().and_then(|c| c.id.as_ref())
    }

    /// Whether the customer forwarded this message.
    pub fn is_forwarded(&self) -> bool {
        self.context
            .as_ref()
            .is_some_and(MessageContext::is_forwarded)
    }

    /// The shared contact cards (`type: contacts`); a card that cannot be read is skipped.
    pub fn contact_cards(&self) -> Vec<ContactCard> {
        self.contacts
            .iter()
            .flatten()
            .filter_map(|v| ContactCard::deserialize(v).ok())
            .collect()
    }

    /// The cart (`type: order`), when it can be read.
    pub fn order_details(&self) -> Option<Order> {
        self.order.as_ref().and_then(|v| Order::deserialize(v).ok())
    }

    /// The click-to-WhatsApp ad or post the chat started from, when it can be read.
    pub fn referral_details(&self) -> Option<Referral> {
        self.referral
            .as_ref()
            .and_then(|v| Referral::deserialize(v).ok())
    }

    /// A flow's (or address message's) answer (`interactive.nfm_reply`), when it can be read.
    pub fn flow_reply(&self) -> Option<NfmReply> {
        self.interactive.as_ref().and_then(Interactive::flow_reply)
    }
}
