//! The real tunnel: an ngrok HTTPS endpoint serving the webhook router in process.
//!
//! A session authenticates with the authtoken from the keystore, then one HTTP endpoint is
//! opened (on the reserved domain when one is set). Its connections are served by the router
//! directly, not forwarded to the local port, so nothing but the router's public paths is
//! reachable. The crate reconnects a dropped session by itself with an exponential backoff
//! that grows without bound; here it gets [`NgrokProvider::reconnect_budget`] tries per outage
//! (its first delays are short), after which the session gives up, the tunnel is reported lost,
//! and the supervisor's capped backoff takes over with a new session.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::Router;
use futures_util::StreamExt;
use ngrok::config::TunnelBuilder;
use ngrok::conn::ConnInfo;
use ngrok::session::ConnectError;
use ngrok::tunnel::{AcceptError, EndpointInfo, HttpTunnel};
use tokio::sync::oneshot;
use tokio_util::sync::{CancellationToken, DropGuard};
use tracing::debug;

use super::serve::serve_connection;
use super::texts::TEXTS;
use super::{Tunnel, TunnelError, TunnelProvider};
use crate::i18n::say;
use crate::secrets::Secret;

/// Reconnection tries the ngrok session makes by itself per outage (its delays: 50 ms, 2.5 s).
pub const DEFAULT_RECONNECT_BUDGET: u32 = 2;

/// Opens ngrok HTTPS endpoints with one account.
#[derive(Debug, Clone)]
pub struct NgrokProvider {
    authtoken: Secret,
    domain: Option<String>,
    /// Reconnection tries per outage inside one session before it is reported lost.
    pub reconnect_budget: u32,
}

impl NgrokProvider {
    /// With the account's `authtoken`; `domain` is a reserved domain (`shop.ngrok.app`), else
    /// ngrok assigns one (which changes with each session).
    pub fn new(authtoken: Secret, domain: Option<String>) -> Self {
        Self {
            authtoken,
            domain,
            reconnect_budget: DEFAULT_RECONNECT_BUDGET,
        }
    }

    fn describe(&self, error: &dyn ngrok::Error) -> String {
        let text = match error.error_code() {
            Some(code) => format!("{} ({code})", error.msg()),
            None => error.msg(),
        };
        self.authtoken.scrub(&text)
    }
}

impl TunnelProvider for NgrokProvider {
    type Tunnel = NgrokTunnel;

    async fn connect(&self, router: Router) -> Result<NgrokTunnel, TunnelError> {
        // Tries left in the current outage; a heartbeat answered means the session is back.
        let tries = Arc::new(AtomicU32::new(0));
        let budget = self.reconnect_budget;
        let counted = tries.clone();
        let connector = move |host: String,
                              port: u16,
                              tls: Arc<rustls::ClientConfig>,
                              err: Option<AcceptError>| {
            let counted = counted.clone();
            async move {
                if let Some(reason) = &err {
                    if counted.fetch_add(1, Ordering::SeqCst) >= budget {
                        debug!(%reason, "ngrok: reconnection budget spent; giving up the session");
                        return Err(ConnectError::Canceled);
                    }
                    debug!(%reason, "ngrok: reconnecting");
                }
                ngrok::session::default_connect(host, port, tls, err).await
            }
        };
        let answered = tries.clone();
        let heartbeat = move |latency: Option<Duration>| {
            if latency.is_some() {
                answered.store(0, Ordering::SeqCst);
            }
            async { Ok::<(), Box<dyn std::error::Error>>(()) }
        };
        let session = ngrok::Session::builder()
            .authtoken(self.authtoken.expose())
            .connector(connector)
            .handle_heartbeat(heartbeat)
            .connect()
            .await
            .map_err(|e| match &e {
                ConnectError::Auth(_) => TunnelError::Refused(self.describe(&e)),
                _ => TunnelError::Connect(self.describe(&e)),
            })?;
        let mut endpoint = session.http_endpoint();
        if let Some(domain) = &self.domain {
            endpoint.domain(domain.as_str());
        }
        let tunnel = endpoint
            .listen()
            .await
            .map_err(|e| TunnelError::Refused(self.describe(&e)))?;
        let url = tunnel.url().trim_end_matches('/').to_owned();
        let (lost_tx, lost) = oneshot::channel();
        let stop = CancellationToken::new();
        tokio::spawn(accept(
            tunnel,
            router,
            lost_tx,
            stop.clone(),
            self.authtoken.clone(),
        ));
        Ok(NgrokTunnel {
            url,
            lost,
            _serving: stop.drop_guard(),
            session,
        })
    }
}

/// Serves each connection the endpoint accepts until it fails or is stopped.
async fn accept(
    mut tunnel: HttpTunnel,
    router: Router,
    lost: oneshot::Sender<String>,
    stop: CancellationToken,
    authtoken: Secret,
) {
    let reason = loop {
        let next = tokio::select! {
            _ = stop.cancelled() => return,
            next = tunnel.next() => next,
        };
        match next {
            Some(Ok(conn)) => {
                let remote = conn.remote_addr();
                tokio::spawn(serve_connection(conn, router.clone(), remote, stop.clone()));
            }
            Some(Err(e)) => break authtoken.scrub(&describe_accept(&e)),
            None => break say(TEXTS, "tunnel.endpoint_closed", &[]),
        }
    };
    let _ = lost.send(reason);
}

fn describe_accept(error: &AcceptError) -> String {
    match error {
        AcceptError::Reconnect(inner) => say(
            TEXTS,
            "tunnel.reconnect_failed",
            &[("error", &inner.to_string())],
        ),
        other => other.to_string(),
    }
}

/// An open ngrok endpoint; dropping it closes the endpoint and the session.
pub struct NgrokTunnel {
    url: String,
    lost: oneshot::Receiver<String>,
    _serving: DropGuard,
    session: ngrok::Session,
}

impl Tunnel for NgrokTunnel {
    fn url(&self) -> &str {
        &self.url
    }

    async fn lost(&mut self) -> TunnelError {
        let reason = (&mut self.lost)
            .await
            .unwrap_or_else(|_| say(TEXTS, "tunnel.endpoint_stopped", &[]));
        TunnelError::Lost(reason)
    }

    async fn close(mut self) {
        if let Err(e) = self.session.close().await {
            debug!(error = %e, "ngrok: closing the session failed");
        }
    }
}
