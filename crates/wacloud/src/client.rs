//! The Graph API client.
//!
//! ```no_run
//! # async fn demo() -> Result<(), wacloud::GraphError> {
//! use wacloud::{GraphClient, GraphConfig, PhoneNumberId, WaId};
//! use wacloud::send::{Content, OutgoingMessage};
//! let client = GraphClient::new(GraphConfig::new("EAAG...".to_owned().into()))?;
//! let sent = client
//!     .send_message(
//!         &PhoneNumberId::parse("1122334455667").unwrap(),
//!         &OutgoingMessage::new(WaId::parse("15550100001").unwrap(), Content::text("Hello", false)),
//!     )
//!     .await?;
//! println!("wamid: {}", sent.messages[0].id);
//! # Ok(()) }
//! ```

use std::time::Duration;

use reqwest::header::{HeaderMap, RETRY_AFTER};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;

use crate::error::{ErrorKind, GraphError};
use crate::observe::{Endpoint, GraphObserver, Observer};

/// The default Graph API version.
pub const DEFAULT_API_VERSION: &str = "v24.0";
/// The default Graph API address.
pub const DEFAULT_GRAPH_URL: &str = "https://graph.facebook.com";

/// The highest messages-per-second Meta allows a business number (80 by default, up to 1,000
/// once upgraded).
pub const MAX_MESSAGES_PER_SECOND: u32 = 1_000;

/// Where and how the client talks to the Graph API.
#[derive(Debug, Clone)]
pub struct GraphConfig {
    /// `https://graph.facebook.com`, or a local fake in tests and the sandbox.
    pub base_url: String,
    /// `v24.0`.
    pub api_version: String,
    /// The access token sent as `Authorization: Bearer`; never logged.
    pub access_token: SecretString,
    /// The whole request, connect included (media transfers get more time, by their size).
    pub timeout: Duration,
}

impl GraphConfig {
    /// The default address and version, a 30-second timeout, and `access_token`.
    pub fn new(access_token: SecretString) -> Self {
        Self {
            base_url: DEFAULT_GRAPH_URL.to_owned(),
            api_version: DEFAULT_API_VERSION.to_owned(),
            access_token,
            timeout: Duration::from_secs(30),
        }
    }
}

/// A Graph API client. Cheap to clone; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct GraphClient {
    http: reqwest::Client,
    /// `{base_url}/{api_version}`, without a trailing slash.
    root: String,
    token: SecretString,
    /// The configured request timeout.
    timeout: Duration,
    /// The Graph API is on this computer (a local fake).
    local: bool,
    /// Told of every request (metrics).
    observer: Observer,
}

/// How fast a media transfer is at least expected to go: a transfer gets the configured timeout
/// plus one second per this many bytes (64 KiB/s, a slow mobile link), so a 100 MB document is
/// not cut off after 30 seconds but a stalled one still ends.
const SLOWEST_TRANSFER_BYTES_PER_SEC: u64 = 64 * 1024;

