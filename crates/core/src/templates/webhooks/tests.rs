//! The template webhooks through the real inbox and a real SQLite store.

use serde_json::{Value, json};

use crate::events::DomainEvent;
use crate::inbox::apply_pending;
use crate::store::templates::{self, StoredTemplate};
use crate::store::{Store, journal};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

impl Fixture {
    async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let row = StoredTemplate {
            name: "order_ready".into(),
            language: "en".into(),
            id: "555".into(),
            status: "PENDING".into(),
            category: Some("UTILITY".into()),
            raw: json!({"id": "555", "name": "order_ready", "language": "en", "status": "PENDING",
                        "category": "UTILITY",
                        "components": [{"type": "BODY", "text": "Your order is ready."}]})
            .to_string(),
            synced_at: 1,
            ..StoredTemplate::default()
        };
        store
            .writer()
            .call(move |ctx| templates::replace_all(ctx.conn, &[row]).map(|_| ()))
            .await
            .unwrap();
        Self { _dir: dir, store }
    }

    async fn deliver(&self, field: &str, value: Value) {
        let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1234567890",
            "changes": [{"field": field, "value": value}]}]})
        .to_string();
        self.store
            .writer()
            .call(move |ctx| journal::insert(ctx.conn, &body))
            .await
            .unwrap();
        self.store
            .writer()
            .call(|ctx| apply_pending(ctx, 100, None))
            .await
            .unwrap();
    }

    async fn get(&self, name: &str, lang: &str) -> Option<StoredTemplate> {
        let (n, l) = (name.to_owned(), lang.to_owned());
        self.store
            .read(move |c| templates::get(c, &n, &l))
            .await
            .unwrap()
    }
}

fn updated(
    events: &mut tokio::sync::broadcast::Receiver<DomainEvent>,
) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    while let Ok(e) = events.try_recv() {
        if let DomainEvent::TemplateUpdated {
            template,
            previous_status,
        } = e
        {
            out.push((template.status, previous_status));
        }
    }
    out
}

#[tokio::test]
async fn status_and_quality_webhooks_change_the_stored_template_and_are_announced() {
    let f = Fixture::new().await;
    let mut events = f.store.subscribe();
    f.deliver(
        "message_template_status_update",
        json!({"event": "REJECTED", "message_template_id": 555,
               "message_template_name": "order_ready", "message_template_language": "en",
               "reason": "INVALID_FORMAT"}),
    )
    .await;
    let t = f.get("order_ready", "en").await.unwrap();
    assert_eq!(t.status, "REJECTED");
    assert_eq!(t.rejected_reason.as_deref(), Some("INVALID_FORMAT"));
    assert!(t.updated_at.is_some());
    assert!(
        t.raw.contains("\"REJECTED\""),
        "the raw copy follows: {}",
        t.raw
    );
    assert_eq!(
        updated(&mut events),
        vec![("REJECTED".to_owned(), Some("PENDING".to_owned()))]
    );

    f.deliver(
        "message_template_status_update",
        json!({"event": "APPROVED", "message_template_id": "555", "reason": "NONE"}),
    )
    .await;
    let t = f.get("order_ready", "en").await.unwrap();
    assert_eq!((t.status.as_str(), t.rejected_reason), ("APPROVED", None));

    f.deliver(
        "message_template_quality_update",
        json!({"previous_quality_score": "GREEN", "new_quality_score": "YELLOW",
               "message_template_id": 555, "message_template_name": "order_ready",
               "message_template_language": "en"}),
    )
    .await;
    let t = f.get("order_ready", "en").await.unwrap();
    assert_eq!(t.quality.as_deref(), Some("YELLOW"));
    let view = crate::templates::view(&t);
    assert_eq!(view.quality.as_deref(), Some("YELLOW"));
    assert_eq!(view.id.as_deref(), Some("555"));

    f.deliver(
        "message_template_status_update",
        json!({"event": "PAUSED", "message_template_id": 555,
               "other_info": {"title": "FIRST_PAUSE", "description": "Low quality: paused for 3 hours."}}),
    )
    .await;
    let t = f.get("order_ready", "en").await.unwrap();
    assert_eq!(t.status, "PAUSED");
    assert_eq!(
        t.rejected_reason.as_deref(),
        Some("FIRST_PAUSE: Low quality: paused for 3 hours.")
    );

    f.deliver(
        "template_category_update",
        json!({"message_template_id": 555, "message_template_name": "order_ready",
               "message_template_language": "en", "previous_category": "UTILITY",
               "new_category": "MARKETING"}),
    )
    .await;
    assert_eq!(
        f.get("order_ready", "en")
            .await
            .unwrap()
            .category
            .as_deref(),
        Some("MARKETING")
    );
    let statuses = updated(&mut events);
    assert_eq!(statuses.len(), 4, "{statuses:?}");

    // A redelivery changes nothing and announces nothing.
    f.deliver(
        "template_category_update",
        json!({"message_template_id": 555, "previous_category": "UTILITY",
               "new_category": "MARKETING"}),
    )
    .await;
    assert!(updated(&mut events).is_empty());
}

#[tokio::test]
async fn a_webhook_for_a_template_not_synced_yet_is_kept_and_waits_for_a_sync() {
    let f = Fixture::new().await;
    f.deliver(
        "message_template_status_update",
        json!({"event": "APPROVED", "message_template_id": 777,
               "message_template_name": "back_in_stock", "message_template_language": "es",
               "message_template_category": "MARKETING", "reason": "NONE"}),
    )
    .await;
    let t = f.get("back_in_stock", "es").await.unwrap();
    assert_eq!((t.status.as_str(), t.id.as_str()), ("APPROVED", "777"));
    assert_eq!(t.category.as_deref(), Some("MARKETING"));
    assert_eq!(t.synced_at, 0, "marked for the watcher to sync");
    assert!(f.store.read(templates::any_waiting).await.unwrap());
    let j: Vec<Option<String>> = f
        .store
        .read(|c| {
            let mut s = c.prepare("SELECT outcome FROM webhook_events ORDER BY id")?;
            Ok(s.query_map([], |r| r.get(0))?
                .collect::<Result<Vec<_>, _>>()?)
        })
        .await
        .unwrap();
    assert_eq!(j.last().unwrap().as_deref(), Some("applied"));
}
