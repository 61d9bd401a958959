//! The engine: store, webhook server, inbox and outbox (and, in the sandbox, the fake Graph API),
//! started together and stopped together. The CLI's `serve` and the desktop app both run this.

use std::fs::File;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use secrecy::SecretString;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

mod backup;
mod broadcasts;
mod chats;
mod coexistence;
mod consent;
mod contacts;
pub mod texts;
pub use coexistence::SandboxPhone;
mod disk;
mod documents;
mod error;
mod export;
mod files_and_templates;
mod links;
mod live;
mod metrics;
mod runtime;
mod sandbox_mode;
mod start;
mod templates;
mod wiring;
pub use error::EngineError;
pub use runtime::RuntimeInfo;
pub use templates::{StudioError, TemplateSample};

pub use broadcasts::BroadcastDetail;
pub use chats::{queue_text, text_message};
pub use export::import as import_contacts;
pub use files_and_templates::{MediaFile, media_limits};
use wacloud::{GraphClient, PhoneNumberId, WaId};

use self::texts::TEXTS;
use crate::events::DomainEvent;
use crate::events::OutboxHealth;
use crate::i18n::say;
use crate::media::{DownloadSignal, Downloader};
use crate::outbox::SendError;
use crate::outbox::breaker::Breaker;
use crate::outbox::worker::OutboxSignal;
use crate::server::WebhookState;
use crate::spool::Spool;
use crate::store::Store;
use crate::views::OutboxCounts;

/// The file, in the store dir, that tells other processes where a running engine listens.
pub const RUNTIME_FILE: &str = "runtime.json";
/// How long [`Engine::shutdown`] waits for each task before aborting it.
const SHUTDOWN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
pub const LOCK_FILE: &str = "engine.lock";

/// A running engine.
pub struct Engine {
    addr: SocketAddr,
    mode: &'static str,
    store: Store,
    signal: OutboxSignal,
    breaker: Breaker,
    stop: CancellationToken,
    /// The webhook server, stopped first (then the spool), then the other tasks.
    server_task: Mutex<Option<JoinHandle<()>>>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    spool: Spool,
    store_dir: PathBuf,
    /// Where the settings file is.
    data_dir: PathBuf,
    sandbox: Option<sandbox_mode::Sandbox>,
    /// Held while the engine runs: one engine per store dir.
    lock: Mutex<Option<File>>,
    http: reqwest::Client,
    graph: GraphClient,
    /// The WhatsApp Business Account id (templates, webhook subscription), when known.
    waba_id: Option<String>,
    media_dir: PathBuf,
    downloads: DownloadSignal,
    /// The inbound downloader (the owner's **Download anyway** goes through it).
    downloader: Arc<Downloader>,
    disk_probe: crate::disk::DiskProbe,
    phone_number_id: PhoneNumberId,
    /// The webhook router, for the tunnel to serve.
    router: axum::Router,
    webhooks: WebhookState,
    verify_token: SecretString,
    api_version: String,
    tunnel: Mutex<Option<crate::tunnel::TunnelHandle>>,
    tunnel_state: tokio::sync::watch::Sender<crate::tunnel::TunnelState>,
    /// Wakes the template watcher (a template was created or edited).
    template_watch: crate::templates::watch::WatchSignal,
}

impl Engine {
    /// Where the webhook server listens.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `live` or `sandbox`.
    pub fn mode(&self) -> &'static str {
        self.mode
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The sandbox's fake Graph API, when in the sandbox.
    #[cfg(feature = "sandbox")]
    pub fn fake_graph(&self) -> Option<&fake_graph::FakeGraph> {
        self.sandbox.as_ref().map(|s| &s.fake)
    }

    /// Domain events, after each commit.
    pub fn subscribe(&self) -> broadcast::Receiver<DomainEvent> {
        self.store.subscribe()
    }

    /// Whether the outbox is sending, paused for a refused token, or cooling down.
    pub fn outbox_health(&self) -> OutboxHealth {
        self.breaker.health()
    }

    /// Sends again after a pause (the owner reconnected the account, or wants to try again).
    pub fn resume_outbox(&self) -> OutboxHealth {
        if let Some(health) = self.breaker.resume() {
            info!("outbox: resumed by the owner");
            self.store.publish(DomainEvent::OutboxHealth {
                health: health.clone(),
            });
            self.signal.notify();
        }
        self.breaker.health()
    }

    pub async fn outbox_counts(&self) -> Result<OutboxCounts, EngineError> {
        Ok(self.store.read(crate::store::outbox::counts).await?)
    }

    /// The engine's own webhook URL (on loopback).
    pub fn webhook_url(&self) -> String {
        format!("http://{}/webhook", self.addr)
    }

    /// In the sandbox: a simulated customer writes, through the real signed-webhook path.
    pub async fn sandbox_say(
        &self,
        from: &str,
        text: &str,
        name: Option<&str>,
    ) -> Result<(), EngineError> {
        let Some(sandbox) = &self.sandbox else {
            return Err(EngineError::NotSandbox);
        };
        let from = WaId::parse(from)
            .map_err(|e| SendError::Invalid(crate::compose::refusals::id_error(&e)))?;
        if text.trim().is_empty() {
            return Err(SendError::Invalid(say(TEXTS, "engine.empty_message", &[])).into());
        }
        let status = sandbox_mode::say(
            sandbox,
            &self.http,
            &self.webhook_url(),
            from.as_str(),
            name,
            text,
        )
        .await?;
        if !status.is_success() {
            return Err(std::io::Error::other(say(
                TEXTS,
                "engine.refused_message",
                &[("status", &status.to_string())],
            ))
            .into());
        }
        Ok(())
    }

    /// Stops accepting webhooks, lets in-flight work finish, commits, and stops. Idempotent.
    pub async fn shutdown(&self) {
        self.close_tunnel().await;
        self.stop.cancel();
        let server = self
            .server_task
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(|e| e.into_inner()));
        let Some(server) = server else {
            return;
        };
        // The server first: the requests in flight get their answers from the spool. Then the
        // spool stops, the mover copies what is left, the inbox applies, the rest stops.
        join_or_abort(server).await;
        self.spool.close().await;
        for task in tasks {
            join_or_abort(task).await;
        }
        self.store.close().await;
        let _ = std::fs::remove_file(self.store_dir.join(RUNTIME_FILE));
        self.lock.lock().unwrap_or_else(|e| e.into_inner()).take();
        info!("engine stopped");
    }
}

/// Waits for a task that was told to stop; one that hangs (a stuck request) is not allowed to
/// keep the app from exiting.
async fn join_or_abort(mut task: JoinHandle<()>) {
    if tokio::time::timeout(SHUTDOWN_TIMEOUT, &mut task)
        .await
        .is_err()
    {
        warn!("a task did not stop in time; aborting it");
        task.abort();
        // Awaited, so that what it held (the listening socket) is released on return.
        let _ = task.await;
    }
}
