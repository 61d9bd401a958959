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
pub use coexistence::SandboxPhone;
mod disk;
mod documents;
mod export;
mod files_and_templates;
mod links;
mod live;
mod metrics;
mod runtime;
mod sandbox_mode;
mod templates;
pub use runtime::RuntimeInfo;
pub use templates::{StudioError, TemplateSample};

pub use broadcasts::BroadcastDetail;
pub use chats::{queue_text, text_message};
pub use export::import as import_contacts;
pub use files_and_templates::{MediaFile, media_limits};
use wacloud::{GraphClient, GraphConfig, PhoneNumberId, WaId};

use crate::config::{Config, Mode};
use crate::events::DomainEvent;
use crate::events::OutboxHealth;
use crate::inbox::Inbox;
use crate::media::{DownloadSignal, Downloader};
use crate::outbox::breaker::Breaker;
use crate::outbox::worker::{OutboxSignal, Worker};
use crate::outbox::{self, SendError};
use crate::server::{self, WebhookState};
use crate::spool::{self, Spool, SpoolConfig, SpoolError};
use crate::store::{Store, StoreError};
use crate::views::OutboxCounts;

/// The file, in the store dir, that tells other processes where a running engine listens.
pub const RUNTIME_FILE: &str = "runtime.json";
/// How long [`Engine::shutdown`] waits for each task before aborting it.
const SHUTDOWN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
pub const LOCK_FILE: &str = "engine.lock";

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("another Shopchat engine is already running on {0}")]
    AlreadyRunning(PathBuf),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the Graph API client could not be set up: {0}")]
    Graph(#[from] wacloud::GraphError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error("this Shopchat was built without the sandbox")]
    SandboxNotBuilt,
    #[error("this only works in the sandbox")]
    NotSandbox,
    #[error(
        "no WhatsApp Business Account id is set (WHATSAPP_BUSINESS_ACCOUNT_ID, or the settings)"
    )]
    NoBusinessAccount,
    #[error(transparent)]
    Templates(#[from] crate::templates::TemplateError),
    #[error("there is no public address yet: open the tunnel, or give your own HTTPS URL")]
    NoPublicUrl,
    #[error("Meta's webhook could not be pointed here: {0}")]
    Repoint(String),
    #[error(transparent)]
    Spool(#[from] SpoolError),
    #[error(transparent)]
    Documents(#[from] crate::documents::DocumentsError),
    #[error(transparent)]
    Contacts(#[from] crate::contacts::ContactsError),
    #[error(transparent)]
    QuickReplies(#[from] crate::quick_replies::QuickReplyError),
    #[error(transparent)]
    Links(#[from] crate::links::LinksError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Broadcasts(#[from] crate::broadcasts::BroadcastError),
    #[error(transparent)]
    Studio(#[from] StudioError),
}

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

/// What the engine wires together, whichever the mode.
struct Wiring {
    graph: GraphConfig,
    app_secret: SecretString,
    verify_token: SecretString,
    phone_number_id: PhoneNumberId,
    waba_id: Option<String>,
}

impl Engine {
    /// Starts everything; returns once the webhook server is listening.
    pub async fn start(config: Config) -> Result<Self, EngineError> {
        let store_dir = config.store_dir();
        std::fs::create_dir_all(&store_dir)?;
        let lock = File::create(store_dir.join(LOCK_FILE))?;
        if lock.try_lock().is_err() {
            return Err(EngineError::AlreadyRunning(store_dir));
        }
        let store = Store::open(&store_dir)?;
        let cursor = store.read(spool::mover_cursor).await?;
        let (spool, mover) = Spool::open(&spool::dir(&store_dir), cursor, SpoolConfig::default())?;
        let interrupted = store.writer().call(outbox::recover_in_flight).await?;
        if interrupted > 0 {
            warn!(
                messages = interrupted,
                "messages were in flight when Shopchat stopped; marked unknown"
            );
        }

        let stop = CancellationToken::new();
        // Whatever was started is stopped again if starting fails half-way.
        let started = stop.clone().drop_guard();
        let (wiring, sandbox) = match &config.mode {
            Mode::Live(live) => (
                Wiring {
                    graph: GraphConfig {
                        base_url: live.graph_url.clone(),
                        api_version: live.api_version.clone(),
                        timeout: config.outbox.request_timeout,
                        ..GraphConfig::new(live.access_token.clone())
                    },
                    app_secret: live.app_secret.clone(),
                    verify_token: live.verify_token.clone(),
                    phone_number_id: live.phone_number_id.clone(),
                    waba_id: live.business_account_id.clone(),
                },
                None,
            ),
            Mode::Sandbox(settings) => {
                let (wiring, sandbox) =
                    sandbox_mode::start(settings, &config, stop.child_token()).await?;
                (wiring, Some(sandbox))
            }
        };
        let metrics = crate::metrics::Metrics::new(config.outbox.rate_per_second.is_some());
        let graph =
            GraphClient::new(wiring.graph.clone())?.with_observer(Arc::new(metrics.clone()));

        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| EngineError::Bind {
                addr: config.listen,
                source,
            })?;
        let addr = listener.local_addr()?;
        let mode = config.mode.name();
        let inbox =
            Inbox::for_number(wiring.phone_number_id.as_str()).with_metrics(metrics.clone());
        let webhooks = WebhookState::new(
            spool.clone(),
            wiring.app_secret,
            wiring.verify_token.clone(),
            mode,
        )
        .with_metrics(metrics.clone());
        let app = server::router(webhooks.clone());
        let router = app.clone();
        let api_version = wiring.graph.api_version.clone();

        // Written before any task starts: nothing below can fail, so a start that fails never
        // leaves a task running on this store (the mover, say) beside the next attempt's.
        let webhook_url = format!("http://{addr}/webhook");
        let runtime = RuntimeInfo {
            pid: std::process::id(),
            listen: addr,
            mode: mode.to_owned(),
            webhook_url: webhook_url.clone(),
        };
        let runtime_json = serde_json::to_vec_pretty(&runtime).map_err(std::io::Error::other)?;
        // Written aside and renamed, so a reader never sees half a file.
        let partial = store_dir.join(format!("{RUNTIME_FILE}.tmp"));
        std::fs::write(&partial, runtime_json)?;
        std::fs::rename(&partial, store_dir.join(RUNTIME_FILE))?;
        let mut tasks = Vec::new();
        let server_stop = stop.clone();
        let server_task = tokio::spawn(async move {
            server::serve(listener, app, server::ListenLimits::default(), server_stop).await;
        });
        // The inbox applies what the mover copies; it stops after the mover's last copy.
        let inbox_stop = CancellationToken::new();
        let mover_done = inbox_stop.clone().drop_guard();
        let (mover_store, mover_inbox, mover_stop) = (store.clone(), inbox.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let _done = mover_done;
            mover.run(mover_store, mover_inbox, mover_stop).await;
        }));
        tasks.push(tokio::spawn(inbox.run(store.clone(), inbox_stop)));
        let signal = OutboxSignal::default();
        let breaker = Breaker::new(config.outbox.cooldown);
        let media_dir = crate::media::files::media_dir(&store_dir);
        let downloads = DownloadSignal::default();
        let downloader = Arc::new(Downloader::new(
            store.clone(),
            graph.clone(),
            media_dir.clone(),
            downloads.clone(),
            config.data_dir.clone(),
            config.disk_probe.clone(),
            metrics.clone(),
        ));
        tasks.push(tokio::spawn(downloader.clone().run(stop.clone())));
        let worker = Worker {
            media_dir: media_dir.clone(),
            store: store.clone(),
            graph: graph.clone(),
            phone_number_id: wiring.phone_number_id.clone(),
            settings: config.outbox.clone(),
            signal: signal.clone(),
            breaker: breaker.clone(),
            metrics: metrics.clone(),
        };
        metrics.watch_outbox(store.clone(), breaker.clone());
        tasks.push(tokio::spawn(worker.run(stop.clone())));
        let missed = store
            .writer()
            .call(crate::broadcasts::hold_missed)
            .await
            .unwrap_or(0);
        if missed > 0 {
            warn!(
                broadcasts = missed,
                "scheduled broadcasts were missed; they wait for the owner's confirmation"
            );
        }
        tasks.push(tokio::spawn(
            crate::broadcasts::runner::Runner {
                store: store.clone(),
                signal: signal.clone(),
                graph: graph.clone(),
                phone_number_id: wiring.phone_number_id.clone(),
            }
            .run(stop.clone()),
        ));
        tasks.push(tokio::spawn(
            crate::documents::finish_pending_in_background(store.clone(), store_dir.clone()),
        ));
        let sandboxed = sandbox.is_some();
        tasks.extend(backup::maintenance(
            &spool,
            &store,
            &store_dir,
            &config.data_dir,
            sandboxed,
            &stop,
        ));
        if let (Some(every), Some(waba)) = (config.template_poll, wiring.waba_id.clone()) {
            tasks.push(tokio::spawn(live::poll_templates(
                graph.clone(),
                waba,
                store.clone(),
                every,
                stop.clone(),
            )));
        }

        let template_watch = crate::templates::watch::WatchSignal::default();
        if let Some(waba) = wiring.waba_id.clone() {
            let every = match sandbox {
                Some(_) => crate::templates::watch::SANDBOX_EVERY,
                None => crate::templates::watch::LIVE_EVERY,
            };
            tasks.push(tokio::spawn(crate::templates::watch::run(
                graph.clone(),
                waba,
                store.clone(),
                every,
                template_watch.clone(),
                stop.clone(),
            )));
        }
        if let (Some(sandbox), Mode::Sandbox(settings)) = (&sandbox, &config.mode) {
            sandbox_mode::after_listening(
                sandbox,
                settings,
                &store,
                &webhook_url,
                &stop,
                &mut tasks,
            );
        }
        info!(%addr, mode, data = %store_dir.display(), "engine started");
        started.disarm();
        Ok(Self {
            addr,
            mode,
            store,
            signal,
            breaker,
            stop,
            server_task: Mutex::new(Some(server_task)),
            tasks: Mutex::new(tasks),
            spool,
            store_dir,
            data_dir: config.data_dir.clone(),
            sandbox,
            lock: Mutex::new(Some(lock)),
            http: reqwest::Client::new(),
            graph,
            waba_id: wiring.waba_id,
            media_dir,
            downloads,
            downloader,
            disk_probe: config.disk_probe.clone(),
            phone_number_id: wiring.phone_number_id,
            router,
            webhooks,
            verify_token: wiring.verify_token,
            api_version,
            tunnel: Mutex::new(None),
            tunnel_state: tokio::sync::watch::Sender::new(crate::tunnel::TunnelState::Off),
            template_watch,
        })
    }

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
        let from = WaId::parse(from).map_err(|e| SendError::Invalid(e.to_string()))?;
        if text.trim().is_empty() {
            return Err(SendError::Invalid("the message cannot be empty".into()).into());
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
            return Err(std::io::Error::other(format!(
                "the engine refused the message: HTTP {status}"
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
