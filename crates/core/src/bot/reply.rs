//! Queuing an automatic reply in the transaction that stores the message it answers: marked as
//! automatic in the chat, and noted for the rate limit.

use rusqlite::types::Value;
use wacloud::WaId;
use wacloud::send::{Content, Interactive, OutgoingMessage, ReplyButton};

use super::state;
use crate::compose;
use crate::events::DomainEvent;
use crate::store::{StoreError, WriteCtx, messages};

/// Queues `content` to `to` as an automatic reply. A refusal (the window closed meanwhile, a
/// text too long) sends nothing and is not an error: the customer's message is still stored.
pub fn send(
    ctx: &mut WriteCtx<'_>,
    to: &WaId,
    content: Content,
    now_ms: i64,
) -> Result<Option<i64>, StoreError> {
    let message = OutgoingMessage::new(to.clone(), content);
    let Ok(view) = compose::enqueue_free_form_with(ctx, &message, None)? else {
        return Ok(None);
    };
    mark(ctx, to.as_str(), view.id, now_ms)?;
    Ok(Some(view.id))
}

/// Marks the queued message `id` to `wa` as an automatic reply, noted for the rate limit.
pub(crate) fn mark(
    ctx: &mut WriteCtx<'_>,
    wa: &str,
    id: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    ctx.conn
        .prepare_cached("UPDATE messages SET auto = 1 WHERE id = ?1")?
        .execute([id])?;
    state::set(ctx.conn, wa, "last_auto_at", Value::Integer(now_ms))?;
    // The queued event went out without the mark; this one replaces it where shown.
    let message = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageUpdated { message });
    Ok(())
}

/// A text.
pub fn text(body: String) -> Content {
    Content::text(body, false)
}

/// A text with up to three reply buttons (`(id, title)`).
pub fn buttons(body: String, buttons: &[(&str, String)]) -> Content {
    let buttons: Vec<ReplyButton> = buttons
        .iter()
        .map(|(id, title)| ReplyButton::new(*id, title.chars().take(20).collect::<String>()))
        .collect();
    Content::interactive(Interactive::buttons(body, buttons))
}
