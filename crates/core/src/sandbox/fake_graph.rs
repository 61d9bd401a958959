//! A fake of the Graph API's send endpoint, on loopback. It accepts what the real one accepts,
//! answers with a wamid, then reports `sent → delivered → read` as signed webhooks to the engine
//! (or `sent → failed` for an unreachable customer), and lets customers answer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};
use wacloud::send::OutgoingMessage;

use super::{
    SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID, customer, payloads,
    post_with_retry,
};
use crate::config::SandboxSettings;

/// The running fake.
pub struct FakeGraph {
    addr: SocketAddr,
    target: watch::Sender<Option<String>>,
    state: Arc<FakeState>,
}

struct FakeState {
    settings: SandboxSettings,
    target: watch::Receiver<Option<String>>,
    http: reqwest::Client,
    stop: CancellationToken,
    accepted: AtomicU64,
}

impl FakeGraph {
    /// Starts the fake on a free loopback port; it stops with `stop`.
    pub async fn start(
        settings: SandboxSettings,
        stop: CancellationToken,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (target, target_rx) = watch::channel(None);
        let state = Arc::new(FakeState {
            settings,
            target: target_rx,
            http: reqwest::Client::new(),
            stop: stop.clone(),
            accepted: AtomicU64::new(0),
        });
        let app = Router::new()
            .route("/{version}/{phone_number_id}/messages", post(send_message))
            .fallback(unknown_endpoint)
            .with_state(state.clone());
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(stop.cancelled_owned())
                .await;
            if let Err(e) = served {
                warn!(error = %e, "sandbox Graph API stopped");
            }
        });
        Ok(Self {
            addr,
            target,
            state,
        })
    }

    /// The base URL to give the Graph client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where status webhooks and customers' messages go (the engine's `/webhook`).
    pub fn set_webhook_target(&self, url: String) {
        self.target.send_replace(Some(url));
    }

    /// Messages accepted so far.
    pub fn accepted(&self) -> u64 {
        self.state.accepted.load(Ordering::Relaxed)
    }
}

fn graph_error(
    status: StatusCode,
    code: i64,
    kind: &str,
    message: &str,
    details: Option<&str>,
) -> Response {
    let mut error = json!({
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": "SANDBOX",
    });
    if let Some(d) = details {
        error["error_data"] = json!({"messaging_product": "whatsapp", "details": d});
    }
    (status, Json(json!({ "error": error }))).into_response()
}

async fn unknown_endpoint() -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        100,
        "GraphMethodException",
        "Unsupported request - method type or endpoint not available in the Shopchat sandbox",
        None,
    )
}

async fn send_message(
    State(state): State<Arc<FakeState>>,
    Path((_version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorised = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {SANDBOX_ACCESS_TOKEN}"));
    if !authorised {
        return graph_error(
            StatusCode::UNAUTHORIZED,
            190,
            "OAuthException",
            "Invalid OAuth access token - Cannot parse access token",
            None,
        );
    }
    if phone_number_id != SANDBOX_PHONE_NUMBER_ID {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "GraphMethodException",
            &format!("Unsupported post request. Object with ID '{phone_number_id}' does not exist"),
            None,
        );
    }
    let message: OutgoingMessage = match serde_json::from_slice(&body) {
        Ok(m) => m,
        Err(e) => {
            return graph_error(
                StatusCode::BAD_REQUEST,
                100,
                "OAuthException",
                "(#100) Invalid parameter",
                Some(&e.to_string()),
            );
        }
    };
    if let Err(reason) = message.content.validate() {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) Invalid parameter",
            Some(&reason),
        );
    }
    let to = message.to.to_string();
    let wamid = payloads::new_wamid();
    state.accepted.fetch_add(1, Ordering::Relaxed);
    debug!(%to, %wamid, "sandbox Graph API accepted a message");
    tokio::spawn(report_statuses(
        state.clone(),
        wamid.clone(),
        to.clone(),
        message.biz_opaque_callback_data.clone(),
    ));
    Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": to, "wa_id": to}],
        "messages": [{"id": wamid}],
    }))
    .into_response()
}

/// `sent → delivered → read` (or `sent → failed`), then maybe an answer from the customer.
async fn report_statuses(
    state: Arc<FakeState>,
    wamid: String,
    to: String,
    callback_data: Option<String>,
) {
    let mut target = state.target.clone();
    let url = match target.wait_for(Option::is_some).await {
        Ok(url) => url.clone().unwrap_or_default(),
        Err(_) => return,
    };
    let unreachable = customer(&to).is_some_and(|c| c.unreachable);
    let steps: &[&str] = if unreachable {
        &["sent", "failed"]
    } else {
        &["sent", "delivered", "read"]
    };
    for (step, delay) in steps.iter().zip(state.settings.status_delays) {
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = state.stop.cancelled() => return,
        }
        let error = (*step == "failed").then_some((
            131026,
            "Message undeliverable",
            "The sandbox customer Uma cannot receive messages (a simulated failure).",
        ));
        let mut body = payloads::status(
            SANDBOX_WABA_ID,
            SANDBOX_PHONE_NUMBER_ID,
            &wamid,
            &to,
            step,
            crate::store::now_secs(),
            error,
        );
        if let Some(data) = &callback_data {
            payloads::set_callback_data(&mut body, data);
        }
        if let Err(e) = post_with_retry(&state.http, &url, &body).await {
            warn!(error = %e, "sandbox: could not deliver a status webhook");
            return;
        }
    }
    if state.settings.auto_reply && !unreachable {
        tokio::select! {
            _ = tokio::time::sleep(state.settings.status_delays[2]) => {}
            _ = state.stop.cancelled() => return,
        }
        let name = customer(&to).map_or("Sandbox customer", |c| c.name);
        let body = payloads::inbound_text(
            SANDBOX_WABA_ID,
            SANDBOX_PHONE_NUMBER_ID,
            &to,
            name,
            &payloads::new_wamid(),
            crate::store::now_secs(),
            super::auto_reply_for(&wamid),
        );
        if let Err(e) = post_with_retry(&state.http, &url, &body).await {
            warn!(error = %e, "sandbox: a customer's answer could not be delivered");
        }
    }
}
