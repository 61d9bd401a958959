//! What the client puts on the wire for `POST /{phone-number-id}/messages`.
//!
//! ```
//! use wacloud::send::{OutgoingMessage, Content};
//! use wacloud::WaId;
//! let msg = OutgoingMessage::new(WaId::parse("15550100001").unwrap(), Content::text("Hello", false));
//! assert_eq!(
//!     serde_json::to_value(&msg).unwrap(),
//!     serde_json::json!({
//!         "messaging_product": "whatsapp",
//!         "recipient_type": "individual",
//!         "to": "15550100001",
//!         "type": "text",
//!         "text": {"body": "Hello", "preview_url": false}
//!     })
//! );
//! ```

use serde::{Deserialize, Serialize};

use crate::ids::{WaId, Wamid};

/// The longest text body the Cloud API accepts.
pub const MAX_TEXT_LEN: usize = 4096;

/// A message to one customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutgoingMessage {
    pub messaging_product: MessagingProduct,
    pub recipient_type: RecipientType,
    pub to: WaId,
    /// Set when the message replies to another one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ReplyContext>,
    /// An opaque string (at most 512 characters) Meta echoes in this message's status webhooks:
    /// it ties a status to the send even when the send's answer (the wamid) was lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_opaque_callback_data: Option<String>,
    #[serde(flatten)]
    pub content: Content,
}

impl OutgoingMessage {
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
    Whatsapp,
}

/// Always `"individual"` for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecipientType {
    Individual,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyContext {
    pub message_id: Wamid,
}

/// The message itself: `"type": T` and the object named `T`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Content {
    Text { text: Text },
}

impl Content {
    pub fn text(body: impl Into<String>, preview_url: bool) -> Self {
        Self::Text {
            text: Text {
                body: body.into(),
                preview_url,
            },
        }
    }

    /// The Cloud API's name for this type (`text`, `image`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Text { .. } => "text",
        }
    }

    /// The text a person reads: the body, or the caption.
    pub fn display_text(&self) -> Option<&str> {
        match self {
            Self::Text { text } => Some(&text.body),
        }
    }

    /// Checks what the Cloud API would refuse, before any request.
    pub fn validate(&self) -> Result<(), String> {
        match self {
            Self::Text { text } => {
                if text.body.trim().is_empty() {
                    Err("a text message cannot be empty".into())
                } else if text.body.chars().count() > MAX_TEXT_LEN {
                    Err(format!(
                        "a text message can be at most {MAX_TEXT_LEN} characters (this one has {})",
                        text.body.chars().count()
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub body: String,
    #[serde(default)]
    pub preview_url: bool,
}

/// The answer to a successful send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponse {
    #[serde(default)]
    pub messaging_product: Option<String>,
    #[serde(default)]
    pub contacts: Vec<SendResponseContact>,
    pub messages: Vec<SendResponseMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponseContact {
    pub input: String,
    pub wa_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponseMessage {
    pub id: Wamid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_status: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reply_shape() {
        let msg = OutgoingMessage::new(
            WaId::parse("15550100001").unwrap(),
            Content::text("Yes", true),
        )
        .replying_to(Wamid::parse("wamid.ABC").unwrap());
        assert_eq!(
            serde_json::to_value(&msg).unwrap(),
            json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": "15550100001",
                "context": {"message_id": "wamid.ABC"},
                "type": "text",
                "text": {"body": "Yes", "preview_url": true}
            })
        );
        let back: OutgoingMessage =
            serde_json::from_value(serde_json::to_value(&msg).unwrap()).unwrap();
        assert_eq!(back, msg);
    }

    #[test]
    fn text_validation() {
        assert!(Content::text("hi", false).validate().is_ok());
        assert!(Content::text("  ", false).validate().is_err());
        assert!(
            Content::text("x".repeat(MAX_TEXT_LEN), false)
                .validate()
                .is_ok()
        );
        assert!(
            Content::text("x".repeat(MAX_TEXT_LEN + 1), false)
                .validate()
                .is_err()
        );
    }
}
