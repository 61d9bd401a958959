//! The Prometheus text format (version 0.0.4) of an engine's metrics, the outbox's figures read
//! from the store at that moment.

use prometheus_client::encoding::prometheus_text;
use tracing::warn;

use super::Metrics;
use crate::events::OutboxHealth;

/// The `Content-Type` of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

impl Metrics {
    /// Every metric, in the Prometheus text format.
    pub async fn render(&self) -> String {
        self.refresh().await;
        let mut out = String::new();
        if let Err(e) = prometheus_text::encode(&mut out, &self.inner.registry) {
            warn!(error = %e, "metrics: could not encode");
        }
        out
    }

    async fn refresh(&self) {
        let inner = &self.inner;
        if let Some(gauge) = &inner.rate_limit_remaining {
            let seen = *inner.rate.lock().unwrap_or_else(|e| e.into_inner());
            // Never seen: no send yet, the whole burst is there. Else what was left then, plus
            // what came back since, up to the burst.
            if let Some(seen) = seen {
                let every = seen.every.as_nanos().max(1);
                let back = seen.at.elapsed().as_nanos() / every;
                let now = (u128::from(seen.remaining) + back).min(u128::from(seen.burst));
                gauge.set(now as i64);
            }
        }
        let Some((store, breaker)) = inner.outbox.get() else {
            return;
        };
        match store.read(crate::store::outbox::counts).await {
            Ok(c) => {
                inner.outbox_depth.set(c.pending + c.in_flight);
                for (state, n) in [
                    ("pending", c.pending),
                    ("in_flight", c.in_flight),
                    ("failed", c.failed),
                    ("unknown", c.unknown),
                ] {
                    inner
                        .outbox_messages
                        .get_or_create(&[("state", state)])
                        .set(n);
                }
            }
            Err(e) => warn!(error = %e, "metrics: could not read the outbox"),
        }
        let current = match breaker.health() {
            OutboxHealth::Running => "running",
            OutboxHealth::NeedsReconnect { .. } => "needs_reconnect",
            OutboxHealth::CoolingDown { .. } => "cooling_down",
        };
        for state in ["running", "needs_reconnect", "cooling_down"] {
            inner
                .outbox_state
                .get_or_create(&[("state", state)])
                .set(i64::from(state == current));
        }
    }
}
