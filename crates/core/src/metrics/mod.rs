//! Prometheus metrics, served as `GET /metrics` on the local listener only (never through the
//! tunnel: see `tunnel::PublicPaths`). One [`Metrics`] per engine, holding its own
//! `prometheus-client` registry: two engines in one process (the tests) never mix their counts.
//!
//! Counted where the thing happens: a message sent when Meta accepts it (outbox worker), a
//! message received when the inbox stores it (a redelivered duplicate is not counted: it is
//! counted after the commit, from the events the inbox's transaction emitted), a media download
//! when it ends, a Graph API call's latency in the Graph client (by endpoint name, never an id),
//! webhooks at the server. The outbox's depth and state are read from the store when scraped.

mod labels;
mod render;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

pub use labels::{message_type, refusal};
pub use render::CONTENT_TYPE;

use crate::outbox::breaker::Breaker;
use crate::store::Store;

/// One label, `name="value"`; every value is one of a small fixed set.
type Label = [(&'static str, &'static str); 1];
type Histograms = Family<Label, Histogram, fn() -> Histogram>;

/// The latency buckets, in seconds (the Graph API answers in tens to hundreds of ms; a media
/// transfer can take seconds).
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// The engine's metrics. Cheap to clone; clones share the counts.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    sent: Family<Label, Counter>,
    received: Family<Label, Counter>,
    media_downloads: Family<Label, Counter>,
    api_latency: Histograms,
    webhooks_received: Counter,
    webhooks_refused: Family<Label, Counter>,
    rate_limit_remaining: Option<Gauge>,
    outbox_depth: Gauge,
    outbox_messages: Family<Label, Gauge>,
    outbox_state: Family<Label, Gauge>,
    /// The business number's limiter as last seen (refilled at its rate when scraped).
    rate: Mutex<Option<RateSeen>>,
    /// Where the outbox's figures are read when scraped.
    outbox: OnceLock<(Store, Breaker)>,
}

#[derive(Clone, Copy)]
struct RateSeen {
    remaining: u32,
    at: Instant,
    burst: u32,
    every: Duration,
}

impl Default for Metrics {
    /// Metrics with the rate limit gauge (the outbox's default has a limit).
    fn default() -> Self {
        Self::new(true)
    }
}

impl Metrics {
    /// A registry of its own. `rate_limited`: the outbox sends under a messages-per-second limit
    /// (without one there is no `whatsapp_rate_limit_remaining`).
    pub fn new(rate_limited: bool) -> Self {
        let mut registry = Registry::default();
        let sent = Family::<Label, Counter>::default();
        registry.register(
            "whatsapp_messages_sent",
            "Messages the Cloud API accepted, by type",
            sent.clone(),
        );
        let received = Family::<Label, Counter>::default();
        registry.register(
            "whatsapp_messages_received",
            "Customers' messages stored (a redelivery is not counted), by type",
            received.clone(),
        );
        let media_downloads = Family::<Label, Counter>::default();
        registry.register(
            "whatsapp_media_downloads",
            "Media downloads that ended: ok, retry (failed, tried again later) or failed (gave up)",
            media_downloads.clone(),
        );
        let api_latency = Histograms::new_with_constructor(latency_histogram);
        registry.register(
            "whatsapp_api_latency_seconds",
            "How long Graph API requests took, by endpoint",
            api_latency.clone(),
        );
        let webhooks_received = Counter::default();
        registry.register(
            "whatsapp_webhooks_received",
            "Webhooks accepted (signed, stored)",
            webhooks_received.clone(),
        );
        let webhooks_refused = Family::<Label, Counter>::default();
        registry.register(
            "whatsapp_webhooks_refused",
            "Webhook requests refused, by reason",
            webhooks_refused.clone(),
        );
        let rate_limit_remaining = rate_limited.then(|| {
            let gauge = Gauge::default();
            registry.register(
                "whatsapp_rate_limit_remaining",
                "Messages the outbox may send at once now under the number's messages-per-second limit",
                gauge.clone(),
            );
            gauge
        });
        let outbox_depth = Gauge::default();
        registry.register(
            "whatsapp_outbox_depth",
            "Messages waiting in the outbox (queued, waiting for a retry, or being sent)",
            outbox_depth.clone(),
        );
        let outbox_messages = Family::<Label, Gauge>::default();
        registry.register(
            "whatsapp_outbox_messages",
            "Outbox rows by state (failed and unknown: in the last 24 hours)",
            outbox_messages.clone(),
        );
        let outbox_state = Family::<Label, Gauge>::default();
        registry.register(
            "whatsapp_outbox_state",
            "1 for the outbox's current state: running, needs_reconnect or cooling_down",
            outbox_state.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                registry,
                sent,
                received,
                media_downloads,
                api_latency,
                webhooks_received,
                webhooks_refused,
                rate_limit_remaining,
                outbox_depth,
                outbox_messages,
                outbox_state,
                rate: Mutex::new(None),
                outbox: OnceLock::new(),
            }),
        }
    }

    /// Meta accepted a message of this type (`text`, `image`, `template`, ...).
    pub fn message_sent(&self, kind: &str) {
        self.inner
            .sent
            .get_or_create(&[("type", message_type(kind))])
            .inc();
    }

    /// The inbox stored a customer's message of this type.
    pub fn message_received(&self, kind: &str) {
        self.inner
            .received
            .get_or_create(&[("type", message_type(kind))])
            .inc();
    }

    /// A media download ended: `ok`, `retry` or `failed`.
    pub fn media_download(&self, status: &'static str) {
        self.inner
            .media_downloads
            .get_or_create(&[("status", status)])
            .inc();
    }

    /// A webhook was accepted.
    pub fn webhook_received(&self) {
        self.inner.webhooks_received.inc();
    }

    /// A webhook request was refused (see [`refusal`] for the reasons).
    pub fn webhook_refused(&self, reason: &'static str) {
        self.inner
            .webhooks_refused
            .get_or_create(&[("reason", reason)])
            .inc();
    }

    /// The business number's limiter let a message through with `remaining` more allowed at
    /// once; it gets one back every `every`, up to `burst`.
    pub fn rate_limit_seen(&self, remaining: u32, burst: u32, every: Duration) {
        let seen = RateSeen {
            remaining,
            at: Instant::now(),
            burst,
            every,
        };
        *self.inner.rate.lock().unwrap_or_else(|e| e.into_inner()) = Some(seen);
    }

    /// Reads the outbox's depth and state from `store` and `breaker` when scraped.
    pub fn watch_outbox(&self, store: Store, breaker: Breaker) {
        let _ = self.inner.outbox.set((store, breaker));
    }
}

impl wacloud::GraphObserver for Metrics {
    fn request_finished(&self, endpoint: wacloud::Endpoint, elapsed: Duration) {
        self.inner
            .api_latency
            .get_or_create(&[("endpoint", endpoint.as_str())])
            .observe(elapsed.as_secs_f64());
    }
}

#[cfg(test)]
mod tests;
