//! The text a scrape gets: exact lines for what was counted, each engine's own.

use std::time::Duration;

use wacloud::{Endpoint, GraphObserver};

use super::{Metrics, refusal};

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.starts_with('#')).collect()
}

#[tokio::test]
async fn counts_show_as_exact_prometheus_lines() {
    let m = Metrics::new(true);
    m.message_sent("text");
    m.message_sent("text");
    m.message_sent("template");
    m.message_received("image");
    m.message_received("no-such-type");
    m.media_download("ok");
    m.webhook_received();
    m.webhook_refused(refusal::SIGNATURE);
    m.request_finished(Endpoint::Messages, Duration::from_millis(40));
    m.rate_limit_seen(3, 8, Duration::from_secs(3600));
    let text = m.render().await;
    let got = lines(&text);
    for want in [
        r#"whatsapp_messages_sent_total{type="text"} 2"#,
        r#"whatsapp_messages_sent_total{type="template"} 1"#,
        r#"whatsapp_messages_received_total{type="image"} 1"#,
        r#"whatsapp_messages_received_total{type="other"} 1"#,
        r#"whatsapp_media_downloads_total{status="ok"} 1"#,
        "whatsapp_webhooks_received_total 1",
        r#"whatsapp_webhooks_refused_total{reason="signature"} 1"#,
        r#"whatsapp_api_latency_seconds_bucket{endpoint="messages",le="0.025"} 0"#,
        r#"whatsapp_api_latency_seconds_bucket{endpoint="messages",le="0.05"} 1"#,
        r#"whatsapp_api_latency_seconds_count{endpoint="messages"} 1"#,
        "whatsapp_rate_limit_remaining 3",
    ] {
        assert!(got.contains(&want), "{want} not in\n{text}");
    }
    assert!(
        text.contains("# TYPE whatsapp_api_latency_seconds histogram"),
        "{text}"
    );
    assert!(
        text.contains("# TYPE whatsapp_messages_sent_total counter"),
        "{text}"
    );
}

#[tokio::test]
async fn each_engine_has_its_own_counts() {
    let (a, b) = (Metrics::default(), Metrics::default());
    a.message_sent("text");
    assert!(
        a.render()
            .await
            .contains(r#"whatsapp_messages_sent_total{type="text"} 1"#)
    );
    assert!(!b.render().await.contains("whatsapp_messages_sent_total{"));
}

#[tokio::test]
async fn the_rate_limit_refills_at_its_rate_up_to_the_burst() {
    let m = Metrics::new(true);
    m.rate_limit_seen(0, 8, Duration::from_millis(1));
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert!(lines(&m.render().await).contains(&"whatsapp_rate_limit_remaining 8"));
    let unlimited = Metrics::new(false).render().await;
    assert!(
        !unlimited.contains("whatsapp_rate_limit_remaining"),
        "{unlimited}"
    );
}
