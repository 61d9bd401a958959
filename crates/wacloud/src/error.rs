//! Graph API errors, typed so the app can act on them.
//!
//! Meta answers errors as
//! `{"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}`.
//! [`GraphError::from_response`] turns that (or a bare HTTP failure) into a [`GraphError`] whose
//! [`ErrorKind`] says what happened and whether a retry can help.
//!
//! ```
//! use wacloud::{ErrorKind, GraphError};
//! let body = br#"{"error":{"message":"Re-engagement message","type":"OAuthException",
//!   "code":131047,"error_data":{"details":"More than 24 hours have passed"},"fbtrace_id":"Az1"}}"#;
//! let err = GraphError::from_response(400, None, body);
//! assert_eq!(err.kind, ErrorKind::OutsideWindow);
//! assert!(!err.kind.is_retryable());
//! ```

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What kind of failure a Graph error is, as far as the app is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The access token expired or is invalid (190, HTTP 401/403): reconnect the account.
    Auth,
    /// Too many requests (4, 80007, 130429, 131056): retry later.
    RateLimited,
    /// Free-form message outside the 24-hour customer-service window (131047): use a template.
    OutsideWindow,
    /// The recipient cannot receive this message (131026).
    RecipientUnavailable,
    /// Spam or marketing caps (131048, 131049).
    SpamOrMarketingCap,
    /// A template problem (1320xx).
    Template,
    /// Media could not be downloaded or uploaded (131052, 131053).
    Media,
    /// A parameter is invalid (100, 131008, 131009).
    InvalidParameter,
    /// A server-side failure (1, 2, 131000, HTTP 5xx): retry.
    Server,
    /// The request never got an answer (DNS, connect, reset).
    Network,
    /// The request was sent but no answer came in time: it may have been acted on.
    Timeout,
    /// The connection broke after the request was sent (reset, truncated answer): it may have
    /// been acted on.
    Interrupted,
    /// The answer could not be understood.
    Decode,
    /// The file breaks the Cloud API's media limits (a type Meta does not accept for that kind of
    /// media, or a file too large), found before any request: convert or shrink the file.
    MediaLimit,
    /// A downloaded file does not match what Meta declared for it (byte count or SHA-256): the
    /// download broke off or was damaged; fetching it again can succeed.
    Integrity,
    /// Any other error Meta returns.
    Other,
}

impl ErrorKind {
    /// Whether sending the same request again later can succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::RateLimited
                | Self::Server
                | Self::Network
                | Self::Timeout
                | Self::Interrupted
                | Self::Integrity
        )
    }

    /// The kind for a Graph error code (and HTTP status when the code says nothing).
    pub fn classify(http_status: u16, code: Option<i64>) -> Self {
        match code {
            Some(190) => Self::Auth,
            Some(4 | 80007 | 130429 | 131056) => Self::RateLimited,
            Some(131047) => Self::OutsideWindow,
            Some(131026) => Self::RecipientUnavailable,
            Some(131048 | 131049) => Self::SpamOrMarketingCap,
            Some(132000..=132999) => Self::Template,
            Some(131052 | 131053) => Self::Media,
            Some(100 | 131008 | 131009) => Self::InvalidParameter,
            Some(1 | 2 | 131000) => Self::Server,
            _ => match http_status {
                401 | 403 => Self::Auth,
                429 => Self::RateLimited,
                500..=599 => Self::Server,
                _ => Self::Other,
            },
        }
    }
}

/// A failed Graph API call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.describe())]
pub struct GraphError {
    /// What happened, as far as the app is concerned.
    pub kind: ErrorKind,
    /// The HTTP status, when an answer came.
    pub http_status: Option<u16>,
    /// Meta's numeric error code.
    pub code: Option<i64>,
    /// Meta's `error_subcode`, which refines `code`.
    pub subcode: Option<i64>,
    /// Meta's error type (e.g. `OAuthException`), used as the title when no better one exists.
    pub title: String,
    /// Meta's `message`, or what went wrong locally.
    pub message: String,
    /// `error_data.details`, the most specific explanation Meta gives.
    pub details: Option<String>,
    /// Meta's trace id, to quote when asking Meta for support.
    pub fbtrace_id: Option<String>,
    /// How long the server asked us to wait (`Retry-After`), in seconds.
    pub retry_after_secs: Option<u64>,
}

#[derive(Deserialize)]
struct Envelope {
    error: Body,
}

