//! What one send attempt writes, each in one transaction: the claim of the next row (or its
//! deferral, when its customer must wait), then the answer recorded (the wamid, a retry with
//! backoff, or a typed failure).

use std::time::Duration;

use rand::RngExt;
use tracing::{debug, info, warn};
use wacloud::{ErrorKind, GraphError};

use super::limits::Limits;
use super::texts::TEXTS;
use crate::config::OutboxSettings;
use crate::delivery;
use crate::i18n::say;
use crate::store::messages::{self, StoredError};
use crate::store::outbox::{self, Claimed};
use crate::store::{StoreError, WriteCtx, now_ms, now_secs};
use crate::views::MessageStatus;

/// The longest `Retry-After` honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// A send Meta took: its wamid and `message_status` (`accepted`, `held_for_quality_assessment`,
/// `paused`).
pub(super) type Accepted = (String, Option<String>);

pub(super) enum Claim {
    Ready(Claimed),
    /// The row's customer must wait (pacing); it was put back, untried.
    Deferred,
    Nothing,
}

pub(super) fn claim(
    ctx: &mut WriteCtx<'_>,
    now: i64,
    limits: &Limits,
) -> Result<Claim, StoreError> {
    let Some(job) = outbox::claim_next(ctx.conn, now)? else {
        return Ok(Claim::Nothing);
    };
    if let Err(wait) = limits.take_pair(&job.contact) {
        let wait_ms = wait.as_millis() as i64;
        debug!(
            message = job.message_id,
            wait_ms, "outbox: pacing a customer"
        );
        outbox::defer(ctx.conn, job.message_id, now + wait_ms)?;
        return Ok(Claim::Deferred);
    }
    delivery::advance(
        ctx,
        job.message_id,
        MessageStatus::Sending,
        now / 1000,
        None,
    )?;
    Ok(Claim::Ready(job))
}

pub(super) fn record(
    ctx: &mut WriteCtx<'_>,
    id: i64,
    attempts: u32,
    result: Result<Accepted, GraphError>,
    settings: &OutboxSettings,
) -> Result<(), StoreError> {
    match result {
        Ok((wamid, message_status)) => {
            debug!(message = id, %wamid, "outbox: sent");
            messages::set_wamid(ctx.conn, id, &wamid)?;
            outbox::finish(ctx.conn, id, "done", None)?;
            delivery::advance(ctx, id, MessageStatus::Sent, now_secs(), None)?;
            delivery::apply_recorded(ctx, id, &wamid)?;
            crate::broadcasts::track::on_accepted(ctx, id, message_status.as_deref())?;
        }
        // The token was refused: the message waits, uncounted, for the account to be reconnected.
        Err(e) if e.kind == ErrorKind::Auth => {
            warn!(message = id, error = %e, "outbox: access token refused; message kept in the queue");
            outbox::requeue(ctx.conn, id, &e.to_string())?;
            messages::set_status(ctx.conn, id, MessageStatus::Queued, now_secs(), None)?;
            delivery::emit_status(ctx, id)?;
        }
        // Meta may have taken it: resending could reach the customer twice, so a person decides.
        Err(e) if e.may_have_been_delivered() => {
            warn!(message = id, attempts, error = %e, "outbox: delivery uncertain, not resending");
            outbox::finish(ctx.conn, id, "unknown", Some(&e.to_string()))?;
            let error = StoredError {
                title: say(TEXTS, "outbox.uncertain", &[]),
                details: Some(say(
                    TEXTS,
                    "outbox.uncertain_details",
                    &[("error", &e.to_string())],
                )),
                ..StoredError::from(&e)
            };
            messages::set_status(
                ctx.conn,
                id,
                MessageStatus::Unknown,
                now_secs(),
                Some(&error),
            )?;
            crate::broadcasts::track::on_status(ctx, id, MessageStatus::Unknown, Some(&error))?;
            // A status webhook may already have told us which wamid it got.
            if !delivery::settle_if_reported(ctx, id)? {
                delivery::emit_status(ctx, id)?;
            }
        }
        Err(e) if e.kind.is_retryable() && attempts < settings.max_attempts => {
            let delay = retry_delay(settings, attempts, e.retry_after_secs);
            info!(message = id, attempts, error = %e, retry_in_ms = delay.as_millis() as u64, "outbox: will retry");
            outbox::reschedule(
                ctx.conn,
                id,
                now_ms() + delay.as_millis() as i64,
                &e.to_string(),
            )?;
            crate::broadcasts::track::on_send_error(ctx, id, e.code)?;
        }
        Err(e) => {
            warn!(message = id, attempts, error = %e, "outbox: send failed");
            outbox::finish(ctx.conn, id, "failed", Some(&e.to_string()))?;
            crate::broadcasts::track::on_send_error(ctx, id, e.code)?;
            delivery::advance(
                ctx,
                id,
                MessageStatus::Failed,
                now_secs(),
                Some(&StoredError::from(&e)),
            )?;
        }
    }
    Ok(())
}

/// Exponential backoff with full jitter, never shorter than the server's `Retry-After`.
fn retry_delay(
    settings: &OutboxSettings,
    attempts: u32,
    retry_after_secs: Option<u64>,
) -> Duration {
    let exp = settings
        .retry_base
        .saturating_mul(1u32 << attempts.saturating_sub(1).min(16))
        .min(settings.retry_max);
    let jittered = Duration::from_millis(rand::rng().random_range(0..=exp.as_millis() as u64));
    // The server's Retry-After is honoured in full (retry_max caps only our own backoff), up to
    // an hour so that a nonsensical value cannot park a message for days.
    let floor = Duration::from_secs(retry_after_secs.unwrap_or(0)).min(MAX_RETRY_AFTER);
    jittered.max(floor).max(Duration::from_millis(50))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delay_grows_and_respects_retry_after() {
        let s = OutboxSettings::default();
        for attempts in 1..10 {
            let d = retry_delay(&s, attempts, None);
            let cap = s
                .retry_base
                .saturating_mul(1 << (attempts - 1))
                .min(s.retry_max);
            assert!(d <= cap.max(Duration::from_millis(50)), "{attempts}: {d:?}");
        }
        assert!(retry_delay(&s, 1, Some(30)) >= Duration::from_secs(30));
        assert_eq!(retry_delay(&s, 1, Some(100_000)), MAX_RETRY_AFTER);
        // Retry-After wins over a short backoff cap.
        let quick = OutboxSettings {
            retry_max: Duration::from_millis(200),
            ..OutboxSettings::default()
        };
        assert!(retry_delay(&quick, 1, Some(1)) >= Duration::from_secs(1));
    }
}
