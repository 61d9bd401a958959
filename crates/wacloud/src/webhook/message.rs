//! Inbound messages, of every type the Cloud API delivers.
//!
//! A message keeps its type as a string, so a type this crate does not know yet still parses;
//! the object for each known type is an optional field.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{ApiErrorObject, unix_seconds};
use crate::ids::{WaId, Wamid};

/// A message a customer sent.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InboundMessage {
    pub from: WaId,
    pub id: Wamid,
    #[serde(deserialize_with = "unix_seconds")]
    pub timestamp: i64,
    /// The Cloud API type: `text`, `image`, ..., `unsupported`, or one added later.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub context: Option<MessageContext>,
    #[serde(default)]
    pub text: Option<TextBody>,
    #[serde(default)]
    pub image: Option<Media>,
    #[serde(default)]
    pub video: Option<Media>,
    #[serde(default)]
    pub audio: Option<Media>,
    #[serde(default)]
    pub document: Option<Media>,
    #[serde(default)]
    pub sticker: Option<Media>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub contacts: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub interactive: Option<Interactive>,
    #[serde(default)]
    pub button: Option<Button>,
    #[serde(default)]
    pub reaction: Option<Reaction>,
    #[serde(default)]
    pub order: Option<serde_json::Value>,
    #[serde(default)]
    pub system: Option<System>,
    #[serde(default)]
    pub referral: Option<serde_json::Value>,
    #[serde(default)]
    pub errors: Vec<ApiErrorObject>,
}

impl InboundMessage {
    pub fn parse(raw: &RawValue) -> Result<Self, serde_json::Error> {
        serde_json::from_str(raw.get())
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
}

/// `context` on an inbound message: a reply (`id`), or a forward.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MessageContext {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub id: Option<Wamid>,
    #[serde(default)]
    pub forwarded: Option<bool>,
    #[serde(default)]
    pub frequently_forwarded: Option<bool>,
    /// Set when the customer asks about a catalogue product.
    #[serde(default)]
    pub referred_product: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TextBody {
    pub body: String,
}

/// An image, video, audio, document or sticker.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Media {
    /// The media id, to download with `GET /{media-id}`.
    pub id: String,
    #[serde(default)]
    pub mime_type: Option<String>,
    #[serde(default)]
    pub sha256: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    /// Audio: `true` for a voice note.
    #[serde(default)]
    pub voice: Option<bool>,
    /// Sticker: `true` when animated.
    #[serde(default)]
    pub animated: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A reply to an interactive message.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Interactive {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub button_reply: Option<InteractiveReply>,
    #[serde(default)]
    pub list_reply: Option<InteractiveReply>,
    #[serde(default)]
    pub nfm_reply: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct InteractiveReply {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A template's quick-reply button press.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Button {
    #[serde(default)]
    pub payload: Option<String>,
    pub text: String,
}

/// A reaction; an empty emoji removes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Reaction {
    pub message_id: Wamid,
    #[serde(default)]
    pub emoji: Option<String>,
}

/// A system message (e.g. the customer changed number).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct System {
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub wa_id: Option<String>,
    #[serde(default)]
    pub new_wa_id: Option<String>,
}
