//! Sending a message: `POST /{phone-number-id}/messages` with any [`OutgoingMessage`].

use tracing::debug;

use super::{OutgoingMessage, SendResponse};
use crate::client::GraphClient;
use crate::error::{ErrorKind, GraphError};
use crate::ids::PhoneNumberId;
use crate::observe::Endpoint;

impl GraphClient {
    /// Sends a message: `POST /{phone-number-id}/messages`.
    pub async fn send_message(
        &self,
        phone_number_id: &PhoneNumberId,
        message: &OutgoingMessage,
    ) -> Result<SendResponse, GraphError> {
        let url = self.url(&format!("{phone_number_id}/messages"));
        debug!(to = %message.to, kind = message.content.type_name(), "sending message");
        let request = self
            .http()
            .post(url)
            .bearer_auth(self.token())
            .json(message);
        let response: SendResponse = self.execute(Endpoint::Messages, request).await?;
        if response.messages.is_empty() {
            // A success without an id: Meta took the request, so it may be on its way.
            let mut err =
                GraphError::local(ErrorKind::Decode, "the send answer holds no message id");
            err.http_status = Some(200);
            return Err(err);
        }
        Ok(response)
    }
}
