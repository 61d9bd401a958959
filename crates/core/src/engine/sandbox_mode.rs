//! The engine in the sandbox: the fake Graph API started beside it and the engine wired to it.
//! Built only with the `sandbox` feature; without it, [`Sandbox`] has no value, so an engine is
//! never in the sandbox and a sandbox configuration is refused at start.

use tokio_util::sync::CancellationToken;

use super::EngineError;
use super::wiring::Wiring;
use crate::config::{Config, SandboxSettings};
use crate::store::Store;

/// The sandbox's running parts.
#[cfg(feature = "sandbox")]
pub(super) struct Sandbox {
    pub(super) fake: fake_graph::FakeGraph,
}

/// Without the `sandbox` feature there is no sandbox.
#[cfg(not(feature = "sandbox"))]
pub(super) enum Sandbox {}

/// Starts the fake Graph API and wires the engine to it.
#[cfg(feature = "sandbox")]
pub(super) async fn start(
    settings: &SandboxSettings,
    config: &Config,
    stop: CancellationToken,
) -> Result<(Wiring, Sandbox), EngineError> {
    use fake_graph::credentials as sandbox;
    use wacloud::{GraphConfig, PhoneNumberId};
    let fake = fake_graph::FakeGraph::start(settings.clone(), stop).await?;
    let wiring = Wiring {
        graph: GraphConfig {
            base_url: fake.url(),
            timeout: config.outbox.request_timeout,
            ..GraphConfig::new(sandbox::SANDBOX_ACCESS_TOKEN.to_owned().into())
        },
        app_secret: sandbox::SANDBOX_APP_SECRET.to_owned().into(),
        verify_token: sandbox::SANDBOX_VERIFY_TOKEN.to_owned().into(),
        phone_number_id: PhoneNumberId::parse(sandbox::SANDBOX_PHONE_NUMBER_ID)
            .map_err(|e| std::io::Error::other(e.to_string()))?,
        waba_id: Some(sandbox::SANDBOX_WABA_ID.to_owned()),
    };
    Ok((wiring, Sandbox { fake }))
}

#[cfg(not(feature = "sandbox"))]
pub(super) async fn start(
    _settings: &SandboxSettings,
    _config: &Config,
    _stop: CancellationToken,
) -> Result<(Wiring, Sandbox), EngineError> {
    Err(EngineError::SandboxNotBuilt)
}

/// Once the webhook server listens: the fake's webhooks go to it, and the seeded customers write
/// their first messages (once per sandbox database).
pub(super) fn after_listening(
    sandbox: &Sandbox,
    settings: &SandboxSettings,
    store: &Store,
    webhook_url: &str,
    stop: &CancellationToken,
    tasks: &mut Vec<tokio::task::JoinHandle<()>>,
) {
    #[cfg(feature = "sandbox")]
    {
        sandbox.fake.set_webhook_target(webhook_url.to_owned());
        if settings.seed_customers {
            tasks.push(tokio::spawn(crate::sandbox::seed(
                store.clone(),
                webhook_url.to_owned(),
                stop.clone(),
            )));
        }
    }
    #[cfg(not(feature = "sandbox"))]
    {
        let _ = (settings, store, webhook_url, stop, tasks);
        match *sandbox {}
    }
}

/// A simulated customer writes `text`, through the real signed-webhook path.
pub(super) async fn say(
    sandbox: &Sandbox,
    http: &reqwest::Client,
    webhook_url: &str,
    from: &str,
    name: Option<&str>,
    text: &str,
) -> Result<reqwest::StatusCode, EngineError> {
    #[cfg(feature = "sandbox")]
    {
        let _ = sandbox;
        crate::sandbox::say(http, webhook_url, from, name, text)
            .await
            .map_err(|e| std::io::Error::other(e.to_string()).into())
    }
    #[cfg(not(feature = "sandbox"))]
    {
        let _ = (http, webhook_url, from, name, text);
        match *sandbox {}
    }
}

/// The sandbox business number as WhatsApp would show it, when the engine is in the sandbox.
#[cfg(feature = "sandbox")]
pub(super) fn display_number(sandbox: Option<&Sandbox>) -> Option<&'static str> {
    sandbox.map(|_| fake_graph::account::DISPLAY_PHONE_NUMBER)
}

#[cfg(not(feature = "sandbox"))]
pub(super) fn display_number(_sandbox: Option<&Sandbox>) -> Option<&'static str> {
    None
}

/// The sandbox Meta app's id (for the Resumable Upload API), when the engine is in the sandbox.
#[cfg(feature = "sandbox")]
pub(super) fn app_id(sandbox: Option<&Sandbox>) -> Option<&'static str> {
    sandbox.map(|_| fake_graph::credentials::SANDBOX_APP_ID)
}

#[cfg(not(feature = "sandbox"))]
pub(super) fn app_id(_sandbox: Option<&Sandbox>) -> Option<&'static str> {
    None
}
