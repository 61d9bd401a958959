//! The outbox worker: sends queued rows through the Graph client, several customers at once and
//! each customer's messages in order, within Meta's limits; records the wamid or a typed error,
//! and retries what a retry can help.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::{error, info, warn};
use wacloud::send::OutgoingMessage;
use wacloud::{ErrorKind, GraphClient, GraphError, PhoneNumberId};

use super::attempt::{Accepted, Claim, claim, record};
use super::breaker::{Breaker, Gate};
use super::limits::Limits;
use super::texts::TEXTS;
use crate::config::OutboxSettings;
use crate::delivery;
use crate::events::DomainEvent;
use crate::events::OutboxHealth;
use crate::i18n::say;
use crate::store::outbox::{self, Claimed};
use crate::store::{Store, now_ms};

/// Tries to record a send's result before giving up (about 30 s in all).
const RECORD_TRIES: u32 = 8;

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
                    say(
                        TEXTS,
                        "outbox.queued_unreadable",
                        &[("reason", &e.to_string())],
                    ),
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
