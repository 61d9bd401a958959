//! The whole engine: signed webhooks in over real HTTP, a real SQLite file, sends out to a
//! wiremock Graph API, statuses back in.

use std::time::Duration;

use serde_json::json;
use shopchat_core::config::{Mode, OutboxSettings};
use shopchat_core::sandbox::payloads;
use shopchat_core::{DomainEvent, EngineError, MessageStatus};
use shopchat_e2e::*;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SEND_PATH: &str = "/v24.0/106540352242922/messages";

fn accepted(wamid: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
        "messages": [{"id": wamid}],
    }))
}

fn graph_error(status: u16, code: i64, message: &str, details: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": {
        "message": message, "type": "OAuthException", "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details}, "fbtrace_id": "AbCdEf"}}))
}

async fn live() -> (MockServer, TestEngine) {
    let graph = MockServer::start().await;
    let engine = TestEngine::start(Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;
    (graph, engine)
}

fn status_body(wamid: &str, status: &str) -> serde_json::Value {
    payloads::status(
        WABA_ID,
        PHONE_NUMBER_ID,
        wamid,
        CUSTOMER,
        status,
        1_700_000_100,
        None,
    )
}

/// A status as Meta sends it for a message the outbox sent with callback data.
fn status_with_callback(wamid: &str, status: &str, message_id: i64) -> serde_json::Value {
    let mut body = status_body(wamid, status);
    payloads::set_callback_data(&mut body, &format!("shopchat:{message_id}"));
    body
}

#[tokio::test]
async fn an_inbound_message_is_stored_and_published() {
    let (_graph, t) = live().await;
    let mut events = t.engine.subscribe();
    let body = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Dana",
        "wamid.IN1",
        1_700_000_000,
        "Hello shop",
    );
    assert_eq!(t.post(&body).await, 200);
    let event = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if let Ok(DomainEvent::MessageReceived { message }) = events.recv().await {
                return message;
            }
        }
    })
    .await
    .expect("a MessageReceived event");
    assert_eq!(event.text.as_deref(), Some("Hello shop"));
    let contacts = t.engine.contacts().await.unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].name.as_deref(), Some("Dana"));
    assert_eq!(contacts[0].unread, 1);
    assert_eq!(contacts[0].last_inbound_at, Some(1_700_000_000));
    t.stop().await;
}

#[tokio::test]
async fn a_send_puts_the_documented_request_on_the_wire_and_follows_its_statuses() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": CUSTOMER,
            "type": "text",
            "text": {"body": "Your order is ready", "preview_url": false},
            // The send is message 2 (after the customer's): ties its statuses to it.
            "biz_opaque_callback_data": "shopchat:2",
        })))
        .respond_with(accepted("wamid.OUT1"))
        .expect(1)
        .mount(&graph)
        .await;

    t.customer_writes(CUSTOMER, "Is my order ready?").await;
    let queued = t
        .engine
        .send_text(CUSTOMER, "Your order is ready", None)
        .await
        .unwrap();
    assert_eq!(queued.status, MessageStatus::Queued);
    assert_eq!(queued.wamid, None);
    let sent = eventually(Duration::from_secs(5), "the send", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Sent)
    })
    .await;
    assert_eq!(sent.id, queued.id);
    assert_eq!(sent.wamid.as_deref(), Some("wamid.OUT1"));

    assert_eq!(t.post(&status_body("wamid.OUT1", "delivered")).await, 200);
    assert_eq!(t.post(&status_body("wamid.OUT1", "read")).await, 200);
    assert_eq!(t.post(&status_body("wamid.OUT1", "delivered")).await, 200);
    eventually(Duration::from_secs(5), "the read tick", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Read)
    })
    .await;
    let dir = t.stop().await;
    graph.verify().await;

    // No secret reaches the database or any other file in the data dir.
    let bytes = all_bytes_under(dir.path());
    for secret in [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN] {
        assert!(
            !contains(&bytes, secret),
            "a secret was written to the data dir"
        );
    }
}

