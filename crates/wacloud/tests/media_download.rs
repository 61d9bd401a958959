//! Media download against a local fake Graph API (wiremock on 127.0.0.1): the two steps, and
//! every way a download is refused (size cap, size or SHA-256 mismatch, a JSON error posing as
//! the file, an address the token must not go to).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use sha2::{Digest, Sha256};
use wacloud::media::{MB, MediaId, kind_for_mime};
use wacloud::{ErrorKind, GraphClient, GraphConfig, GraphError, MediaKind};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const MEDIA_ID: &str = "1037543291543636";
const INFO_PATH: &str = "/v24.0/1037543291543636";
const FILE_PATH: &str = "/whatsapp_business/attachments/";

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
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

// ---------------------------------------------------------------------------------------------
// Download.
// ---------------------------------------------------------------------------------------------

/// Mounts `GET /{media-id}` declaring `declared` (size, sha256, mime) and the file answer.
async fn download_server(
    mime: &str,
    declared_size: serde_json::Value,
    declared_sha: &str,
    file_response: ResponseTemplate,
    file_expected: u64,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(INFO_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "url": format!("{}{FILE_PATH}?mid={MEDIA_ID}&ext=1700000000&hash=ATs", server.uri()),
            "mime_type": mime,
            "sha256": declared_sha,
            "file_size": declared_size,
            "id": MEDIA_ID
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(FILE_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(file_response)
        .expect(file_expected)
        .mount(&server)
        .await;
    server
}

fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn file_answer(bytes: &[u8], mime: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(bytes.to_vec(), mime)
}

#[tokio::test]
async fn download_checks_size_and_sha256() {
    let bytes = file(150_000);
    let server = download_server(
        "image/jpeg",
        json!(bytes.len().to_string()),
        &sha_hex(&bytes),
        file_answer(&bytes, "image/jpeg"),
        1,
    )
    .await;
    let got = client_for(&server)
        .download_media(&media_id(), 5 * MB)
        .await
        .unwrap();
    assert_eq!(got.bytes, bytes);
    assert_eq!(got.file_size, bytes.len() as u64);
    assert_eq!(got.sha256, sha_hex(&bytes));
    assert_eq!(got.mime_type, "image/jpeg");
}

#[tokio::test]
async fn download_keeps_mime_parameters() {
    let bytes = file(4000);
    let server = download_server(
        "audio/ogg; codecs=opus",
        json!(bytes.len()),
        &sha_hex(&bytes).to_uppercase(),
        file_answer(&bytes, "audio/ogg; codecs=opus"),
        1,
    )
    .await;
    let got = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap();
    assert_eq!(got.mime_type, "audio/ogg; codecs=opus");
    assert_eq!(got.mime_essence(), "audio/ogg");
    assert_eq!(kind_for_mime(&got.mime_type), Some(MediaKind::Audio));
}

#[tokio::test]
async fn a_wrong_sha256_is_an_integrity_error() {
    let bytes = file(4000);
    let server = download_server(
        "image/png",
        json!(bytes.len()),
        &sha_hex(b"something else"),
        file_answer(&bytes, "image/png"),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Integrity);
    assert!(err.kind.is_retryable());
    assert!(err.message.contains("SHA-256"), "{err}");
    assert_no_token(&err);
}

#[tokio::test]
async fn a_truncated_download_is_an_integrity_error() {
    let bytes = file(1000);
    let server = download_server(
        "application/pdf",
        json!(1000),
        &sha_hex(&bytes),
        file_answer(&bytes[..600], "application/pdf"),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Integrity);
    assert_eq!(
        err.message,
        "the download holds 600 bytes; Meta declared 1000"
    );
}

#[tokio::test]
async fn a_json_error_posing_as_the_file_is_the_error_it_holds() {
    let error = json!({"error": {"message": "Media download error", "type": "OAuthException",
        "code": 131052, "error_data": {"details": "URL expired"}, "fbtrace_id": "Xy"}});
    let server = download_server(
        "image/jpeg",
        json!(5000),
        &sha_hex(b"x"),
        ResponseTemplate::new(200).set_body_json(error),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Media);
    assert_eq!(err.code, Some(131052));
    assert_eq!(err.details.as_deref(), Some("URL expired"));

    // The same, served as a binary type: caught by the size check, still the typed error.
    let error =
        br#"{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}"#;
    let server = download_server(
        "image/jpeg",
        json!(5000),
        &sha_hex(b"x"),
        file_answer(error, "application/octet-stream"),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Auth);
    assert_eq!(err.code, Some(190));

    // JSON without an error envelope, where an image was declared.
    let server = download_server(
        "image/jpeg",
        json!(5000),
        &sha_hex(b"x"),
        ResponseTemplate::new(200).set_body_json(json!({"hello": "world"})),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(err.message.contains("JSON instead of the file"), "{err}");
}

#[tokio::test]
async fn a_json_document_is_a_file_like_any_other() {
    let bytes = br#"{"order": 1042}"#;
    let server = download_server(
        "application/json",
        json!(bytes.len()),
        &sha_hex(bytes),
        file_answer(bytes, "application/json"),
        1,
    )
    .await;
    let got = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap();
    assert_eq!(got.bytes, bytes);
}

#[tokio::test]
async fn a_file_over_max_bytes_is_refused() {
    // Declared over the cap: the file is never asked for.
    let server = download_server(
        "video/mp4",
        json!(20 * MB),
        &sha_hex(b"x"),
        file_answer(b"never", "video/mp4"),
        0,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), 16 * MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::MediaLimit);
    assert!(!err.kind.is_retryable());

    // Declared under the cap, but the body is over it.
    let bytes = file(3000);
    let server = download_server(
        "image/png",
        json!(100),
        &sha_hex(&bytes),
        file_answer(&bytes, "image/png"),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), 2000)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::MediaLimit);

    // Under the cap, but more than declared.
    let server = download_server(
        "image/png",
        json!(100),
        &sha_hex(&bytes),
        file_answer(&bytes, "image/png"),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Integrity);
}

#[tokio::test]
async fn the_token_is_not_sent_in_clear_to_another_host() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(INFO_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "url": "http://lookaside.example.invalid/file?mid=1",
            "mime_type": "image/jpeg", "sha256": sha_hex(b"x"), "file_size": 1,
            "id": MEDIA_ID
        })))
        .expect(1)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
    assert!(err.message.contains("not https"), "{err}");
}

#[tokio::test]
async fn an_expired_download_address_is_a_typed_error() {
    let server = download_server(
        "image/jpeg",
        json!(10),
        &sha_hex(b"x"),
        ResponseTemplate::new(404).set_body_json(json!({"error": {
            "message": "Media download error", "type": "OAuthException", "code": 131052}})),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Media);
    assert_eq!(err.http_status, Some(404));
}

#[tokio::test]
async fn a_download_error_that_echoes_the_token_is_scrubbed() {
    // The media server puts the Authorization header it received into its error text.
    let echo = json!({"error": {"message": format!("Malformed access token {TOKEN}"),
        "type": "OAuthException", "code": 190, "error_data": {"details": format!("got Bearer {TOKEN}")}}});
    let server = download_server(
        "image/jpeg",
        json!(5000),
        &sha_hex(b"x"),
        ResponseTemplate::new(401).set_body_json(echo),
        1,
    )
    .await;
    let err = client_for(&server)
        .download_media(&media_id(), MB)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Auth);
    assert_no_token(&err);
    assert!(format!("{err}").contains("[REDACTED]"), "{err}");
}
