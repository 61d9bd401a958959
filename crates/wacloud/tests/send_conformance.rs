//! Every kind of send against a local fake Graph API (wiremock on 127.0.0.1): the request must
//! be `POST /v24.0/{phone-number-id}/messages` with the bearer token and exactly the documented
//! JSON, written out literally below. A missing, extra or wrong field makes the mock refuse the
//! request (404), the send fail, and the test fail.

#![allow(clippy::unwrap_used)]

use secrecy::SecretString;
use serde_json::{Value, json};
use wacloud::send::{
    Contact, ContactAddress, ContactName, ContactOrg, Content, Interactive, InteractiveHeader,
    ListRow, ListSection, Location, MediaSource, OutgoingMessage, ReplyButton, TemplateMessage,
};
use wacloud::{GraphClient, GraphConfig, MediaKind, PhoneNumberId, WaId, Wamid};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PHONE_NUMBER_ID: &str = "106540352242922";
const MESSAGES_PATH: &str = "/v24.0/106540352242922/messages";
const CUSTOMER: &str = "16505551234";
const SENT_WAMID: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QTlFRDYA";
const RECEIVED: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM4RUFCMQA=";

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        ..GraphConfig::new(SecretString::from("TOKEN"))
    })
    .unwrap()
}

fn phone_number_id() -> PhoneNumberId {
    PhoneNumberId::parse(PHONE_NUMBER_ID).unwrap()
}

fn received() -> Wamid {
    Wamid::parse(RECEIVED).unwrap()
}

fn to_customer(content: Content) -> OutgoingMessage {
    OutgoingMessage::new(WaId::parse(CUSTOMER).unwrap(), content)
}

/// A server that answers a POST of exactly `expected` (once) with `answer`.
async fn server_expecting(expected: &Value, answer: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(header("authorization", "Bearer TOKEN"))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// Sends `message` and checks it went out as `expected` (the envelope added here) and that the
/// answer parsed; also checks the message is valid and that `expected` reads back as `message`.
async fn assert_sends(message: OutgoingMessage, content_json: Value) {
    let mut expected = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": CUSTOMER,
    });
    let envelope = expected.as_object_mut().unwrap();
    for (key, value) in content_json.as_object().unwrap() {
        envelope.insert(key.clone(), value.clone());
    }
    let answer = json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
        "messages": [{"id": SENT_WAMID, "message_status": "accepted"}]
    });
    let server = server_expecting(&expected, answer).await;
    assert_eq!(message.content.validate(), Ok(()), "{message:?}");
    let sent = client_for(&server)
        .send_message(&phone_number_id(), &message)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "{} was not sent as expected: {e}",
                message.content.type_name()
            )
        });
    assert_eq!(sent.messages[0].id.as_str(), SENT_WAMID);
    assert_eq!(sent.contacts[0].wa_id, CUSTOMER);
    assert_eq!(
        serde_json::from_value::<OutgoingMessage>(expected).unwrap(),
        message,
        "the documented JSON reads back as the message"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_wrong_field_fails_the_send() {
    let expected = json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": CUSTOMER,
        "type": "text",
        "text": {"body": "Hello", "preview_url": true}
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(body_json(&expected))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"messages": [{"id": SENT_WAMID}]})),
        )
        .expect(0)
        .mount(&server)
        .await;
    let sent = client_for(&server)
        .send_message(
            &phone_number_id(),
            &to_customer(Content::text("Hello", false)),
        )
        .await;
    assert!(
        sent.is_err(),
        "preview_url false must not match true: {sent:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn text() {
    assert_sends(
        to_customer(Content::text("Your order is ready: https://example.com/o/1042", true)),
        json!({"type": "text", "text": {"body": "Your order is ready: https://example.com/o/1042", "preview_url": true}}),
    )
    .await;
}

#[tokio::test]
async fn reply() {
    assert_sends(
        to_customer(Content::text("Yes, we have it in blue.", false)).replying_to(received()),
        json!({
            "context": {"message_id": RECEIVED},
            "type": "text",
            "text": {"body": "Yes, we have it in blue.", "preview_url": false}
        }),
    )
    .await;
}

