//! Watching the client's requests from outside (metrics): each Graph API call is reported with
//! the endpoint it went to, as a small fixed set of names (never an id), and how long it took.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Which Graph API endpoint a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `POST /{phone-number-id}/messages` (sends and read receipts).
    Messages,
    /// `POST /{phone-number-id}/media`, `GET` / `DELETE /{media-id}`.
    Media,
    /// The media file itself, from the URL Meta gave.
    MediaDownload,
    /// `/{waba-id}/message_templates`.
    Templates,
    /// The number, its business profile, the account's numbers.
    Account,
    /// `/{waba-id}/subscribed_apps`.
    SubscribedApps,
    /// `/{phone-number-id}/block_users`.
    BlockUsers,
    /// `/{app-id}/uploads` and `/{upload-session-id}` (the Resumable Upload API: a template's
    /// sample file).
    Uploads,
}

impl Endpoint {
    /// The label: `messages`, `media`, `media_download`, `templates`, `account`,
    /// `subscribed_apps`, `block_users`, `uploads`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Messages => "messages",
            Self::Media => "media",
            Self::MediaDownload => "media_download",
            Self::Templates => "templates",
            Self::Account => "account",
            Self::SubscribedApps => "subscribed_apps",
            Self::BlockUsers => "block_users",
            Self::Uploads => "uploads",
        }
    }
}

/// Told of every request the client made, whatever its outcome (an error answer, a timeout).
pub trait GraphObserver: Send + Sync + 'static {
    /// A request to `endpoint` finished after `elapsed`.
    fn request_finished(&self, endpoint: Endpoint, elapsed: Duration);
}

/// The client's observer, if any (a `Debug` that shows only whether there is one).
#[derive(Clone, Default)]
pub(crate) struct Observer(pub(crate) Option<Arc<dyn GraphObserver>>);

impl fmt::Debug for Observer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

impl Observer {
    /// Times `request` and reports it to the observer.
    pub(crate) async fn time<T>(&self, endpoint: Endpoint, request: impl Future<Output = T>) -> T {
        let Some(observer) = &self.0 else {
            return request.await;
        };
        let started = std::time::Instant::now();
        let out = request.await;
        observer.request_finished(endpoint, started.elapsed());
        out
    }
}
