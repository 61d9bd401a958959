//! The bot's latency: how long from a customer's webhook being posted to the bot's reply being
//! queued (the reply is written in the transaction that stores the message), under a steady
//! open-loop stream of signed webhooks (each sent on its tick whether or not the earlier ones
//! were answered, so a slow engine cannot slow the load down and hide its own delay). Each
//! webhook is a `status` command from its own customer. Live mode against a loopback fake Graph
//! API, so the outbox sends the replies meanwhile. Not part of the test command:
//!
//!     cargo run --release -p shopchat-e2e --example bench_bot
//!     BENCH_RATE=200 BENCH_SECONDS=15 cargo run --release -p shopchat-e2e --example bench_bot

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shopchat_core::DomainEvent;
use shopchat_core::config::Mode;
use shopchat_e2e::{
    PHONE_NUMBER_ID, SEND_PATH, TestEngine, WABA_ID, accepted, fast_outbox, live_settings,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let rate = env("BENCH_RATE", 200);
    let seconds = env("BENCH_SECONDS", 15);
    let total = (rate * seconds) as usize;
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(|req: &wiremock::Request| {
            let body: serde_json::Value = serde_json::from_slice(&req.body).expect("JSON");
            let tag = body["biz_opaque_callback_data"]
                .as_str()
                .unwrap_or("none")
                .replace(':', ".");
            accepted(&format!("wamid.{tag}"))
        })
        .mount(&graph)
        .await;
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), fast_outbox()).await;

    // When each customer's reply was queued, as the engine publishes it after its commit.
    let queued: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let mut events = t.engine.subscribe();
    let seen = queued.clone();
    let listener = tokio::spawn(async move {
        while let Ok(event) = events.recv().await {
            if let DomainEvent::MessageQueued { message } = event {
                seen.lock()
                    .expect("lock")
                    .entry(message.contact.clone())
                    .or_insert_with(Instant::now);
            }
        }
    });

    println!(
        "bot: {total} `status` commands at {rate}/s for {seconds} s, each from its own customer"
    );
    let sent: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let t = Arc::new(t);
    let mut ticker = tokio::time::interval(Duration::from_nanos(1_000_000_000 / rate));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let started = Instant::now();
    let mut posts = Vec::with_capacity(total);
    for i in 0..total {
        ticker.tick().await;
        let wa_id = format!("4470{i:08}");
        let body = fake_graph::payloads::inbound_text(
            WABA_ID,
            PHONE_NUMBER_ID,
            &wa_id,
            "Bench",
            &format!("wamid.BENCH{i:08}"),
            shopchat_core::store::now_secs(),
            "status",
        );
        let (t, sent) = (t.clone(), sent.clone());
        posts.push(tokio::spawn(async move {
            sent.lock().expect("lock").insert(wa_id, Instant::now());
            t.post(&body).await
        }));
    }
    let offered = started.elapsed();
    for p in posts {
        assert_eq!(p.await.expect("post"), 200);
    }
    // Wait for the last replies.
    let deadline = Instant::now() + Duration::from_secs(30);
    while queued.lock().expect("lock").len() < total && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    listener.abort();
    let sent = sent.lock().expect("lock").clone();
    let queued = queued.lock().expect("lock").clone();
    let mut latencies: Vec<Duration> = sent
        .iter()
        .filter_map(|(wa, at)| queued.get(wa).map(|q| q.saturating_duration_since(*at)))
        .collect();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    println!(
        "  offered {:.1}/s over {:.1} s; {} of {} answered",
        total as f64 / offered.as_secs_f64(),
        offered.as_secs_f64(),
        latencies.len(),
        total
    );
    if !latencies.is_empty() {
        println!(
            "  webhook posted → reply queued: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            pct(0.50).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
            latencies.last().expect("one").as_secs_f64() * 1e3
        );
    }
}
