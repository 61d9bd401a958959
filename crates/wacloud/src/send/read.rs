//! Read receipts and the typing indicator: `POST /{phone-number-id}/messages` with
//! `{"messaging_product": "whatsapp", "status": "read", "message_id": WAMID}`, plus
//! `"typing_indicator": {"type": "text"}` to show "typing…" until the reply is sent (or for about
//! 25 seconds). Marking a message read also marks the earlier ones of the conversation read.
//!
//! ```no_run
//! # async fn demo(client: wacloud::GraphClient) -> Result<(), wacloud::GraphError> {
//! use wacloud::{PhoneNumberId, Wamid};
//! let phone = PhoneNumberId::parse("106540352242922").unwrap();
//! let received = Wamid::parse("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA").unwrap();
//! client.mark_read(&phone, &received, true).await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use tracing::debug;

use super::MessagingProduct;
use crate::client::GraphClient;
use crate::error::{ErrorKind, GraphError};
use crate::ids::{PhoneNumberId, Wamid};
use crate::observe::Endpoint;

/// The body of a read receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadReceipt {
    /// Always `"whatsapp"`.
    pub messaging_product: MessagingProduct,
    /// Always `"read"`.
    pub status: ReadStatus,
    /// The received message to mark read.
    pub message_id: Wamid,
    /// Set to show the typing indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typing_indicator: Option<TypingIndicator>,
}

impl ReadReceipt {
    /// A receipt for `message_id`, with the typing indicator when `typing`.
    pub fn new(message_id: Wamid, typing: bool) -> Self {
        Self {
            messaging_product: MessagingProduct::Whatsapp,
            status: ReadStatus::Read,
            message_id,
            typing_indicator: typing.then_some(TypingIndicator {
                kind: TypingIndicatorKind::Text,
            }),
        }
    }
}

/// Always `"read"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReadStatus {
    /// The message was read.
    Read,
}

/// `{"type": "text"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypingIndicator {
    /// The only kind is `text`.
    #[serde(rename = "type")]
    pub kind: TypingIndicatorKind,
}

/// The kind of typing indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypingIndicatorKind {
    /// "typing…".
    Text,
}

/// `{"success": true}`.
#[derive(Debug, Deserialize)]
struct Success {
    success: bool,
}

impl GraphClient {
    /// Marks `message_id` (a received message) read, and shows the typing indicator when
    /// `typing`: `POST /{phone-number-id}/messages`.
    pub async fn mark_read(
        &self,
        phone_number_id: &PhoneNumberId,
        message_id: &Wamid,
        typing: bool,
    ) -> Result<(), GraphError> {
        debug!(%message_id, typing, "marking a message read");
        let receipt = ReadReceipt::new(message_id.clone(), typing);
        let answer: Success = self
            .post_json(
                Endpoint::Messages,
                &format!("{phone_number_id}/messages"),
                Some(&receipt),
            )
            .await?;
        if answer.success {
            Ok(())
        } else {
            let mut err = GraphError::local(
                ErrorKind::Other,
                "the Graph API did not confirm the read receipt",
            );
            err.http_status = Some(200);
            Err(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn receipt_shapes() {
        let id = Wamid::parse("wamid.XYZ").unwrap();
        let plain = ReadReceipt::new(id.clone(), false);
        let wire =
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.XYZ"});
        assert_eq!(serde_json::to_value(&plain).unwrap(), wire);
        assert_eq!(serde_json::from_value::<ReadReceipt>(wire).unwrap(), plain);
        assert_eq!(
            serde_json::to_value(ReadReceipt::new(id, true)).unwrap(),
            json!({
                "messaging_product": "whatsapp", "status": "read", "message_id": "wamid.XYZ",
                "typing_indicator": {"type": "text"}
            })
        );
    }
}
