//! The templates studio against the sandbox's fake Graph API, through a real engine: a created
//! template goes PENDING → APPROVED by Meta's webhook, a `..reject..` one → REJECTED with its
//! reason, the watcher's polling finds a decision when no webhook comes, an edit goes back to
//! review within Meta's limits, a library entry with a document header is submitted in one go
//! (its sample uploaded through the Resumable Upload API), and delete removes one language.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use shopchat_core::config::{Config, Mode, SandboxSettings};
use shopchat_core::templates::library;
use shopchat_core::views::TemplateView;
use shopchat_core::{DomainEvent, Engine, EngineError};
use shopchat_template_rules::{Category, Draft};

async fn engine() -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let settings = SandboxSettings {
        status_delays: [Duration::from_millis(200); 3],
        seed_customers: false,
        auto_reply: false,
    };
    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Sandbox(settings),
    );
    (Engine::start(config).await.unwrap(), dir)
}

fn draft(name: &str, lang: &str) -> Draft {
    let mut d = Draft::new(
        name,
        lang,
        Category::Utility,
        "Hi {{1}}, your order {{2}} is ready.",
    );
    d.body_examples = vec!["Ana".into(), "1042".into()];
    d
}

/// Waits for the `TemplateUpdated` of `name` whose status is `status`.
async fn decided(
    events: &mut tokio::sync::broadcast::Receiver<DomainEvent>,
    name: &str,
    language: &str,
    status: &str,
) -> (TemplateView, Option<String>) {
    let wait = async {
        loop {
            if let Ok(DomainEvent::TemplateUpdated {
                template,
                previous_status,
            }) = events.recv().await
                && template.name == name
                && template.language == language
                && template.status == status
            {
                return (template, previous_status);
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), wait)
        .await
        .unwrap_or_else(|_| panic!("{name} never became {status}"))
}

#[tokio::test]
async fn created_templates_are_approved_or_rejected_by_webhook_and_by_polling() {
    let (engine, _dir) = engine().await;
    let mut events = engine.subscribe();

    let created = engine
        .create_template(&draft("order_ready_pickup", "en"))
        .await
        .unwrap();
    assert_eq!(created.status, "PENDING");
    assert!(created.id.is_some());
    let rejected = engine
        .create_template(&draft("please_reject_me", "en"))
        .await
        .unwrap();
    assert_eq!(rejected.status, "PENDING");

    let (approved, before) = decided(&mut events, "order_ready_pickup", "en", "APPROVED").await;
    assert_eq!(before.as_deref(), Some("PENDING"));
    assert_eq!(approved.rejected_reason, None);
    assert!(approved.updated_at.is_some());
    let (rejected, _) = decided(&mut events, "please_reject_me", "en", "REJECTED").await;
    assert_eq!(rejected.rejected_reason.as_deref(), Some("INVALID_FORMAT"));

    // Taken now: check names it, create refuses it.
    let problems = engine
        .check_template(&draft("order_ready_pickup", "en"))
        .await
        .unwrap();
    assert_eq!(problems[0].code, "name_taken");
    let refused = engine
        .create_template(&draft("order_ready_pickup", "en"))
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, EngineError::Studio(s) if s.code() == "invalid_template"),
        "{refused}"
    );

    // No webhook this time (as when Meta's goes to another callback): the watcher polls.
    engine.fake_graph().unwrap().set_template_webhooks(false);
    let added = engine
        .create_template(&draft("order_ready_pickup", "es"))
        .await
        .unwrap();
    assert_eq!(
        (added.language.as_str(), added.status.as_str()),
        ("es", "PENDING")
    );
    let (polled, before) = decided(&mut events, "order_ready_pickup", "es", "APPROVED").await;
    assert_eq!(polled.language, "es");
    assert_eq!(before.as_deref(), Some("PENDING"));
    engine.fake_graph().unwrap().set_template_webhooks(true);

    // An edit of the approved one goes back to review; a second within 24 hours is refused.
    while events.try_recv().is_ok() {}
    let mut edited = engine
        .template_draft("order_ready_pickup", "en")
        .await
        .unwrap();
    assert_eq!(edited.body_examples, vec!["Ana", "1042"]);
    edited.body = "Hello {{1}}, order {{2}} is waiting for you.".into();
    let back = engine
        .edit_template("order_ready_pickup", "en", &edited)
        .await
        .unwrap();
    assert_eq!(back.status, "PENDING");
    assert_eq!(
        back.body.as_deref(),
        Some("Hello {{1}}, order {{2}} is waiting for you.")
    );
    decided(&mut events, "order_ready_pickup", "en", "APPROVED").await;
    let again = engine
        .edit_template("order_ready_pickup", "en", &edited)
        .await
        .unwrap_err();
    assert!(
        matches!(&again, EngineError::Studio(s) if s.code() == "template_edit_limit"),
        "{again}"
    );
    let mut other = edited.clone();
    other.category = Category::Marketing;
    let locked = engine
        .edit_template("order_ready_pickup", "en", &other)
        .await
        .unwrap_err();
    assert!(
        matches!(&locked, EngineError::Studio(s) if s.code() == "template_not_editable" || s.code() == "template_edit_limit"),
        "{locked}"
    );

    // Delete one language: the other stays.
    let left = engine
        .delete_template("order_ready_pickup", Some("es"))
        .await
        .unwrap();
    assert!(
        left.iter()
            .any(|t| t.name == "order_ready_pickup" && t.language == "en")
    );
    assert!(
        !left
            .iter()
            .any(|t| t.name == "order_ready_pickup" && t.language == "es")
    );
    engine.shutdown().await;
}

#[tokio::test]
async fn a_library_template_with_a_document_header_is_submitted_in_one_go() {
    let (engine, _dir) = engine().await;
    let mut events = engine.subscribe();
    let entry = library::entry("document", "Lima Ceramics", "es").unwrap();
    assert!(
        engine
            .check_template(&entry.draft)
            .await
            .unwrap()
            .is_empty()
    );
    let created = engine.create_template(&entry.draft).await.unwrap();
    assert_eq!(created.header_format.as_deref(), Some("DOCUMENT"));
    decided(&mut events, "shop_document", "es", "APPROVED").await;

    let sample = engine
        .upload_template_sample("photo.png", "image/png", fake_graph::SAMPLE_PNG.to_vec())
        .await
        .unwrap();
    assert!(sample.handle.starts_with("4::"), "{}", sample.handle);
    let wrong = engine
        .upload_template_sample("notes.txt", "text/plain", b"hi".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(&wrong, EngineError::Studio(s) if s.code() == "invalid_input"));
    engine.shutdown().await;
}
