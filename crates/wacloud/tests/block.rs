//! Block and unblock against a local server answering Meta's exact JSON (the shapes the sandbox's
//! fake Graph API answers too): the request body, per-user failures, a whole request refused
//! (139100 / 139101), and the limits checked before any request.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use wacloud::{ErrorKind, GraphClient, GraphConfig, PhoneNumberId, WaId};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const PATH: &str = "/v24.0/106540352242922/block_users";

fn client(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
}

fn phone() -> PhoneNumberId {
    PhoneNumberId::parse("106540352242922").unwrap()
}

fn users(ids: &[&str]) -> Vec<WaId> {
    ids.iter().map(|i| WaId::parse(i).unwrap()).collect()
}

#[tokio::test]
async fn block_posts_the_documented_body_and_reads_added_users() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "block_users": [{"user": "15550100001"}]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "block_users": {"added_users": [{"input": "15550100001", "wa_id": "15550100001"}]}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .block_users(&phone(), &users(&["15550100001"]))
        .await
        .unwrap();
    assert_eq!(outcome.done, vec!["15550100001"]);
    assert!(outcome.failed.is_empty());
}

#[tokio::test]
async fn unblock_deletes_with_the_same_body_and_reads_removed_users() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(PATH))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "block_users": [{"user": "15550100001"}]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "block_users": {"removed_users": [{"input": "15550100001", "wa_id": "15550100001"}]}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let outcome = client(&server)
        .unblock_users(&phone(), &users(&["15550100001"]))
        .await
        .unwrap();
    assert_eq!(outcome.done, vec!["15550100001"]);
}

#[tokio::test]
async fn a_user_refused_among_others_comes_back_with_its_reason() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "block_users": {
                "added_users": [{"input": "15550100001", "wa_id": "15550100001"}],
                "failed_users": [{
                    "input": "15550100000",
                    "errors": [{
                        "message": "Failed to block/unblock users",
                        "code": 139100,
                        "error_data": {"details": "This user cannot be blocked: not a WhatsApp user's number."}
                    }]
                }]
            }
        })))
        .mount(&server)
        .await;
    let outcome = client(&server)
        .block_users(&phone(), &users(&["15550100001", "15550100000"]))
        .await
        .unwrap();
    assert_eq!(outcome.done, vec!["15550100001"]);
    assert_eq!(outcome.failed.len(), 1);
    assert_eq!(outcome.failed[0].user, "15550100000");
    assert_eq!(outcome.failed[0].code, Some(139100));
    assert!(outcome.failed[0].message.contains("cannot be blocked"));
}

#[tokio::test]
async fn a_refused_request_is_a_typed_error_with_metas_code() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {
                "message": "Blocklist limit reached",
                "type": "OAuthException",
                "code": 139101,
                "error_data": {"messaging_product": "whatsapp", "details": "The blocklist holds at most 64000 users: unblock some first."},
                "fbtrace_id": "SANDBOX"
            }
        })))
        .mount(&server)
        .await;
    let e = client(&server)
        .block_users(&phone(), &users(&["15550100001"]))
        .await
        .unwrap_err();
    assert_eq!(e.code, Some(wacloud::block::BLOCKLIST_FULL));
    assert_eq!(e.http_status, Some(400));
    assert!(e.details.unwrap().contains("64000"));
}

#[tokio::test]
async fn more_than_a_thousand_users_are_refused_before_any_request() {
    let server = MockServer::start().await;
    let many: Vec<WaId> = (0..1001)
        .map(|i| WaId::parse(&format!("1555{:07}", i)).unwrap())
        .collect();
    let e = client(&server)
        .block_users(&phone(), &many)
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidParameter);
    let e = client(&server)
        .block_users(&phone(), &[])
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidParameter);
    assert!(server.received_requests().await.unwrap().is_empty());
}
