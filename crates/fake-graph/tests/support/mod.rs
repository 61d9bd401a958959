//! What the fake's tests share: a fake on port 0 and the real Graph client pointed at it.

#![allow(dead_code)] // Each test file uses its own part.

use std::time::Duration;

use tokio_util::sync::{CancellationToken, DropGuard};
use wacloud::{GraphClient, GraphConfig, PhoneNumberId, WabaId};

use fake_graph::Settings;
use fake_graph::{FakeGraph, SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};

/// A fake on port 0 and a Graph client pointed at it; the fake stops when this is dropped.
pub struct Fixture {
    pub fake: FakeGraph,
    pub client: GraphClient,
    pub http: reqwest::Client,
    _stop: DropGuard,
}

/// Short delays, no answers.
pub fn quick_settings() -> Settings {
    Settings {
        status_delays: [Duration::from_millis(10); 3],
        auto_reply: false,
    }
}

pub async fn start() -> Fixture {
    start_with(quick_settings()).await
}

pub async fn start_with(settings: Settings) -> Fixture {
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

pub fn client_for(fake: &FakeGraph, token: &str) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: fake.url(),
        ..GraphConfig::new(token.to_owned().into())
    })
    .expect("a client")
}

pub fn phone() -> PhoneNumberId {
    PhoneNumberId::parse(SANDBOX_PHONE_NUMBER_ID).expect("the sandbox's number")
}

pub fn waba() -> WabaId {
    WabaId::parse(SANDBOX_WABA_ID).expect("the sandbox's account")
}

impl Fixture {
    /// `{fake}/v24.0/{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/v24.0/{path}", self.fake.url())
    }

    /// A request with the sandbox's token.
    pub fn get(&self, url: &str) -> reqwest::RequestBuilder {
        self.http.get(url).bearer_auth(SANDBOX_ACCESS_TOKEN)
    }
}

/// The Graph error code in an error answer.
pub async fn error_code(response: reqwest::Response) -> (u16, i64) {
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.expect("a JSON error");
    (
        status,
        body["error"]["code"].as_i64().expect("an error code"),
    )
}

/// Polls `check` until it returns `Some`, or panics after `timeout` naming `what`.
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
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
