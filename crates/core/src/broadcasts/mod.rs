//! Broadcasts: one approved template sent to an audience (contacts or a CSV file), one row per
//! recipient, moved into the outbox by the [`runner`] in small batches — each recipient marked
//! queued in the transaction that writes its outbox row, so a crash never sends one twice or
//! forgets one — within the number's rate and the portfolio's messaging limit ([`budget`]).
//! Statuses, replies and Meta's answers update the recipients ([`track`]); customers opt out
//! from the chat ([`optout`]); each broadcast has a [`report`].

pub mod audience;
pub mod budget;
pub mod consent;
pub mod create;
pub mod optout;
pub mod phone;
mod progress;
mod reasons;
pub mod report;
pub mod runner;
pub(crate) mod texts;
pub mod track;
mod view;

#[cfg(test)]
mod tests;

pub use audience::{AudienceCheck, AudienceFilter, AudienceSource, RowProblem};
pub use budget::Budget;
pub use create::{Created, NewBroadcast};
pub use view::{BroadcastView, RecipientCounts, get, list};

use rusqlite::params;

use crate::i18n::say;
use crate::store::{StoreError, WriteCtx, now_ms};
use texts::TEXTS;

/// Messages per second for a number also used in the WhatsApp Business app (coexistence).
pub const COEXISTENCE_RATE: u32 = 20;
/// Meta's default throughput for a business number.
pub const DEFAULT_RATE: u32 = 80;

#[derive(Debug, thiserror::Error)]
pub enum BroadcastError {
    /// Bad input or a refused step, in one line.
    #[error("{0}")]
    Invalid(String),
    #[error("{}", say(TEXTS, "broadcasts.not_found", &[("id", &.0.to_string())]))]
    NotFound(i64),
    /// Past the messaging limit: refused.
    #[error("{}", say(TEXTS, "broadcasts.over_budget", &[("needed", &.needed.to_string()), ("left", &.left.to_string()), ("limit", &.limit.to_string())]))]
    OverBudget { needed: i64, left: i64, limit: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for BroadcastError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

fn state_of(ctx: &WriteCtx<'_>, id: i64) -> Result<String, BroadcastError> {
    use rusqlite::OptionalExtension;
    ctx.conn
        .prepare_cached("SELECT state FROM broadcasts WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(BroadcastError::NotFound(id))
}

/// Broadcast `id` cannot be paused or resumed: it is in `state`.
fn is_in(id: i64, state: &str) -> BroadcastError {
    let id = id.to_string();
    BroadcastError::Invalid(match state {
        "completed" => say(TEXTS, "broadcasts.is_completed", &[("id", &id)]),
        "cancelled" => say(TEXTS, "broadcasts.is_cancelled", &[("id", &id)]),
        _ => say(
            TEXTS,
            "broadcasts.is_state",
            &[("id", &id), ("state", state)],
        ),
    })
}

/// Pauses a broadcast: what is still waiting in the outbox is taken back out.
pub fn pause(ctx: &mut WriteCtx<'_>, id: i64) -> Result<(), BroadcastError> {
    match state_of(ctx, id)?.as_str() {
        "running" | "scheduled" => {}
        "paused" => return Ok(()),
        s => return Err(is_in(id, s)),
    }
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET state = 'paused', reason = 'paused by the owner', updated_at = ?2
             WHERE id = ?1",
        )?
        .execute(params![id, now_ms()])?;
    track::pull_back(ctx, id)?;
    Ok(())
}

/// Resumes a paused broadcast, or confirms a scheduled one whose time passed while the app was
/// closed.
pub fn resume(ctx: &mut WriteCtx<'_>, id: i64) -> Result<(), BroadcastError> {
    let state = state_of(ctx, id)?;
    match state.as_str() {
        "paused" | "scheduled" => {}
        "running" => return Ok(()),
        s => return Err(is_in(id, s)),
    }
    let now = now_ms();
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET confirmed = 1, reason = NULL, updated_at = ?2,
                 state = CASE WHEN state = 'scheduled' AND start_at > ?2 THEN 'scheduled' ELSE 'running' END,
                 started_at = coalesce(started_at, CASE WHEN start_at <= ?2 THEN ?2 END)
             WHERE id = ?1",
        )?
        .execute(params![id, now])?;
    Ok(())
}

/// Cancels a broadcast: nothing more is sent; recipients not yet sent are skipped.
pub fn cancel(ctx: &mut WriteCtx<'_>, id: i64) -> Result<(), BroadcastError> {
    match state_of(ctx, id)?.as_str() {
        "completed" | "cancelled" => {
            return Err(BroadcastError::Invalid(say(
                TEXTS,
                "broadcasts.has_ended",
                &[("id", &id.to_string())],
            )));
        }
        _ => {}
    }
    track::pull_back(ctx, id)?;
    let now = now_ms();
    ctx.conn
        .prepare_cached(
            "UPDATE broadcast_recipients SET state = 'skipped', reason = 'cancelled', updated_at = ?2
             WHERE broadcast_id = ?1 AND state = 'pending'",
        )?
        .execute(params![id, now])?;
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET state = 'cancelled', reason = 'cancelled by the owner',
                 finished_at = ?2, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![id, now])?;
    Ok(())
}

/// At start-up: a scheduled broadcast whose time passed while the app was closed waits for the
/// owner to confirm it (`resume`). Returns how many.
pub fn hold_missed(ctx: &mut WriteCtx<'_>) -> Result<usize, StoreError> {
    Ok(ctx
        .conn
        .prepare_cached(
            "UPDATE broadcasts SET confirmed = 0,
                 reason = 'its time passed while Shopchat was closed: confirm to send it',
                 updated_at = ?1
             WHERE state = 'scheduled' AND confirmed = 1 AND start_at <= ?1",
        )?
        .execute([now_ms()])?)
}

#[cfg(test)]
mod said_tests {
    use super::BroadcastError;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn a_refusal_is_said_in_the_owners_language() {
        let over = BroadcastError::OverBudget {
            needed: 300,
            left: 250,
            limit: 250,
        };
        assert!(over.to_string().contains("only 250 more are allowed"));
        let es = with_lang(Lang::Es, || over.to_string());
        assert_eq!(
            es,
            "esta difusión llegaría a 300 clientes fuera de su ventana de 24 horas, pero en las próximas 24 horas solo se permiten 250 más (límite de mensajes: 250); envíala a menos clientes o repártela en varios días"
        );
        let es = with_lang(Lang::Es, || super::is_in(8, "completed").to_string());
        assert_eq!(es, "la difusión 8 ya ha terminado");
        assert_eq!(
            super::is_in(8, "completed").to_string(),
            "broadcast 8 is completed"
        );
    }
}