#[derive(Deserialize)]
struct Body {
    #[serde(default)]
    message: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    error_subcode: Option<i64>,
    #[serde(default)]
    error_user_title: Option<String>,
    #[serde(default)]
    error_data: Option<ErrorData>,
    #[serde(default)]
    fbtrace_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorData {
    #[serde(default)]
    details: Option<String>,
}

impl GraphError {
    /// Builds the error from an HTTP answer that was not a success.
    pub fn from_response(status: u16, retry_after: Option<Duration>, body: &[u8]) -> Self {
        let retry_after_secs = retry_after.map(|d| d.as_secs());
        match serde_json::from_slice::<Envelope>(body) {
            Ok(Envelope { error }) => {
                let kind = ErrorKind::classify(status, error.code);
                Self {
                    kind,
                    http_status: Some(status),
                    code: error.code,
                    subcode: error.error_subcode,
                    title: error
                        .error_user_title
                        .or(error.kind)
                        .unwrap_or_else(|| default_title(kind).to_owned()),
                    message: error.message.unwrap_or_default(),
                    details: error.error_data.and_then(|d| d.details),
                    fbtrace_id: error.fbtrace_id,
                    retry_after_secs,
                }
            }
            Err(_) => {
                let kind = ErrorKind::classify(status, None);
                let text = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
                Self {
                    kind,
                    http_status: Some(status),
                    code: None,
                    subcode: None,
                    title: default_title(kind).to_owned(),
                    message: format!("HTTP {status}"),
                    details: (!text.trim().is_empty()).then_some(text),
                    fbtrace_id: None,
                    retry_after_secs,
                }
            }
        }
    }

    /// The error a body holds when it is a Graph error envelope (`{"error":{...}}`), whatever
    /// the HTTP status said; `None` for any other body. A media download that answers 200 with
    /// such a body instead of the file is refused with the error it carries.
    pub(crate) fn from_error_body(status: u16, body: &[u8]) -> Option<Self> {
        serde_json::from_slice::<Envelope>(body).ok()?;
        Some(Self::from_response(status, None, body))
    }

    /// This error with every occurrence of `secret` (the access token) in its texts replaced
    /// by `[REDACTED]`.
    pub fn without_secret(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let scrub = |text: &mut String| {
            if text.contains(secret) {
                *text = text.replace(secret, "[REDACTED]");
            }
        };
        scrub(&mut self.message);
        scrub(&mut self.title);
        if let Some(details) = &mut self.details {
            scrub(details);
        }
        self
    }

    /// An error with no answer from the server (network, timeout, undecodable answer).
    pub fn local(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            http_status: None,
            code: None,
            subcode: None,
            title: default_title(kind).to_owned(),
            message: message.into(),
            details: None,
            fbtrace_id: None,
            retry_after_secs: None,
        }
    }

    /// Whether the server may have acted on the request although no success came back: the
    /// request went out and its answer timed out, broke off, or could not be read. A send that
    /// fails this way must not be repeated blindly (the Cloud API has no idempotency key): the
    /// message may already be on its way to the customer.
    pub fn may_have_been_delivered(&self) -> bool {
        match self.kind {
            ErrorKind::Timeout | ErrorKind::Interrupted => true,
            ErrorKind::Decode => self.http_status.is_some_and(|s| (200..300).contains(&s)),
            _ => false,
        }
    }

    pub(crate) fn from_reqwest(err: &reqwest::Error) -> Self {
        // A failed connect never reached the server, whether it timed out or was refused: safe
        // to repeat. Anything that broke after the connection was made may have been acted on.
        let kind = if err.is_connect() {
            ErrorKind::Network
        } else if err.is_timeout() {
            ErrorKind::Timeout
        } else if err.is_builder() {
            ErrorKind::InvalidParameter
        } else if err.is_decode() {
            ErrorKind::Decode
        } else {
            ErrorKind::Interrupted
        };
        // Strip the URL: it is harmless today, but errors end up in logs and in the database.
        Self::local(kind, err.without_url_ref().to_string())
    }

    fn describe(&self) -> String {
        let mut s = match self.code {
            Some(code) => format!("{} ({code}): {}", self.title, self.message),
            None => format!("{}: {}", self.title, self.message),
        };
        if let Some(d) = &self.details {
            s.push_str(" — ");
            s.push_str(d);
        }
        s
    }
}

trait WithoutUrlRef {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrlRef for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut text = self.to_string();
        if let Some(url) = self.url() {
            text = text.replace(url.as_str(), "<graph url>");
        }
        let mut source = std::error::Error::source(self);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        text
    }
}

fn default_title(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Auth => "Access token expired or invalid",
        ErrorKind::RateLimited => "Rate limit hit",
        ErrorKind::OutsideWindow => "Outside the 24-hour window",
        ErrorKind::RecipientUnavailable => "Recipient cannot receive messages",
        ErrorKind::SpamOrMarketingCap => "Messaging limit reached",
        ErrorKind::Template => "Template problem",
        ErrorKind::Media => "Media problem",
        ErrorKind::InvalidParameter => "Invalid parameter",
        ErrorKind::Server => "WhatsApp server error",
        ErrorKind::Network => "Network error",
        ErrorKind::Timeout => "Request timed out",
        ErrorKind::Interrupted => "Connection lost mid-request",
        ErrorKind::Decode => "Unexpected answer",
        ErrorKind::MediaLimit => "File not accepted",
        ErrorKind::Integrity => "Damaged download",
        ErrorKind::Other => "WhatsApp error",
    }
}

#[cfg(test)]
mod tests;
