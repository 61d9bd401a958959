//! The outbox: every send becomes a row first ([`enqueue`]); the [`worker`] sends the rows.

pub mod worker;

use wacloud::send::OutgoingMessage;

use crate::delivery::emit_contact;
use crate::events::DomainEvent;
use crate::store::messages::{self, StoredError};
use crate::store::{StoreError, WriteCtx, contacts, now_secs, outbox};
use crate::views::{MessageStatus, MessageView};

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Queues `message`: the message row (`queued`) and its outbox row, in one transaction.
pub fn enqueue(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
) -> Result<MessageView, StoreError> {
    let to = message.to.as_str();
    let payload = serde_json::to_string(message).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    contacts::upsert(ctx.conn, to, None, None)?;
    let now = now_secs();
    let id = messages::insert_outbound(
        ctx.conn,
        to,
        message.content.type_name(),
        message.content.display_text(),
        &payload,
        now,
        message.context.as_ref().map(|c| c.message_id.as_str()),
    )?;
    outbox::insert(ctx.conn, id, &payload)?;
    contacts::note_outbound(ctx.conn, to, now)?;
    let view = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageQueued {
        message: view.clone(),
    });
    emit_contact(ctx, to)?;
    Ok(view)
}

/// Checks a message before it is queued.
pub fn validate(message: &OutgoingMessage) -> Result<(), SendError> {
    message.content.validate().map_err(SendError::Invalid)
}

/// At start-up: rows left in flight by a crash become `unknown`, to be resent by a person, never
/// silently (the request may have reached Meta).
pub fn recover_in_flight(ctx: &mut WriteCtx<'_>) -> Result<usize, StoreError> {
    let ids = outbox::take_in_flight(ctx.conn)?;
    let error = StoredError {
        title: "Send interrupted".into(),
        details: Some(
            "Shopchat stopped while this message was being sent. It may or may not have reached the customer; resend it if needed."
                .into(),
        ),
        ..StoredError::default()
    };
    for id in &ids {
        messages::set_status(
            ctx.conn,
            *id,
            MessageStatus::Unknown,
            now_secs(),
            Some(&error),
        )?;
        crate::delivery::emit_status(ctx, *id)?;
    }
    Ok(ids.len())
}
