//! Faults, bounded in time: floods mixing valid and forged signatures, events delivered more than
//! once, statuses out of order, and a Graph API failing at random.

use std::time::Duration;

use fake_graph::payloads;
use shopchat_core::MessageStatus;
use shopchat_core::config::{Mode, OutboxSettings};
use shopchat_core::store::journal;
use shopchat_e2e::*;
use wiremock::Mock;
use wiremock::matchers::{method, path};

#[tokio::test]
async fn a_flood_of_valid_and_forged_webhooks_stores_every_valid_one_and_no_forged_one() {
    let (_graph, t) = live().await;
    let url = t.webhook_url();
    let mut tasks = tokio::task::JoinSet::new();
    // 600 requests, 32 at a time; every third forged (signed with another secret).
    let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(32));
    for i in 0..600u32 {
        let http = t.http.clone();
        let url = url.clone();
        let sem = sem.clone();
        tasks.spawn(async move {
            let _permit = sem.acquire().await.expect("semaphore");
            let forged = i % 3 == 0;
            let body = payloads::inbound_text(
                WABA_ID,
                PHONE_NUMBER_ID,
                &format!("1555030{:04}", i % 50),
                "Flood",
                &format!("wamid.FLOOD{i:05}"),
                1_700_000_000 + i64::from(i),
                &format!("message {i}"),
            );
            let secret: &[u8] = if forged {
                b"forged-secret"
            } else {
                APP_SECRET.as_bytes()
            };
            let status = payloads::post_signed(&http, &url, secret, &body)
                .await
                .expect("engine reachable");
            (i, forged, status.as_u16())
        });
    }
    let mut valid = 0;
    while let Some(done) = tasks.join_next().await {
        let (i, forged, status) = done.expect("task");
        if forged {
            assert_eq!(status, 403, "forged webhook {i}");
        } else {
            assert_eq!(status, 200, "valid webhook {i}");
            valid += 1;
        }
    }
    assert_eq!(valid, 400);
    // Every valid one journaled (copied from the spool, behind the 200s), then applied; no
    // forged one anywhere.
    let counted = eventually(Duration::from_secs(20), "the flood applied", || async {
        let (total, pending) = t
            .engine
            .store()
            .read(journal::counts)
            .await
            .expect("counts");
        (pending == 0 && total >= 400).then_some(total)
    })
    .await;
    assert_eq!(counted, 400);
    let mut stored = Vec::new();
    for c in 0..50 {
        for m in t.messages(&format!("1555030{c:04}")).await {
            stored.push(m.wamid.expect("inbound wamid"));
        }
    }
    stored.sort();
    let mut expected: Vec<String> = (0..600u32)
        .filter(|i| i % 3 != 0)
        .map(|i| format!("wamid.FLOOD{i:05}"))
        .collect();
    expected.sort();
    assert_eq!(stored, expected);
    t.stop().await;
}

#[tokio::test]
async fn an_event_three_times_and_statuses_out_of_order_give_one_message_at_its_furthest_status() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.ORDER"))
        .expect(1)
        .mount(&graph)
        .await;
    // The same inbound event three times (Meta retries when it does not see a 200 in time).
    let inbound = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Ana",
        "wamid.THRICE",
        shopchat_core::store::now_secs(),
        "Hello, anyone there?",
    );
    for _ in 0..3 {
        assert_eq!(t.post(&inbound).await, 200);
    }
    let inbound_copies = eventually(Duration::from_secs(5), "the inbound message", || async {
        let m = t.messages(CUSTOMER).await;
        (!m.is_empty()).then_some(m)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(t.messages(CUSTOMER).await.len(), 1, "{inbound_copies:?}");

    // A reply, then its statuses in the wrong order, each twice.
    let sent = t
        .engine
        .send_text(CUSTOMER, "Hi!", None)
        .await
        .expect("queued");
    eventually(Duration::from_secs(5), "the send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.id == sent.id && m.wamid.is_some())
    })
    .await;
    for status in ["read", "delivered", "sent", "read", "delivered", "sent"] {
        assert_eq!(t.post(&status_body("wamid.ORDER", status)).await, 200);
    }
    let furthest = eventually(Duration::from_secs(5), "the read tick", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.id == sent.id && m.status == MessageStatus::Read)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let now = t.messages(CUSTOMER).await;
    assert_eq!(now.len(), 2);
    assert_eq!(
        now.iter().find(|m| m.id == furthest.id).map(|m| m.status),
        Some(MessageStatus::Read)
    );
    t.stop().await;
    graph.verify().await;
}

#[tokio::test]
async fn under_random_faults_every_message_is_sent_exactly_once_with_backoff_respected() {
    use shopchat_e2e::chaos::{ChaosGraph, Fault};
    let graph = ChaosGraph::start(Duration::from_millis(900)).await;
    let outbox = OutboxSettings {
        max_attempts: 30,
        request_timeout: Duration::from_millis(300),
        rate_per_second: None,
        ..fast_outbox()
    };
    let t = TestEngine::start(Mode::Live(live_settings(&graph.url)), outbox).await;
    graph.report_to(t.webhook_url());
    let mut ids = Vec::new();
    for i in 0..60 {
        ids.push(t.queue(&format!("1555040{i:04}"), "chaos").await);
    }
    // Every message ends sent: answered, or settled by the status webhook Meta sends for it.
    eventually(Duration::from_secs(40), "every message sent", || async {
        let mut all = Vec::new();
        for i in 0..60 {
            all.extend(t.messages(&format!("1555040{i:04}")).await);
        }
        all.iter()
            .all(|m| {
                matches!(
                    m.status,
                    MessageStatus::Sent | MessageStatus::Delivered | MessageStatus::Read
                )
            })
            .then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    {
        let log = graph.log.lock().expect("log");
        for id in &ids {
            let key = t.callback(*id);
            assert_eq!(
                log.taken.get(&key),
                Some(&1),
                "message {id} was taken {:?} times",
                log.taken.get(&key)
            );
            // After a 429 with Retry-After: 1, the next try waited at least that long.
            let attempts = &log.attempts[&key];
            for pair in attempts.windows(2) {
                if pair[0].1 == Fault::RateLimited {
                    let waited = pair[1].0 - pair[0].0;
                    assert!(
                        waited >= Duration::from_millis(950),
                        "message {id}: retried after {waited:?}"
                    );
                }
            }
        }
        // The mix really happened.
        let seen: std::collections::HashSet<Fault> =
            log.attempts.values().flatten().map(|(_, f)| *f).collect();
        for fault in [
            Fault::RateLimited,
            Fault::ServerError,
            Fault::LateAnswer,
            Fault::CutAfterTaking,
        ] {
            assert!(seen.contains(&fault), "no {fault:?} in this run");
        }
    }
    assert_eq!(t.engine.outbox_counts().await.expect("counts").unknown, 0);
    t.stop().await;
}
