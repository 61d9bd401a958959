//! The fake's HTTP server: its start, the router that registers every area's routes, and the
//! access-token check in front of them.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tracing::warn;
use wacloud::MediaKind;
use wacloud::media::{MediaError, check_media_file};

use crate::account::{self, profile::Account};
use crate::credentials::{SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use crate::errors::{graph_error, invalid_parameter, unknown_endpoint};
use crate::media::store::{MEMORY_CAP, MediaStore, StoredMedia};
use crate::settings::Settings;
use crate::state::{FakeState, Targets, lock, query_value};
use crate::templates::store::TemplateStore;
use crate::{media, messages, subscriptions, templates};

/// The running fake.
pub struct FakeGraph {
    state: Arc<FakeState>,
}

/// The largest request body the upload endpoint reads: the largest file (a 100 MB document)
/// plus room for the multipart framing. A larger body is refused with Meta's upload error.
const MAX_UPLOAD_BODY: usize = (100 << 20) + (1 << 20);

impl FakeGraph {
    /// Starts the fake on a free loopback port; it stops with `stop`.
    pub async fn start(
        settings: impl Into<Settings>,
        stop: CancellationToken,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let base_url = format!("http://{addr}");
        let state = Arc::new(FakeState {
            settings: settings.into(),
            target: watch::channel(None).0,
            targets: Mutex::new(Targets::default()),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(std::io::Error::other)?,
            stop: stop.clone(),
            accepted: AtomicU64::new(0),
            media: Mutex::new(MediaStore::with_sample(MEMORY_CAP)),
            templates: Mutex::new(TemplateStore::seeded()),
            account: Mutex::new(Account::default()),
            blocklist: Mutex::new(crate::blocklist::store::Blocklist::default()),
            template_webhooks: std::sync::atomic::AtomicBool::new(true),
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

    /// Whether a template's review is reported by webhook (on by default); off, only the
    /// template list tells it, as when Meta's webhook goes to another callback.
    pub fn set_template_webhooks(&self, on: bool) {
        self.state.template_webhooks.store(on, Ordering::Relaxed);
    }

    /// Messages accepted so far.
    pub fn accepted(&self) -> u64 {
        self.state.accepted.load(Ordering::Relaxed)
    }

    /// Keeps a file as if it had been uploaded or sent by a customer, checked against the Cloud
    /// API's limits for `kind`; answers its id and SHA-256. Older files are dropped when the
    /// fake holds more than 256 MB.
    pub fn store_media(
        &self,
        kind: MediaKind,
        bytes: Vec<u8>,
        mime: &str,
    ) -> Result<StoredMedia, MediaError> {
        let mime = check_media_file(kind, mime, &bytes)?;
        Ok(lock(&self.state.media).add(Bytes::from(bytes), &mime))
    }

    /// The file `id` and its MIME type, if the fake holds it.
    pub fn media(&self, id: &str) -> Option<(Vec<u8>, String)> {
        lock(&self.state.media).file(id)
    }
}

fn router(state: Arc<FakeState>) -> Router {
    Router::new()
        .route(
            "/{version}/{node}",
            get(node_info)
                .delete(media::delete)
                .post(templates::studio::post_node)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/{version}/{node}/uploads",
            post(templates::studio::start_upload),
        )
        .route("/{version}/{node}/messages", post(messages::post_message))
        .route(
            "/{version}/{node}/block_users",
            post(crate::blocklist::block).delete(crate::blocklist::unblock),
        )
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
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("OAuth "))
        })
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
