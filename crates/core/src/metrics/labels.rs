//! Label values: a small fixed set each, whatever the network sends (an unknown message type
//! is `other`), so a stranger cannot grow the metrics without bound.

/// The message types the Cloud API sends and takes; anything else is counted as `other`.
const TYPES: &[&str] = &[
    "text",
    "image",
    "video",
    "audio",
    "document",
    "sticker",
    "location",
    "contacts",
    "interactive",
    "button",
    "reaction",
    "template",
    "order",
    "system",
    "request_welcome",
    "unsupported",
];

/// `kind` as a label value: one of the known types, else `other`.
pub fn message_type(kind: &str) -> &'static str {
    TYPES
        .iter()
        .find(|t| **t == kind)
        .copied()
        .unwrap_or("other")
}

/// Why a webhook request was refused (the `reason` label of `whatsapp_webhooks_refused_total`).
pub mod refusal {
    /// A missing, malformed or wrong `X-Hub-Signature-256`.
    pub const SIGNATURE: &str = "signature";
    /// A body (or a declared `Content-Length`) over the limit.
    pub const TOO_LARGE: &str = "too_large";
    /// A `Content-Length` that is not a number.
    pub const MALFORMED_LENGTH: &str = "malformed_length";
    /// Signed, but not JSON.
    pub const NOT_JSON: &str = "not_json";
    /// Too many webhooks at once: shed with a 503 (Meta retries).
    pub const BUSY: &str = "busy";
    /// The spool is full (the database is stuck): 503 (Meta retries).
    pub const SPOOL_FULL: &str = "spool_full";
    /// The body could not be stored: 503 (Meta retries).
    pub const STORE_ERROR: &str = "store_error";
    /// A verification handshake (`GET /webhook`) with a wrong mode or verify token.
    pub const VERIFY_TOKEN: &str = "verify_token";
}

#[cfg(test)]
mod tests {
    use super::message_type;

    #[test]
    fn unknown_types_are_other() {
        assert_eq!(message_type("text"), "text");
        assert_eq!(message_type("reaction"), "reaction");
        assert_eq!(message_type("x\"} 1\nevil"), "other");
        assert_eq!(message_type(""), "other");
    }
}
