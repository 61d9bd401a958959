//! A fake of the Graph API on loopback: everything the Cloud API does for one shop, so every
//! feature can be tried with no Meta account, through the real Graph client.
//!
//! * [`messages`]: `POST /{phone-number-id}/messages` (every kind of message, and read
//!   receipts). An accepted message is reported `sent → delivered → read` (or `sent → failed`
//!   for an unreachable customer) as signed webhooks, and the customer may answer.
//! * [`media`]: upload, `GET /{media-id}`, the download address, and deletion.
//! * [`templates`]: `/{waba-id}/message_templates`, seeded with a few templates.
//! * [`account`]: the phone number, the business profile, and `subscribed_apps` (with Meta's
//!   verification handshake against an override callback).
//!
//! Every request needs the sandbox's access token (error 190 otherwise); unknown ids and paths
//! get Meta's error shapes.

mod account;
mod errors;
mod media;
mod media_store;
mod messages;
mod subscriptions;
mod template_checks;
mod template_seed;
mod templates;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tracing::warn;

use super::{SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use crate::config::SandboxSettings;

use errors::{graph_error, graph_error_with, invalid_parameter, no_such_object, unknown_endpoint};
pub use media_store::StoredMedia;
pub(in crate::sandbox) use media_store::{SAMPLE_MEDIA_ID, SAMPLE_PNG};

/// The running fake.
pub struct FakeGraph {
    state: Arc<FakeState>,
}

/// What the handlers share.
pub(super) struct FakeState {
    settings: SandboxSettings,
    /// `http://127.0.0.1:{port}`: for the download addresses and paging links it hands out.
    base_url: String,
    /// Where webhooks go: the override callback if one was verified, else the engine's.
    target: watch::Sender<Option<String>>,
    targets: Mutex<Targets>,
    http: reqwest::Client,
    stop: CancellationToken,
    accepted: AtomicU64,
    media: Mutex<media_store::MediaStore>,
    templates: Mutex<templates::TemplateStore>,
    account: Mutex<account::Account>,
}

/// The two webhook destinations Meta knows: the app's callback and an override.
#[derive(Default)]
struct Targets {
    /// The app's callback (the engine's `/webhook`); template status updates always go here.
    default: Option<String>,
    /// The WABA's override callback, set through `subscribed_apps`.
    overridden: Option<String>,
}

impl FakeState {
    /// Publishes the effective webhook target after a change to either destination.
    fn set_targets(&self, change: impl FnOnce(&mut Targets)) {
        let mut targets = lock(&self.targets);
        change(&mut targets);
        let effective = targets
            .overridden
            .clone()
            .or_else(|| targets.default.clone());
        self.target.send_replace(effective);
    }

    /// The app's own callback, ignoring any override.
    fn default_target(&self) -> Option<String> {
        lock(&self.targets).default.clone()
    }
}

/// Locks a mutex, taking the data even if a handler panicked while holding it (every update
/// leaves the data consistent before anything that could panic).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The largest request body the upload endpoint reads: the largest file (a 100 MB document)
/// plus room for the multipart framing. A larger body is refused with Meta's upload error.
const MAX_UPLOAD_BODY: usize = (100 << 20) + (1 << 20);

impl FakeGraph {
    /// Starts the fake on a free loopback port; it stops with `stop`.
    pub async fn start(
        settings: SandboxSettings,
        stop: CancellationToken,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let state = Arc::new(FakeState {
            settings,
            target: watch::channel(None).0,
            targets: Mutex::new(Targets::default()),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(std::io::Error::other)?,
            stop: stop.clone(),
            accepted: AtomicU64::new(0),
            media: Mutex::new(media_store::MediaStore::with_sample(
                media_store::MEMORY_CAP,
            )),
            templates: Mutex::new(templates::TemplateStore::seeded()),
            account: Mutex::new(account::Account::default()),
            base_url,
        });
        let app = router(state.clone());
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(stop.cancelled_owned())
                .await;
            if let Err(e) = served {
                warn!(error = %e, "sandbox Graph API stopped");
            }
        });
        Ok(Self { state })
    }

    /// The base URL to give the Graph client.
    pub fn url(&self) -> String {
        self.state.base_url.clone()
    }

    /// Where status webhooks and customers' messages go (the engine's `/webhook`). A verified
    /// override callback (`POST /{waba-id}/subscribed_apps`) takes precedence, as at Meta.
    pub fn set_webhook_target(&self, url: String) {
        self.state.set_targets(|t| t.default = Some(url));
    }

    /// Where the fake sends webhooks now: the override callback if one is set, else the target
    /// given to [`FakeGraph::set_webhook_target`].
    pub fn webhook_target(&self) -> Option<String> {
        self.state.target.borrow().clone()
    }

    /// Messages accepted so far.
    pub fn accepted(&self) -> u64 {
        self.state.accepted.load(Ordering::Relaxed)
    }
}

