//! The outbox: every send becomes a row first ([`enqueue`]); the [`worker`] sends the rows.

mod attempt;
pub mod breaker;
mod limits;
pub(crate) mod texts;
mod upload;
pub mod worker;

use wacloud::send::OutgoingMessage;

use self::texts::TEXTS;
use crate::delivery::emit_contact;
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::store::messages::{self, StoredError};
use crate::store::{StoreError, WriteCtx, contacts, now_secs, outbox};
use crate::views::{MessageStatus, MessageView};

/// How long after a customer's last message the shop may write to them freely (the Cloud API's
/// customer-service window).
pub const WINDOW_SECS: i64 = 24 * 60 * 60;

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{0}")]
    Invalid(String),
    /// A free-form message to a customer whose 24-hour window is closed: Meta would refuse it
    /// (131047), so it is refused before any request.
    #[error("{}", outside_window_message(*.last_inbound_at))]
    OutsideWindow {
        /// Unix seconds of the customer's last message, if they ever wrote.
        last_inbound_at: Option<i64>,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn outside_window_message(last_inbound_at: Option<i64>) -> String {
    let since = match last_inbound_at {
        Some(at) => {
            let hours = (now_secs() - at).max(0) / 3600;
            say(
                TEXTS,
                "outbox.last_wrote_hours_ago",
                &[("hours", &hours.to_string())],
            )
        }
        None => say(TEXTS, "outbox.never_wrote", &[]),
    };
    say(TEXTS, "outbox.window_closed", &[("since", &since)])
}

/// Whether a free-form message may go to a customer whose last message was at `last_inbound_at`.
pub fn window_open(last_inbound_at: Option<i64>, now_secs: i64) -> bool {
    last_inbound_at.is_some_and(|at| now_secs - at < WINDOW_SECS)
}

/// Queues a free-form `message` if the customer's 24-hour window is open; refuses it otherwise.
pub fn enqueue_free_form(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
) -> Result<Result<MessageView, SendError>, StoreError> {
    let last = contacts::get(ctx.conn, message.to.as_str())?.and_then(|c| c.last_inbound_at);
    if !window_open(last, now_secs()) {
        return Ok(Err(SendError::OutsideWindow {
            last_inbound_at: last,
        }));
    }
    enqueue(ctx, message).map(Ok)
}

/// Queues `message`: the message row (`queued`) and its outbox row, in one transaction.
pub fn enqueue(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
) -> Result<MessageView, StoreError> {
    enqueue_with_text(ctx, message, None)
}

/// [`enqueue`], the chat showing `text` (a template's body as the customer reads it) instead of
/// the message's own summary.
pub fn enqueue_with_text(
    ctx: &mut WriteCtx<'_>,
    message: &OutgoingMessage,
    text: Option<&str>,
) -> Result<MessageView, StoreError> {
    let to = message.to.as_str();
    let payload = serde_json::to_string(message).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    contacts::upsert(ctx.conn, to, None, None)?;
    let now = now_secs();
    let id = messages::insert_outbound(
        ctx.conn,
        to,
        message.content.type_name(),
        match (&message.content, text) {
            (wacloud::send::Content::Reaction { .. }, _) => None,
            (_, Some(text)) => Some(std::borrow::Cow::Borrowed(text)),
            (other, None) => other.display_text(),
        }
        .as_deref(),
        &payload,
        now,
        message.context.as_ref().map(|c| c.message_id.as_str()),
    )?;
    outbox::insert(ctx.conn, id, to, &payload)?;
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
    // A file message still uploading its file never reached the send: it is simply queued again.
    let uploading = outbox::requeue_uploading(ctx.conn)?;
    for id in &uploading {
        messages::set_status(ctx.conn, *id, MessageStatus::Queued, now_secs(), None)?;
    }
    let ids = outbox::take_in_flight(ctx.conn)?;
    let error = StoredError {
        title: say(TEXTS, "outbox.interrupted", &[]),
        details: Some(say(TEXTS, "outbox.interrupted_details", &[])),
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
        crate::broadcasts::track::on_status(ctx, *id, MessageStatus::Unknown, Some(&error))?;
        // Its status webhook may have come before the crash: then it is not in doubt.
        if !crate::delivery::settle_if_reported(ctx, *id)? {
            crate::delivery::emit_status(ctx, *id)?;
        }
    }
    Ok(ids.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_24_hours_from_the_last_inbound_message() {
        let now = 1_800_000_000;
        assert!(!window_open(None, now));
        assert!(window_open(Some(now), now));
        assert!(window_open(Some(now - WINDOW_SECS + 1), now));
        assert!(!window_open(Some(now - WINDOW_SECS), now));
        let never = SendError::OutsideWindow {
            last_inbound_at: None,
        };
        assert!(never.to_string().contains("has not written"), "{never}");
        assert!(never.to_string().contains("template"), "{never}");
        let es = crate::i18n::with_lang(crate::i18n::Lang::Es, || never.to_string());
        assert_eq!(
            es,
            "La ventana de 24 horas está cerrada (este cliente todavía no le ha escrito a la \
             tienda): WhatsApp solo deja que una tienda escriba libremente en las 24 horas \
             siguientes al último mensaje del cliente. Envía una plantilla de mensaje aprobada \
             en su lugar."
        );
        let days_ago = SendError::OutsideWindow {
            last_inbound_at: Some(now_secs() - 2 * WINDOW_SECS),
        };
        let es = crate::i18n::with_lang(crate::i18n::Lang::Es, || days_ago.to_string());
        assert!(es.contains("escribió por última vez hace 48 horas"), "{es}");
    }
}
