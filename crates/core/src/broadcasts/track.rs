//! What happens to a broadcast's recipients after they are queued, written in the transaction
//! of the event that says so: the send's answer (the outbox worker), a status webhook, a reply.
//! Meta's answers that change the whole broadcast (a template paused or disabled, a send held
//! for quality assessment) pause it with the reason; throughput errors slow it down.

use rusqlite::{OptionalExtension, params};

use super::consent;
use super::reasons::stored;
use crate::store::messages::StoredError;
use crate::store::{StoreError, WriteCtx, now_ms};
use crate::views::MessageStatus;

/// How long a broadcast sends at half its rate after Meta said too fast (130429 / 131056).
pub const SLOW_DOWN_MS: i64 = 60_000;

/// How long after it was sent a customer's message counts as a reply to a broadcast.
pub const REPLY_WINDOW_MS: i64 = 7 * 24 * 3600 * 1000;

/// Meta's reason in words for a failed send to one recipient, as stored (in English; said in
/// the owner's language when read).
pub fn reason_for(code: Option<i64>, title: &str) -> String {
    match code {
        Some(131049) => stored("broadcasts.reason.131049", &[]),
        Some(131026) => stored("broadcasts.reason.131026", &[]),
        Some(131050) => stored("broadcasts.reason.131050", &[]),
        Some(131047) => stored("broadcasts.reason.131047", &[]),
        Some(132015) => stored("broadcasts.reason.132015", &[]),
        Some(132016) => stored("broadcasts.reason.132016", &[]),
        Some(c) => format!("{title} ({c})"),
        None => title.to_owned(),
    }
}

