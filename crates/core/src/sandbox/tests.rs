//! Simulated customers' files reach a real engine through signed webhooks, and the engine
//! fetches them from the fake as it would from Meta.

use std::time::Duration;

use crate::config::{Config, Mode, SandboxSettings};
use crate::sandbox::{SayMediaError, say_media};
use crate::views::MediaState;
use crate::{Engine, MessageView};
use fake_graph::SAMPLE_PNG;

/// Short delays, no seeding, no answers.
fn quick_settings() -> SandboxSettings {
    SandboxSettings {
        status_delays: [Duration::from_millis(10); 3],
        seed_customers: false,
        auto_reply: false,
    }
}

/// Polls `check` until it returns `Some`, or panics after `timeout` naming `what`.
async fn eventually<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn engine(settings: SandboxSettings) -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().expect("an address"),
        Mode::Sandbox(settings),
    );
    (Engine::start(config).await.expect("the engine starts"), dir)
}

/// The message `pick` finds once its file is on this computer.
async fn ready(engine: &Engine, contact: &str, pick: impl Fn(&MessageView) -> bool) -> MessageView {
    eventually(Duration::from_secs(10), "a downloaded file", || async {
        let messages = engine.messages(contact, 100).await.ok()?;
        messages.into_iter().find(|m| {
            pick(m)
                && m.media
                    .as_ref()
                    .is_some_and(|f| f.state == MediaState::Ready)
        })
    })
    .await
}

#[tokio::test]
async fn say_media_reaches_the_engine_and_the_file_is_fetched() {
    let (engine, _dir) = engine(quick_settings()).await;
    let fake = engine.fake_graph().expect("the sandbox");
    let http = reqwest::Client::new();
    let status = say_media(
        &http,
        &engine.webhook_url(),
        fake,
        "15550100003",
        None,
        "document",
        b"%PDF-1.4 the price list".to_vec(),
        "application/pdf",
        Some("prices.pdf"),
        Some("Our price list?"),
    )
    .await
    .expect("posted");
    assert_eq!(
        status,
        reqwest::StatusCode::OK,
        "the signed webhook is accepted"
    );
    let message = ready(&engine, "15550100003", |m| m.kind == "document").await;
    assert_eq!(message.text.as_deref(), Some("Our price list?"));
    let file = message.media.expect("a file");
    assert_eq!(file.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(file.size, Some(23));
    let on_disk = engine
        .media_file(message.id)
        .await
        .expect("read")
        .expect("on disk");
    assert_eq!(
        std::fs::read(on_disk.path).expect("read"),
        b"%PDF-1.4 the price list"
    );

    let photo = say_media(
        &http,
        &engine.webhook_url(),
        fake,
        "15550100003",
        Some("Chloé"),
        "image",
        SAMPLE_PNG.to_vec(),
        "image/png",
        None,
        None,
    )
    .await
    .expect("posted");
    assert_eq!(photo, reqwest::StatusCode::OK);
    ready(&engine, "15550100003", |m| m.kind == "image").await;

    let refused = say_media(
        &http,
        &engine.webhook_url(),
        fake,
        "15550100003",
        None,
        "gif",
        vec![1],
        "image/gif",
        None,
        None,
    )
    .await;
    assert!(matches!(refused, Err(SayMediaError::UnknownKind(_))));
    let captioned_audio = say_media(
        &http,
        &engine.webhook_url(),
        fake,
        "15550100003",
        None,
        "audio",
        vec![1; 10],
        "audio/mpeg",
        None,
        Some("listen"),
    )
    .await;
    assert!(matches!(captioned_audio, Err(SayMediaError::Invalid(_))));
    let too_big = say_media(
        &http,
        &engine.webhook_url(),
        fake,
        "15550100003",
        None,
        "sticker",
        vec![0; 200 * 1024],
        "image/webp",
        None,
        None,
    )
    .await;
    assert!(matches!(too_big, Err(SayMediaError::Media(_))));
    engine.shutdown().await;
}

#[tokio::test]
async fn the_seed_includes_a_photo_with_a_thumbnail() {
    let (engine, _dir) = engine(SandboxSettings {
        seed_customers: true,
        ..quick_settings()
    })
    .await;
    let photo = ready(&engine, "15550100001", |m| m.kind == "image").await;
    assert_eq!(
        photo.wamid.as_deref(),
        Some("wamid.SANDBOX.SEED.15550100001.PHOTO")
    );
    let file = photo.media.expect("a file");
    assert_eq!(file.mime_type.as_deref(), Some("image/png"));
    assert_eq!(file.size, Some(SAMPLE_PNG.len() as i64));
    engine.shutdown().await;
}
