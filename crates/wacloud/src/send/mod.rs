//! What the client puts on the wire for `POST /{phone-number-id}/messages`: every kind of
//! message the Cloud API sends, and read receipts.
//!
//! * [`Content`]: text, reaction, image / video / audio / document / sticker ([`media`]),
//!   location, contacts, interactive reply buttons and lists ([`interactive`], [`list`]),
//!   templates ([`template`]).
//! * [`OutgoingMessage`]: the envelope (`messaging_product`, `to`, a reply's `context`, ...).
//!   It serialises to exactly the wire JSON and deserialises back from it, so a queued payload
//!   can be stored as JSON and sent later.
//! * [`GraphClient::mark_read`](crate::GraphClient::mark_read): read receipts and the typing
//!   indicator ([`read`]).
//!
//! Every [`Content`] has [`Content::validate`], which refuses what the Cloud API would refuse
//! with a sentence naming the limit.
//!
//! ```
//! use wacloud::send::{OutgoingMessage, Content};
//! use wacloud::WaId;
//! let msg = OutgoingMessage::new(WaId::parse("15550100001").unwrap(), Content::text("Hello", false));
//! let wire = serde_json::json!({
//!     "messaging_product": "whatsapp",
//!     "recipient_type": "individual",
//!     "to": "15550100001",
//!     "type": "text",
//!     "text": {"body": "Hello", "preview_url": false}
//! });
//! assert_eq!(serde_json::to_value(&msg).unwrap(), wire);
//! assert_eq!(serde_json::from_value::<OutgoingMessage>(wire).unwrap(), msg);
//! ```

mod contacts;
mod content;
pub mod interactive;
mod limits;
pub mod list;
mod location;
pub mod media;
mod post;
pub mod read;
pub mod template;
mod template_checks;
mod text;

use serde::{Deserialize, Serialize};

pub use contacts::{
    Contact, ContactAddress, ContactEmail, ContactName, ContactOrg, ContactPhone, ContactUrl,
};
pub use content::Content;
pub use interactive::{
    ActionButton, ButtonAction, Interactive, InteractiveHeader, InteractiveText, ReplyButton,
};
pub use list::{ListAction, ListRow, ListSection};
pub use location::Location;
pub use media::{MAX_CAPTION_LEN, Media, MediaKind, MediaSource};
pub use read::{ReadReceipt, ReadStatus, TypingIndicator, TypingIndicatorKind};
pub use template::{
    TemplateButtonKind, TemplateComponent, TemplateLanguage, TemplateMessage, TemplateParameter,
};
pub use template_checks::{
    MAX_BODY_ONLY_PARAM_LEN, MAX_BODY_PARAM_LEN, MAX_BUTTON_INDEX, MAX_COUPON_CODE_LEN,
    MAX_HEADER_PARAM_LEN, MAX_TEMPLATE_NAME_LEN,
};
pub use text::{MAX_TEXT_LEN, Reaction, Text};

use crate::ids::{WaId, Wamid};

/// A message to one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingMessage {
    /// Always `"whatsapp"`.
    pub messaging_product: MessagingProduct,
    /// Always `"individual"`.
    pub recipient_type: RecipientType,
    /// The customer.
    pub to: WaId,
    /// Set when the message replies to another one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ReplyContext>,
    /// An opaque string (at most 512 characters) Meta echoes in this message's status webhooks:
    /// it ties a status to the send even when the send's answer (the wamid) was lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_opaque_callback_data: Option<String>,
    /// `"type": T` and the object named `T`.
    #[serde(flatten)]
    pub content: Content,
}

impl OutgoingMessage {
    /// A message of `content` to `to`.
    pub fn new(to: WaId, content: Content) -> Self {
        Self {
            messaging_product: MessagingProduct::Whatsapp,
            recipient_type: RecipientType::Individual,
            to,
            context: None,
            biz_opaque_callback_data: None,
            content,
        }
    }

    /// Sets the data Meta echoes in this message's status webhooks.
    pub fn with_callback_data(mut self, data: impl Into<String>) -> Self {
        self.biz_opaque_callback_data = Some(data.into());
        self
    }

    /// Makes this message a reply to `message_id`.
    pub fn replying_to(mut self, message_id: Wamid) -> Self {
        self.context = Some(ReplyContext { message_id });
        self
    }
}

/// Always `"whatsapp"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessagingProduct {
    /// WhatsApp.
    Whatsapp,
}

/// Always `"individual"` for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecipientType {
    /// One customer.
    Individual,
}

/// `"context": {"message_id": WAMID}`: the message replied to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyContext {
    /// The message replied to.
    pub message_id: Wamid,
}

/// The answer to a successful send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponse {
    /// `"whatsapp"`.
    #[serde(default)]
    pub messaging_product: Option<String>,
    /// The recipient as sent and as WhatsApp knows it.
    #[serde(default)]
    pub contacts: Vec<SendResponseContact>,
    /// The sent message's id.
    pub messages: Vec<SendResponseMessage>,
}

/// `{"input", "wa_id"}` in a send answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponseContact {
    /// The `to` of the request.
    pub input: String,
    /// The recipient's WhatsApp id.
    pub wa_id: String,
}

/// `{"id", "message_status"}` in a send answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponseMessage {
    /// The new message's wamid.
    pub id: Wamid,
    /// `accepted`, or `held_for_quality_assessment` for some templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_status: Option<String>,
}

#[cfg(test)]
mod tests;