#[tokio::test]
async fn reaction() {
    assert_sends(
        to_customer(Content::reaction(received(), "👍")),
        json!({"type": "reaction", "reaction": {"message_id": RECEIVED, "emoji": "👍"}}),
    )
    .await;
}

#[tokio::test]
async fn remove_reaction() {
    assert_sends(
        to_customer(Content::remove_reaction(received())),
        json!({"type": "reaction", "reaction": {"message_id": RECEIVED, "emoji": ""}}),
    )
    .await;
}

#[tokio::test]
async fn image_by_id_and_by_link() {
    assert_sends(
        to_customer(Content::image(
            MediaSource::id("1037543291543636"),
            Some("The blue mug".into()),
        )),
        json!({"type": "image", "image": {"id": "1037543291543636", "caption": "The blue mug"}}),
    )
    .await;
    assert_sends(
        to_customer(Content::image(
            MediaSource::link("https://example.com/mug.jpg"),
            None,
        )),
        json!({"type": "image", "image": {"link": "https://example.com/mug.jpg"}}),
    )
    .await;
}

#[tokio::test]
async fn video_by_id_and_by_link() {
    assert_sends(
        to_customer(Content::video(MediaSource::id("2037543291543636"), None)),
        json!({"type": "video", "video": {"id": "2037543291543636"}}),
    )
    .await;
    assert_sends(
        to_customer(Content::video(MediaSource::link("https://example.com/unboxing.mp4"), Some("Unboxing".into()))),
        json!({"type": "video", "video": {"link": "https://example.com/unboxing.mp4", "caption": "Unboxing"}}),
    )
    .await;
}

#[tokio::test]
async fn audio_by_id_and_by_link() {
    assert_sends(
        to_customer(Content::audio(MediaSource::id("3037543291543636"))),
        json!({"type": "audio", "audio": {"id": "3037543291543636"}}),
    )
    .await;
    assert_sends(
        to_customer(Content::audio(MediaSource::link(
            "https://example.com/hello.ogg",
        ))),
        json!({"type": "audio", "audio": {"link": "https://example.com/hello.ogg"}}),
    )
    .await;
}

#[tokio::test]
async fn document_by_id_and_by_link() {
    assert_sends(
        to_customer(Content::document(
            MediaSource::id("4037543291543636"),
            Some("Your invoice".into()),
            Some("invoice-1042.pdf".into()),
        )),
        json!({"type": "document", "document": {
            "id": "4037543291543636", "caption": "Your invoice", "filename": "invoice-1042.pdf"
        }}),
    )
    .await;
    assert_sends(
        to_customer(Content::document(
            MediaSource::link("https://example.com/catalogue.pdf"),
            None,
            Some("catalogue.pdf".into()),
        )),
        json!({"type": "document", "document": {"link": "https://example.com/catalogue.pdf", "filename": "catalogue.pdf"}}),
    )
    .await;
}

#[tokio::test]
async fn sticker_by_id_and_by_link() {
    assert_sends(
        to_customer(Content::sticker(MediaSource::id("5037543291543636"))),
        json!({"type": "sticker", "sticker": {"id": "5037543291543636"}}),
    )
    .await;
    assert_sends(
        to_customer(Content::sticker(MediaSource::link(
            "https://example.com/thanks.webp",
        ))),
        json!({"type": "sticker", "sticker": {"link": "https://example.com/thanks.webp"}}),
    )
    .await;
}

#[tokio::test]
async fn every_media_kind_is_covered() {
    // The five tests above, one per kind: this fails if a kind is added without one.
    assert_eq!(
        MediaKind::ALL.map(MediaKind::as_str),
        ["image", "video", "audio", "document", "sticker"]
    );
}

