//! The outbox worker: sends queued rows through the Graph client, several customers at once and
//! each customer's messages in order, within Meta's limits; records the wamid or a typed error,
//! and retries what a retry can help.

use std::sync::Arc;
use std::time::Duration;

use rand::RngExt;
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::{debug, error, info, warn};
use wacloud::send::OutgoingMessage;
use wacloud::{ErrorKind, GraphClient, GraphError, PhoneNumberId};

use super::breaker::{Breaker, Gate};
use super::limits::Limits;
use crate::config::OutboxSettings;
use crate::delivery;
use crate::events::DomainEvent;
use crate::events::OutboxHealth;
use crate::store::messages::{self, StoredError};
use crate::store::outbox::{self, Claimed};
use crate::store::{Store, StoreError, WriteCtx, now_ms, now_secs};
use crate::views::MessageStatus;

/// Tries to record a send's result before giving up (about 30 s in all).
const RECORD_TRIES: u32 = 8;

/// The longest `Retry-After` honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// How long an in-flight request may finish after shutdown was asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Wakes the worker when something was queued in this process.
#[derive(Clone, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn notify(&self) {
        self.0.notify_one();
    }
}

pub struct Worker {
    pub store: Store,
    pub graph: GraphClient,
    pub phone_number_id: PhoneNumberId,
    pub settings: OutboxSettings,
    pub signal: OutboxSignal,
    pub breaker: Breaker,
    /// Where attached files wait for their upload.
    pub media_dir: std::path::PathBuf,
    /// Sends and the rate limit are counted here.
    pub metrics: crate::metrics::Metrics,
}

