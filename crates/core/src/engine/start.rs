//! Starting the engine: the store and its spool, the Graph API client (Meta's, or the sandbox's
//! fake), the webhook server, then every background task, in an order that leaves nothing
//! running when a step fails.

use std::fs::File;
use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;
use tracing::{info, warn};
use wacloud::GraphClient;

use super::wiring::Wiring;
use super::{
    Engine, EngineError, LOCK_FILE, RUNTIME_FILE, RuntimeInfo, backup, live, sandbox_mode,
};
use crate::config::{Config, Mode};
use crate::inbox::Inbox;
use crate::media::{DownloadSignal, Downloader};
use crate::outbox;
use crate::outbox::breaker::Breaker;
use crate::outbox::worker::{OutboxSignal, Worker};
use crate::server::{self, WebhookState};
use crate::spool::{self, Spool, SpoolConfig};
use crate::store::Store;

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
            Mode::Live(live) => (Wiring::live(live, config.outbox.request_timeout), None),
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
}
