//! An in-process tunnel for tests: each connection serves the router on a fresh loopback port
//! (so each one has a new URL, like an ngrok session without a reserved domain), and the test
//! decides which connection attempts fail and when an open tunnel is lost.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_util::sync::{CancellationToken, DropGuard};

use super::serve::serve_connection;
use super::{Tunnel, TunnelError, TunnelProvider};

/// A scripted [`TunnelProvider`] on loopback. Clones share the script.
#[derive(Clone, Default)]
pub struct FakeTunnelProvider {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    failures: Mutex<VecDeque<TunnelError>>,
    connects: AtomicU32,
    /// Loses the open tunnel.
    current: Mutex<Option<oneshot::Sender<String>>>,
}

impl FakeTunnelProvider {
    /// Every connection succeeds until told otherwise.
    pub fn new() -> Self {
        Self::default()
    }

    /// The next `count` connection attempts fail with `error`.
    pub fn fail_next(&self, count: u32, error: TunnelError) {
        let mut failures = self
            .inner
            .failures
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        failures.extend((0..count).map(|_| error.clone()));
    }

    /// How many connection attempts were made.
    pub fn connects(&self) -> u32 {
        self.inner.connects.load(Ordering::SeqCst)
    }

    /// Loses the open tunnel (as when the service's own reconnection gives up); `false` when
    /// none is open.
    pub fn lose(&self, reason: &str) -> bool {
        let current = self
            .inner
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        current.is_some_and(|tx| tx.send(reason.to_owned()).is_ok())
    }
}

impl TunnelProvider for FakeTunnelProvider {
    type Tunnel = FakeTunnel;

    async fn connect(&self, router: Router) -> Result<FakeTunnel, TunnelError> {
        self.inner.connects.fetch_add(1, Ordering::SeqCst);
        let scripted = self
            .inner
            .failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front();
        if let Some(error) = scripted {
            return Err(error);
        }
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| TunnelError::Connect(e.to_string()))?;
        let addr = listener
            .local_addr()
            .map_err(|e| TunnelError::Connect(e.to_string()))?;
        let stop = CancellationToken::new();
        let serving = stop.clone();
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = serving.cancelled() => break,
                    a = listener.accept() => a,
                };
                if let Ok((stream, remote)) = accepted {
                    tokio::spawn(serve_connection(
                        stream,
                        router.clone(),
                        remote,
                        serving.clone(),
                    ));
                }
            }
        });
        let (tx, lost) = oneshot::channel();
        *self.inner.current.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
        Ok(FakeTunnel {
            url: format!("http://{addr}"),
            lost,
            _serving: stop.drop_guard(),
        })
    }
}

/// A tunnel opened by [`FakeTunnelProvider`]; it stops serving when lost, closed or dropped.
pub struct FakeTunnel {
    url: String,
    lost: oneshot::Receiver<String>,
    _serving: DropGuard,
}

impl Tunnel for FakeTunnel {
    fn url(&self) -> &str {
        &self.url
    }

    async fn lost(&mut self) -> TunnelError {
        let reason = (&mut self.lost)
            .await
            .unwrap_or_else(|_| "the fake tunnel provider was dropped".to_owned());
        TunnelError::Lost(reason)
    }

    async fn close(self) {}
}
