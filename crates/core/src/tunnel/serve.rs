//! What a tunnel serves: the webhook router, limited to the public paths, one HTTP/1.1
//! connection at a time from the tunnel's stream.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_util::sync::CancellationToken;
use tracing::debug;

/// How long a client may take to send a request's headers through the tunnel.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The paths served through the tunnel; everything else answers 404 there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPaths {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl Default for PublicPaths {
    /// `/webhook` and `/healthz`.
    fn default() -> Self {
        Self {
            exact: vec!["/webhook".into(), "/healthz".into()],
            prefixes: Vec::new(),
        }
    }
}

impl PublicPaths {
    /// Also serves every path below `prefix` (the public account-link pages, say `/link/`).
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        let mut prefix = prefix.into();
        if !prefix.ends_with('/') {
            prefix.push('/');
        }
        self.prefixes.push(prefix);
        self
    }

    /// Whether `path` is served through the tunnel.
    pub fn allows(&self, path: &str) -> bool {
        self.exact.iter().any(|p| p == path)
            || self
                .prefixes
                .iter()
                .any(|p| path.starts_with(p.as_str()) && !path.contains(".."))
    }
}

/// `router`, answering 404 for any path that is not public.
pub(super) fn public_only(router: Router, paths: PublicPaths) -> Router {
    let paths = Arc::new(paths);
    router.layer(middleware::from_fn(move |req: Request, next: Next| {
        let allowed = paths.allows(req.uri().path());
        // Through the tunnel, `/healthz` says only that we are up: the mode, version and uptime
        // stay on loopback.
        let health = req.uri().path() == "/healthz";
        async move {
            if health {
                "ok".into_response()
            } else if allowed {
                next.run(req).await
            } else {
                StatusCode::NOT_FOUND.into_response()
            }
        }
    }))
}

/// Serves one connection that came through the tunnel, as if `remote` had connected directly
/// (handlers that extract `ConnectInfo<SocketAddr>` see the client's address), until it ends or
/// the tunnel is closed (`closed`): a kept-alive connection does not outlive its tunnel.
pub(super) async fn serve_connection<I>(
    io: I,
    router: Router,
    remote: SocketAddr,
    closed: CancellationToken,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let app = router.layer(axum::Extension(ConnectInfo(remote)));
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(io), TowerToHyperService::new(app));
    let served = tokio::select! {
        _ = closed.cancelled() => return,
        served = connection => served,
    };
    if let Err(e) = served {
        debug!(error = %e, "tunnel: a connection ended with an error");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::{WebhookState, router};
    use crate::spool::{self, Spool, SpoolConfig};

    #[tokio::test]
    async fn healthz_through_the_tunnel_says_only_ok_and_details_stay_on_loopback() {
        let dir = tempfile::tempdir().unwrap();
        let (spool, _mover) =
            Spool::open(&spool::dir(dir.path()), 0, SpoolConfig::default()).unwrap();
        let state = WebhookState::new(spool, "s".to_owned().into(), "v".to_owned().into(), "live");
        let local = router(state);
        let public = public_only(local.clone(), PublicPaths::default());
        let mut bodies = Vec::new();
        for app in [local, public] {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, app).await });
            let resp = reqwest::get(format!("http://{addr}/healthz"))
                .await
                .unwrap();
            assert_eq!(resp.status(), 200);
            bodies.push(resp.text().await.unwrap());
        }
        assert!(bodies[0].contains("\"mode\":\"live\""), "{}", bodies[0]);
        assert!(bodies[0].contains("uptime_secs"), "{}", bodies[0]);
        assert_eq!(bodies[1], "ok");
    }

    #[tokio::test]
    async fn metrics_answer_on_loopback_and_never_through_the_tunnel() {
        let dir = tempfile::tempdir().unwrap();
        let (spool, _mover) =
            Spool::open(&spool::dir(dir.path()), 0, SpoolConfig::default()).unwrap();
        let state = WebhookState::new(spool, "s".to_owned().into(), "v".to_owned().into(), "live");
        state.metrics().message_sent("text");
        let local = router(state);
        let public = public_only(local.clone(), PublicPaths::default());
        let stop = CancellationToken::new();
        let mut answers = Vec::new();
        // Both served as the local listener serves (the peer, loopback here, is known): the
        // tunnel's paths refuse `/metrics` whoever asks.
        for app in [local.clone(), public] {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let limits = crate::server::ListenLimits::default();
            tokio::spawn(crate::server::serve(listener, app, limits, stop.clone()));
            let resp = reqwest::get(format!("http://{addr}/metrics"))
                .await
                .unwrap();
            answers.push((resp.status().as_u16(), resp.text().await.unwrap()));
        }
        assert_eq!(answers[0].0, 200);
        assert!(
            answers[0]
                .1
                .contains(r#"whatsapp_messages_sent_total{type="text"} 1"#),
            "{}",
            answers[0].1
        );
        assert_eq!(answers[1].0, 404);
        assert!(!answers[1].1.contains("whatsapp"), "{}", answers[1].1);
        // A server that does not know its peer does not serve them either.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, local).await });
        let resp = reqwest::get(format!("http://{addr}/metrics"))
            .await
            .unwrap();
        assert_eq!(resp.status(), 404);
        stop.cancel();
    }
}
