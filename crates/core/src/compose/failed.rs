//! What the owner can do with a message that failed: send it again (the same message, queued
//! anew: the 24-hour window checked again for anything but a template) or delete it from the
//! chat (only a failed one; the row stays for what points at it, unlisted and out of search).

use rusqlite::{OptionalExtension, params};
use wacloud::send::{Content, OutgoingMessage};

use super::SendError;
use super::texts::TEXTS;
use crate::events::DomainEvent;
use crate::i18n::say;
use crate::outbox;
use crate::store::{StoreError, WriteCtx, contacts, messages, now_ms, now_secs};
use crate::views::{Direction, MessageStatus, MessageView};

/// The failed outbound message `id` and its queued payload, or why it cannot be acted on.
fn failed(
    ctx: &mut WriteCtx<'_>,
    id: i64,
) -> Result<Result<(MessageView, Option<String>), SendError>, StoreError> {
    let Some(view) = ctx
        .conn
        .prepare_cached("SELECT id FROM messages WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|id| messages::get(ctx.conn, id))
        .transpose()?
    else {
        return Ok(Err(SendError::Invalid(say(
            TEXTS,
            "compose.no_message",
            &[("id", &id.to_string())],
        ))));
    };
    if view.direction != Direction::Out || view.status != MessageStatus::Failed {
        return Ok(Err(SendError::Invalid(say(
            TEXTS,
            "compose.not_failed",
            &[],
        ))));
    }
    let payload: Option<String> = ctx
        .conn
        .prepare_cached("SELECT payload FROM outbox WHERE message_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(Ok((view, payload)))
}

/// Queues the failed message `id` again, as it was.
pub fn retry(
    ctx: &mut WriteCtx<'_>,
    id: i64,
) -> Result<Result<MessageView, SendError>, StoreError> {
    let (view, payload) = match failed(ctx, id)? {
        Ok(found) => found,
        Err(refused) => return Ok(Err(refused)),
    };
    let Some(message) = payload.and_then(|p| serde_json::from_str::<OutgoingMessage>(&p).ok())
    else {
        return Ok(Err(SendError::Invalid(say(
            TEXTS,
            "compose.never_queued",
            &[],
        ))));
    };
    if !matches!(message.content, Content::Template { .. }) {
        let last = contacts::get(ctx.conn, &view.contact)?.and_then(|c| c.last_inbound_at);
        if !outbox::window_open(last, now_secs()) {
            return Ok(Err(SendError::OutsideWindow {
                last_inbound_at: last,
            }));
        }
    }
    let now = now_ms();
    ctx.conn
        .prepare_cached(
            "UPDATE messages SET status = 'queued', status_at = ?2, wamid = NULL, error_code = NULL,
                 error_subcode = NULL, error_title = NULL, error_message = NULL,
                 error_details = NULL, error_fbtrace_id = NULL
             WHERE id = ?1",
        )?
        .execute(params![id, now_secs()])?;
    ctx.conn
        .prepare_cached(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?2,
                 last_error = NULL, updated_at = ?2
             WHERE message_id = ?1",
        )?
        .execute(params![id, now])?;
    let view = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageUpdated {
        message: view.clone(),
    });
    Ok(Ok(view))
}

/// Deletes the failed message `id` from the chat.
pub fn delete(ctx: &mut WriteCtx<'_>, id: i64) -> Result<Result<(), SendError>, StoreError> {
    let view = match failed(ctx, id)? {
        Ok((view, _)) => view,
        Err(refused) => return Ok(Err(refused)),
    };
    ctx.conn
        .prepare_cached("UPDATE messages SET deleted_at = ?2, text = NULL WHERE id = ?1")?
        .execute(params![id, now_ms()])?;
    ctx.conn
        .prepare_cached("DELETE FROM outbox WHERE message_id = ?1 AND state = 'failed'")?
        .execute([id])?;
    ctx.emit(DomainEvent::MessageDeleted {
        id,
        contact: view.contact,
    });
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use wacloud::WaId;
    use wacloud::send::TemplateMessage;

    use super::*;
    use crate::store::{Store, search};

    const ANA: &str = "15550100001";

    /// A message of the shop's to Ana, queued then failed; Ana last wrote `wrote_ago` seconds ago.
    async fn failed_message(store: &Store, content: Content, wrote_ago: i64) -> i64 {
        store
            .writer()
            .call(move |ctx| {
                contacts::upsert(ctx.conn, ANA, Some("Ana"), None)?;
                contacts::note_inbound(ctx.conn, ANA, now_secs() - wrote_ago)?;
                let message = OutgoingMessage::new(WaId::parse(ANA).expect("id"), content);
                let view = outbox::enqueue(ctx, &message)?;
                ctx.conn.execute(
                    "UPDATE messages SET status = 'failed', wamid = 'wamid.X' || id, error_code = 131026
                     WHERE id = ?1",
                    [view.id],
                )?;
                ctx.conn.execute(
                    "UPDATE outbox SET state = 'failed', attempts = 3 WHERE message_id = ?1",
                    [view.id],
                )?;
                Ok(view.id)
            })
            .await
            .expect("stored")
    }

    async fn outbox_row(store: &Store, id: i64) -> Option<(String, i64)> {
        store
            .read(move |c| {
                Ok(c.query_row(
                    "SELECT state, attempts FROM outbox WHERE message_id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
            })
            .await
            .expect("read")
    }

    #[tokio::test]
    async fn a_failed_text_is_queued_again_as_it_was_while_the_window_is_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let id = failed_message(&store, Content::text("See you at 5", false), 60).await;
        let view = store
            .writer()
            .call(move |ctx| retry(ctx, id))
            .await
            .expect("store")
            .expect("retried");
        assert_eq!(view.status, MessageStatus::Queued);
        assert_eq!((view.wamid.as_deref(), view.error.as_ref()), (None, None));
        assert_eq!(view.text.as_deref(), Some("See you at 5"));
        assert_eq!(outbox_row(&store, id).await, Some(("pending".into(), 0)));
        // Only a failed one: a second retry of the now queued message is refused.
        let again = store.writer().call(move |ctx| retry(ctx, id)).await;
        assert!(matches!(again, Ok(Err(SendError::Invalid(_)))), "{again:?}");
    }

    #[tokio::test]
    async fn outside_the_window_only_a_template_is_sent_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let day = 24 * 60 * 60;
        let text = failed_message(&store, Content::text("Hello?", false), 2 * day).await;
        let refused = store.writer().call(move |ctx| retry(ctx, text)).await;
        assert!(
            matches!(refused, Ok(Err(SendError::OutsideWindow { .. }))),
            "{refused:?}"
        );
        assert_eq!(outbox_row(&store, text).await, Some(("failed".into(), 3)));
        let template = Content::template(TemplateMessage::new("order_ready", "en_US"));
        let template = failed_message(&store, template, 2 * day).await;
        let retried = store.writer().call(move |ctx| retry(ctx, template)).await;
        assert!(matches!(retried, Ok(Ok(_))), "{retried:?}");
    }

    #[tokio::test]
    async fn a_deleted_failed_message_leaves_the_chat_and_the_search() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let id = failed_message(&store, Content::text("unicorn sprinkles", false), 60).await;
        let found = |q: &'static str| {
            let store = store.clone();
            async move {
                store
                    .read(move |c| search::search(c, q, 10))
                    .await
                    .expect("search")
                    .len()
            }
        };
        assert_eq!(found("unicorn").await, 1);
        store
            .writer()
            .call(move |ctx| delete(ctx, id))
            .await
            .expect("store")
            .expect("deleted");
        let listed = store
            .read(|c| messages::list_for_contact(c, ANA, 50))
            .await
            .expect("list");
        assert!(listed.iter().all(|m| m.id != id), "still listed");
        assert_eq!(found("unicorn").await, 0);
        assert_eq!(outbox_row(&store, id).await, None);
        let twice = store.writer().call(move |ctx| delete(ctx, id)).await;
        assert!(matches!(twice, Ok(Err(SendError::Invalid(_)))), "{twice:?}");
    }
}
