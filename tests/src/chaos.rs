//! A Graph API that misbehaves on purpose: a loopback HTTP/1.1 server (hand-rolled, to control
//! the connection itself) that answers sends with 429s, 500s, answers that come too late, and
//! connections cut after the request was taken, and otherwise accepts them. Like Meta, it
//! reports each message it took with a signed `sent` status webhook carrying the send's
//! `biz_opaque_callback_data`, and it counts what it took.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use fake_graph::payloads;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{APP_SECRET, PHONE_NUMBER_ID, WABA_ID};

/// What the fake did with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    Accepted,
    /// 429 with `Retry-After: 1`; not taken.
    RateLimited,
    /// 500; not taken.
    ServerError,
    /// Taken, but the answer comes after the client's timeout.
    LateAnswer,
    /// Taken, then the connection is cut without an answer.
    CutAfterTaking,
}

#[derive(Default)]
pub struct ChaosLog {
    /// Per callback data: when each request came and what the fake did.
    pub attempts: HashMap<String, Vec<(Instant, Fault)>>,
    /// Per callback data: how many times the message was taken (must end at exactly one).
    pub taken: HashMap<String, u32>,
}

pub struct ChaosGraph {
    pub url: String,
    pub log: Arc<Mutex<ChaosLog>>,
    webhook: Arc<OnceLock<String>>,
}

impl ChaosGraph {
    /// `late` is how long a late answer takes (more than the client's timeout).
    pub async fn start(late: Duration) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let log = Arc::new(Mutex::new(ChaosLog::default()));
        let webhook = Arc::new(OnceLock::new());
        let counter = Arc::new(AtomicU64::new(0));
        let (l, w) = (log.clone(), webhook.clone());
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, l.clone(), w.clone(), counter.clone(), late));
            }
        });
        Self { url, log, webhook }
    }

    /// Where the fake posts its status webhooks.
    pub fn report_to(&self, webhook_url: String) {
        let _ = self.webhook.set(webhook_url);
    }
}

/// A fixed mix, decided by a hash of the request's number: half accepted, the rest faults.
fn fault_for(n: u64) -> Fault {
    let h = n.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) % 20;
    match h {
        0..=9 => Fault::Accepted,
        10..=11 => Fault::RateLimited,
        12..=14 => Fault::ServerError,
        15..=16 => Fault::LateAnswer,
        _ => Fault::CutAfterTaking,
    }
}

async fn serve(
    mut socket: TcpStream,
    log: Arc<Mutex<ChaosLog>>,
    webhook: Arc<OnceLock<String>>,
    counter: Arc<AtomicU64>,
    late: Duration,
) {
    let mut buf = Vec::new();
    loop {
        let Some(body) = read_request(&mut socket, &mut buf).await else {
            return;
        };
        let parsed: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let callback = parsed["biz_opaque_callback_data"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        let to = parsed["to"].as_str().unwrap_or("").to_owned();
        let fault = fault_for(counter.fetch_add(1, Ordering::Relaxed));
        let wamid = format!("wamid.CHAOS.{}", callback.replace(':', "."));
        {
            let mut log = log.lock().expect("log");
            log.attempts
                .entry(callback.clone())
                .or_default()
                .push((Instant::now(), fault));
            if matches!(
                fault,
                Fault::Accepted | Fault::LateAnswer | Fault::CutAfterTaking
            ) {
                *log.taken.entry(callback.clone()).or_default() += 1;
            }
        }
        if matches!(
            fault,
            Fault::Accepted | Fault::LateAnswer | Fault::CutAfterTaking
        ) {
            tokio::spawn(report_sent(
                webhook.clone(),
                wamid.clone(),
                to.clone(),
                callback,
            ));
        }
        let answer = match fault {
            Fault::Accepted => response(
                200,
                "",
                &json!({"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                        "messages": [{"id": wamid}]}),
            ),
            Fault::RateLimited => response(
                429,
                "Retry-After: 1\r\n",
                &json!({"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException",
                        "code": 130429, "fbtrace_id": "chaos"}}),
            ),
            Fault::ServerError => response(
                500,
                "",
                &json!({"error": {"message": "Something went wrong", "type": "OAuthException",
                        "code": 131000, "fbtrace_id": "chaos"}}),
            ),
            Fault::LateAnswer => {
                tokio::time::sleep(late).await;
                return;
            }
            Fault::CutAfterTaking => return,
        };
        if socket.write_all(&answer).await.is_err() {
            return;
        }
    }
}

/// Reads one request; returns its body, or `None` when the connection ends.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Some(body)
}

fn response(status: u16, extra_headers: &str, body: &Value) -> Vec<u8> {
    let body = body.to_string();
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{extra_headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

async fn report_sent(webhook: Arc<OnceLock<String>>, wamid: String, to: String, callback: String) {
    tokio::time::sleep(Duration::from_millis(30)).await;
    let Some(url) = webhook.get() else {
        return;
    };
    let mut body = payloads::status(
        WABA_ID,
        PHONE_NUMBER_ID,
        &wamid,
        &to,
        "sent",
        shopchat_core::store::now_secs(),
        None,
    );
    payloads::set_callback_data(&mut body, &callback);
    let http = reqwest::Client::new();
    for _ in 0..20 {
        if let Ok(s) = payloads::post_signed(&http, url, APP_SECRET.as_bytes(), &body).await
            && s.is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
