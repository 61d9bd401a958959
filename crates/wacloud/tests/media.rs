//! Media upload against a local fake Graph API (wiremock on 127.0.0.1): the multipart fields on
//! the wire, the progress callback, files refused before any request, and deletion.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use wacloud::media::{MB, MediaId};
use wacloud::{ErrorKind, GraphClient, GraphConfig, GraphError, MediaKind, PhoneNumberId};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const PHONE_NUMBER_ID: &str = "106540352242922";
const UPLOAD_PATH: &str = "/v24.0/106540352242922/media";
const MEDIA_ID: &str = "1037543291543636";
const INFO_PATH: &str = "/v24.0/1037543291543636";

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
}

fn phone() -> PhoneNumberId {
    PhoneNumberId::parse(PHONE_NUMBER_ID).unwrap()
}

fn media_id() -> MediaId {
    MediaId::parse(MEDIA_ID).unwrap()
}

fn assert_no_token(err: &GraphError) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "the token leaked: {shown}");
}

/// A file of `len` bytes that is not all one value.
fn file(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Upload.
// ---------------------------------------------------------------------------------------------

async fn upload_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(UPLOAD_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": MEDIA_ID})))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn the_request(requests: &[Request]) -> &Request {
    assert_eq!(requests.len(), 1);
    &requests[0]
}

fn assert_multipart(request: &Request, mime: &str, file_name: &str, bytes: &[u8]) {
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="));
    let body = &request.body;
    let text_part = |name: &str, value: &str| {
        format!("content-disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").into_bytes()
    };
    let lower = body.to_ascii_lowercase();
    assert!(find(&lower, &text_part("messaging_product", "whatsapp")));
    assert!(find(&lower, &text_part("type", mime)));
    let file_head = format!(
        "content-disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\ncontent-type: {mime}\r\n\r\n"
    );
    assert!(
        find(&lower, file_head.as_bytes()),
        "no file part in the body"
    );
    let mut file_and_end = bytes.to_vec();
    file_and_end.extend_from_slice(b"\r\n--");
    assert!(
        find(body, &file_and_end),
        "the file's bytes are not in the body"
    );
}

#[tokio::test]
async fn upload_puts_the_multipart_fields_on_the_wire() {
    let server = upload_server().await;
    let bytes = file(200 * 1024);
    let id = client_for(&server)
        .upload_media(
            &phone(),
            MediaKind::Image,
            bytes.clone(),
            "image/PNG",
            "/home/me/photo.png",
        )
        .await
        .unwrap();
    assert_eq!(id.as_str(), MEDIA_ID);
    let requests = server.received_requests().await.unwrap();
    assert_multipart(the_request(&requests), "image/png", "photo.png", &bytes);
}

#[tokio::test]
async fn upload_progress_reaches_the_total() {
    let server = upload_server().await;
    let bytes = file(300 * 1024 + 17);
    let total = bytes.len() as u64;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let id = client_for(&server)
        .upload_media_with_progress(
            &phone(),
            MediaKind::Document,
            bytes.clone(),
            "application/pdf",
            "invoice.pdf",
            move |sent, total| record.lock().unwrap().push((sent, total)),
        )
        .await
        .unwrap();
    assert_eq!(id.as_str(), MEDIA_ID);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 5, "five 64 KiB pieces: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(seen.iter().all(|(_, t)| *t == total));
    assert_eq!(seen.last(), Some(&(total, total)));
    let requests = server.received_requests().await.unwrap();
    assert_multipart(
        the_request(&requests),
        "application/pdf",
        "invoice.pdf",
        &bytes,
    );
}

/// A server that must not be called.
async fn untouched_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": MEDIA_ID})))
        .expect(0)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_file_breaking_the_limits_fails_before_any_request() {
    let server = untouched_server().await;
    let client = client_for(&server);
    let err = client
        .upload_media(
            &phone(),
            MediaKind::Image,
            file(6 * MB as usize),
            "image/jpeg",
            "big.jpg",
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::MediaLimit);
    assert!(!err.kind.is_retryable());
    assert!(
        err.message.contains("at most 5 MB; this file is 6 MB"),
        "{err}"
    );
    assert_eq!(err.http_status, None);

    let err = client
        .upload_media_with_progress(
            &phone(),
            MediaKind::Image,
            file(1000),
            "image/gif",
            "anim.gif",
            |_, _| panic!("no progress for a refused file"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::MediaLimit);
    assert!(err.message.contains("use image/jpeg or image/png"), "{err}");

    let err = client
        .upload_media(&phone(), MediaKind::Document, file(10), "not a mime", "x")
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn an_upload_meta_refuses_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(UPLOAD_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "(#131053) Media upload error", "type": "OAuthException",
            "code": 131053, "error_data": {"details": "Unsupported video codec"},
            "fbtrace_id": "AbC"}})))
        .expect(1)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .upload_media(
            &phone(),
            MediaKind::Video,
            file(1000),
            "video/mp4",
            "clip.mp4",
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Media);
    assert_eq!(err.code, Some(131053));
    assert_eq!(err.details.as_deref(), Some("Unsupported video codec"));
    assert_no_token(&err);
}

#[tokio::test]
async fn delete_media_sends_a_delete() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(INFO_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server).delete_media(&media_id()).await.unwrap();
}