fn recipient_of(
    ctx: &WriteCtx<'_>,
    message_id: i64,
) -> Result<Option<(i64, i64, String, String)>, StoreError> {
    Ok(ctx
        .conn
        .prepare_cached(
            "SELECT id, broadcast_id, state, wa_id FROM broadcast_recipients WHERE message_id = ?1",
        )?
        .query_row([message_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

fn rank(state: &str) -> u8 {
    match state {
        "pending" => 0,
        "queued" => 1,
        "sent" => 2,
        "delivered" => 3,
        "read" => 4,
        "replied" => 5,
        _ => 6,
    }
}

/// Message `message_id` moved to `next` (called by [`crate::delivery`] for every change).
pub(crate) fn on_status(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    next: MessageStatus,
    error: Option<&StoredError>,
) -> Result<(), StoreError> {
    let Some((rid, bid, state, wa)) = recipient_of(ctx, message_id)? else {
        return Ok(());
    };
    let now = now_ms();
    let target = match next {
        MessageStatus::Sent => "sent",
        MessageStatus::Delivered => "delivered",
        MessageStatus::Read | MessageStatus::Played => "read",
        MessageStatus::Failed | MessageStatus::Unknown => "failed",
        _ => return Ok(()),
    };
    if target == "failed" {
        if matches!(state.as_str(), "failed" | "skipped" | "replied") {
            return Ok(());
        }
        let code = error.and_then(|e| e.code);
        let reason = match (next, error) {
            (MessageStatus::Unknown, _) => stored("broadcasts.reason.uncertain", &[]),
            (_, Some(e)) => reason_for(e.code, &e.title),
            (_, None) => stored("broadcasts.reason.failed", &[]),
        };
        ctx.conn
            .prepare_cached(
                "UPDATE broadcast_recipients SET state = 'failed', error_code = ?2, reason = ?3,
                     updated_at = ?4 WHERE id = ?1",
            )?
            .execute(params![rid, code, reason, now])?;
        match code {
            Some(131050) => {
                consent::opt_out(ctx.conn, &wa, consent::VIA_META, now)?;
            }
            Some(132015) | Some(132016) => pause(ctx, bid, &reason)?,
            _ => {}
        }
        return Ok(());
    }
    if rank(target) > rank(&state) && rank(&state) < 5 {
        ctx.conn
            .prepare_cached(
                "UPDATE broadcast_recipients SET state = ?2, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![rid, target, now])?;
    }
    Ok(())
}

/// The send's answer: Meta accepted it with `message_status` (`accepted`,
/// `held_for_quality_assessment`, `paused`).
pub(crate) fn on_accepted(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    message_status: Option<&str>,
) -> Result<(), StoreError> {
    let Some((_, bid, _, _)) = recipient_of(ctx, message_id)? else {
        return Ok(());
    };
    match message_status {
        Some("held_for_quality_assessment") => {
            pause(ctx, bid, &stored("broadcasts.reason.held", &[]))
        }
        Some("paused") => pause(ctx, bid, &stored("broadcasts.reason.meta_paused", &[])),
        _ => Ok(()),
    }
}

/// A send failed or will be retried with Meta's error `code`.
pub(crate) fn on_send_error(
    ctx: &mut WriteCtx<'_>,
    message_id: i64,
    code: Option<i64>,
) -> Result<(), StoreError> {
    let Some((_, bid, _, _)) = recipient_of(ctx, message_id)? else {
        return Ok(());
    };
    match code {
        Some(130429) | Some(131056) => {
            ctx.conn
                .prepare_cached(
                    "UPDATE broadcasts SET slowed_until = ?2, updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![bid, now_ms() + SLOW_DOWN_MS, now_ms()])?;
        }
        Some(c @ (132015 | 132016)) => pause(ctx, bid, &reason_for(Some(c), ""))?,
        _ => {}
    }
    Ok(())
}

/// A customer's message `reply_id`: their latest broadcast message within a week is replied.
pub(crate) fn on_reply(
    ctx: &mut WriteCtx<'_>,
    wa_id: &str,
    reply_id: i64,
) -> Result<(), StoreError> {
    let now = now_ms();
    ctx.conn
        .prepare_cached(
            "UPDATE broadcast_recipients SET state = 'replied', reply_id = ?2, updated_at = ?3
             WHERE id = (SELECT id FROM broadcast_recipients
                         WHERE wa_id = ?1 AND state IN ('sent', 'delivered', 'read')
                           AND queued_at >= ?4
                         ORDER BY queued_at DESC LIMIT 1)",
        )?
        .execute(params![wa_id, reply_id, now, now - REPLY_WINDOW_MS])?;
    Ok(())
}

/// Pauses a running broadcast by Meta's answer (the owner resumes it once fixed).
fn pause(ctx: &mut WriteCtx<'_>, bid: i64, reason: &str) -> Result<(), StoreError> {
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET state = 'paused', reason = ?2, updated_at = ?3
             WHERE id = ?1 AND state IN ('running', 'scheduled')",
        )?
        .execute(params![bid, reason, now_ms()])?;
    pull_back(ctx, bid)?;
    Ok(())
}

/// Takes the broadcast's messages still waiting in the outbox (not yet in flight) back out:
/// their recipients are pending again, so pausing or cancelling stops the requests at once. In
/// the writer's transaction, so the outbox worker cannot claim one half-way.
pub(crate) fn pull_back(ctx: &mut WriteCtx<'_>, bid: i64) -> Result<usize, StoreError> {
    let ids: Vec<(i64, i64, String)> = ctx
        .conn
        .prepare_cached(
            "SELECT r.id, r.message_id, r.wa_id FROM broadcast_recipients r
             JOIN outbox o ON o.message_id = r.message_id
             WHERE r.broadcast_id = ?1 AND r.state = 'queued' AND o.state = 'pending'",
        )?
        .query_map([bid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let now = now_ms();
    for (rid, mid, _) in &ids {
        ctx.conn
            .prepare_cached(
                "UPDATE broadcast_recipients SET state = 'pending', message_id = NULL,
                     queued_at = NULL, business_initiated = 0, updated_at = ?2 WHERE id = ?1",
            )?
            .execute(params![rid, now])?;
        ctx.conn
            .prepare_cached("DELETE FROM outbox WHERE message_id = ?1")?
            .execute([mid])?;
        ctx.conn
            .prepare_cached("DELETE FROM messages WHERE id = ?1")?
            .execute([mid])?;
    }
    Ok(ids.len())
}
