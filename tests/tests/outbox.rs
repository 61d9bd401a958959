//! The outbox end to end: retries, uncertain sends and how they are settled, the circuit
//! breaker, and the 24-hour window, against a wiremock Graph API.

use std::time::Duration;

use fake_graph::payloads;
use shopchat_core::config::{Mode, OutboxSettings};
use shopchat_core::{DomainEvent, EngineError, MessageStatus};
use shopchat_e2e::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

#[tokio::test]
async fn a_send_without_a_clear_answer_is_unknown_and_not_resent() {
    let graph = MockServer::start().await;
    // Meta takes the request but its answer never arrives in time.
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.LATE").set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&graph)
        .await;
    let outbox = OutboxSettings {
        request_timeout: Duration::from_millis(300),
        ..fast_outbox()
    };
    let t = engine_for(&graph, outbox).await;
    t.customer_writes(CUSTOMER, "Hi there").await;
    t.engine
        .send_text(CUSTOMER, "did it go?", None)
        .await
        .unwrap();
    let m = eventually(Duration::from_secs(5), "the uncertain send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Unknown)
    })
    .await;
    let error = m.error.expect("an explanation on the message");
    assert_eq!(error.title, "Delivery uncertain");
    assert!(error.details.unwrap().contains("may or may not"));
    assert_eq!(t.engine.outbox_counts().await.unwrap().unknown, 1);
    // Never resent by itself: the one request the mock expects is all it gets.
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Then Meta's status webhook for it arrives, carrying the callback data the send set: the
    // message was delivered after all, and is no longer in doubt.
    assert_eq!(
        t.post(&t.status_with_callback("wamid.LATE", "delivered", m.id))
            .await,
        200
    );
    let settled = eventually(Duration::from_secs(5), "the reconciled send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|x| x.id == m.id && x.status == MessageStatus::Delivered)
    })
    .await;
    assert_eq!(settled.wamid.as_deref(), Some("wamid.LATE"));
    assert_eq!(settled.error, None);
    assert_eq!(t.engine.outbox_counts().await.unwrap().unknown, 0);
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn a_status_that_beats_a_lost_answer_settles_the_send_at_once() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.EARLY").set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&graph)
        .await;
    let outbox = OutboxSettings {
        request_timeout: Duration::from_millis(800),
        ..fast_outbox()
    };
    let t = engine_for(&graph, outbox).await;
    t.customer_writes(CUSTOMER, "Hi there").await;
    let queued = t.engine.send_text(CUSTOMER, "racing", None).await.unwrap();
    // Meta has the request (and reports it sent) while its answer is still on the way.
    eventually(
        Duration::from_secs(5),
        "the request at the fake",
        || async { graph.received_requests().await.filter(|r| !r.is_empty()) },
    )
    .await;
    assert_eq!(
        t.post(&t.status_with_callback("wamid.EARLY", "sent", queued.id))
            .await,
        200
    );
    // The answer times out; the recorded status settles it instead of leaving it in doubt.
    let sent = eventually(Duration::from_secs(5), "the settled send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.id == queued.id && m.status == MessageStatus::Sent)
    })
    .await;
    assert_eq!(sent.wamid.as_deref(), Some("wamid.EARLY"));
    assert_eq!(sent.error, None);
    let counts = t.engine.outbox_counts().await.unwrap();
    assert_eq!(
        (counts.unknown, counts.pending, counts.in_flight),
        (0, 0, 0)
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn a_refused_token_pauses_the_outbox_and_loses_nothing() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(graph_error(
            401,
            190,
            "Error validating access token: Session has expired",
            "expired",
        ))
        .up_to_n_times(1)
        .expect(1)
        .mount(&graph)
        .await;
    for wamid in ["wamid.AFTER1", "wamid.AFTER2"] {
        Mock::given(method("POST"))
            .and(path(SEND_PATH))
            .respond_with(accepted(wamid))
            .up_to_n_times(1)
            .expect(1)
            .mount(&graph)
            .await;
    }
    let t = engine_for(&graph, fast_outbox()).await;
    let mut events = t.engine.subscribe();
    t.customer_writes(CUSTOMER, "Hi there").await;
    let first = t.engine.send_text(CUSTOMER, "one", None).await.unwrap();
    let health = eventually(Duration::from_secs(5), "the pause", || async {
        matches!(
            t.engine.outbox_health(),
            shopchat_core::OutboxHealth::NeedsReconnect { .. }
        )
        .then(|| t.engine.outbox_health())
    })
    .await;
    let shopchat_core::OutboxHealth::NeedsReconnect { reason, .. } = health else {
        unreachable!()
    };
    assert!(reason.contains("Session has expired"), "{reason}");
    // Queued again, not failed; a second message waits too; nothing more goes out.
    let second = t.engine.send_text(CUSTOMER, "two", None).await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(graph.received_requests().await.unwrap().len(), 1);
    for m in t
        .messages(CUSTOMER)
        .await
        .iter()
        .filter(|m| m.direction == shopchat_core::Direction::Out)
    {
        assert_eq!(m.status, MessageStatus::Queued, "{m:?}");
        assert_eq!(m.error, None);
    }
    // The UI heard about it.
    let mut heard = false;
    while let Ok(event) = events.try_recv() {
        heard |= matches!(
            event,
            DomainEvent::OutboxHealth {
                health: shopchat_core::OutboxHealth::NeedsReconnect { .. }
            }
        );
    }
    assert!(heard, "no outbox://health event");

    // Reconnected: both go out, in order, once each.
    assert_eq!(
        t.engine.resume_outbox(),
        shopchat_core::OutboxHealth::Running
    );
    for (id, wamid) in [(first.id, "wamid.AFTER1"), (second.id, "wamid.AFTER2")] {
        let sent = eventually(
            Duration::from_secs(5),
            "the send after resuming",
            || async {
                t.messages(CUSTOMER)
                    .await
                    .into_iter()
                    .find(|m| m.id == id && m.status == MessageStatus::Sent)
            },
        )
        .await;
        assert_eq!(sent.wamid.as_deref(), Some(wamid));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn repeated_server_errors_open_the_circuit_for_a_while() {
    let graph = MockServer::start().await;
    let failures = shopchat_core::outbox::breaker::SERVER_FAILURES_TO_OPEN as u64;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(graph_error(
            503,
            131000,
            "Something went wrong",
            "try later",
        ))
        .up_to_n_times(failures)
        .expect(failures)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.BACK"))
        .expect(1)
        .mount(&graph)
        .await;
    let outbox = OutboxSettings {
        max_attempts: 20,
        ..fast_outbox()
    };
    let t = engine_for(&graph, outbox).await;
    let mut events = t.engine.subscribe();
    t.customer_writes(CUSTOMER, "Hi there").await;
    let queued = t
        .engine
        .send_text(CUSTOMER, "patience", None)
        .await
        .unwrap();
    let sent = eventually(
        Duration::from_secs(10),
        "the send after the cooldown",
        || async {
            t.messages(CUSTOMER)
                .await
                .into_iter()
                .find(|m| m.id == queued.id && m.status == MessageStatus::Sent)
        },
    )
    .await;
    assert_eq!(sent.wamid.as_deref(), Some("wamid.BACK"));
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let DomainEvent::OutboxHealth { health } = event {
            seen.push(health);
        }
    }
    assert!(
        matches!(
            seen.as_slice(),
            [
                shopchat_core::OutboxHealth::CoolingDown { .. },
                shopchat_core::OutboxHealth::Running
            ]
        ),
        "{seen:?}"
    );
    assert_eq!(
        t.engine.outbox_health(),
        shopchat_core::OutboxHealth::Running
    );
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn free_form_messages_need_the_24_hour_window() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(accepted("wamid.NEVER"))
        .expect(0)
        .mount(&graph)
        .await;
    let t = engine_for(&graph, fast_outbox()).await;
    // A customer who wrote 25 hours ago.
    let old = shopchat_core::store::now_secs() - 25 * 3600;
    let body = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Ana",
        "wamid.OLD",
        old,
        "Thanks for yesterday",
    );
    assert_eq!(t.post(&body).await, 200);
    eventually(Duration::from_secs(5), "the old message", || async {
        (!t.messages(CUSTOMER).await.is_empty()).then_some(())
    })
    .await;
    let err = t
        .engine
        .send_text(CUSTOMER, "Hello again!", None)
        .await
        .unwrap_err();
    match &err {
        EngineError::Send(shopchat_core::outbox::SendError::OutsideWindow {
            last_inbound_at: Some(at),
        }) => assert_eq!(*at, old),
        other => panic!("expected outside_window, got {other:?}"),
    }
    assert!(err.to_string().contains("25 hours ago"), "{err}");
    // Nothing was queued, nothing was stored.
    assert_eq!(t.messages(CUSTOMER).await.len(), 1);
    assert_eq!(t.engine.outbox_counts().await.unwrap().pending, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn server_errors_are_retried_and_the_message_is_sent_once() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(graph_error(
            500,
            131000,
            "Something went wrong",
            "try again",
        ))
        .up_to_n_times(2)
        .expect(2)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.RETRIED"))
        .expect(1)
        .mount(&graph)
        .await;
    t.customer_writes(CUSTOMER, "Anyone there?").await;
    t.engine
        .send_text(CUSTOMER, "third time lucky", None)
        .await
        .unwrap();
    let sent = eventually(Duration::from_secs(5), "the retried send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Sent)
    })
    .await;
    assert_eq!(sent.wamid.as_deref(), Some("wamid.RETRIED"));
    assert_eq!(sent.error, None);
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

/// What a crash mid-request leaves behind: message 7 claimed and in flight, no answer recorded
/// (and, with `status_came`, Meta's `sent` webhook for it, with our callback data, already in).
/// Starts an engine on it against a Graph API that must not be called.
async fn restart_after_a_crash_mid_send(status_came: Option<&str>) -> (MockServer, TestEngine) {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(accepted("wamid.X"))
        .expect(0)
        .mount(&graph)
        .await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = shopchat_core::Store::open(dir.path()).expect("store");
    let callback = shopchat_core::callback_for(store.install_id(), 7);
    let status_came = status_came.map(str::to_owned);
    store
        .writer()
        .call(move |ctx| {
            ctx.conn.execute_batch(
                "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ('15550123456', 0, 0);
                 INSERT INTO messages (id, contact, direction, type, text, raw, status, timestamp)
                     VALUES (7, '15550123456', 'out', 'text', 'hi', '{}', 'sending', 1700000000);
                 INSERT INTO outbox (message_id, contact, payload, state, attempts, next_attempt_at, created_at, updated_at)
                     VALUES (7, '15550123456', '{}', 'in_flight', 1, 0, 0, 0);",
            )?;
            if let Some(wamid) = status_came {
                ctx.conn.execute(
                    "INSERT INTO message_statuses (wamid, status, timestamp, raw, callback_data)
                     VALUES (?1, 'sent', 1700000001, '{}', ?2)",
                    [wamid, callback],
                )?;
            }
            Ok(())
        })
        .await
        .expect("setup");
    store.close().await;
    let t = TestEngine::start_in(dir, Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;
    (graph, t)
}

#[tokio::test]
async fn a_message_in_flight_at_a_crash_whose_status_came_is_settled_at_start() {
    let (graph, t) = restart_after_a_crash_mid_send(Some("wamid.CAME")).await;
    let m = t.messages(CUSTOMER).await;
    assert_eq!(m[0].status, MessageStatus::Sent, "{m:?}");
    assert_eq!(m[0].wamid.as_deref(), Some("wamid.CAME"));
    assert_eq!(m[0].error, None);
    assert_eq!(t.engine.outbox_counts().await.expect("counts").unknown, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn a_message_in_flight_at_a_crash_becomes_unknown_and_is_not_resent() {
    let (graph, t) = restart_after_a_crash_mid_send(None).await;
    let m = t.messages(CUSTOMER).await;
    assert_eq!(m[0].status, MessageStatus::Unknown);
    assert!(
        m[0].error
            .as_ref()
            .unwrap()
            .details
            .as_deref()
            .unwrap()
            .contains("may or may not")
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn sends_stay_within_the_number_rate_and_each_customers_pacing() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(move |req: &wiremock::Request| {
            // A wamid per request, from the body's callback data.
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
            let tag = body["biz_opaque_callback_data"]
                .as_str()
                .unwrap()
                .replace(':', ".");
            accepted(&format!("wamid.{tag}"))
        })
        .mount(&graph)
        .await;
    let outbox = OutboxSettings {
        rate_per_second: std::num::NonZeroU32::new(10),
        pair_pacing: Some(shopchat_core::config::PairPacing {
            period: Duration::from_millis(1500),
            burst: std::num::NonZeroU32::new(2).unwrap(),
        }),
        ..fast_outbox()
    };
    let t = engine_for(&graph, outbox).await;
    let started = std::time::Instant::now();
    // 30 customers, one message each, at 10 a second.
    let mut ids = Vec::new();
    for i in 0..30 {
        ids.push(t.queue(&format!("1555020{i:04}"), "news").await);
    }
    // And three to one customer: two at once, the third after its pacing.
    let mut ana = Vec::new();
    for text in ["first", "second", "third"] {
        ana.push(t.queue(CUSTOMER, text).await);
    }
    let all: Vec<i64> = ids.iter().chain(&ana).copied().collect();
    eventually(Duration::from_secs(15), "every send", || async {
        let out = graph.received_requests().await.unwrap();
        (out.len() == all.len()).then_some(())
    })
    .await;
    let elapsed = started.elapsed();
    // 33 sends at 10 a second (a burst of one): at least 3.2 s.
    assert!(elapsed >= Duration::from_millis(3000), "{elapsed:?}");
    // The one customer's messages went out in order, the third one paced.
    let requests = graph.received_requests().await.unwrap();
    let to_ana: Vec<String> = requests
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap())
        .filter(|b| b["to"] == CUSTOMER)
        .map(|b| b["text"]["body"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(to_ana, ["first", "second", "third"]);
    // Each message once.
    let mut tags: Vec<String> = requests
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap())
        .map(|b| b["biz_opaque_callback_data"].as_str().unwrap().to_owned())
        .collect();
    tags.sort();
    tags.dedup();
    assert_eq!(tags.len(), all.len());
    t.stop().await;
}
