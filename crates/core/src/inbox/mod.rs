//! The inbox: applies journaled webhook events to contacts, messages and statuses.
//!
//! Applying is idempotent (a wamid is stored once; a status only moves forward) and resumable
//! (events stay pending in the journal until applied, so a crash loses nothing: the next start
//! applies them). An event that cannot be read is marked with the reason and kept, and never
//! blocks the others.

mod apply;
pub mod classify;

use std::sync::Arc;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::{debug, error, info};

use wacloud::webhook::Notification;

use crate::events::DomainEvent;
use crate::metrics::Metrics;
use crate::store::{Store, StoreError, WriteCtx, journal};

/// Events applied per write job at the most. The job holds the writer meanwhile (a reply being
/// recorded waits behind it, ~10 ms at the most); fewer per job would mean a commit, and its
/// flush, for every few events. Webhooks do not wait for it: they are acknowledged from the spool.
const BATCH: u32 = 256;

/// How long the inbox goes on applying once told to stop (after a flood, many events can be
/// pending; they are safe in the journal and the next start applies them).
const FINAL_DRAIN: std::time::Duration = std::time::Duration::from_secs(3);

/// Applies pending journal events, up to `limit`; returns how many it looked at. With `number`,
/// only changes for that phone number id are applied (the others are kept with a note).
pub fn apply_pending(
    ctx: &mut WriteCtx<'_>,
    limit: u32,
    number: Option<&str>,
) -> Result<usize, StoreError> {
    let pending = journal::pending(ctx.conn, limit)?;
    for (id, body) in &pending {
        // No savepoint per event: an event that cannot be read is refused before it writes
        // anything, and a database failure fails (and rolls back) the whole job.
        match Notification::parse(body.as_bytes()) {
            Ok(notification) => {
                let (outcome, detail) = apply::apply_event(ctx, *id, &notification, number)?;
                journal::mark(ctx.conn, *id, outcome, detail.as_deref())?;
            }
            Err(e) => {
                let reason = format!("not a webhook notification: {e}");
                journal::mark(ctx.conn, *id, journal::Outcome::Error, Some(&reason))?;
            }
        }
    }
    Ok(pending.len())
}

/// The task that applies events as they are journaled. Wake it with [`Inbox::notify`].
#[derive(Clone)]
pub struct Inbox {
    wake: Arc<Notify>,
    number: Option<Arc<str>>,
    metrics: Option<Metrics>,
}

impl Inbox {
    /// An inbox that applies the changes of every phone number.
    pub fn new() -> Self {
        Self {
            wake: Arc::new(Notify::new()),
            number: None,
            metrics: None,
        }
    }

    /// An inbox that applies only the changes for `phone_number_id`.
    pub fn for_number(phone_number_id: &str) -> Self {
        Self {
            number: Some(phone_number_id.into()),
            ..Self::new()
        }
    }

    /// Counts the customers' messages it stores into `metrics`.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// New events are in the journal.
    pub fn notify(&self) {
        self.wake.notify_one();
    }

    /// Applies what is pending now (crash leftovers included), then whatever is journaled next,
    /// until `stop`; then applies what is left, for [`FINAL_DRAIN`] at the most (the rest stays
    /// pending, for the next start), and returns.
    pub async fn run(self, store: Store, stop: CancellationToken) {
        let mut backoff = std::time::Duration::from_millis(100);
        loop {
            match drain(&store, self.number.clone(), self.metrics.as_ref()).await {
                Ok(n) if n > 0 => debug!(events = n, "applied webhook events"),
                Ok(_) => {}
                Err(e) => {
                    error!(error = %e, "applying webhook events failed; will retry");
                    tokio::select! {
                        _ = tokio::time::sleep(backoff) => {}
                        _ = stop.cancelled() => return,
                    }
                    backoff = (backoff * 2).min(std::time::Duration::from_secs(10));
                    continue;
                }
            }
            backoff = std::time::Duration::from_millis(100);
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = stop.cancelled() => {
                    let last = drain(&store, self.number.clone(), self.metrics.as_ref());
                    if tokio::time::timeout(FINAL_DRAIN, last).await.is_err() {
                        info!("webhook events are left to apply at the next start");
                    }
                    return;
                }
            }
        }
    }
}

impl Default for Inbox {
    fn default() -> Self {
        Self::new()
    }
}

async fn drain(
    store: &Store,
    number: Option<Arc<str>>,
    metrics: Option<&Metrics>,
) -> Result<usize, StoreError> {
    let mut total = 0;
    loop {
        let number = number.clone();
        let (n, received) = store
            .writer()
            .call(move |ctx| {
                let n = apply_pending(ctx, BATCH, number.as_deref())?;
                Ok((n, received_types(ctx.emitted())))
            })
            .await?;
        // Counted once committed: a message is received once, however often it is delivered
        // (a redelivery finds it stored and emits nothing).
        if let Some(metrics) = metrics {
            received
                .iter()
                .for_each(|kind| metrics.message_received(kind));
        }
        total += n;
        if n < BATCH as usize {
            return Ok(total);
        }
    }
}

/// The types of the customers' messages stored by a job, from what it emitted.
fn received_types(events: &[DomainEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            DomainEvent::MessageReceived { message }
                if message.direction == crate::views::Direction::In =>
            {
                Some(message.kind.clone())
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
