//! The broadcast benchmark: a 10,000-recipient broadcast (from a CSV file) run by the engine
//! against a loopback fake Graph API (a few lines of axum that keep only counts), at 80/s and at
//! 1,000/s. Prints the achieved rate against the limit, checks each recipient got exactly one
//! request, samples the process's anonymous resident memory while it runs, and counts the
//! progress events the window would receive. Not part of the test command:
//!
//!     make bench-broadcast
//!     BENCH_RECIPIENTS=2000 BENCH_RATES=80 cargo run --release -p shopchat-e2e --example bench_broadcast

use std::collections::HashMap;
use std::io::Write;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use shopchat_core::DomainEvent;
use shopchat_core::broadcasts::{self, AudienceSource, NewBroadcast};
use shopchat_core::config::{Mode, OutboxSettings};
use shopchat_e2e::{SEND_PATH, TestEngine, live_settings};

#[tokio::main]
async fn main() {
    let count: usize = std::env::var("BENCH_RECIPIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let rates: Vec<u32> = std::env::var("BENCH_RATES")
        .unwrap_or_else(|_| "80,1000".to_owned())
        .split(',')
        .map(|r| r.trim().parse().expect("BENCH_RATES: numbers"))
        .collect();
    println!("broadcast: {count} recipients from a CSV file, loopback fake Graph API");
    for rate in rates {
        let (achieved, rss, events) = run(count, rate).await;
        println!(
            "  limit {rate:>5}/s: achieved {achieved:>8.1}/s ({:.1}% of the limit); each recipient exactly once; anonymous RSS {} MB at 10 %, {} MB at 50 %, {} MB at the end (max {} MB); {events:.1} progress events/s to the window",
            achieved / f64::from(rate) * 100.0,
            rss.0 / 1024,
            rss.1 / 1024,
            rss.2 / 1024,
            rss.3 / 1024,
        );
    }
}

/// Resident anonymous memory of this process (the heap and stacks; not the database's file
/// pages, which SQLite maps and the kernel can drop), in kB.
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("RssAnon:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn run(count: usize, rate: u32) -> (f64, (u64, u64, u64, u64), f64) {
    // A fake Graph API that keeps nothing but a count per number: wiremock keeps every request
    // a mock matched (`MountedMock::matched_requests`, even with recording off), which grew this
    // process by about 6.5 kB a send and was first taken for the engine's memory.
    let by_to: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let sends = Arc::new(AtomicUsize::new(0));
    let (counted, total) = (by_to.clone(), sends.clone());
    let app = axum::Router::new().route(
        SEND_PATH,
        axum::routing::post(move |axum::Json(body): axum::Json<serde_json::Value>| {
            let (counted, total) = (counted.clone(), total.clone());
            async move {
                let tag = body["biz_opaque_callback_data"]
                    .as_str()
                    .expect("callback data")
                    .replace(':', ".");
                let to = body["to"].as_str().expect("to").to_owned();
                *counted
                    .lock()
                    .expect("counts")
                    .entry(to.clone())
                    .or_default() += 1;
                total.fetch_add(1, Ordering::Relaxed);
                axum::Json(json!({
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": format!("wamid.{tag}")}],
                }))
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let graph_url = format!("http://{}", listener.local_addr().expect("address"));
    let fake = tokio::spawn(async move { axum::serve(listener, app).await });
    let outbox = OutboxSettings {
        rate_per_second: NonZeroU32::new(rate),
        pair_pacing: None,
        poll_interval: Duration::from_millis(20),
        ..OutboxSettings::default()
    };
    let t = TestEngine::start(Mode::Live(live_settings(&graph_url)), outbox).await;
    // What the window would receive: the progress events, counted while the broadcast runs.
    let mut events = t.engine.subscribe();
    let progress = tokio::spawn(async move {
        let mut n = 0u64;
        loop {
            match events.recv().await {
                Ok(DomainEvent::BroadcastProgress { broadcast }) => {
                    n += 1;
                    if broadcast.state == "completed" {
                        return n;
                    }
                }
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return n,
            }
        }
    });
    let csv = t.dir.path().join("list.csv");
    let mut file = std::fs::File::create(&csv).expect("csv");
    writeln!(file, "phone,name").expect("csv");
    for i in 0..count {
        writeln!(
            file,
            "+52 55 {:04} {:04},Cliente {i}",
            3000 + i / 10_000,
            i % 10_000
        )
        .expect("csv");
    }
    drop(file);
    t.approved_template("order_ready", "es_MX", "Hola {{1}}")
        .await;
    let req = NewBroadcast {
        name: "bench".into(),
        template: "order_ready".into(),
        lang: "es_MX".into(),
        audience: AudienceSource::Csv {
            path: csv,
            phone_column: None,
        },
        params: vec!["name".into()],
        start_at: None,
        rate: Some(rate),
        default_country: None,
        spread: false,
        dry_run: false,
    };
    let id = t
        .engine
        .store()
        .writer()
        .call(move |ctx| {
            broadcasts::budget::remember(ctx.conn, None)?;
            Ok(broadcasts::create::create(ctx, &req))
        })
        .await
        .expect("store")
        .expect("created")
        .id
        .expect("an id");
    let sent = || sends.load(Ordering::Relaxed);
    let first = loop {
        if sent() > 0 {
            break Instant::now();
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let (mut at10, mut at50, mut max) = (0, 0, 0);
    loop {
        let n = sent();
        let rss = rss_kb();
        max = max.max(rss);
        if at10 == 0 && n >= count / 10 {
            at10 = rss;
        }
        if at50 == 0 && n >= count / 2 {
            at50 = rss;
        }
        if n >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = first.elapsed();
    let end = rss_kb();
    // Wait for the broadcast to record its last sends.
    loop {
        let b = t
            .engine
            .store()
            .read(move |c| broadcasts::get(c, id))
            .await
            .expect("read")
            .expect("the broadcast");
        if b.state == "completed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let by_to = by_to.lock().expect("counts").clone();
    assert_eq!(by_to.len(), count, "every recipient sent");
    assert!(by_to.values().all(|n| *n == 1), "a recipient sent twice");
    let progress_events = progress.await.expect("the event counter") as f64;
    t.stop().await;
    fake.abort();
    (
        (count - 1) as f64 / elapsed.as_secs_f64(),
        (at10, at50, end, max),
        progress_events / elapsed.as_secs_f64(),
    )
}
