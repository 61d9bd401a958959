//! The whole engine: signed webhooks in over real HTTP, a real SQLite file, sends out to a
//! wiremock Graph API, statuses back in.

use std::time::Duration;

use fake_graph::payloads;
use serde_json::json;
use shopchat_core::config::Mode;
use shopchat_core::{DomainEvent, EngineError, MessageStatus};
use shopchat_e2e::*;
use wiremock::Mock;
use wiremock::matchers::{body_json, header, method, path};

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
            "biz_opaque_callback_data": t.callback(2),
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
    t.customer_writes(CUSTOMER, "Hello, anyone there?").await;
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
    let seeded = fake_graph::CUSTOMERS[0].wa_id;
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
    let uma = fake_graph::CUSTOMERS
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
async fn the_sandbox_seeds_its_customers_once() {
    let mut settings = quick_sandbox(false);
    settings.seed_customers = true;
    let t = TestEngine::start(Mode::Sandbox(settings.clone()), fast_outbox()).await;
    let with_openers = fake_graph::CUSTOMERS
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
    // Each opener, and the photo Ana sends with hers.
    assert_eq!(total, with_openers + 1, "a restart does not seed again");
    t.stop().await;
}
