//! The disk against strangers' files (S3, S5): inbound files stream to disk, a customer's daily
//! budget and the disk's free-space floor hold the rest, and **Download anyway** fetches one.
//! A live engine on port 0 against a local Graph API that streams each file from one shared
//! block (it holds no file in memory): the process's resident size must grow by less than one
//! file while files many times that size download (Linux: `/proc/self/status`).

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::routing::get;
use bytes::Bytes;
use serde_json::{Value, json};
use shopchat_core::MessageView;
use shopchat_core::config::Mode;
use shopchat_core::disk::DiskProbe;
use shopchat_core::views::{MediaHold, MediaState};
use shopchat_e2e::*;

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("{field} in /proc/self/status"));
    let kb: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// Resets the peak resident size (`VmHWM`) to the current one, and returns it.
fn reset_peak() -> usize {
    std::fs::write("/proc/self/clear_refs", "5").expect("Linux resets the peak RSS");
    status_bytes("VmRSS:")
}

/// How far the resident size peaked above `baseline`.
fn peak_above(baseline: usize) -> usize {
    status_bytes("VmHWM:").saturating_sub(baseline)
}

/// One test at a time: the memory figures are the process's.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const MIB: u64 = 1 << 20;
const BLOCK: usize = 64 * 1024;
const WAIT: Duration = Duration::from_secs(120);
const OTHER_CUSTOMER: &str = "15550199999";

/// A Graph API whose every file is `size` bytes of one repeated block, streamed.
#[derive(Clone)]
struct FileServer {
    addr: SocketAddr,
    block: Bytes,
    size: u64,
    sha256: String,
    downloads: Arc<Mutex<HashMap<String, usize>>>,
}

impl FileServer {
    async fn start(size: u64) -> Self {
        assert_eq!(size % BLOCK as u64, 0);
        let block = Bytes::from((0..BLOCK).map(|i| (i % 251) as u8).collect::<Vec<u8>>());
        let sha256 = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            for _ in 0..size / BLOCK as u64 {
                h.update(&block);
            }
            hex::encode(h.finalize())
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Self {
            addr,
            block,
            size,
            sha256,
            downloads: Default::default(),
        };
        let app = axum::Router::new()
            .route("/v24.0/{id}", get(info))
            .route("/files/{id}", get(file))
            .with_state(server.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        server
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn downloads(&self) -> usize {
        self.downloads.lock().unwrap().values().sum()
    }
}

async fn info(State(s): State<FileServer>, Path(id): Path<String>) -> axum::Json<Value> {
    axum::Json(json!({
        "messaging_product": "whatsapp", "url": format!("{}/files/{id}", s.url()),
        "mime_type": "application/pdf", "sha256": s.sha256, "file_size": s.size, "id": id}))
}

async fn file(State(s): State<FileServer>, Path(id): Path<String>) -> axum::response::Response {
    *s.downloads.lock().unwrap().entry(id).or_default() += 1;
    let chunks = (s.size / BLOCK as u64) as usize;
    let block = s.block.clone();
    let stream =
        futures_util::stream::iter(std::iter::repeat_n(block, chunks).map(Ok::<_, std::io::Error>));
    axum::response::Response::builder()
        .header("content-type", "application/pdf")
        .header("content-length", s.size)
        .body(Body::from_stream(stream))
        .unwrap()
}

/// A customer's document, as Meta posts it.
fn document(from: &str, wamid: &str, media_id: &str, sha256: &str) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Ana"}, "wa_id": from}],
        "messages": [{"from": from, "id": wamid, "timestamp": shopchat_core::store::now_secs().to_string(),
            "type": "document", "document": {"id": media_id, "mime_type": "application/pdf",
            "sha256": sha256, "filename": format!("catalogue-{media_id}.pdf")}}]}}]}]})
}

async fn engine(graph: &FileServer, settings: Value, probe: Option<DiskProbe>) -> TestEngine {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.json"), settings.to_string()).unwrap();
    TestEngine::start_with(
        dir,
        Mode::Live(live_settings(&graph.url())),
        fast_outbox(),
        |config| {
            if let Some(probe) = probe {
                config.disk_probe = probe;
            }
        },
    )
    .await
}

fn state(m: &MessageView) -> Option<MediaState> {
    m.media.as_ref().map(|f| f.state)
}

