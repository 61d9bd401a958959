//! The template watcher: while a template is in review (PENDING) or known only from a webhook,
//! the templates are synced again every so often, so a status Meta sends no webhook for (an
//! override callback gets none) still arrives; each sync emits `TemplateUpdated` for what
//! changed. It sleeps while nothing waits, until woken (a create, an edit, a webhook's event).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::debug;
use wacloud::GraphClient;

use crate::events::DomainEvent;
use crate::store::Store;

/// How often a live engine asks Meta while a template waits.
pub const LIVE_EVERY: Duration = Duration::from_secs(60);
/// In the sandbox (the fake reviews in seconds).
pub const SANDBOX_EVERY: Duration = Duration::from_secs(2);

/// Wakes the watcher.
#[derive(Clone, Default)]
pub struct WatchSignal(Arc<Notify>);

impl WatchSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// Runs until `stop`.
pub async fn run(
    graph: GraphClient,
    waba: String,
    store: Store,
    every: Duration,
    signal: WatchSignal,
    stop: CancellationToken,
) {
    let mut events = store.subscribe();
    loop {
        let waiting = store
            .read(crate::store::templates::any_waiting)
            .await
            .unwrap_or(false);
        if waiting {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(every) => {}
            }
            if let Err(e) = super::sync(&graph, &waba, &store).await {
                debug!(error = %e, "templates could not be re-synced; trying again later");
            }
            continue;
        }
        // Nothing waits: until a create or an edit wakes us, or a webhook tells of a template.
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = signal.0.notified() => {}
            event = events.recv() => match event {
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                Ok(DomainEvent::TemplateUpdated { .. })
                | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Ok(_) => continue,
            },
        }
    }
}