fn router(state: Arc<FakeState>) -> Router {
    Router::new()
        .route(
            "/{version}/{node}",
            get(node_info).delete(media::delete).post(unknown_endpoint),
        )
        .route("/{version}/{node}/messages", post(messages::post_message))
        .route(
            "/{version}/{node}/media",
            post(media::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/{version}/{node}/message_templates",
            get(templates::list)
                .post(templates::create)
                .delete(templates::delete),
        )
        .route(
            "/{version}/{node}/subscribed_apps",
            get(subscriptions::list)
                .post(subscriptions::subscribe)
                .delete(subscriptions::unsubscribe),
        )
        .route(
            "/{version}/{node}/phone_numbers",
            get(account::phone_numbers),
        )
        .route(
            "/{version}/{node}/whatsapp_business_profile",
            get(account::business_profile).post(account::update_business_profile),
        )
        .route("/media-download/{media_id}", get(media::download))
        .fallback(unknown_endpoint)
        .method_not_allowed_fallback(unknown_endpoint)
        .layer(middleware::from_fn(require_token))
        .with_state(state)
}

/// Every request carries the sandbox's access token (error 190 otherwise), and every Graph path
/// starts with a version like `v24.0`.
async fn require_token(request: Request, next: Next) -> Response {
    if !authorised(request.headers()) {
        return graph_error(
            StatusCode::UNAUTHORIZED,
            190,
            "OAuthException",
            "Invalid OAuth access token - Cannot parse access token",
            None,
        );
    }
    let first = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    if first != "media-download" && !is_version(first) {
        return unknown_endpoint().await;
    }
    next.run(request).await
}

fn authorised(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|token| token.trim() == SANDBOX_ACCESS_TOKEN)
}

/// `v24.0`, `v21.0`, ...
fn is_version(segment: &str) -> bool {
    let Some(rest) = segment.strip_prefix('v') else {
        return false;
    };
    let (major, minor) = rest.split_once('.').unwrap_or((rest, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(major) && digits(minor)
}

/// `GET /{id}`: the phone number, the business account, or an uploaded file.
async fn node_info(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let fields = query_value(&query, "fields");
    if node == SANDBOX_PHONE_NUMBER_ID {
        return Json(account::phone_number(fields)).into_response();
    }
    if node == SANDBOX_WABA_ID {
        return Json(account::business_account(fields)).into_response();
    }
    if let Some(phone) = query_value(&query, "phone_number_id")
        && phone != SANDBOX_PHONE_NUMBER_ID
    {
        return invalid_parameter(&format!(
            "Param phone_number_id is not a valid whatsapp business phone number id ID ({phone})"
        ));
    }
    media::info(&state, &node)
}

/// The value of query parameter `name`, if given.
fn query_value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `object` with only the comma-separated `fields` asked for (and `id`), or whole when no
/// `fields` were asked for (Meta's `?fields=` on a read).
fn only_fields(object: &Value, fields: Option<&str>) -> Value {
    let (Some(fields), Value::Object(map)) = (fields, object) else {
        return object.clone();
    };
    let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
    Value::Object(
        map.iter()
            .filter(|(k, _)| k.as_str() == "id" || wanted.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// A random id of 15 digits, like Meta's object ids.
fn new_object_id() -> u64 {
    use rand::RngExt;
    rand::rng().random_range(100_000_000_000_000..1_000_000_000_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(is_version("v24.0"));
        assert!(is_version("v9"));
        assert!(!is_version("24.0"));
        assert!(!is_version("v24.x"));
        assert!(!is_version("media"));
        assert!(!is_version("v"));
    }

    #[test]
    fn bearer_token() {
        let mut headers = HeaderMap::new();
        assert!(!authorised(&headers));
        headers.insert(header::AUTHORIZATION, "Bearer nope".parse().unwrap());
        assert!(!authorised(&headers));
        let good = format!("Bearer {SANDBOX_ACCESS_TOKEN}");
        headers.insert(header::AUTHORIZATION, good.parse().unwrap());
        assert!(authorised(&headers));
    }
}
