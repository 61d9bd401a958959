//! The supervisor: keeps a tunnel up, publishes its state, re-points Meta when the URL changes.

use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};

use super::serve::public_only;
use super::{
    Backoff, CallbackRepointer, CallbackStatus, PublicPaths, Tunnel, TunnelError, TunnelProvider,
    TunnelState, callback_url,
};

/// How long closing the tunnel may take (the service may be unreachable).
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// How the supervisor behaves.
#[derive(Debug, Clone)]
pub struct TunnelOptions {
    /// Delays between connection attempts (the first connection and every reconnection).
    pub backoff: Backoff,
    /// Re-point Meta's override callback when the public URL changes (a setting, on by default).
    pub repoint_callback: bool,
    /// Tries at re-pointing one URL before giving up (with `backoff` between them).
    pub repoint_attempts: u32,
    /// What the tunnel serves.
    pub public_paths: PublicPaths,
}

impl Default for TunnelOptions {
    fn default() -> Self {
        Self {
            backoff: Backoff::default(),
            repoint_callback: true,
            repoint_attempts: 5,
            public_paths: PublicPaths::default(),
        }
    }
}

/// A running tunnel supervisor. [`TunnelHandle::shutdown`] closes the tunnel.
pub struct TunnelHandle {
    state: watch::Receiver<TunnelState>,
    stop: CancellationToken,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl TunnelHandle {
    /// Starts keeping a tunnel from `provider` up, serving `router`'s public paths. With a
    /// `repointer` (and `options.repoint_callback`), Meta is told each new public URL.
    pub fn spawn<P: TunnelProvider>(
        provider: P,
        router: Router,
        repointer: Option<Arc<dyn CallbackRepointer>>,
        options: TunnelOptions,
    ) -> Self {
        let (tx, state) = watch::channel(TunnelState::Connecting { attempt: 1 });
        let stop = CancellationToken::new();
        let router = public_only(router, options.public_paths.clone());
        let supervisor = Supervisor {
            provider,
            router,
            repointer: repointer.filter(|_| options.repoint_callback),
            options,
            state: tx,
            stop: stop.clone(),
            repointed: None,
        };
        let task = tokio::spawn(supervisor.run());
        Self {
            state,
            stop,
            task: Mutex::new(Some(task)),
        }
    }

    /// The state now.
    pub fn state(&self) -> TunnelState {
        self.state.borrow().clone()
    }

    /// Every change of state (the status bar, the wizard).
    pub fn subscribe(&self) -> watch::Receiver<TunnelState> {
        self.state.clone()
    }

    /// Closes the tunnel and stops retrying; the state ends [`TunnelState::Off`]. Idempotent.
    pub async fn shutdown(&self) {
        self.stop.cancel();
        let task = self.task.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut task) = task {
            // Closing an ngrok session waits on the network: never longer than this.
            match tokio::time::timeout(CLOSE_TIMEOUT, &mut task).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => warn!(error = %e, "tunnel: the supervisor did not stop cleanly"),
                Err(_) => {
                    warn!("tunnel: it did not close in time; abandoning it");
                    task.abort();
                    let _ = task.await;
                }
            }
        }
    }
}

impl Drop for TunnelHandle {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

struct Supervisor<P> {
    provider: P,
    router: Router,
    repointer: Option<Arc<dyn CallbackRepointer>>,
    options: TunnelOptions,
    state: watch::Sender<TunnelState>,
    stop: CancellationToken,
    /// The last URL Meta was told.
    repointed: Option<String>,
}

impl<P: TunnelProvider> Supervisor<P> {
    async fn run(mut self) {
        let mut failures: u32 = 0;
        loop {
            self.state.send_replace(TunnelState::Connecting {
                attempt: failures + 1,
            });
            let connected = tokio::select! {
                _ = self.stop.cancelled() => break,
                c = self.provider.connect(self.router.clone()) => c,
            };
            let error = match connected {
                Ok(tunnel) => {
                    failures = 0;
                    match self.online(tunnel).await {
                        Some(error) => error,
                        None => break,
                    }
                }
                Err(error) => error,
            };
            failures = failures.saturating_add(1);
            let delay = self.options.backoff.delay(failures);
            warn!(%error, retry_in_ms = delay.as_millis() as u64, "tunnel: offline");
            self.state.send_replace(TunnelState::Offline {
                error: error.to_string(),
                retry_at: unix_millis_in(delay),
            });
            tokio::select! {
                _ = self.stop.cancelled() => break,
                _ = tokio::time::sleep(delay) => {}
            }
        }
        self.state.send_replace(TunnelState::Off);
    }

    /// Serves until the tunnel is lost (its error) or the supervisor is stopped (`None`).
    async fn online(&mut self, mut tunnel: P::Tunnel) -> Option<TunnelError> {
        let url = tunnel.url().trim_end_matches('/').to_owned();
        info!(%url, "tunnel: online");
        let repoint_needed =
            self.repointer.is_some() && self.repointed.as_deref() != Some(url.as_str());
        let initial = match (&self.repointer, repoint_needed) {
            (None, _) => CallbackStatus::Disabled,
            (Some(_), true) => CallbackStatus::Pending,
            (Some(_), false) => CallbackStatus::Repointed,
        };
        self.state.send_replace(TunnelState::Online {
            url: url.clone(),
            callback: initial,
        });
        let repointing = repoint(
            self.repointer.clone(),
            callback_url(&url),
            self.options.backoff,
            self.options.repoint_attempts,
        );
        let mut repointing = pin!(repointing);
        let mut repoint_done = !repoint_needed;
        let lost = loop {
            tokio::select! {
                _ = self.stop.cancelled() => break None,
                error = tunnel.lost() => break Some(error),
                status = &mut repointing, if !repoint_done => {
                    repoint_done = true;
                    if status == CallbackStatus::Repointed {
                        self.repointed = Some(url.clone());
                    }
                    self.state.send_replace(TunnelState::Online { url: url.clone(), callback: status });
                }
            }
        };
        if lost.is_none() {
            tunnel.close().await;
        }
        lost
    }
}

/// Tells Meta the new callback URL, retrying with backoff up to `attempts` times.
async fn repoint(
    repointer: Option<Arc<dyn CallbackRepointer>>,
    url: String,
    backoff: Backoff,
    attempts: u32,
) -> CallbackStatus {
    let Some(repointer) = repointer else {
        return CallbackStatus::Disabled;
    };
    let mut tries = 0;
    loop {
        tries += 1;
        match repointer.repoint(&url).await {
            Ok(()) => {
                info!(%url, "tunnel: Meta's webhook now points here");
                return CallbackStatus::Repointed;
            }
            Err(e) if tries >= attempts.max(1) => {
                warn!(error = %e, "tunnel: could not re-point Meta's webhook; giving up");
                return CallbackStatus::Failed {
                    error: e.to_string(),
                };
            }
            Err(e) => {
                warn!(error = %e, "tunnel: could not re-point Meta's webhook; retrying");
                tokio::time::sleep(backoff.delay(tries)).await;
            }
        }
    }
}

fn unix_millis_in(delay: Duration) -> u64 {
    (SystemTime::now() + delay)
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
