//! Helpers for the end-to-end tests: an engine on port 0 in a temp dir, pointed at a local Graph
//! API (wiremock or the sandbox), and signed webhooks posted to it over real HTTP.

pub mod chaos;
mod graph;
pub mod module_graph;

pub use graph::*;

use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::Value;
use shopchat_core::config::{Config, LiveSettings, Mode, OutboxSettings, SandboxSettings};
use shopchat_core::{Engine, MessageView};

pub const ACCESS_TOKEN: &str = "EAAtest-access-token-0123456789";
pub const APP_SECRET: &str = "e2e-app-secret-0123456789";
pub const VERIFY_TOKEN: &str = "e2e-verify-token-0123456789";
pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const WABA_ID: &str = "102290129340398";
pub const CUSTOMER: &str = "15550123456";

/// Live settings pointing at `graph_url` (a wiremock server).
pub fn live_settings(graph_url: &str) -> LiveSettings {
    LiveSettings {
        graph_url: graph_url.to_owned(),
        api_version: "v24.0".to_owned(),
        access_token: ACCESS_TOKEN.to_owned().into(),
        app_secret: APP_SECRET.to_owned().into(),
        verify_token: VERIFY_TOKEN.to_owned().into(),
        phone_number_id: wacloud::PhoneNumberId::parse(PHONE_NUMBER_ID).expect("valid id"),
        business_account_id: Some(WABA_ID.to_owned()),
    }
}

/// Quick retries, so fault tests run in milliseconds.
pub fn fast_outbox() -> OutboxSettings {
    OutboxSettings {
        poll_interval: Duration::from_millis(50),
        max_attempts: 4,
        retry_base: Duration::from_millis(20),
        retry_max: Duration::from_millis(200),
        request_timeout: Duration::from_secs(5),
        cooldown: Duration::from_secs(1),
        ..OutboxSettings::default()
    }
}

/// A sandbox with short delays and no seeding.
pub fn quick_sandbox(auto_reply: bool) -> SandboxSettings {
    SandboxSettings {
        status_delays: [
            Duration::from_millis(20),
            Duration::from_millis(40),
            Duration::from_millis(60),
        ],
        seed_customers: false,
        auto_reply,
    }
}

pub struct TestEngine {
    pub engine: Engine,
    pub dir: tempfile::TempDir,
    pub http: reqwest::Client,
    app_secret: String,
}

impl TestEngine {
    pub async fn start(mode: Mode, outbox: OutboxSettings) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start_in(dir, mode, outbox).await
    }

    pub async fn start_in(dir: tempfile::TempDir, mode: Mode, outbox: OutboxSettings) -> Self {
        Self::start_with(dir, mode, outbox, |_| {}).await
    }

    /// [`TestEngine::start_in`], with `tweak` changing the config first (a disk probe, say).
    pub async fn start_with(
        dir: tempfile::TempDir,
        mode: Mode,
        outbox: OutboxSettings,
        tweak: impl FnOnce(&mut Config),
    ) -> Self {
        let app_secret = match &mode {
            Mode::Live(_) => APP_SECRET.to_owned(),
            Mode::Sandbox(_) => fake_graph::SANDBOX_APP_SECRET.to_owned(),
        };
        let mut config = Config::new(
            dir.path().to_owned(),
            "127.0.0.1:0".parse().expect("addr"),
            mode,
        );
        config.outbox = outbox;
        tweak(&mut config);
        let engine = Engine::start(config).await.expect("engine starts");
        Self {
            engine,
            dir,
            http: reqwest::Client::new(),
            app_secret,
        }
    }

    pub fn webhook_url(&self) -> String {
        format!("http://{}/webhook", self.engine.local_addr())
    }

    /// Posts `body` signed with the engine's app secret; returns the HTTP status.
    pub async fn post(&self, body: &Value) -> u16 {
        fake_graph::payloads::post_signed(
            &self.http,
            &self.webhook_url(),
            self.app_secret.as_bytes(),
            body,
        )
        .await
        .expect("engine reachable")
        .as_u16()
    }

    /// The customer writes (a signed inbound text), which opens their 24-hour window; returns
    /// once the inbox has applied it.
    pub async fn customer_writes(&self, wa_id: &str, text: &str) -> MessageView {
        use fake_graph::{self as sandbox, payloads};
        let (waba, number) = match self.engine.mode() {
            "sandbox" => (sandbox::SANDBOX_WABA_ID, sandbox::SANDBOX_PHONE_NUMBER_ID),
            _ => (WABA_ID, PHONE_NUMBER_ID),
        };
        let wamid = payloads::new_wamid();
        let body = payloads::inbound_text(
            waba,
            number,
            wa_id,
            "Test Customer",
            &wamid,
            shopchat_core::store::now_secs(),
            text,
        );
        assert_eq!(self.post(&body).await, 200);
        eventually(Duration::from_secs(5), "the customer's message", || async {
            self.messages(wa_id)
                .await
                .into_iter()
                .find(|m| m.wamid.as_deref() == Some(wamid.as_str()))
        })
        .await
    }

    /// The callback data the outbox sends with message `id`.
    pub fn callback(&self, id: i64) -> String {
        shopchat_core::callback_for(self.engine.store().install_id(), id)
    }

    /// A status as Meta sends it for message `id`, which the outbox sent with callback data.
    pub fn status_with_callback(&self, wamid: &str, status: &str, id: i64) -> Value {
        let mut body = status_body(wamid, status);
        fake_graph::payloads::set_callback_data(&mut body, &self.callback(id));
        body
    }

    /// Queues a text for `to` directly, as a template or a broadcast would (no window check).
    pub async fn queue(&self, to: &str, text: &str) -> i64 {
        let message = shopchat_core::text_message(to, text, None).expect("a valid message");
        self.engine
            .store()
            .writer()
            .call(move |ctx| shopchat_core::outbox::enqueue(ctx, &message))
            .await
            .expect("queued")
            .id
    }

    /// Stores `name` in `language` as an approved utility template whose body is `body` (one
    /// example value per parameter: `Ana`), as a sync from Meta would.
    pub async fn approved_template(&self, name: &str, language: &str, body: &str) {
        let raw = serde_json::json!({
            "name": name, "language": language, "status": "APPROVED", "category": "UTILITY",
            "id": "777",
            "components": [{"type": "BODY", "text": body, "example": {"body_text": [["Ana"]]}}]
        });
        let template = shopchat_core::store::templates::StoredTemplate {
            name: name.to_owned(),
            language: language.to_owned(),
            id: "777".into(),
            status: "APPROVED".into(),
            category: Some("UTILITY".into()),
            raw: raw.to_string(),
            synced_at: 0,
            ..Default::default()
        };
        self.engine
            .store()
            .writer()
            .call(move |ctx| shopchat_core::store::templates::replace_all(ctx.conn, &[template]))
            .await
            .expect("template stored");
    }

    pub async fn messages(&self, contact: &str) -> Vec<MessageView> {
        self.engine.messages(contact, 1000).await.expect("messages")
    }

    /// Stops the engine and hands back its data dir.
    pub async fn stop(self) -> tempfile::TempDir {
        self.engine.shutdown().await;
        self.dir
    }
}

/// Polls `check` until it returns `Some`, or panics after `timeout` with `what`.
pub async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Every byte of every file under `dir`, for searching for secrets.
pub fn all_bytes_under(dir: &std::path::Path) -> Vec<u8> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                out.extend(bytes);
            }
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