impl GraphClient {
    /// A client for `config`; refuses a base URL that is not http(s) and a malformed version.
    pub fn new(config: GraphConfig) -> Result<Self, GraphError> {
        let base = url::Url::parse(&config.base_url).map_err(|e| {
            GraphError::local(
                ErrorKind::InvalidParameter,
                format!("WHATSAPP_GRAPH_URL is not a URL: {e}"),
            )
        })?;
        if !matches!(base.scheme(), "http" | "https") {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                "WHATSAPP_GRAPH_URL must be an http(s) URL",
            ));
        }
        let version = config.api_version.trim_matches('/');
        if version.is_empty() || version.contains('/') {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!(
                    "WHATSAPP_API_VERSION {:?} is not a version like v24.0",
                    config.api_version
                ),
            ));
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("shopchat-wacloud/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GraphError::from_reqwest(&e))?;
        Ok(Self {
            http,
            root: format!("{}/{version}", base.as_str().trim_end_matches('/')),
            token: config.access_token,
            timeout: config.timeout,
            local: is_loopback(&base),
            observer: Observer::default(),
        })
    }

    /// The same client, reporting every request to `observer` (its endpoint and duration).
    pub fn with_observer(mut self, observer: std::sync::Arc<dyn GraphObserver>) -> Self {
        self.observer = Observer(Some(observer));
        self
    }

    /// Times `request` for the observer, if there is one.
    pub(crate) async fn timed<T>(&self, endpoint: Endpoint, request: impl Future<Output = T>) -> T {
        self.observer.time(endpoint, request).await
    }

    /// Whether the Graph API this client talks to is on this computer (a local fake).
    pub fn is_local(&self) -> bool {
        self.local
    }

    /// `{base}/{version}/{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/{}", self.root, path.trim_start_matches('/'))
    }

    /// The underlying HTTP client (for requests the Graph API paths do not cover, such as a
    /// media download URL).
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The timeout for moving `bytes` bytes of media (see [`SLOWEST_TRANSFER_BYTES_PER_SEC`]).
    pub(crate) fn transfer_timeout(&self, bytes: u64) -> Duration {
        self.timeout + Duration::from_secs(bytes / SLOWEST_TRANSFER_BYTES_PER_SEC)
    }

    /// Whether `url` is on the configured Graph API origin (scheme, host and port): the only
    /// plain-http address the access token may be sent to (a local fake in tests and the sandbox).
    pub(crate) fn is_graph_origin(&self, url: &url::Url) -> bool {
        url::Url::parse(&self.root).is_ok_and(|root| root.origin() == url.origin())
    }

    /// The access token, for the `Authorization: Bearer` header.
    pub(crate) fn token(&self) -> &str {
        self.token.expose_secret()
    }

    /// `GET {root}/{path}` with the token, the answer decoded as `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, GraphError> {
        let request = self
            .http
            .get(self.url(path))
            .query(query)
            .bearer_auth(self.token.expose_secret());
        self.execute(endpoint, request).await
    }

    /// `POST {root}/{path}` with the token and a JSON body (none when `body` is `None`).
    pub(crate) async fn post_json<B: serde::Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, GraphError> {
        let mut request = self
            .http
            .post(self.url(path))
            .bearer_auth(self.token.expose_secret());
        if let Some(body) = body {
            request = request.json(body);
        }
        self.execute(endpoint, request).await
    }

    /// `DELETE {root}/{path}` with the token and query parameters.
    pub(crate) async fn delete_json<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, GraphError> {
        let request = self
            .http
            .delete(self.url(path))
            .query(query)
            .bearer_auth(self.token.expose_secret());
        self.execute(endpoint, request).await
    }

    /// Sends `request` (to `endpoint`, for the observer) and decodes a success as `T`; an error
    /// status becomes a typed [`GraphError`].
    pub(crate) async fn execute<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        request: reqwest::RequestBuilder,
    ) -> Result<T, GraphError> {
        // Meta echoes a malformed token in its error text ("Malformed access token EAA…"): it
        // never goes further than here.
        self.timed(endpoint, self.execute_unscrubbed(request))
            .await
            .map_err(|e| e.without_secret(self.token.expose_secret()))
    }

    async fn execute_unscrubbed<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, GraphError> {
        let response = request
            .send()
            .await
            .map_err(|e| GraphError::from_reqwest(&e))?;
        let status = response.status();
        let retry_after = retry_after(response.headers());
        let body = match response.bytes().await {
            Ok(body) => body,
            // An error status says the request was refused, even if its body broke off.
            Err(_) if !status.is_success() => {
                return Err(GraphError::from_response(status.as_u16(), retry_after, b""));
            }
            // A success whose body broke off: the request was acted on, its answer is lost.
            Err(e) => {
                let mut err = GraphError::from_reqwest(&e);
                if !err.may_have_been_delivered() {
                    err.kind = ErrorKind::Interrupted;
                    err.title = "Connection lost mid-request".to_owned();
                }
                err.http_status = Some(status.as_u16());
                return Err(err);
            }
        };
        if !status.is_success() {
            return Err(GraphError::from_response(
                status.as_u16(),
                retry_after,
                &body,
            ));
        }
        serde_json::from_slice(&body).map_err(|e| {
            let mut err = GraphError::local(
                ErrorKind::Decode,
                format!("the Graph API answered something unexpected: {e}"),
            );
            err.http_status = Some(status.as_u16());
            err
        })
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the Graph API).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// The `{"success": true}` answer of calls that change something and return nothing else.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Success {
    success: bool,
}

impl Success {
    /// `Ok` when Meta said `true`; a [`ErrorKind::Other`] error naming `what` otherwise.
    pub(crate) fn into_result(self, what: &str) -> Result<(), GraphError> {
        if self.success {
            Ok(())
        } else {
            let mut err = GraphError::local(
                ErrorKind::Other,
                format!("the Graph API answered success=false to {what}"),
            );
            err.http_status = Some(200);
            Err(err)
        }
    }
}

/// Whether `url` names this computer (`localhost`, 127.0.0.0/8, `::1`): a local fake of the
/// Graph API, which may take plain http.
pub(crate) fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
