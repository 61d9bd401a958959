//! The local listener: like the tunnel, each connection has a deadline for its request headers
//! (an idle or half-open connection is closed), the number of connections is capped (one past
//! the cap is closed at once), and, when listening beyond loopback, only an IP literal or
//! `localhost` is accepted as the `Host` (a name is how a DNS-rebinding page would reach us).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::IntoResponse;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tracing::{debug, warn};

/// How the listener guards itself.
#[derive(Debug, Clone, Copy)]
pub struct ListenLimits {
    /// How long a client may take to send a request's headers (also the idle keep-alive limit).
    pub header_read_timeout: Duration,
    /// Connections open at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
}

impl Default for ListenLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

/// Whether a `Host` header may reach us when we listen beyond loopback.
pub fn host_allowed(host: &str) -> bool {
    if host.parse::<std::net::IpAddr>().is_ok() {
        return true; // a bare IPv6 address, whose colons are not a port
    }
    let name = match host.rsplit_once(':') {
        // `[::1]:8080`, `127.0.0.1:8080`, `localhost:8080`; a bare IPv6 has more colons.
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.is_empty() => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

fn with_host_check(router: Router) -> Router {
    router.layer(middleware::from_fn(|req: Request, next: Next| async move {
        let ok = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(host_allowed);
        if ok {
            next.run(req).await
        } else {
            (StatusCode::MISDIRECTED_REQUEST, "unknown host").into_response()
        }
    }))
}

/// Serves `router` on `listener` until `stop`; then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ListenLimits,
    stop: CancellationToken,
) {
    let local = listener.local_addr().ok();
    let router = match local {
        Some(addr) if !addr.ip().is_loopback() => with_host_check(router),
        _ => router,
    };
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let (stream, remote) = tokio::select! {
            _ = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            debug!(%remote, "connection refused: too many open");
            drop(stream);
            continue;
        };
        let app = router
            .clone()
            .layer(axum::Extension(axum::extract::ConnectInfo(remote)));
        let stop = stop.clone();
        tokio::spawn(async move {
            let _slot = slot;
            serve_one(stream, app, remote, limits, stop).await;
        });
    }
    // Every slot back: every connection has finished.
    let _all = slots.acquire_many(limits.max_connections as u32).await;
}

async fn serve_one(
    stream: tokio::net::TcpStream,
    app: Router,
    remote: SocketAddr,
    limits: ListenLimits,
    stop: CancellationToken,
) {
    let service = TowerToHyperService::new(app);
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let served = tokio::select! {
        served = connection.as_mut() => served,
        _ = stop.cancelled() => {
            connection.as_mut().graceful_shutdown();
            connection.as_mut().await
        }
    };
    if let Err(e) = served {
        debug!(%remote, error = %e, "a connection ended with an error");
    }
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn only_ip_literals_and_localhost_pass_the_host_check() {
        for ok in [
            "127.0.0.1:8080",
            "192.168.1.20:8080",
            "192.168.1.20",
            "[::1]:8080",
            "::1",
            "localhost:8080",
            "LOCALHOST",
        ] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "",
            "localhost.evil.example:80",
        ] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }
}