impl Worker {
    /// Sends until `stop`: up to `max_in_flight` requests at once (one per customer, in order),
    /// within the business number's rate and each customer's pacing. On `stop`, requests in
    /// flight get a grace period to finish and be recorded.
    pub async fn run(self, stop: CancellationToken) {
        let poll = self.settings.poll_interval;
        let max_in_flight = self.settings.max_in_flight.max(1);
        let limits = Arc::new(Limits::new(&self.settings));
        let this = Arc::new(self);
        let mut in_flight: JoinSet<()> = JoinSet::new();
        let mut last_forget = std::time::Instant::now();
        loop {
            while let Some(done) = in_flight.try_join_next() {
                if let Err(e) = done {
                    error!(error = %e, "outbox: a send task failed");
                }
            }
            if stop.is_cancelled() {
                break;
            }
            if last_forget.elapsed() > Duration::from_secs(60) {
                limits.forget_idle();
                last_forget = std::time::Instant::now();
            }
            // Paused or cooling down: nothing is claimed (and nothing queued is dropped).
            let gate_wait = match this.breaker.gate() {
                Gate::Open => None,
                // Half-open: a single trial send, so an outage costs one request, not sixteen.
                Gate::Trial if !in_flight.is_empty() => {
                    tokio::select! {
                        _ = in_flight.join_next() => {}
                        _ = stop.cancelled() => break,
                    }
                    continue;
                }
                Gate::Trial => None,
                Gate::Paused => Some(Duration::from_secs(3600)),
                Gate::Wait(wait) => Some(wait),
            };
            if let Some(wait) = gate_wait {
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = this.breaker.changed() => {}
                    _ = stop.cancelled() => break,
                }
                continue;
            }
            if in_flight.len() >= max_in_flight {
                tokio::select! {
                    _ = in_flight.join_next() => {}
                    _ = stop.cancelled() => break,
                }
                continue;
            }
            // A read first: the writer is only asked when something is due.
            let wait = match this.store.read(outbox::next_due).await {
                Ok(Some(at)) if at <= now_ms() => {
                    tokio::select! {
                        _ = limits.until_number_ready(&this.metrics) => {}
                        _ = stop.cancelled() => break,
                    }
                    let pacing = limits.clone();
                    let claimed = this
                        .store
                        .writer()
                        .call(move |ctx| claim(ctx, now_ms(), &pacing))
                        .await;
                    match claimed {
                        Ok(Claim::Ready(job)) => {
                            let worker = this.clone();
                            let stop = stop.clone();
                            in_flight.spawn(async move { worker.send(job, &stop).await });
                            continue;
                        }
                        Ok(Claim::Deferred) => continue,
                        // Due rows wait behind their customer's earlier messages.
                        Ok(Claim::Nothing) => poll,
                        Err(e) => {
                            error!(error = %e, "outbox: could not claim the next message");
                            poll
                        }
                    }
                }
                Ok(Some(at)) => {
                    Duration::from_millis((at - now_ms()).clamp(0, poll.as_millis() as i64) as u64)
                }
                Ok(None) => poll,
                Err(e) => {
                    error!(error = %e, "outbox: could not read the queue");
                    poll
                }
            };
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = this.signal.0.notified() => {}
                _ = tokio::time::sleep(wait) => {}
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
                _ = stop.cancelled() => break,
            }
        }
        // Each send in flight finishes (or gives up after its grace period) and is recorded.
        while in_flight.join_next().await.is_some() {}
    }

    async fn send(&self, job: Claimed, stop: &CancellationToken) {
        let id = job.message_id;
        // A file message uploads its file first (once; the id is kept with the row).
        let payload = super::upload::prepare(
            &self.store,
            &self.graph,
            &self.phone_number_id,
            &self.media_dir,
            id,
            &job.contact,
            job.payload,
        );
        let payload = tokio::select! {
            p = payload => p,
            _ = async { stop.cancelled().await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {
                warn!(message = id, "outbox: shutting down with an upload in flight");
                return;
            }
        };
        let payload = match payload {
            Ok(p) => p,
            Err(e) => {
                self.record(id, job.attempts, Err(e)).await;
                return;
            }
        };
        let message: OutgoingMessage = match serde_json::from_str(&payload) {
            Ok(m) => m,
            Err(e) => {
                let err = GraphError::local(
                    wacloud::ErrorKind::Decode,
                    format!("the queued message could not be read: {e}"),
                );
                self.record(id, job.attempts, Err(err)).await;
                return;
            }
        };
        // Echoed in status webhooks: ties them to this row even if the answer is lost.
        let message =
            message.with_callback_data(delivery::callback_for(self.store.install_id(), id));
        let request = self.graph.send_message(&self.phone_number_id, &message);
        let result = tokio::select! {
            r = request => r,
            _ = async { stop.cancelled().await; tokio::time::sleep(SHUTDOWN_GRACE).await } => {
                // Left in flight: the next start marks it `unknown` for a person to decide.
                warn!(message = id, "outbox: shutting down with a send in flight");
                return;
            }
        };
        let change = match &result {
            Ok(_) => {
                self.metrics.message_sent(message.content.type_name());
                self.breaker.succeeded()
            }
            Err(e) if e.kind == ErrorKind::Auth => self.breaker.auth_failed(e.to_string()),
            // Meta not answering (or answering garbage) is a failing service too: without this,
            // an outage would turn the whole queue into `unknown` sends.
            Err(e)
                if matches!(e.kind, ErrorKind::Server | ErrorKind::Network)
                    || e.may_have_been_delivered() =>
            {
                self.breaker.server_failed(e.to_string())
            }
            Err(_) => {
                self.breaker.other_failure();
                None
            }
        };
        self.record(
            id,
            job.attempts,
            result.map(|r| {
                (
                    r.messages[0].id.to_string(),
                    r.messages[0].message_status.clone(),
                )
            }),
        )
        .await;
        if let Some(health) = change {
            match &health {
                OutboxHealth::NeedsReconnect { reason, .. } => {
                    warn!(%reason, "outbox: paused, the access token was refused")
                }
                OutboxHealth::CoolingDown { reason, until } => {
                    warn!(%reason, until, "outbox: repeated failures, waiting before the next send")
                }
                OutboxHealth::Running => info!("outbox: sending again"),
            }
            self.store.publish(DomainEvent::OutboxHealth { health });
        }
    }

    /// Records a send's result, trying again for a while if the database refuses (a full disk
    /// that clears, a busy moment): a row left in flight holds up its customer's later messages.
    async fn record(&self, id: i64, attempts: u32, result: Result<Accepted, GraphError>) {
        let mut delay = Duration::from_millis(100);
        for attempt in 1..=RECORD_TRIES {
            let settings = self.settings.clone();
            let result = result.clone();
            let outcome = self
                .store
                .writer()
                .call(move |ctx| record(ctx, id, attempts, result, &settings))
                .await;
            match outcome {
                Ok(()) => return,
                Err(e) if attempt < RECORD_TRIES => {
                    warn!(message = id, error = %e, "outbox: could not record a send's result; trying again");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(5));
                }
                Err(e) => {
                    // The row stays in flight; the next start marks it `unknown`, never resends it.
                    error!(message = id, error = %e, "outbox: could not record a send's result");
                }
            }
        }
    }
}

/// A send Meta took: its wamid and `message_status` (`accepted`, `held_for_quality_assessment`,
/// `paused`).
type Accepted = (String, Option<String>);

enum Claim {
    Ready(Claimed),
    /// The row's customer must wait (pacing); it was put back, untried.
    Deferred,
    Nothing,
}

fn claim(ctx: &mut WriteCtx<'_>, now: i64, limits: &Limits) -> Result<Claim, StoreError> {
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

fn record(
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
                title: "Delivery uncertain".into(),
                details: Some(format!(
                    "{e}. WhatsApp may or may not have accepted this message; resend it if the customer did not get it."
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