/// Waits until none of `contact`'s files is waiting or downloading.
async fn settled(t: &TestEngine, contact: &str, count: usize) -> Vec<MessageView> {
    eventually(WAIT, "every download finished or held", || async {
        let all = t.messages(contact).await;
        (all.len() == count
            && all.iter().all(|m| {
                matches!(
                    state(m),
                    Some(MediaState::Ready | MediaState::Held | MediaState::Failed)
                )
            }))
        .then_some(all)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_large_documents_from_one_customer_stop_at_the_daily_budget_and_stream_to_disk() {
    let _one = SERIAL.lock().await;
    let size = 24 * MIB;
    let graph = FileServer::start(size).await;
    // 100 MB a day: four 24 MB documents fit, the fifth would not.
    let settings = json!({"media_daily_budget_mb": 100, "media_free_space_floor_mb": 0});
    let t = engine(&graph, settings, None).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let baseline = reset_peak();

    for i in 0..50 {
        let body = document(
            CUSTOMER,
            &format!("wamid.BIG{i}"),
            &format!("90{i:02}"),
            &graph.sha256,
        );
        assert_eq!(t.post(&body).await, 200);
    }
    let all = settled(&t, CUSTOMER, 50).await;
    let ready: Vec<_> = all
        .iter()
        .filter(|m| state(m) == Some(MediaState::Ready))
        .collect();
    let held: Vec<_> = all
        .iter()
        .filter(|m| state(m) == Some(MediaState::Held))
        .collect();
    assert_eq!(
        ready.len(),
        4,
        "the budget allows four: {:?}",
        all.iter().map(state).collect::<Vec<_>>()
    );
    assert_eq!(held.len(), 46);
    for m in &held {
        let media = m.media.as_ref().unwrap();
        assert_eq!(media.hold, Some(MediaHold::DailyBudget));
        assert_eq!(
            media.size,
            Some(size as i64),
            "the declared size shows with the hold"
        );
        assert_eq!(media.error, None);
    }
    assert_eq!(graph.downloads(), 4, "a held file is never fetched");
    let peak = peak_above(baseline);
    eprintln!(
        "4 × {} MiB downloaded; the resident size peaked {:.1} MiB above the baseline",
        size / MIB,
        peak as f64 / MIB as f64
    );
    assert!(
        (peak as u64) < size,
        "files stream to disk: the memory grew by {peak} bytes for {size}-byte files"
    );

    // Another customer has a budget of their own.
    let body = document(OTHER_CUSTOMER, "wamid.OTHER", "9100", &graph.sha256);
    assert_eq!(t.post(&body).await, 200);
    let other = settled(&t, OTHER_CUSTOMER, 1).await;
    assert_eq!(state(&other[0]), Some(MediaState::Ready));

    // Download anyway: one held file comes, whatever the budget.
    let chosen = held[0].id;
    t.engine.download_anyway(chosen).await.expect("a held file");
    let m = eventually(WAIT, "the held file downloaded", || async {
        let m = t.engine.message(chosen).await.unwrap()?;
        (state(&m) == Some(MediaState::Ready)).then_some(m)
    })
    .await;
    assert_eq!(m.media.as_ref().unwrap().hold, None);
    let file = t.engine.media_file(chosen).await.unwrap().expect("on disk");
    assert_eq!(std::fs::metadata(&file.path).unwrap().len(), size);
    assert!(file.path.to_string_lossy().contains(&graph.sha256));
    assert_eq!(graph.downloads(), 6);
    // Asking twice is refused: it is no longer held.
    assert!(t.engine.download_anyway(chosen).await.is_err());
    // The others stay held.
    let still_held = t
        .messages(CUSTOMER)
        .await
        .iter()
        .filter(|m| state(m) == Some(MediaState::Held))
        .count();
    assert_eq!(still_held, 45);
    let incoming = t.dir.path().join("media/.incoming");
    assert_eq!(
        std::fs::read_dir(&incoming).map(|d| d.count()).unwrap_or(0),
        0,
        "no partial file is left behind"
    );
    let peak = peak_above(baseline);
    assert!((peak as u64) < size, "peak {peak}");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn below_the_free_space_floor_files_are_held_and_the_diagnostics_say_how_much_is_free() {
    let _one = SERIAL.lock().await;
    let graph = FileServer::start(MIB).await;
    // The default floor (1 GB), and a disk with 900 MB free.
    let probe = DiskProbe::from_fn(|_| Ok(900 * MIB));
    let t = engine(&graph, json!({}), Some(probe)).await;
    let body = document(CUSTOMER, "wamid.FLOOR1", "9500", &graph.sha256);
    assert_eq!(t.post(&body).await, 200);
    let all = settled(&t, CUSTOMER, 1).await;
    let media = all[0].media.as_ref().unwrap();
    assert_eq!(media.state, MediaState::Held);
    assert_eq!(media.hold, Some(MediaHold::DiskSpace));
    assert_eq!(graph.downloads(), 0);

    let disk = t.engine.disk_report().await.unwrap();
    assert_eq!(disk.free_bytes, Some(900 * MIB));
    assert_eq!(disk.free_space_floor_bytes, 1024 * MIB);
    assert_eq!(disk.daily_budget_bytes, 200 * MIB);
    assert_eq!(
        disk.spool_backlog_records, 0,
        "every webhook reached the database"
    );
    assert!(disk.spool_cap_bytes > 0);
    let report = t.engine.diagnostics().await.unwrap().report(str::to_owned);
    assert!(report.contains("disk free:          900.0 MiB"), "{report}");

    t.engine.download_anyway(all[0].id).await.unwrap();
    eventually(WAIT, "downloaded anyway", || async {
        let m = t.engine.message(all[0].id).await.unwrap()?;
        (state(&m) == Some(MediaState::Ready)).then_some(())
    })
    .await;
    assert_eq!(graph.downloads(), 1);
    t.stop().await;
}
