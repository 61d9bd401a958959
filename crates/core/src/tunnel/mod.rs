//! The public HTTPS endpoint Meta delivers webhooks to, and keeping it up.
//!
//! A [`TunnelProvider`] opens a [`Tunnel`] that serves the webhook router at a public URL: the
//! real one is ngrok ([`ngrok::NgrokProvider`], cargo feature `ngrok`, on by default); tests use
//! the in-process [`fake::FakeTunnelProvider`]. Only [`PublicPaths`] are served through it
//! (`/webhook`, `/healthz`, and the account-link pages once they exist).
//!
//! The [`TunnelHandle`] supervisor connects, retries the first connection and every reconnection
//! with a capped exponential [`Backoff`] (with jitter), publishes a [`TunnelState`] on a tokio
//! watch channel (for the status bar and the setup wizard), and, when the public URL changes,
//! re-points Meta's override callback through a [`CallbackRepointer`].

mod backoff;
pub mod fake;
#[cfg(feature = "ngrok")]
pub mod ngrok;
mod serve;
mod supervisor;
pub(crate) mod texts;

use std::future::Future;
use std::pin::Pin;

use axum::Router;
use serde::Serialize;
use ts_rs::TS;

use crate::i18n::say;
use texts::TEXTS;

pub use backoff::Backoff;
pub use serve::PublicPaths;
pub use supervisor::{TunnelHandle, TunnelOptions};

/// Where the tunnel stands, as the status bar and the wizard show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TunnelState {
    /// No tunnel runs (none configured, or stopped).
    Off,
    /// Connecting; `attempt` counts from 1 since the last time it was online.
    Connecting { attempt: u32 },
    /// Serving at `url` (HTTPS, no trailing slash); `callback` says whether Meta was told.
    Online {
        url: String,
        callback: CallbackStatus,
    },
    /// Not connected: `error` says why; the next attempt is at `retry_at` (unix milliseconds).
    Offline { error: String, retry_at: u64 },
}

/// Whether Meta's webhook (the override callback) points at the tunnel's current URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CallbackStatus {
    /// Re-pointing is off (a setting), or there is nothing to re-point with.
    Disabled,
    /// Meta is being told the new URL.
    Pending,
    /// Meta has the current URL.
    Repointed,
    /// Meta could not be told after several tries: `error` says why.
    Failed { error: String },
}

/// Why a tunnel could not be opened, or was lost. Never holds the authtoken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TunnelError {
    /// The service refused the credentials (a wrong or revoked authtoken, a domain not reserved
    /// by this account).
    #[error("{}", say(TEXTS, "tunnel.refused", &[("reason", .0)]))]
    Refused(String),
    /// The service could not be reached or the endpoint could not be opened.
    #[error("{}", say(TEXTS, "tunnel.connect", &[("reason", .0)]))]
    Connect(String),
    /// An open tunnel was lost and the service's own reconnection gave up.
    #[error("{}", say(TEXTS, "tunnel.lost", &[("reason", .0)]))]
    Lost(String),
}

/// Opens tunnels to one service with one account.
pub trait TunnelProvider: Send + Sync + 'static {
    /// The open tunnel.
    type Tunnel: Tunnel;

    /// Connects and starts serving `router` at a public URL. Makes one attempt: the
    /// supervisor retries.
    fn connect(
        &self,
        router: Router,
    ) -> impl Future<Output = Result<Self::Tunnel, TunnelError>> + Send;
}

/// An open tunnel; dropping it closes it.
pub trait Tunnel: Send + 'static {
    /// The public base URL (`https://…`, no trailing slash).
    fn url(&self) -> &str;

    /// Resolves once the tunnel is lost for good, with why. Cancel-safe.
    fn lost(&mut self) -> impl Future<Output = TunnelError> + Send;

    /// Closes the tunnel.
    fn close(self) -> impl Future<Output = ()> + Send;
}

/// Future returned by [`CallbackRepointer::repoint`].
pub type RepointFuture<'a> = Pin<Box<dyn Future<Output = Result<(), RepointError>> + Send + 'a>>;

/// Tells Meta where webhooks go now. The engine wires the Graph call
/// (`POST /{waba}/subscribed_apps` with `override_callback_uri` and `verify_token`).
pub trait CallbackRepointer: Send + Sync + 'static {
    /// Points the app's webhook for the business account at `callback_url` (the tunnel's URL
    /// followed by `/webhook`).
    fn repoint<'a>(&'a self, callback_url: &'a str) -> RepointFuture<'a>;
}

/// Why Meta could not be re-pointed (a Graph error's description; never a token).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RepointError(pub String);

/// The webhook URL for a tunnel's public base URL.
pub fn callback_url(public_url: &str) -> String {
    format!("{}/webhook", public_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests;
