//! What a webhook POST must show before its body is read: a well-formed `X-Hub-Signature-256`
//! and a `Content-Length` (if any) within the limit; and a free slot, else 503 (Meta retries), so
//! a flood of unauthenticated uploads holds neither memory nor tasks.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;
use tracing::warn;

use super::{MAX_BODY_BYTES, WebhookState, refuse};
use crate::metrics::refusal;

/// Webhook POSTs handled at once; more are shed with a 503 and `Retry-After`.
pub const MAX_CONCURRENT_WEBHOOKS: usize = 64;

/// The slots a webhook POST takes while it is read, checked and stored.
#[derive(Clone)]
pub(super) struct Slots(Arc<Semaphore>);

impl Slots {
    pub(super) fn new(n: usize) -> Self {
        Self(Arc::new(Semaphore::new(n)))
    }
}

/// Whether a header value is `sha256=` and 64 hex digits (the only form Meta sends).
pub fn well_formed_signature(value: &[u8]) -> bool {
    let value = value.trim_ascii();
    value
        .strip_prefix(b"sha256=")
        .is_some_and(|hex| hex.len() == 64 && hex.iter().all(u8::is_ascii_hexdigit))
}

/// The declared body length, if the request declares one it can keep.
enum Declared {
    Fits,
    TooLarge(u64),
    Malformed,
}

fn declared_length(req: &Request) -> Declared {
    match req.headers().get(header::CONTENT_LENGTH) {
        None => Declared::Fits, // chunked: the body limit cuts it off while it is read
        Some(v) => match v.to_str().ok().and_then(|s| s.trim().parse::<u64>().ok()) {
            Some(n) if n > MAX_BODY_BYTES as u64 => Declared::TooLarge(n),
            Some(_) => Declared::Fits,
            None => Declared::Malformed,
        },
    }
}

/// The gate in front of `POST /webhook`.
pub(super) async fn webhook_gate(
    State(state): State<WebhookState>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != axum::http::Method::POST {
        return next.run(req).await;
    }
    match declared_length(&req) {
        Declared::Fits => {}
        Declared::TooLarge(n) => {
            warn!(declared = n, "webhook refused before its body: too large");
            state.refused(refusal::TOO_LARGE);
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body may not exceed {MAX_BODY_BYTES} bytes"),
            );
        }
        Declared::Malformed => {
            state.refused(refusal::MALFORMED_LENGTH);
            return refuse(StatusCode::BAD_REQUEST, "malformed Content-Length");
        }
    }
    let signed = req
        .headers()
        .get(wacloud::signature::SIGNATURE_HEADER)
        .is_some_and(|v| well_formed_signature(v.as_bytes()));
    if !signed {
        state.count_refused_signature();
        return refuse(
            StatusCode::FORBIDDEN,
            "the X-Hub-Signature-256 header is missing or not of the form sha256=<64 hex digits>",
        );
    }
    let Ok(_slot) = state.slots().0.clone().try_acquire_owned() else {
        state.count_shed();
        let mut busy = refuse(StatusCode::SERVICE_UNAVAILABLE, "busy; try again");
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return busy;
    };
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::well_formed_signature;

    #[test]
    fn only_sha256_and_64_hex_digits_is_well_formed() {
        let good = format!("sha256={}", "a".repeat(64));
        assert!(well_formed_signature(good.as_bytes()));
        assert!(well_formed_signature(format!(" {good} ").as_bytes()));
        assert!(well_formed_signature(
            format!("sha256={}", "F".repeat(64)).as_bytes()
        ));
        for bad in [
            String::new(),
            "sha256=".into(),
            format!("sha1={}", "a".repeat(64)),
            format!("sha256={}", "a".repeat(63)),
            format!("sha256={}", "a".repeat(65)),
            format!("sha256={}g", "a".repeat(63)),
            format!("SHA256={}", "a".repeat(64)),
        ] {
            assert!(!well_formed_signature(bad.as_bytes()), "{bad:?}");
        }
    }
}