#[tokio::test]
async fn a_graph_error_is_typed_and_stored_on_the_message() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(graph_error(
            400,
            131047,
            "Re-engagement message",
            "More than 24 hours have passed",
        ))
        .expect(1)
        .mount(&graph)
        .await;
    t.customer_writes(CUSTOMER, "Hello?").await;
    let queued = t
        .engine
        .send_text(CUSTOMER, "Hello again", None)
        .await
        .unwrap();
    let failed = eventually(Duration::from_secs(5), "the failure", || async {
        t.messages(CUSTOMER)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Failed)
    })
    .await;
    assert_eq!(failed.id, queued.id);
    let e = failed.error.unwrap();
    assert_eq!(e.code, Some(131047));
    assert_eq!(e.title, "OAuthException");
    assert_eq!(e.details.as_deref(), Some("More than 24 hours have passed"));
    let (subcode_trace,): (String,) = t
        .engine
        .store()
        .read(move |c| {
            Ok(c.query_row(
                "SELECT error_fbtrace_id FROM messages WHERE id = ?1",
                [queued.id],
                |r| Ok((r.get(0)?,)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(subcode_trace, "AbCdEf");
    // Not retried: a retry cannot help outside the window.
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
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), outbox).await;
    t.customer_writes(CUSTOMER, "Hi").await;
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
        t.post(&status_with_callback("wamid.LATE", "delivered", m.id))
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
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), outbox).await;
    t.customer_writes(CUSTOMER, "Hi").await;
    let queued = t.engine.send_text(CUSTOMER, "racing", None).await.unwrap();
    // Meta has the request (and reports it sent) while its answer is still on the way.
    eventually(
        Duration::from_secs(5),
        "the request at the fake",
        || async { graph.received_requests().await.filter(|r| !r.is_empty()) },
    )
    .await;
    assert_eq!(
        t.post(&status_with_callback("wamid.EARLY", "sent", queued.id))
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
async fn a_message_in_flight_at_a_crash_becomes_unknown_and_is_not_resent() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(accepted("wamid.X"))
        .expect(0)
        .mount(&graph)
        .await;
    let dir = tempfile::tempdir().unwrap();
    {
        // What a crash mid-request leaves behind: a claimed row, no answer recorded.
        let store = shopchat_core::Store::open(dir.path()).unwrap();
        store
            .writer()
            .call(|ctx| {
                ctx.conn.execute_batch(
                    "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ('15550123456', 0, 0);
                     INSERT INTO messages (id, contact, direction, type, text, raw, status, timestamp)
                         VALUES (7, '15550123456', 'out', 'text', 'hi', '{}', 'sending', 1700000000);
                     INSERT INTO outbox (message_id, payload, state, attempts, next_attempt_at, created_at, updated_at)
                         VALUES (7, '{}', 'in_flight', 1, 0, 0, 0);",
                )?;
                Ok(())
            })
            .await
            .unwrap();
        store.close().await;
    }
    let t = TestEngine::start_in(dir, Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;
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
async fn one_engine_per_data_dir_and_a_clean_stop() {
    let (graph, t) = live().await;
    let runtime = t.dir.path().join("runtime.json");
    assert!(runtime.exists());
    let mut config = shopchat_core::Config::new(
        t.dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Live(live_settings(&graph.uri())),
    );
    config.outbox = fast_outbox();
    match shopchat_core::Engine::start(config).await {
        Err(EngineError::AlreadyRunning(_)) => {}
        Err(e) => panic!("wrong error: {e}"),
        Ok(_) => panic!("a second engine on the same data dir must be refused"),
    }
    let dir = t.stop().await;
    assert!(!dir.path().join("runtime.json").exists());
}

#[tokio::test]
async fn the_sandbox_answers_sends_with_statuses_and_customers_reply() {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(true)), fast_outbox()).await;
    let seeded = shopchat_core::sandbox::CUSTOMERS[0].wa_id;
    t.customer_writes(seeded, "Do you deliver?").await;
    let queued = t
        .engine
        .send_text(seeded, "Yes, every weekday.", None)
        .await
        .unwrap();
    let read = eventually(Duration::from_secs(5), "the read tick", || async {
        t.messages(seeded)
            .await
            .into_iter()
            .find(|m| m.id == queued.id && m.status == MessageStatus::Read)
    })
    .await;
    assert!(read.wamid.as_deref().unwrap().starts_with("wamid."));
    // The customer answers once they have read it.
    let msgs = eventually(Duration::from_secs(5), "the customer's answer", || async {
        let m = t.messages(seeded).await;
        (m.len() == 3).then_some(m)
    })
    .await;
    assert_eq!(msgs[0].text.as_deref(), Some("Do you deliver?"));
    assert_eq!(msgs[2].direction, shopchat_core::Direction::In);
    assert_eq!(t.engine.fake_graph().unwrap().accepted(), 1);

    // The unreachable customer shows what a failure looks like.
    let uma = shopchat_core::sandbox::CUSTOMERS
        .iter()
        .find(|c| c.unreachable)
        .unwrap();
    // Nobody may be written to before they write: the window is closed.
    match t.engine.send_text(uma.wa_id, "Hello", None).await {
        Err(EngineError::Send(shopchat_core::outbox::SendError::OutsideWindow {
            last_inbound_at: None,
        })) => {}
        other => panic!("expected outside_window, got {other:?}"),
    }
    t.customer_writes(uma.wa_id, "Hi, I cannot get your messages?")
        .await;
    t.engine.send_text(uma.wa_id, "Hello", None).await.unwrap();
    let failed = eventually(Duration::from_secs(5), "the simulated failure", || async {
        t.messages(uma.wa_id)
            .await
            .into_iter()
            .find(|m| m.status == MessageStatus::Failed)
    })
    .await;
    assert_eq!(failed.error.unwrap().code, Some(131026));
    t.stop().await;
}

#[tokio::test]
async fn free_form_messages_need_the_24_hour_window() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(accepted("wamid.NEVER"))
        .expect(0)
        .mount(&graph)
        .await;
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;
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
async fn the_sandbox_seeds_its_customers_once() {
    let mut settings = quick_sandbox(false);
    settings.seed_customers = true;
    let t = TestEngine::start(Mode::Sandbox(settings.clone()), fast_outbox()).await;
    let with_openers = shopchat_core::sandbox::CUSTOMERS
        .iter()
        .filter(|c| c.opening.is_some())
        .count();
    eventually(Duration::from_secs(5), "the seeded customers", || async {
        (t.engine.contacts().await.unwrap().len() == with_openers).then_some(())
    })
    .await;
    let dir = t.stop().await;
    let t = TestEngine::start_in(dir, Mode::Sandbox(settings), fast_outbox()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let total: usize = {
        let mut n = 0;
        for c in t.engine.contacts().await.unwrap() {
            n += t.messages(&c.wa_id).await.len();
        }
        n
    };
    assert_eq!(total, with_openers, "a restart does not seed again");
    t.stop().await;
}
