//! The exact JSON a checked draft sends to `POST /{waba-id}/message_templates`, through the real
//! client against a local fake Graph API (wiremock).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use shopchat_template_rules::{Button, Category, Draft, Header, MediaKind};
use wacloud::{GraphClient, GraphConfig, WabaId};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: "EAAGtestTOKEN0123456789abcdef".to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
}

async fn sent(draft: &Draft, expected: serde_json::Value) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v24.0/102290129340398/message_templates"))
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": "594425479261596", "status": "PENDING", "category": "MARKETING"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let request = draft.to_request().unwrap();
    let created = client(&server)
        .create_template(&WabaId::parse("102290129340398").unwrap(), &request)
        .await
        .unwrap();
    assert_eq!(created.id, "594425479261596");
}

#[tokio::test]
async fn a_positional_marketing_template_with_every_button_kind() {
    let mut d = Draft::new(
        "summer_sale",
        "en_US",
        Category::Marketing,
        "Hi {{1}}, use code {{2}} for 10% off.",
    );
    d.header = Some(Header::Text {
        text: "Our {{1}} is on!".into(),
        example: Some("Summer Sale".into()),
    });
    d.body_examples = vec!["Ana".into(), "SAVE10".into()];
    d.footer = Some("Reply STOP to opt out".into());
    d.buttons = vec![
        Button::QuickReply {
            text: "Stop promos".into(),
        },
        Button::Url {
            text: "Shop".into(),
            url: "https://shop.example/sale/{{1}}".into(),
            example: Some("summer".into()),
        },
        Button::Phone {
            text: "Call us".into(),
            number: "+5215512345678".into(),
        },
        Button::CopyCode {
            example: "SAVE10".into(),
        },
    ];
    sent(
        &d,
        json!({
            "name": "summer_sale",
            "language": "en_US",
            "category": "MARKETING",
            "parameter_format": "POSITIONAL",
            "components": [
                {"type": "HEADER", "format": "TEXT", "text": "Our {{1}} is on!",
                 "example": {"header_text": ["Summer Sale"]}},
                {"type": "BODY", "text": "Hi {{1}}, use code {{2}} for 10% off.",
                 "example": {"body_text": [["Ana", "SAVE10"]]}},
                {"type": "FOOTER", "text": "Reply STOP to opt out"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "QUICK_REPLY", "text": "Stop promos"},
                    {"type": "URL", "text": "Shop", "url": "https://shop.example/sale/{{1}}",
                     "example": ["https://shop.example/sale/summer"]},
                    {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+5215512345678"},
                    {"type": "COPY_CODE", "example": "SAVE10"}
                ]}
            ]
        }),
    )
    .await;
}

#[tokio::test]
async fn a_named_utility_template_with_a_document_header() {
    let mut d = Draft::new(
        "invoice_ready",
        "es_MX",
        Category::Utility,
        "Hola {{nombre}}, tu factura {{folio}} está lista.",
    );
    d.header = Some(Header::Media {
        media: MediaKind::Document,
        handle: "4::YXBwbGljYXRpb24vcGRm:ARb".into(),
    });
    d.body_examples = vec!["Ana".into(), "F-1042".into()];
    sent(
        &d,
        json!({
            "name": "invoice_ready",
            "language": "es_MX",
            "category": "UTILITY",
            "parameter_format": "NAMED",
            "components": [
                {"type": "HEADER", "format": "DOCUMENT",
                 "example": {"header_handle": ["4::YXBwbGljYXRpb24vcGRm:ARb"]}},
                {"type": "BODY", "text": "Hola {{nombre}}, tu factura {{folio}} está lista.",
                 "example": {"body_text_named_params": [
                     {"param_name": "nombre", "example": "Ana"},
                     {"param_name": "folio", "example": "F-1042"}
                 ]}}
            ]
        }),
    )
    .await;
}

#[tokio::test]
async fn a_template_without_parameters_and_an_authentication_one() {
    let d = Draft::new(
        "thanks",
        "en",
        Category::Utility,
        "Thank you for shopping with us.",
    );
    sent(
        &d,
        json!({
            "name": "thanks", "language": "en", "category": "UTILITY",
            "components": [{"type": "BODY", "text": "Thank you for shopping with us."}]
        }),
    )
    .await;
    let mut d = Draft::new("login_code", "en", Category::Authentication, "");
    d.buttons = vec![Button::CopyCode {
        example: "123456".into(),
    }];
    sent(
        &d,
        json!({
            "name": "login_code", "language": "en", "category": "AUTHENTICATION",
            "components": [
                {"type": "BODY", "add_security_recommendation": true},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}
            ]
        }),
    )
    .await;
}
