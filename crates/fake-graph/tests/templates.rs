//! Templates: paging, creation and review, deletion, and sends checked against them.

#![allow(clippy::unwrap_used)] // Test helpers outside #[test] functions.

use std::collections::HashSet;
use std::time::Duration;

use serde_json::Value;
use wacloud::send::{Content, MediaSource, OutgoingMessage, TemplateMessage};
use wacloud::templates::{Component, NewTemplate, TemplateCategory, TemplateStatus};
use wacloud::{MediaKind, WaId};

mod support;

use fake_graph::Settings;
use support::{Fixture, error_code, phone, quick_settings, start, start_with, waba};

fn customer() -> WaId {
    WaId::parse("15550100002").expect("a customer")
}

async fn send(f: &Fixture, template: TemplateMessage) -> Result<(), wacloud::GraphError> {
    let message = OutgoingMessage::new(customer(), Content::template(template));
    f.client.send_message(&phone(), &message).await.map(|_| ())
}

fn new_template(name: &str) -> NewTemplate {
    let body: Component = serde_json::from_value(serde_json::json!({
        "type": "BODY",
        "text": "Hi {{1}}, thanks for your order!",
        "example": {"body_text": [["Ana"]]}
    }))
    .expect("a body component");
    NewTemplate {
        name: name.to_owned(),
        language: "en_US".to_owned(),
        category: TemplateCategory::Utility,
        parameter_format: None,
        allow_category_change: None,
        components: vec![body],
    }
}

