//! The webhook HTTP server: `GET /webhook` (verify handshake), `POST /webhook` (signed events),
//! `GET /healthz`, and `GET /metrics` (Prometheus) to loopback clients only. Nothing else is
//! served; through the tunnel, only `/webhook` and a bare `/healthz`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tracing::{error, warn};

use crate::metrics::{Metrics, refusal};
use crate::spool::{Spool, SpoolError};

mod guard;
mod listen;
mod metrics_route;

pub use guard::{MAX_CONCURRENT_WEBHOOKS, well_formed_signature};
pub use listen::{ListenLimits, host_allowed, serve};

/// The largest webhook body accepted (Meta's payloads reach a few MB).
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

/// What the handlers share.
#[derive(Clone)]
pub struct WebhookState {
    inner: Arc<StateInner>,
}

struct StateInner {
    spool: Spool,
    app_secret: SecretString,
    verify_token: SecretString,
    mode: &'static str,
    started: Instant,
    body_timeout: Duration,
    /// Webhooks accepted (stored) since start, and when the last one was (unix ms; 0: none).
    received: std::sync::atomic::AtomicU64,
    last_received_ms: std::sync::atomic::AtomicU64,
    /// Webhooks refused for their signature since start (a wrong app secret shows here).
    refused_signature: std::sync::atomic::AtomicU64,
    /// Webhooks shed (503) because `MAX_CONCURRENT_WEBHOOKS` were being handled.
    shed: std::sync::atomic::AtomicU64,
    slots: guard::Slots,
    metrics: Metrics,
}

/// How long a client may take to send a webhook's body: a slow or stalled sender is cut off
/// (400, "data was not received within the designated timeout") instead of holding a connection
/// and a task open.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

impl WebhookState {
    pub fn new(
        spool: Spool,
        app_secret: SecretString,
        verify_token: SecretString,
        mode: &'static str,
    ) -> Self {
        Self {
            inner: Arc::new(StateInner {
                spool,
                app_secret,
                verify_token,
                mode,
                started: Instant::now(),
                body_timeout: BODY_TIMEOUT,
                received: Default::default(),
                last_received_ms: Default::default(),
                refused_signature: Default::default(),
                shed: Default::default(),
                slots: guard::Slots::new(MAX_CONCURRENT_WEBHOOKS),
                metrics: Metrics::default(),
            }),
        }
    }

    /// Webhooks accepted since start.
    pub fn received(&self) -> u64 {
        self.inner
            .received
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Webhooks refused for a bad or missing signature since start.
    pub fn refused_signature(&self) -> u64 {
        self.inner
            .refused_signature
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Webhooks shed with a 503 for want of a free slot since start.
    pub fn shed(&self) -> u64 {
        self.inner.shed.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn count_refused_signature(&self) {
        self.inner
            .refused_signature
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.refused(refusal::SIGNATURE);
    }

    fn count_shed(&self) {
        self.inner
            .shed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.refused(refusal::BUSY);
    }

    fn refused(&self, reason: &'static str) {
        self.inner.metrics.webhook_refused(reason);
    }

    /// The metrics `GET /metrics` serves and the webhooks are counted in.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Counts into (and serves) `metrics` (the engine's).
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.metrics = metrics;
        }
        self
    }

    fn slots(&self) -> &guard::Slots {
        &self.inner.slots
    }

    /// At most `n` webhook POSTs handled at once (tests).
    pub fn with_max_concurrent(mut self, n: usize) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.slots = guard::Slots::new(n);
        }
        self
    }

    /// When the last webhook was accepted (unix milliseconds), if one was.
    pub fn last_received_ms(&self) -> Option<u64> {
        match self
            .inner
            .last_received_ms
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            0 => None,
            ms => Some(ms),
        }
    }

    /// A different body timeout (tests).
    pub fn with_body_timeout(mut self, timeout: Duration) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.body_timeout = timeout;
        }
        self
    }
}

