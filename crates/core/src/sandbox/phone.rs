//! The sandbox's phone: what a number shared with the WhatsApp Business app sends the engine,
//! through the real signed-webhook path. The owner answering from the phone (an echo), and the
//! one-time import of the phone's past chats (two history chunks, the same every time: running
//! it again shows that a replay adds nothing).

use fake_graph::coexistence::{self, HistoryMessage};
use fake_graph::credentials::{SANDBOX_APP_SECRET, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use fake_graph::customers::CUSTOMERS;
use fake_graph::payloads;

/// Posts `body` signed as Meta would; the engine's answer.
async fn post(
    http: &reqwest::Client,
    webhook_url: &str,
    body: &serde_json::Value,
) -> Result<reqwest::StatusCode, reqwest::Error> {
    payloads::post_signed(http, webhook_url, SANDBOX_APP_SECRET.as_bytes(), body).await
}

/// The owner sends `text` to `to` from the phone.
pub async fn echo(
    http: &reqwest::Client,
    webhook_url: &str,
    to: &str,
    text: &str,
) -> Result<reqwest::StatusCode, reqwest::Error> {
    let body = coexistence::echo_text(
        SANDBOX_WABA_ID,
        SANDBOX_PHONE_NUMBER_ID,
        to,
        &payloads::new_wamid(),
        crate::store::now_secs(),
        text,
    );
    post(http, webhook_url, &body).await
}

/// The past chats of the sandbox's customers, weeks old, as Meta's history import sends them:
/// the later phase first, then the earlier one (chunks arrive out of order).
pub fn history_chunks(now: i64) -> Vec<serde_json::Value> {
    const DAY: i64 = 24 * 60 * 60;
    let thread = |age_days: i64, lines: &[(bool, &str)], wa_id: &str| {
        lines
            .iter()
            .enumerate()
            .map(|(i, (from_customer, body))| HistoryMessage {
                // The same ids every time: importing again adds nothing.
                wamid: format!("wamid.SANDBOXHISTORY{wa_id}D{age_days}N{i}"),
                from_customer: *from_customer,
                timestamp: now - age_days * DAY + 60 * i as i64,
                body: (*body).to_owned(),
                status: "READ",
            })
            .collect::<Vec<_>>()
    };
    let old: Vec<(String, Vec<HistoryMessage>)> = CUSTOMERS
        .iter()
        .take(2)
        .map(|c| {
            let lines = [
                (true, "Hello, do you ship to Valencia?"),
                (false, "Yes, in 2 to 3 days. Shipping is 4.90."),
                (true, "Great, thanks!"),
            ];
            (c.wa_id.to_owned(), thread(120, &lines, c.wa_id))
        })
        .collect();
    let recent: Vec<(String, Vec<HistoryMessage>)> = CUSTOMERS
        .iter()
        .take(3)
        .map(|c| {
            let lines = [
                (true, "Is the blue mug back in stock?"),
                (false, "It is! Shall I keep one for you?"),
            ];
            (c.wa_id.to_owned(), thread(20, &lines, c.wa_id))
        })
        .collect();
    vec![
        coexistence::history_chunk(SANDBOX_WABA_ID, SANDBOX_PHONE_NUMBER_ID, 2, 1, 100, &old),
        coexistence::history_chunk(SANDBOX_WABA_ID, SANDBOX_PHONE_NUMBER_ID, 1, 1, 60, &recent),
    ]
}

/// Imports the sandbox's history; the engine's answer to each chunk.
pub async fn history(
    http: &reqwest::Client,
    webhook_url: &str,
) -> Result<Vec<reqwest::StatusCode>, reqwest::Error> {
    let mut answers = Vec::new();
    for chunk in history_chunks(crate::store::now_secs()) {
        answers.push(post(http, webhook_url, &chunk).await?);
    }
    Ok(answers)
}