#[tokio::test]
async fn pages_follow_the_cursors_both_ways() {
    let f = start().await;
    let mut names = Vec::new();
    let mut ids = HashSet::new();
    let mut url = f.url(&format!("{}/message_templates?limit=3", waba()));
    let mut pages = Vec::new();
    loop {
        let page: Value = f
            .get(&url)
            .send()
            .await
            .expect("answered")
            .json()
            .await
            .expect("JSON");
        let data = page["data"].as_array().expect("data");
        assert!(data.len() <= 3);
        for t in data {
            names.push(format!(
                "{}/{}",
                t["name"].as_str().unwrap(),
                t["language"].as_str().unwrap()
            ));
            assert!(
                ids.insert(t["id"].as_str().unwrap().to_owned()),
                "an id twice: {t}"
            );
            for key in ["status", "category", "parameter_format", "components"] {
                assert!(t.get(key).is_some(), "{key} missing in {t}");
            }
        }
        pages.push(page.clone());
        match page["paging"]["next"].as_str() {
            Some(next) => url = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages.len(), 3, "9 templates in pages of 3");
    assert_eq!(names[0], "order_ready/en_US");
    assert_eq!(names[1], "order_ready/pt_BR");
    assert_eq!(names.len(), 9);
    // The last page points back to the one before it.
    let previous = pages[2]["paging"]["previous"]
        .as_str()
        .expect("a previous page");
    let back: Value = f.get(previous).send().await.unwrap().json().await.unwrap();
    assert_eq!(back["data"], pages[1]["data"]);
    assert!(pages[0]["paging"].get("previous").is_none());

    // Filters and fields.
    let url = f.url(&format!(
        "{}/message_templates?status=PENDING&fields=name,status",
        waba()
    ));
    let pending: Value = f.get(&url).send().await.unwrap().json().await.unwrap();
    assert_eq!(pending["data"].as_array().unwrap().len(), 1);
    let only = pending["data"][0].as_object().unwrap();
    assert_eq!(only.keys().collect::<Vec<_>>(), ["id", "name", "status"]);

    let bad = f
        .get(&f.url(&format!("{}/message_templates?after=nope", waba())))
        .send()
        .await;
    assert_eq!(error_code(bad.unwrap()).await, (400, 100));
    let elsewhere = f.get(&f.url("123/message_templates")).send().await;
    assert_eq!(error_code(elsewhere.unwrap()).await, (400, 100));
}

#[tokio::test]
async fn the_client_lists_every_page_creates_and_deletes() {
    let f = start_with(Settings {
        // Reviews take long enough for the test to see the templates pending.
        status_delays: [Duration::from_secs(30); 3],
        ..quick_settings()
    })
    .await;
    let seeded = f.client.list_templates(&waba()).await.expect("listed");
    assert_eq!(seeded.len(), 9);
    let pending = seeded
        .iter()
        .find(|t| t.name == "back_in_stock")
        .expect("seeded");
    assert_eq!(pending.status, TemplateStatus::Pending);
    let rejected = seeded
        .iter()
        .find(|t| t.name == "flash_sale")
        .expect("seeded");
    assert_eq!(rejected.rejected_reason.as_deref(), Some("PROMOTIONAL"));

    // More than the client's page of 100.
    for i in 0..100 {
        let created = f
            .client
            .create_template(&waba(), &new_template(&format!("receipt_{i:03}")))
            .await
            .expect("created");
        assert_eq!(created.status, TemplateStatus::Pending);
    }
    let all = f.client.list_templates(&waba()).await.expect("listed");
    assert_eq!(all.len(), 109);
    let unique: HashSet<_> = all.iter().map(|t| (&t.name, &t.language)).collect();
    assert_eq!(unique.len(), 109);

    let twice = f
        .client
        .create_template(&waba(), &new_template("receipt_000"))
        .await
        .expect_err("the same name and language twice");
    assert_eq!((twice.code, twice.subcode), (Some(100), Some(2_388_024)));

    f.client
        .delete_template(&waba(), "receipt_000", None)
        .await
        .expect("deleted");
    let en = all
        .iter()
        .find(|t| t.name == "order_ready" && t.language == "en_US")
        .unwrap();
    f.client
        .delete_template(&waba(), "order_ready", Some(&en.id))
        .await
        .expect("one translation deleted");
    let left = f.client.list_templates(&waba()).await.expect("listed");
    assert_eq!(left.len(), 107);
    assert!(
        left.iter()
            .any(|t| t.name == "order_ready" && t.language == "pt_BR")
    );
    let missing = f.client.delete_template(&waba(), "receipt_000", None).await;
    assert_eq!(missing.expect_err("already deleted").code, Some(100));
}

#[tokio::test]
async fn sends_must_fit_the_approved_template() {
    let f = start().await;
    let order_ready = || TemplateMessage::new("order_ready", "en_US").header_text("#1042");
    send(&f, order_ready().body_params(["Ben", "#1042"]))
        .await
        .expect("two body parameters, as approved");
    let short = send(&f, order_ready().body_param("Ben"))
        .await
        .expect_err("one too few");
    assert_eq!(short.code, Some(132000));
    let no_header = TemplateMessage::new("order_ready", "en_US").body_params(["Ben", "#1042"]);
    assert_eq!(
        send(&f, no_header).await.expect_err("header missing").code,
        Some(132000)
    );

    let unknown = TemplateMessage::new("order_ready", "fr_FR")
        .header_text("#1")
        .body_params(["a", "b"]);
    let err = send(&f, unknown).await.expect_err("no French translation");
    assert_eq!(err.code, Some(132001));
    let pending = TemplateMessage::new("back_in_stock", "en_US").body_param("The mug");
    assert_eq!(
        send(&f, pending).await.expect_err("not approved").code,
        Some(132001)
    );

    let named = TemplateMessage::new("appointment_reminder", "en_US")
        .named_body_param("customer_name", "Ben")
        .named_body_param("date", "Saturday");
    send(&f, named).await.expect("named parameters");
    let misnamed = TemplateMessage::new("appointment_reminder", "en_US")
        .named_body_param("name", "Ben")
        .named_body_param("date", "Saturday");
    assert_eq!(
        send(&f, misnamed).await.expect_err("a wrong name").code,
        Some(132000)
    );

    let shipping =
        || TemplateMessage::new("shipping_update", "en_US").body_params(["Ben", "#1042", "Friday"]);
    let no_button = send(&f, shipping())
        .await
        .expect_err("the URL button needs its suffix");
    assert_eq!(no_button.code, Some(131008));
    send(&f, shipping().url_button(0, "1042"))
        .await
        .expect("with the suffix");

    let image = f
        .client
        .upload_media(
            &phone(),
            MediaKind::Image,
            fake_graph::SAMPLE_PNG.to_vec(),
            "image/png",
            "offer.png",
        )
        .await
        .expect("uploaded");
    let offer = || {
        TemplateMessage::new("welcome_offer", "en")
            .body_params(["Chloé", "15%"])
            .copy_code_button(0, "WELCOME15")
    };
    send(&f, offer().header_image(MediaSource::from(image)))
        .await
        .expect("image header by id");
    let unknown_image = send(&f, offer().header_image(MediaSource::id("42"))).await;
    assert_eq!(
        unknown_image.expect_err("an unknown media id").code,
        Some(100)
    );
    let text_header = send(&f, offer().header_text("Hi")).await;
    assert_eq!(text_header.expect_err("an image header").code, Some(132012));
}

#[tokio::test]
async fn the_review_approves_and_rejects_a_name_containing_reject_with_a_reason() {
    let f = start().await;
    for name in ["pickup_ready", "promo_reject_me"] {
        f.client
            .create_template(&waba(), &new_template(name))
            .await
            .expect("created");
    }
    let reviewed = |name: &'static str| {
        let client = f.client.clone();
        async move {
            client
                .list_templates(&waba())
                .await
                .ok()?
                .into_iter()
                .find(|t| t.name == name && t.status != TemplateStatus::Pending)
        }
    };
    let approved = support::eventually(Duration::from_secs(5), "the approval", || {
        reviewed("pickup_ready")
    })
    .await;
    assert_eq!(approved.status, TemplateStatus::Approved);
    let rejected = support::eventually(Duration::from_secs(5), "the rejection", || {
        reviewed("promo_reject_me")
    })
    .await;
    assert_eq!(rejected.status, TemplateStatus::Rejected);
    assert_eq!(rejected.rejected_reason.as_deref(), Some("INVALID_FORMAT"));
}
