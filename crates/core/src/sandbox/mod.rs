//! The sandbox: a fake Graph API on loopback and simulated customers, so everything can be tried
//! without a Meta account. The engine runs exactly as in live mode, pointed at the fake: sends go
//! through the real Graph client, and statuses and customers' messages come back as signed
//! webhooks over real HTTP.
//!
//! The sandbox's credentials below are public constants, not secrets: they only ever guard
//! loopback traffic between the engine and its own fake.

mod fake_graph;
pub mod payloads;

use std::time::Duration;

use serde_json::Value;
use tokio_util::sync::CancellationToken;
use tracing::warn;

pub use fake_graph::FakeGraph;

use crate::store::{Store, StoreError};

pub const SANDBOX_APP_SECRET: &str = "shopchat-sandbox-app-secret";
pub const SANDBOX_VERIFY_TOKEN: &str = "shopchat-sandbox-verify-token";
pub const SANDBOX_ACCESS_TOKEN: &str = "shopchat-sandbox-access-token";
pub const SANDBOX_PHONE_NUMBER_ID: &str = "100000000000001";
pub const SANDBOX_WABA_ID: &str = "200000000000002";

/// A simulated customer.
#[derive(Debug, Clone, Copy)]
pub struct Customer {
    pub wa_id: &'static str,
    pub name: &'static str,
    /// What they write first, when the sandbox is seeded.
    pub opening: Option<&'static str>,
    /// Messages to them fail as undeliverable (131026), to show what a failure looks like.
    pub unreachable: bool,
}

/// The seeded customers (numbers in the fictional 555-01xx range).
pub const CUSTOMERS: &[Customer] = &[
    Customer {
        wa_id: "15550100001",
        name: "Ana Souza",
        opening: Some("Hi! Do you still have the blue ceramic mugs in stock?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100002",
        name: "Ben Okafor",
        opening: Some("Hello, is my order #1042 ready for pick-up?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100003",
        name: "Chloé Martin",
        opening: Some("Bonjour! What are your opening hours on Saturday?"),
        unreachable: false,
    },
    Customer {
        wa_id: "15550100009",
        name: "Uma (unreachable)",
        opening: None,
        unreachable: true,
    },
];

pub fn customer(wa_id: &str) -> Option<&'static Customer> {
    CUSTOMERS.iter().find(|c| c.wa_id == wa_id)
}

/// What simulated customers answer once they have read the shop's message.
const AUTO_REPLIES: &[&str] = &[
    "Thanks! 👍",
    "Great, see you then.",
    "Perfect, thank you!",
    "Could you tell me the price as well?",
];

pub(crate) fn auto_reply_for(wamid: &str) -> &'static str {
    let h = wamid
        .bytes()
        .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize));
    AUTO_REPLIES[h % AUTO_REPLIES.len()]
}

/// Posts an inbound text from `from` to the engine at `webhook_url`, signed as Meta would.
pub async fn say(
    http: &reqwest::Client,
    webhook_url: &str,
    from: &str,
    name: Option<&str>,
    text: &str,
) -> Result<reqwest::StatusCode, reqwest::Error> {
    let name = name
        .or_else(|| customer(from).map(|c| c.name))
        .unwrap_or("Sandbox customer");
    let body = payloads::inbound_text(
        SANDBOX_WABA_ID,
        SANDBOX_PHONE_NUMBER_ID,
        from,
        name,
        &payloads::new_wamid(),
        crate::store::now_secs(),
        text,
    );
    payloads::post_signed(http, webhook_url, SANDBOX_APP_SECRET.as_bytes(), &body).await
}

const SEEDED_KEY: &str = "sandbox_seeded";

/// Once per sandbox database: the seeded customers write their first messages, through the real
/// signed-webhook path.
pub(crate) async fn seed(store: Store, webhook_url: String, stop: CancellationToken) {
    let seeded = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM meta WHERE key = ?1",
                [SEEDED_KEY],
                |r| r.get::<_, i64>(0),
            )? > 0)
        })
        .await;
    if !matches!(seeded, Ok(false)) {
        return;
    }
    let http = reqwest::Client::new();
    let now = crate::store::now_secs();
    let openers = CUSTOMERS.iter().filter_map(|c| c.opening.map(|o| (c, o)));
    for (i, (c, text)) in openers.enumerate() {
        if stop.is_cancelled() {
            return;
        }
        let body = payloads::inbound_text(
            SANDBOX_WABA_ID,
            SANDBOX_PHONE_NUMBER_ID,
            c.wa_id,
            c.name,
            // Fixed ids: a seed interrupted and run again does not write anything twice.
            &format!("wamid.SANDBOX.SEED.{}", c.wa_id),
            now - 60 * (30 - 10 * i as i64),
            text,
        );
        if let Err(e) = post_with_retry(&http, &webhook_url, &body).await {
            warn!(error = %e, "sandbox: could not seed a customer message");
            return;
        }
    }
    let marked = store
        .writer()
        .call(|ctx| {
            ctx.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
                [SEEDED_KEY],
            )?;
            Ok::<_, StoreError>(())
        })
        .await;
    if let Err(e) = marked {
        warn!(error = %e, "sandbox: could not record the seeding");
    }
}

/// Posts a signed webhook, retrying a few times as Meta would (the server may be starting).
pub(crate) async fn post_with_retry(
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