/// The router the server and the tunnel serve. A webhook POST passes the gate (`guard`) before
/// its body is read: a well-formed signature header, a length within the limit, a free slot.
pub fn router(state: WebhookState) -> Router {
    let body_timeout = state.inner.body_timeout;
    Router::new()
        .route(
            "/webhook",
            get(verify)
                .post(receive)
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    guard::webhook_gate,
                )),
        )
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics_route::metrics))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyTimeoutLayer::new(body_timeout))
        .with_state(state)
}

#[derive(Deserialize)]
struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

async fn verify(State(state): State<WebhookState>, Query(q): Query<Handshake>) -> Response {
    let token_ok = q.verify_token.as_deref().is_some_and(|t| {
        bool::from(
            t.as_bytes()
                .ct_eq(state.inner.verify_token.expose_secret().as_bytes()),
        )
    });
    match (q.mode.as_deref(), token_ok, q.challenge) {
        (Some("subscribe"), true, Some(challenge)) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            challenge,
        )
            .into_response(),
        _ => {
            warn!("webhook verification refused (wrong mode or verify token)");
            state.refused(refusal::VERIFY_TOKEN);
            (StatusCode::FORBIDDEN, "verification failed").into_response()
        }
    }
}

fn refuse(status: StatusCode, reason: impl Into<String>) -> Response {
    (status, Json(json!({ "error": reason.into() }))).into_response()
}

async fn receive(State(state): State<WebhookState>, headers: HeaderMap, body: Bytes) -> Response {
    let signature = headers
        .get(wacloud::signature::SIGNATURE_HEADER)
        .map(|v| v.to_str().unwrap_or(""));
    if let Err(e) = wacloud::verify(
        state.inner.app_secret.expose_secret().as_bytes(),
        signature,
        &body,
    ) {
        warn!(reason = %e, bytes = body.len(), "webhook refused: bad signature");
        state.count_refused_signature();
        return refuse(StatusCode::FORBIDDEN, e.to_string());
    }
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&body) {
        warn!(error = %e, "webhook refused: signed but not JSON");
        state.refused(refusal::NOT_JSON);
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("the body is not JSON: {e}"),
        );
    }
    // Durable in the spool before the 200; the spool's mover copies it into the journal (the
    // body exactly as signed) and wakes the inbox.
    match state.inner.spool.append(body).await {
        Ok(_) => {
            use std::sync::atomic::Ordering::Relaxed;
            state.inner.received.fetch_add(1, Relaxed);
            state.inner.metrics.webhook_received();
            state
                .inner
                .last_received_ms
                .fetch_max(crate::store::now_ms().max(1) as u64, Relaxed);
            StatusCode::OK.into_response()
        }
        Err(e @ SpoolError::TooLarge(_)) => {
            state.refused(refusal::TOO_LARGE);
            refuse(StatusCode::PAYLOAD_TOO_LARGE, e.to_string())
        }
        Err(e @ SpoolError::Full(_)) => {
            // The database is stuck and the backlog reached its cap: Meta keeps the event and
            // retries, rather than the disk filling up.
            warn!(error = %e, "webhook deferred: the spool is full");
            state.refused(refusal::SPOOL_FULL);
            let mut busy = refuse(StatusCode::SERVICE_UNAVAILABLE, e.to_string());
            busy.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("30"));
            busy
        }
        Err(e) => {
            // Meta retries anything but a 200, so nothing is lost.
            error!(error = %e, "could not store a webhook");
            state.refused(refusal::STORE_ERROR);
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                "could not store the event; try again",
            )
        }
    }
}

async fn healthz(State(state): State<WebhookState>) -> Response {
    Json(json!({
        "status": "ok",
        "mode": state.inner.mode,
        "version": env!("CARGO_PKG_VERSION"),
        "uptime_secs": state.inner.started.elapsed().as_secs(),
    }))
    .into_response()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod gate_tests;

#[cfg(test)]
mod spool_cap_tests;
