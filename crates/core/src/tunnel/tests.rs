//! The supervisor against the in-process fake: retries, state, re-pointing, what is served.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::ConnectInfo;
use axum::routing::get;
use tokio::sync::watch;

use super::fake::FakeTunnelProvider;
use super::*;

const WAIT: Duration = Duration::from_secs(10);

fn router() -> Router {
    Router::new()
        .route(
            "/webhook",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/admin", get(|| async { "private" }))
        .route("/link/{token}", get(|| async { "link page" }))
}

fn fast() -> TunnelOptions {
    TunnelOptions {
        backoff: Backoff {
            base: Duration::from_millis(40),
            max: Duration::from_millis(80),
        },
        ..TunnelOptions::default()
    }
}

/// Records every URL it is asked to re-point to; fails the first `fail_first` calls.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<String>>,
    fail_first: usize,
}

impl CallbackRepointer for Recorder {
    fn repoint<'a>(&'a self, callback_url: &'a str) -> RepointFuture<'a> {
        Box::pin(async move {
            let mut calls = self.calls.lock().unwrap();
            calls.push(callback_url.to_owned());
            if calls.len() <= self.fail_first {
                Err(RepointError("Graph said no (code 100)".into()))
            } else {
                Ok(())
            }
        })
    }
}

impl Recorder {
    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
}

/// Waits for a state matching `want`; returns it and every state seen on the way.
async fn wait_for(
    rx: &mut watch::Receiver<TunnelState>,
    want: impl Fn(&TunnelState) -> bool,
) -> (TunnelState, Vec<TunnelState>) {
    let mut seen = Vec::new();
    let found = tokio::time::timeout(WAIT, async {
        loop {
            let now = rx.borrow_and_update().clone();
            seen.push(now.clone());
            if want(&now) {
                return now;
            }
            rx.changed().await.expect("the supervisor is alive");
        }
    })
    .await;
    match found {
        Ok(state) => (state, seen),
        Err(_) => panic!("state not reached; seen {seen:?}"),
    }
}

fn online_url(state: &TunnelState) -> Option<&str> {
    match state {
        TunnelState::Online { url, .. } => Some(url),
        _ => None,
    }
}

#[tokio::test]
async fn the_first_connection_is_retried_until_it_succeeds() {
    let fake = FakeTunnelProvider::new();
    fake.fail_next(3, TunnelError::Connect("connection refused".into()));
    let handle = TunnelHandle::spawn(fake.clone(), router(), None, fast());
    let mut rx = handle.subscribe();
    let started = SystemTime::now();
    let (_, seen) = wait_for(&mut rx, |s| online_url(s).is_some()).await;
    assert_eq!(fake.connects(), 4);
    let offline: Vec<&TunnelState> = seen
        .iter()
        .filter(|s| matches!(s, TunnelState::Offline { .. }))
        .collect();
    assert!(!offline.is_empty(), "{seen:?}");
    let floor = started.duration_since(UNIX_EPOCH).unwrap().as_millis() as u64;
    for state in offline {
        let TunnelState::Offline { error, retry_at } = state else {
            unreachable!()
        };
        assert!(error.contains("connection refused"), "{error}");
        // Never later than the cap from now.
        assert!(
            *retry_at >= floor && *retry_at <= floor + 10_000,
            "{retry_at}"
        );
    }
    assert!(matches!(
        handle.state(),
        TunnelState::Online {
            callback: CallbackStatus::Disabled,
            ..
        }
    ));
    handle.shutdown().await;
    assert_eq!(handle.state(), TunnelState::Off);
}

#[tokio::test]
async fn a_lost_tunnel_reconnects_and_meta_is_repointed_to_each_new_url() {
    let fake = FakeTunnelProvider::new();
    let recorder = Arc::new(Recorder::default());
    let handle = TunnelHandle::spawn(fake.clone(), router(), Some(recorder.clone()), fast());
    let mut rx = handle.subscribe();
    let repointed = |s: &TunnelState| {
        matches!(
            s,
            TunnelState::Online {
                callback: CallbackStatus::Repointed,
                ..
            }
        )
    };
    let (first, _) = wait_for(&mut rx, repointed).await;
    let first_url = online_url(&first).unwrap().to_owned();
    assert_eq!(recorder.calls(), vec![format!("{first_url}/webhook")]);

    // The service's reconnection gives up once, then the next session fails twice.
    fake.fail_next(2, TunnelError::Connect("network unreachable".into()));
    assert!(fake.lose("heartbeat timeout"));
    let (_, seen) = wait_for(&mut rx, |s| {
        repointed(s) && online_url(s) != Some(first_url.as_str())
    })
    .await;
    assert!(
        seen.iter().any(|s| matches!(s, TunnelState::Offline { error, .. } if error.contains("heartbeat timeout"))),
        "{seen:?}"
    );
    assert_eq!(fake.connects(), 4);
    let calls = recorder.calls();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_ne!(calls[0], calls[1]);
    handle.shutdown().await;
}

