//! A header sample through Meta's Resumable Upload API, and the edit of a template: the exact
//! requests, against wiremock.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use wacloud::templates::{Component, ComponentKind, TemplateCategory, TemplateEdit};
use wacloud::{ErrorKind, GraphClient, GraphConfig};
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const APP: &str = "123456789012345";

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
}

#[tokio::test]
async fn a_sample_is_uploaded_in_a_session_then_its_bytes_with_oauth_at_offset_0() {
    let server = MockServer::start().await;
    let bytes = b"%PDF-1.4 a tiny sample".to_vec();
    Mock::given(method("POST"))
        .and(path(format!("/v24.0/{APP}/uploads")))
        .and(query_param("file_name", "menu.pdf"))
        .and(query_param("file_length", bytes.len().to_string()))
        .and(query_param("file_type", "application/pdf"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "upload:MTphdHRhY2htZW50"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v24.0/upload:MTphdHRhY2htZW50"))
        .and(header("authorization", format!("OAuth {TOKEN}").as_str()))
        .and(header("file_offset", "0"))
        .and(body_bytes(bytes.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"h": "4::aW1hZ2U="})))
        .expect(1)
        .mount(&server)
        .await;
    let handle = client_for(&server)
        .upload_sample(APP, "menu.pdf", "application/pdf", bytes)
        .await
        .unwrap();
    assert_eq!(handle, "4::aW1hZ2U=");
}

#[tokio::test]
async fn a_bad_app_id_or_type_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let client = client_for(&server);
    let e = client
        .upload_sample("", "a.pdf", "application/pdf", vec![1])
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidParameter);
    let e = client
        .upload_sample(APP, "a.gif", "image/gif", vec![1])
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidParameter);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn meta_s_refusal_of_a_session_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v24.0/{APP}/uploads")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100}})))
        .mount(&server)
        .await;
    let e = client_for(&server)
        .upload_sample(APP, "a.png", "image/png", vec![1, 2])
        .await
        .unwrap_err();
    assert_eq!(e.code, Some(100));
}

#[tokio::test]
async fn an_edit_posts_the_components_to_the_template_id() {
    let server = MockServer::start().await;
    let body = Component {
        kind: ComponentKind::Body,
        format: None,
        text: Some("Your order is ready.".into()),
        example: None,
        buttons: Vec::new(),
        extra: serde_json::Map::new(),
    };
    Mock::given(method("POST"))
        .and(path("/v24.0/1029384756"))
        .and(body_json(
            json!({"components": [{"type": "BODY", "text": "Your order is ready."}]}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    let edit = TemplateEdit {
        category: None,
        components: vec![body.clone()],
    };
    client_for(&server)
        .edit_template("1029384756", &edit)
        .await
        .unwrap();
    let with_category = TemplateEdit {
        category: Some(TemplateCategory::Marketing),
        components: vec![body],
    };
    assert_eq!(
        serde_json::to_value(&with_category).unwrap()["category"],
        "MARKETING"
    );
}