#[tokio::test]
async fn location() {
    assert_sends(
        to_customer(Content::location(
            Location::new(37.483307, -122.148981)
                .named("Blue Mug Café")
                .at("1 Hacker Way, Menlo Park, CA 94025"),
        )),
        json!({"type": "location", "location": {
            "latitude": 37.483307,
            "longitude": -122.148981,
            "name": "Blue Mug Café",
            "address": "1 Hacker Way, Menlo Park, CA 94025"
        }}),
    )
    .await;
}

#[tokio::test]
async fn contacts() {
    let card = Contact {
        name: ContactName {
            formatted_name: "Ada Lovelace".into(),
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            ..ContactName::default()
        },
        org: Some(ContactOrg {
            company: Some("Blue Mug Café".into()),
            department: Some("Sales".into()),
            title: Some("Manager".into()),
        }),
        addresses: vec![ContactAddress {
            street: Some("1 Hacker Way".into()),
            city: Some("Menlo Park".into()),
            state: Some("CA".into()),
            zip: Some("94025".into()),
            country: Some("United States".into()),
            country_code: Some("US".into()),
            kind: Some("WORK".into()),
        }],
        birthday: Some("1815-12-10".into()),
        ..Contact::new("")
    }
    .phone(
        "+1 650 555 1234",
        Some("WORK"),
        Some(WaId::parse(CUSTOMER).unwrap()),
    )
    .email("ada@example.com", Some("WORK"))
    .url("https://example.com", Some("WORK"));
    assert_sends(
        to_customer(Content::contacts(vec![card])),
        json!({"type": "contacts", "contacts": [{
            "name": {"formatted_name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace"},
            "phones": [{"phone": "+1 650 555 1234", "type": "WORK", "wa_id": CUSTOMER}],
            "emails": [{"email": "ada@example.com", "type": "WORK"}],
            "org": {"company": "Blue Mug Café", "department": "Sales", "title": "Manager"},
            "urls": [{"url": "https://example.com", "type": "WORK"}],
            "addresses": [{
                "street": "1 Hacker Way", "city": "Menlo Park", "state": "CA", "zip": "94025",
                "country": "United States", "country_code": "US", "type": "WORK"
            }],
            "birthday": "1815-12-10"
        }]}),
    )
    .await;
}

#[tokio::test]
async fn reply_buttons() {
    let ask = Interactive::buttons(
        "Your order #1042 is ready. When should we deliver?",
        [
            ReplyButton::new("deliver-today", "Today"),
            ReplyButton::new("deliver-tomorrow", "Tomorrow"),
            ReplyButton::new("pick-up", "I'll pick it up"),
        ],
    )
    .with_header(InteractiveHeader::text("Order #1042"))
    .with_footer("Blue Mug Café");
    assert_sends(
        to_customer(Content::interactive(ask)),
        json!({"type": "interactive", "interactive": {
            "type": "button",
            "header": {"type": "text", "text": "Order #1042"},
            "body": {"text": "Your order #1042 is ready. When should we deliver?"},
            "footer": {"text": "Blue Mug Café"},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": "deliver-today", "title": "Today"}},
                {"type": "reply", "reply": {"id": "deliver-tomorrow", "title": "Tomorrow"}},
                {"type": "reply", "reply": {"id": "pick-up", "title": "I'll pick it up"}}
            ]}
        }}),
    )
    .await;
}

#[tokio::test]
async fn list() {
    let menu = Interactive::list(
        "Which shipping option do you prefer?",
        "Shipping options",
        [
            ListSection::new([
                ListRow::new("priority_express", "Priority Mail Express")
                    .described("Next day to 2 days"),
                ListRow::new("priority_mail", "Priority Mail").described("1–3 days"),
            ])
            .titled("I want it ASAP!"),
            ListSection::new([ListRow::new("ground", "Ground")]).titled("I can wait a bit"),
        ],
    )
    .with_header(InteractiveHeader::text("Shipping"))
    .with_footer("Blue Mug Café");
    assert_sends(
        to_customer(Content::interactive(menu)),
        json!({"type": "interactive", "interactive": {
            "type": "list",
            "header": {"type": "text", "text": "Shipping"},
            "body": {"text": "Which shipping option do you prefer?"},
            "footer": {"text": "Blue Mug Café"},
            "action": {
                "button": "Shipping options",
                "sections": [
                    {"title": "I want it ASAP!", "rows": [
                        {"id": "priority_express", "title": "Priority Mail Express", "description": "Next day to 2 days"},
                        {"id": "priority_mail", "title": "Priority Mail", "description": "1–3 days"}
                    ]},
                    {"title": "I can wait a bit", "rows": [{"id": "ground", "title": "Ground"}]}
                ]
            }
        }}),
    )
    .await;
}

