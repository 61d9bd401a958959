//! `GET /metrics` end to end: a live engine against a wiremock Graph API, customers' messages
//! (one delivered twice) and a photo in, three texts out, a forged webhook refused; then the exact
//! lines a scrape on loopback gets. Through the tunnel the same path is a 404.

use std::time::Duration;

use serde_json::{Value, json};
use shopchat_core::MessageStatus;
use shopchat_core::tunnel::fake::FakeTunnelProvider;
use shopchat_core::tunnel::{TunnelOptions, TunnelState};
use shopchat_e2e::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const WAIT: Duration = Duration::from_secs(15);

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

fn inbound_photo(wamid: &str, sha: &str) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
        "messages": [{"from": CUSTOMER, "id": wamid, "type": "image",
            "timestamp": shopchat_core::store::now_secs().to_string(),
            "image": {"id": "7001", "mime_type": "image/png", "sha256": sha}}]}}]}]})
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with('#')).collect()
}

#[tokio::test]
async fn a_scrape_counts_what_happened_and_only_on_loopback() {
    let (graph, t) = live().await;
    // One more than our three texts: the bot greets the customer's first "Hello" too.
    for n in 1..=4 {
        Mock::given(method("POST"))
            .and(path(SEND_PATH))
            .respond_with(accepted(&format!("wamid.METRICS{n}")))
            .up_to_n_times(1)
            .mount(&graph)
            .await;
    }
    let photo = b"\x89PNG\r\n\x1a\n bytes of a photo".to_vec();
    let sha = sha256_hex(&photo);
    Mock::given(method("GET"))
        .and(path("/v24.0/7001"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp", "url": format!("{}/files/7001", graph.uri()),
            "mime_type": "image/png", "sha256": sha, "file_size": photo.len(), "id": "7001"})))
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/7001"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(photo, "image/png"))
        .mount(&graph)
        .await;

    // In: two texts, the first delivered again by Meta (counted once), and a photo.
    let first = t.customer_writes(CUSTOMER, "Hello").await;
    t.customer_writes(CUSTOMER, "Are you open?").await;
    let again = fake_graph::payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Test Customer",
        first.wamid.as_deref().expect("a wamid"),
        first.timestamp,
        "Hello",
    );
    assert_eq!(t.post(&again).await, 200);
    assert_eq!(t.post(&inbound_photo("wamid.PHOTO", &sha)).await, 200);
    // A forged webhook.
    let forged = t
        .http
        .post(t.webhook_url())
        .header("x-hub-signature-256", format!("sha256={}", "0".repeat(64)))
        .body("{}")
        .send()
        .await
        .expect("reachable");
    assert_eq!(forged.status(), 403);

    // Out: three texts, each accepted by Meta.
    for text in ["One", "Two", "Three"] {
        t.queue(CUSTOMER, text).await;
    }
    eventually(WAIT, "three sent and the photo kept", || async {
        let messages = t.messages(CUSTOMER).await;
        // Ours only: the bot's greeting (an automation's reply to "Hello") is sent too.
        let sent = messages
            .iter()
            .filter(|m| {
                m.status == MessageStatus::Sent
                    && matches!(m.text.as_deref(), Some("One" | "Two" | "Three"))
            })
            .count();
        let photo = messages.iter().any(|m| {
            m.media
                .as_ref()
                .is_some_and(|f| f.state == shopchat_core::views::MediaState::Ready)
        });
        (sent == 3 && photo).then_some(())
    })
    .await;

    let local = t
        .http
        .get(t.engine.metrics_url())
        .send()
        .await
        .expect("scrape");
    assert_eq!(local.status(), 200);
    assert_eq!(
        local.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let text = local.text().await.expect("body");
    let got = lines(&text);
    for want in [
        r#"whatsapp_messages_received_total{type="text"} 2"#,
        r#"whatsapp_messages_received_total{type="image"} 1"#,
        r#"whatsapp_media_downloads_total{status="ok"} 1"#,
        r#"whatsapp_api_latency_seconds_count{endpoint="media"} 1"#,
        r#"whatsapp_api_latency_seconds_count{endpoint="media_download"} 1"#,
        "whatsapp_webhooks_received_total 4",
        r#"whatsapp_webhooks_refused_total{reason="signature"} 1"#,
        "whatsapp_outbox_depth 0",
        r#"whatsapp_outbox_messages{state="pending"} 0"#,
        r#"whatsapp_outbox_state{state="running"} 1"#,
        r#"whatsapp_outbox_state{state="cooling_down"} 0"#,
    ] {
        assert!(got.contains(&want), "{want} not in\n{text}");
    }
    // Sent: our three texts, and whatever the automations answered (the bot's greeting, of its
    // own type); each send is one timed request to `messages`.
    let value = |prefix: &str| -> u64 {
        got.iter()
            .filter(|l| l.starts_with(prefix))
            .filter_map(|l| l.rsplit(' ').next())
            .map(|v| v.parse::<u64>().expect("a count"))
            .sum()
    };
    let sent_texts = value(r#"whatsapp_messages_sent_total{type="text"} "#);
    let sent_all = value("whatsapp_messages_sent_total{");
    assert!(sent_texts >= 3, "{text}");
    assert_eq!(
        value(r#"whatsapp_api_latency_seconds_count{endpoint="messages"} "#),
        sent_all,
        "{text}"
    );
    // 80 messages a second in bursts of 8: whatever is left, never more than the burst.
    let remaining: i64 = got
        .iter()
        .find_map(|l| l.strip_prefix("whatsapp_rate_limit_remaining "))
        .expect("the rate limit gauge")
        .parse()
        .expect("a number");
    assert!((0..=8).contains(&remaining), "{remaining}");
    // No id ever becomes a label.
    assert!(
        !text.contains(PHONE_NUMBER_ID) && !text.contains("7001"),
        "{text}"
    );

    // Through the tunnel: the webhook is there, the metrics are not.
    let options = TunnelOptions {
        repoint_callback: false,
        ..TunnelOptions::default()
    };
    t.engine
        .open_tunnel(FakeTunnelProvider::new(), options)
        .await;
    let url = eventually(WAIT, "the tunnel online", || async {
        match t.engine.tunnel_state() {
            TunnelState::Online { url, .. } => Some(url),
            _ => None,
        }
    })
    .await;
    let public = t
        .http
        .get(format!("{url}/metrics"))
        .send()
        .await
        .expect("tunnel");
    assert_eq!(public.status(), 404);
    assert!(
        !public
            .text()
            .await
            .unwrap_or_default()
            .contains("whatsapp_")
    );
    let health = t
        .http
        .get(format!("{url}/healthz"))
        .send()
        .await
        .expect("tunnel");
    assert_eq!(health.status(), 200);
    t.stop().await;
}
