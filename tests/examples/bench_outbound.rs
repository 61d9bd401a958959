//! The outbound benchmark: 10,000 queued messages (to 10,000 customers) drained by the engine
//! against a loopback fake Graph API (wiremock), at each configured rate and with limits off.
//! Prints the achieved rate against the limit. Not part of the test command:
//!
//!     cargo run --release -p shopchat-e2e --example bench_outbound
//!     BENCH_MESSAGES=2000 BENCH_RATES=80,1000,off cargo run --release -p shopchat-e2e --example bench_outbound

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use shopchat_core::config::{Mode, OutboxSettings};
use shopchat_e2e::{SEND_PATH, TestEngine, accepted, live_settings};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let rates: Vec<Option<u32>> = std::env::var("BENCH_RATES")
        .unwrap_or_else(|_| "80,1000,off".to_owned())
        .split(',')
        .map(|r| match r.trim() {
            "off" => None,
            n => Some(n.parse().expect("BENCH_RATES: numbers or off")),
        })
        .collect();
    println!("outbound: {count} queued messages to {count} customers, loopback fake Graph API");
    let mut off_rate = None;
    for rate in rates {
        let achieved = run(count, rate).await;
        match rate {
            Some(limit) => println!(
                "  limit {limit:>5}/s: achieved {achieved:>8.1}/s ({:.1}% of the limit)",
                achieved / f64::from(limit) * 100.0
            ),
            None => {
                println!("  limits off  : achieved {achieved:>8.1}/s");
                off_rate = Some(achieved);
            }
        }
    }
    if let Some(off) = off_rate {
        println!(
            "  (limits off is the ceiling of this machine for the engine's send path: {off:.0}/s)"
        );
    }
}

/// Queues `count` messages, then measures from the first send to the last.
async fn run(count: usize, rate: Option<u32>) -> f64 {
    let graph = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(|req: &wiremock::Request| {
            let body: serde_json::Value = serde_json::from_slice(&req.body).expect("JSON");
            let tag = body["biz_opaque_callback_data"]
                .as_str()
                .expect("callback data")
                .replace(':', ".");
            accepted(&format!("wamid.{tag}"))
        })
        .mount(&graph)
        .await;
    let outbox = OutboxSettings {
        rate_per_second: rate.and_then(NonZeroU32::new),
        pair_pacing: None,
        poll_interval: Duration::from_millis(20),
        ..OutboxSettings::default()
    };
    let t = TestEngine::start(Mode::Live(live_settings(&graph.uri())), outbox).await;
    let messages: Vec<_> = (0..count)
        .map(|i| {
            shopchat_core::text_message(&format!("1555{i:07}"), "Your order is ready", None)
                .expect("valid message")
        })
        .collect();
    // One transaction for the whole queue, so the measurement is the drain alone.
    t.engine
        .store()
        .writer()
        .call(move |ctx| {
            for m in &messages {
                shopchat_core::outbox::enqueue(ctx, m)?;
            }
            Ok(())
        })
        .await
        .expect("queue");
    let first = loop {
        if !graph
            .received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
        {
            break Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    loop {
        let counts = t.engine.outbox_counts().await.expect("counts");
        if counts.pending + counts.in_flight == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = first.elapsed();
    let sent = graph.received_requests().await.unwrap_or_default().len();
    assert_eq!(sent, count, "every message sent exactly once");
    t.stop().await;
    // `count - 1` intervals between the first and the last send.
    (count - 1) as f64 / elapsed.as_secs_f64()
}
