//! A broadcast created as the app creates one (`Engine::create_broadcast`), run by the engine's
//! own runner against a real local Graph API (wiremock): its progress reaches subscribers (the
//! window) as `broadcast://progress` events, coalesced, and the last one says it completed.

use std::io::Write;
use std::time::{Duration, Instant};

use shopchat_core::DomainEvent;
use shopchat_core::broadcasts::{AudienceSource, NewBroadcast};
use shopchat_core::config::Mode;
use shopchat_e2e::{SEND_PATH, TestEngine, accepted, fast_outbox, live_settings, status_body};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

#[tokio::test]
async fn a_broadcast_reports_its_progress_to_the_window_through_to_completed() {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(|req: &wiremock::Request| {
            let body: serde_json::Value = serde_json::from_slice(&req.body).expect("JSON");
            accepted(&format!("wamid.{}", body["to"].as_str().expect("to")))
        })
        .mount(&graph)
        .await;
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;
    let mut events = t.engine.subscribe();

    t.approved_template("order_ready", "en", "Hi {{1}}, your order is ready.")
        .await;
    let csv = t.dir.path().join("list.csv");
    let mut file = std::fs::File::create(&csv).expect("csv");
    writeln!(
        file,
        "phone,name\n+52 55 3000 0001,Ana\n+52 55 3000 0002,Ben\n+52 55 3000 0003,Chloé"
    )
    .expect("csv");
    drop(file);

    let created = t
        .engine
        .create_broadcast(NewBroadcast {
            name: "Pick-up".into(),
            template: "order_ready".into(),
            lang: "en".into(),
            audience: AudienceSource::Csv {
                path: csv,
                phone_column: None,
            },
            params: vec!["name".into()],
            start_at: None,
            rate: None,
            default_country: None,
            spread: false,
            dry_run: false,
        })
        .await
        .expect("created");
    let id = created.id.expect("an id");

    let started = Instant::now();
    let deadline = started + Duration::from_secs(10);
    let mut seen: Vec<String> = Vec::new();
    let last = loop {
        let event = tokio::time::timeout_at(deadline.into(), events.recv())
            .await
            .unwrap_or_else(|_| panic!("no completed progress event; progress seen: {seen:?}"))
            .expect("the event stream");
        if let DomainEvent::BroadcastProgress { broadcast } = event {
            assert_eq!(broadcast.id, id);
            seen.push(format!("{} {:?}", broadcast.state, broadcast.counts));
            if broadcast.state == "completed" {
                break broadcast;
            }
        }
    };
    let secs = started.elapsed().as_secs_f64().max(1.0);
    let seen = seen.len() as u32;
    assert_eq!(last.counts.total, 3);
    assert_eq!(last.counts.sent, 3, "{last:?}");
    let sends: Vec<serde_json::Value> = graph
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == SEND_PATH)
        .map(|r| serde_json::from_slice(&r.body).expect("JSON"))
        .collect();
    assert_eq!(sends.len(), 3);
    // Coalesced: a few per second, not one per recipient per state.
    assert!(
        f64::from(seen) / secs <= 5.0,
        "{seen} progress events in {secs:.1} s"
    );

    // Statuses keep coming after the last send: the finished broadcast's funnel still moves.
    let wamid = format!("wamid.{}", sends[1]["to"].as_str().expect("to"));
    assert_eq!(t.post(&status_body(&wamid, "delivered")).await, 200);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let event = tokio::time::timeout_at(deadline.into(), events.recv())
            .await
            .expect("a progress event for the delivered status")
            .expect("the event stream");
        if let DomainEvent::BroadcastProgress { broadcast } = event
            && broadcast.counts.delivered == 1
        {
            assert_eq!(broadcast.state, "completed");
            break;
        }
    }
    t.stop().await;
}
