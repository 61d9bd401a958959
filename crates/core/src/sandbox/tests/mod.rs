//! The fake Graph API through the real Graph client, and the simulated customers through a real
//! engine.

mod account;
mod engine;
mod media;
mod templates;

use std::time::Duration;

use tokio_util::sync::{CancellationToken, DropGuard};
use wacloud::{GraphClient, GraphConfig, PhoneNumberId, WabaId};

use super::{FakeGraph, SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use crate::config::SandboxSettings;

/// A fake on port 0 and a Graph client pointed at it; the fake stops when this is dropped.
struct Fixture {
    fake: FakeGraph,
    client: GraphClient,
    http: reqwest::Client,
    _stop: DropGuard,
}

/// Short delays, no seeding, no answers.
fn quick_settings() -> SandboxSettings {
    SandboxSettings {
        status_delays: [Duration::from_millis(10); 3],
        seed_customers: false,
        auto_reply: false,
    }
}

async fn start() -> Fixture {
    start_with(quick_settings()).await
}

async fn start_with(settings: SandboxSettings) -> Fixture {
    let stop = CancellationToken::new();
    let fake = FakeGraph::start(settings, stop.child_token())
        .await
        .expect("the fake starts");
    let client = client_for(&fake, SANDBOX_ACCESS_TOKEN);
    Fixture {
        fake,
        client,
        http: reqwest::Client::new(),
        _stop: stop.drop_guard(),
    }
}

fn client_for(fake: &FakeGraph, token: &str) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: fake.url(),
        ..GraphConfig::new(token.to_owned().into())
    })
    .expect("a client")
}

fn phone() -> PhoneNumberId {
    PhoneNumberId::parse(SANDBOX_PHONE_NUMBER_ID).expect("the sandbox's number")
}

fn waba() -> WabaId {
    WabaId::parse(SANDBOX_WABA_ID).expect("the sandbox's account")
}

impl Fixture {
    /// `{fake}/v24.0/{path}`.
    fn url(&self, path: &str) -> String {
        format!("{}/v24.0/{path}", self.fake.url())
    }

    /// A request with the sandbox's token.
    fn get(&self, url: &str) -> reqwest::RequestBuilder {
        self.http.get(url).bearer_auth(SANDBOX_ACCESS_TOKEN)
    }
}

/// The Graph error code in an error answer.
async fn error_code(response: reqwest::Response) -> (u16, i64) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.expect("a JSON error");
    (
        status,
        body["error"]["code"].as_i64().expect("an error code"),
    )
}

/// Polls `check` until it returns `Some`, or panics after `timeout` naming `what`.
async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