#[tokio::test]
async fn repointing_is_retried_then_reported_failed() {
    let fake = FakeTunnelProvider::new();
    let flaky = Arc::new(Recorder {
        fail_first: 2,
        ..Recorder::default()
    });
    let handle = TunnelHandle::spawn(fake.clone(), router(), Some(flaky.clone()), fast());
    let mut rx = handle.subscribe();
    wait_for(&mut rx, |s| {
        matches!(
            s,
            TunnelState::Online {
                callback: CallbackStatus::Repointed,
                ..
            }
        )
    })
    .await;
    assert_eq!(flaky.calls().len(), 3);
    handle.shutdown().await;

    let refusing = Arc::new(Recorder {
        fail_first: usize::MAX,
        ..Recorder::default()
    });
    let options = TunnelOptions {
        repoint_attempts: 3,
        ..fast()
    };
    let handle = TunnelHandle::spawn(fake, router(), Some(refusing.clone()), options);
    let mut rx = handle.subscribe();
    let (state, _) = wait_for(&mut rx, |s| {
        matches!(
            s,
            TunnelState::Online {
                callback: CallbackStatus::Failed { .. },
                ..
            }
        )
    })
    .await;
    assert!(format!("{state:?}").contains("code 100"), "{state:?}");
    assert_eq!(refusing.calls().len(), 3);
    handle.shutdown().await;
}

#[tokio::test]
async fn repointing_can_be_turned_off() {
    let recorder = Arc::new(Recorder::default());
    let options = TunnelOptions {
        repoint_callback: false,
        ..fast()
    };
    let handle = TunnelHandle::spawn(
        FakeTunnelProvider::new(),
        router(),
        Some(recorder.clone()),
        options,
    );
    let mut rx = handle.subscribe();
    let (state, _) = wait_for(&mut rx, |s| online_url(s).is_some()).await;
    assert!(matches!(
        state,
        TunnelState::Online {
            callback: CallbackStatus::Disabled,
            ..
        }
    ));
    handle.shutdown().await;
    assert!(recorder.calls().is_empty());
}

#[tokio::test]
async fn only_the_public_paths_are_served_and_shutdown_closes_the_tunnel() {
    let options = TunnelOptions {
        public_paths: PublicPaths::default().with_prefix("/link"),
        ..fast()
    };
    let handle = TunnelHandle::spawn(FakeTunnelProvider::new(), router(), None, options);
    let mut rx = handle.subscribe();
    let (state, _) = wait_for(&mut rx, |s| online_url(s).is_some()).await;
    let url = online_url(&state).unwrap().to_owned();
    let http = reqwest::Client::new();
    let get = |path: &str| http.get(format!("{url}{path}")).send();
    let webhook = get("/webhook").await.unwrap();
    assert_eq!(webhook.status(), 200);
    // Handlers see the client's address, as on the local server.
    assert_eq!(webhook.text().await.unwrap(), "127.0.0.1");
    assert_eq!(get("/healthz").await.unwrap().status(), 200);
    assert_eq!(get("/link/abc").await.unwrap().status(), 200);
    for private in ["/admin", "/nothing", "/webhook/x", "/link/../admin"] {
        assert_eq!(get(private).await.unwrap().status(), 404, "{private}");
    }
    handle.shutdown().await;
    assert_eq!(handle.state(), TunnelState::Off);
    assert!(
        get("/healthz").await.is_err(),
        "still served after shutdown"
    );
}

#[test]
fn the_state_serialises_for_the_ui() {
    let online = TunnelState::Online {
        url: "https://shop.ngrok.app".into(),
        callback: CallbackStatus::Failed { error: "x".into() },
    };
    assert_eq!(
        serde_json::to_value(&online).unwrap(),
        serde_json::json!({"state": "online", "url": "https://shop.ngrok.app",
            "callback": {"status": "failed", "error": "x"}})
    );
    assert_eq!(
        serde_json::to_value(TunnelState::Connecting { attempt: 2 }).unwrap(),
        serde_json::json!({"state": "connecting", "attempt": 2})
    );
    assert_eq!(
        callback_url("https://a.ngrok.app/"),
        "https://a.ngrok.app/webhook"
    );
}

#[test]
fn tunnel_errors_are_said_in_spanish_with_the_service_words_kept() {
    let refused =
        TunnelError::Refused("ERR_NGROK_105 The authtoken you specified is invalid".into());
    assert_eq!(
        crate::i18n::with_lang(crate::i18n::Lang::Es, || refused.to_string()),
        "el servicio del túnel rechazó la conexión: ERR_NGROK_105 The authtoken you specified is invalid"
    );
    assert_eq!(
        refused.to_string(),
        "the tunnel service refused: ERR_NGROK_105 The authtoken you specified is invalid"
    );
    let lost = TunnelError::Lost("EOF".into());
    assert_eq!(
        crate::i18n::with_lang(crate::i18n::Lang::Es, || lost.to_string()),
        "se perdió el túnel: EOF"
    );
}
