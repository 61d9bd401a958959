//! The chats as the engine serves them: contacts, the chat list, a conversation's pages, reading
//! a chat, search, and queuing what the shop sends.

use wacloud::send::{Content, OutgoingMessage};
use wacloud::{WaId, Wamid};

use super::{Engine, EngineError};
use crate::compose::{self, SendRequest};
use crate::outbox::{self, SendError};
use crate::store::{Store, StoreError, contacts, messages};
use crate::views::{ChatSummary, ContactView, MessageView, SearchHit};

impl Engine {
    /// Queues a text message and wakes the outbox.
    pub async fn send_text(
        &self,
        to: &str,
        body: &str,
        reply_to: Option<&str>,
    ) -> Result<MessageView, EngineError> {
        let view = queue_text(&self.store, to, body, reply_to).await?;
        self.signal.notify();
        Ok(view)
    }

    /// Queues any kind of message (see [`crate::compose`]) and wakes the outbox.
    pub async fn send(&self, request: SendRequest) -> Result<MessageView, EngineError> {
        let view = compose::queue(&self.store, &self.media_dir, request).await?;
        self.signal.notify();
        Ok(view)
    }

    /// Sends the failed message `id` again, as it was.
    pub async fn retry_message(&self, id: i64) -> Result<MessageView, EngineError> {
        let view = self
            .store
            .writer()
            .call(move |ctx| crate::compose::failed::retry(ctx, id))
            .await??;
        self.signal.notify();
        Ok(view)
    }

    /// Deletes the failed message `id` from its chat.
    pub async fn delete_message(&self, id: i64) -> Result<(), EngineError> {
        Ok(self
            .store
            .writer()
            .call(move |ctx| crate::compose::failed::delete(ctx, id))
            .await??)
    }

    pub async fn contacts(&self) -> Result<Vec<ContactView>, EngineError> {
        Ok(self.store.read(contacts::list).await?)
    }

    pub async fn contact(&self, wa_id: &str) -> Result<Option<ContactView>, EngineError> {
        let wa_id = wa_id.to_owned();
        Ok(self.store.read(move |c| contacts::get(c, &wa_id)).await?)
    }

    /// The chat list, the most recent conversation first.
    pub async fn chats(&self) -> Result<Vec<ChatSummary>, EngineError> {
        Ok(self.store.read(contacts::chats).await?)
    }

    /// The latest `limit` messages with a contact, oldest first.
    pub async fn messages(
        &self,
        contact: &str,
        limit: u32,
    ) -> Result<Vec<MessageView>, EngineError> {
        self.messages_page(contact, None, limit).await
    }

    /// Up to `limit` messages older than `before_id` (or the latest), oldest first.
    pub async fn messages_page(
        &self,
        contact: &str,
        before_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<MessageView>, EngineError> {
        let contact = contact.to_owned();
        Ok(self
            .store
            .read(move |c| messages::page_for_contact(c, &contact, before_id, limit))
            .await?)
    }

    /// The owner has read the chat: its unread count goes to zero, and the customer sees their
    /// latest message read (blue ticks), as in WhatsApp itself.
    pub async fn mark_read(&self, contact: &str) -> Result<(), EngineError> {
        let who = contact.to_owned();
        let latest = self
            .store
            .writer()
            .call(move |ctx| {
                let unread = contacts::mark_read(ctx.conn, &who)?;
                if unread {
                    crate::delivery::emit_contact(ctx, &who)?;
                }
                // Only when there was something unread: a read receipt per visit is noise.
                Ok::<_, StoreError>(if unread {
                    messages::latest_inbound_wamid(ctx.conn, &who)?
                } else {
                    None
                })
            })
            .await?;
        if let Some(wamid) = latest.and_then(|w| Wamid::parse(&w).ok()) {
            // Best effort, off the caller's path: a receipt that fails loses nothing.
            let (graph, number) = (self.graph.clone(), self.phone_number_id.clone());
            tokio::spawn(async move {
                if let Err(e) = graph.mark_read(&number, &wamid, false).await {
                    tracing::debug!(error = %e, "the read receipt was not sent");
                }
            });
        }
        Ok(())
    }

    /// Messages across all chats whose text matches `query` (every word; the last as a prefix),
    /// newest first.
    pub async fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, EngineError> {
        let query = query.to_owned();
        Ok(self
            .store
            .read(move |c| crate::store::search::search(c, &query, limit))
            .await?)
    }
}

/// Validates and queues a text message in `store` (a running engine sends it); refused with
/// [`SendError::OutsideWindow`] when the customer's 24-hour window is closed.
pub async fn queue_text(
    store: &Store,
    to: &str,
    body: &str,
    reply_to: Option<&str>,
) -> Result<MessageView, SendError> {
    let message = text_message(to, body, reply_to)?;
    store
        .writer()
        .call(move |ctx| outbox::enqueue_free_form(ctx, &message))
        .await?
}

/// A text message, checked as the Cloud API would check it, before anything is stored.
pub fn text_message(
    to: &str,
    body: &str,
    reply_to: Option<&str>,
) -> Result<OutgoingMessage, SendError> {
    let invalid = |e: wacloud::IdError| SendError::Invalid(crate::compose::refusals::id_error(&e));
    let mut message = OutgoingMessage::new(
        WaId::parse(to).map_err(invalid)?,
        Content::text(body, false),
    );
    if let Some(r) = reply_to {
        message = message.replying_to(Wamid::parse(r).map_err(invalid)?);
    }
    outbox::validate(&message)?;
    Ok(message)
}