#[tokio::test]
async fn template_with_media_header_positional_body_and_buttons() {
    let order = TemplateMessage::new("order_ready", "en_US")
        .header_image(MediaSource::link("https://example.com/mug.jpg"))
        .body_params(["Ada", "#1042"])
        .quick_reply_button(0, "deliver-today")
        .url_button(1, "orders/1042")
        .copy_code_button(2, "MUG25");
    assert_sends(
        to_customer(Content::template(order)),
        json!({"type": "template", "template": {
            "name": "order_ready",
            "language": {"code": "en_US"},
            "components": [
                {"type": "header", "parameters": [
                    {"type": "image", "image": {"link": "https://example.com/mug.jpg"}}
                ]},
                {"type": "body", "parameters": [
                    {"type": "text", "text": "Ada"},
                    {"type": "text", "text": "#1042"}
                ]},
                {"type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [
                    {"type": "payload", "payload": "deliver-today"}
                ]},
                {"type": "button", "sub_type": "url", "index": "1", "parameters": [
                    {"type": "text", "text": "orders/1042"}
                ]},
                {"type": "button", "sub_type": "copy_code", "index": "2", "parameters": [
                    {"type": "coupon_code", "coupon_code": "MUG25"}
                ]}
            ]
        }}),
    )
    .await;
}

#[tokio::test]
async fn template_with_named_parameters() {
    let welcome = TemplateMessage::new("order_confirmation", "en_US")
        .named_header_text("shop", "Blue Mug Café")
        .named_body_param("first_name", "Ada")
        .named_body_param("order_number", "1042");
    assert_sends(
        to_customer(Content::template(welcome)),
        json!({"type": "template", "template": {
            "name": "order_confirmation",
            "language": {"code": "en_US"},
            "components": [
                {"type": "header", "parameters": [
                    {"type": "text", "parameter_name": "shop", "text": "Blue Mug Café"}
                ]},
                {"type": "body", "parameters": [
                    {"type": "text", "parameter_name": "first_name", "text": "Ada"},
                    {"type": "text", "parameter_name": "order_number", "text": "1042"}
                ]}
            ]
        }}),
    )
    .await;
}

async fn assert_marks_read(typing: bool, expected: Value) {
    let server = server_expecting(&expected, json!({"success": true})).await;
    client_for(&server)
        .mark_read(&phone_number_id(), &received(), typing)
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn mark_read() {
    assert_marks_read(
        false,
        json!({"messaging_product": "whatsapp", "status": "read", "message_id": RECEIVED}),
    )
    .await;
}

#[tokio::test]
async fn mark_read_with_typing_indicator() {
    assert_marks_read(
        true,
        json!({
            "messaging_product": "whatsapp",
            "status": "read",
            "message_id": RECEIVED,
            "typing_indicator": {"type": "text"}
        }),
    )
    .await;
}

#[tokio::test]
async fn mark_read_not_confirmed_is_an_error() {
    let expected =
        json!({"messaging_product": "whatsapp", "status": "read", "message_id": RECEIVED});
    let server = server_expecting(&expected, json!({"success": false})).await;
    let err = client_for(&server)
        .mark_read(&phone_number_id(), &received(), false)
        .await
        .unwrap_err();
    assert_eq!(err.http_status, Some(200));
    server.verify().await;
}
