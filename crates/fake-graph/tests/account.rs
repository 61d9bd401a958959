//! The phone number, business profile and webhook subscription, with Meta's verification
//! handshake against a small webhook server.

#![allow(clippy::unwrap_used)] // Test helpers outside #[test] functions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::{Value, json};
use wacloud::send::{Content, OutgoingMessage};
use wacloud::templates::TemplateStatus;
use wacloud::{ErrorKind, WaId};

mod support;

use fake_graph::SANDBOX_ACCESS_TOKEN;
use support::{client_for, error_code, eventually, phone, quick_settings, start, start_with, waba};

const VERIFY_TOKEN: &str = "tiny-verify-token";

/// A webhook receiver on port 0: answers the handshake for [`VERIFY_TOKEN`] and keeps what is
/// posted to it.
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<Value>>>,
}

impl Receiver {
    async fn start() -> Self {
        let received: Arc<Mutex<Vec<Value>>> = Arc::default();
        let app =
            Router::new()
                .route(
                    "/webhook",
                    get(|Query(q): Query<HashMap<String, String>>| async move {
                        let ok = q.get("hub.mode").map(String::as_str) == Some("subscribe")
                            && q.get("hub.verify_token").map(String::as_str) == Some(VERIFY_TOKEN);
                        match (ok, q.get("hub.challenge")) {
                            (true, Some(challenge)) => (StatusCode::OK, challenge.clone()),
                            _ => (StatusCode::FORBIDDEN, "wrong verify token".to_owned()),
                        }
                    })
                    .post(
                        |State(received): State<Arc<Mutex<Vec<Value>>>>,
                         body: axum::body::Bytes| async move {
                            if let Ok(v) = serde_json::from_slice(&body) {
                                received.lock().unwrap().push(v);
                            }
                            StatusCode::OK
                        },
                    ),
                )
                .with_state(received.clone());
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let url = format!("http://{}/webhook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { url, received }
    }

    fn fields(&self) -> Vec<String> {
        let received = self.received.lock().unwrap();
        received
            .iter()
            .map(|b| {
                b["entry"][0]["changes"][0]["field"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }
}

#[tokio::test]
async fn phone_number_and_business_profile() {
    let f = start().await;
    let number = f.client.phone_number(&phone()).await.expect("the number");
    assert_eq!(number.id, phone().as_str());
    assert_eq!(number.display_phone_number, "+1 555-010-0000");
    assert_eq!(number.verified_name, "Shopchat Sandbox Shop");
    assert_eq!(number.quality_rating.as_deref(), Some("GREEN"));
    assert_eq!(number.platform_type.as_deref(), Some("CLOUD_API"));
    assert_eq!(
        number.throughput.map(|t| t.level).as_deref(),
        Some("STANDARD")
    );

    let profile = f
        .client
        .business_profile(&phone())
        .await
        .expect("the profile");
    assert_eq!(profile.vertical.as_deref(), Some("RETAIL"));
    assert_eq!(profile.websites.len(), 1);

    let update = f
        .http
        .post(f.url(&format!("{}/whatsapp_business_profile", phone())))
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .json(&json!({"messaging_product": "whatsapp", "about": "Open on Sundays too"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(update.status(), 200);
    let profile = f
        .client
        .business_profile(&phone())
        .await
        .expect("the profile");
    assert_eq!(profile.about.as_deref(), Some("Open on Sundays too"));

    let stranger = client_for(&f.fake, "EAAwrong");
    let err = stranger
        .phone_number(&phone())
        .await
        .expect_err("a wrong token");
    assert_eq!((err.code, err.kind), (Some(190), ErrorKind::Auth));
    let unknown = f.get(&f.url("999")).send().await.expect("answered");
    assert_eq!(error_code(unknown).await, (400, 100));
    let nowhere = f
        .get(&format!("{}/v24.0/{}/no_such_edge", f.fake.url(), phone()))
        .send()
        .await;
    assert_eq!(error_code(nowhere.expect("answered")).await, (400, 100));
    let no_version = f.get(&format!("{}/{}", f.fake.url(), phone())).send().await;
    assert_eq!(error_code(no_version.expect("answered")).await, (400, 100));
}

#[tokio::test]
async fn subscribed_apps_and_the_verification_handshake() {
    let f = start().await;
    let receiver = Receiver::start().await;
    let engine = Receiver::start().await;
    f.fake.set_webhook_target(engine.url.clone());

    f.client.subscribe_app(&waba()).await.expect("subscribed");
    let apps = f.client.subscribed_apps(&waba()).await.expect("read back");
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].override_callback_uri, None);

    let subscribed_apps = f.url(&format!("{}/subscribed_apps", waba()));
    let override_with = |token: &str| {
        f.http
            .post(&subscribed_apps)
            .bearer_auth(SANDBOX_ACCESS_TOKEN)
            .json(&json!({"override_callback_uri": receiver.url, "verify_token": token}))
            .send()
    };
    let refused = override_with("not-the-token").await.expect("answered");
    assert_eq!(error_code(refused).await, (400, 2200));
    assert_eq!(f.fake.webhook_target(), Some(engine.url.clone()));

    let accepted = override_with(VERIFY_TOKEN).await.expect("answered");
    assert_eq!(accepted.status(), 200);
    let apps = f.client.subscribed_apps(&waba()).await.expect("read back");
    assert_eq!(
        apps[0].override_callback_uri.as_deref(),
        Some(receiver.url.as_str())
    );
    assert_eq!(f.fake.webhook_target(), Some(receiver.url.clone()));

    // Statuses now go to the override.
    let to = WaId::parse("15550100003").unwrap();
    let message = OutgoingMessage::new(to, Content::text("Your order is ready", false));
    f.client
        .send_message(&phone(), &message)
        .await
        .expect("sent");
    eventually(
        Duration::from_secs(5),
        "three statuses at the override",
        || async { (receiver.fields().len() == 3).then_some(()) },
    )
    .await;
    assert!(engine.fields().is_empty());

    // The client insists on https; the fake tries the handshake, which fails here.
    let err = f
        .client
        .override_callback(
            &waba(),
            "https://127.0.0.1:1/webhook",
            &VERIFY_TOKEN.to_owned().into(),
        )
        .await
        .expect_err("nothing answers there");
    assert_eq!(err.code, Some(2200));
    let plain = f
        .http
        .post(&subscribed_apps)
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .json(&json!({"override_callback_uri": "http://example.com/webhook", "verify_token": "t"}))
        .send()
        .await
        .expect("answered");
    assert_eq!(error_code(plain).await, (400, 100));

    let removed = f
        .http
        .delete(&subscribed_apps)
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .send()
        .await
        .expect("answered");
    assert_eq!(removed.status(), 200);
    assert!(
        f.client
            .subscribed_apps(&waba())
            .await
            .expect("read back")
            .is_empty()
    );
    assert_eq!(f.fake.webhook_target(), Some(engine.url.clone()));
}

#[tokio::test]
async fn a_created_template_is_approved_and_reported_to_the_app() {
    let f = start_with(quick_settings()).await;
    let engine = Receiver::start().await;
    f.fake.set_webhook_target(engine.url.clone());
    let body = json!({
        "name": "pickup_reminder",
        "language": "en_US",
        "category": "utility",
        "components": [{"type": "body", "text": "Hi {{name}}, your order awaits.",
                        "example": {"body_text_named_params": [{"param_name": "name", "example": "Ana"}]}}]
    });
    let created: Value = f
        .http
        .post(f.url(&format!("{}/message_templates", waba())))
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .json(&body)
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON");
    assert_eq!(created["status"], "PENDING");
    assert_eq!(created["category"], "UTILITY");
    let report = eventually(Duration::from_secs(5), "the approval webhook", || async {
        let received = engine.received.lock().unwrap();
        received.first().cloned()
    })
    .await;
    let value = &report["entry"][0]["changes"][0];
    assert_eq!(value["field"], "message_template_status_update");
    assert_eq!(value["value"]["event"], "APPROVED");
    assert_eq!(value["value"]["message_template_name"], "pickup_reminder");
    let listed = f.client.list_templates(&waba()).await.expect("listed");
    let approved = listed
        .iter()
        .find(|t| t.name == "pickup_reminder")
        .expect("listed");
    assert_eq!(approved.status, TemplateStatus::Approved);
    assert_eq!(
        approved.parameter_format.as_ref().map(|p| p.as_str()),
        Some("NAMED")
    );
}
