//! Delivering webhooks as Meta does: signed with the sandbox's app secret, retried while the
//! receiver is starting.

use std::time::Duration;

use serde_json::Value;

use crate::credentials::SANDBOX_APP_SECRET;
use crate::payloads;

/// Posts a signed webhook, retrying a few times as Meta would (the server may be starting).
pub async fn post_with_retry(
    http: &reqwest::Client,
    url: &str,
    body: &Value,
) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..5u32 {
        match payloads::post_signed(http, url, SANDBOX_APP_SECRET.as_bytes(), body).await {
            Ok(s) if s.is_success() => return Ok(()),
            Ok(s) => last = format!("HTTP {s}"),
            Err(e) => last = e.to_string(),
        }
        tokio::time::sleep(Duration::from_millis(100 << attempt)).await;
    }
    Err(last)
}
