//! The fake's `block_users`: its exact JSON (the same the client's wiremock tests pin), the
//! business's own number refused per user and as a whole, and a blocked user's messages refused.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use wacloud::send::{Content, OutgoingMessage};
use wacloud::{ErrorKind, WaId};

mod support;

use fake_graph::SANDBOX_ACCESS_TOKEN;
use support::{phone, start};

#[tokio::test]
async fn block_and_unblock_answer_metas_json() {
    let f = start().await;
    let url = f.url(&format!("{}/block_users", phone().as_str()));
    let body = json!({"messaging_product": "whatsapp", "block_users": [{"user": "15550100001"}, {"user": "15550100000"}]});
    let answer: Value = f
        .http
        .post(&url)
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        answer,
        json!({
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
        })
    );
    let answer: Value = f
        .http
        .delete(&url)
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .json(&json!({"messaging_product": "whatsapp", "block_users": [{"user": "15550100001"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        answer,
        json!({"messaging_product": "whatsapp", "block_users": {"removed_users": [{"input": "15550100001", "wa_id": "15550100001"}]}})
    );
}

#[tokio::test]
async fn a_request_where_every_user_fails_is_refused_with_139100() {
    let f = start().await;
    let e = f
        .client
        .block_users(&phone(), &[WaId::parse("15550100000").unwrap()])
        .await
        .unwrap_err();
    assert_eq!(e.code, Some(139100));
    assert_eq!(e.http_status, Some(400));
}

#[tokio::test]
async fn a_blocked_user_cannot_be_messaged_until_unblocked() {
    let f = start().await;
    let ana = WaId::parse("15550100001").unwrap();
    let done = f
        .client
        .block_users(&phone(), std::slice::from_ref(&ana))
        .await
        .unwrap();
    assert_eq!(done.done, vec!["15550100001"]);
    let message = OutgoingMessage::new(ana.clone(), Content::text("Hello", false));
    let e = f.client.send_message(&phone(), &message).await.unwrap_err();
    assert_eq!(e.code, Some(131026));
    assert_eq!(e.kind, ErrorKind::RecipientUnavailable);
    f.client.unblock_users(&phone(), &[ana]).await.unwrap();
    f.client.send_message(&phone(), &message).await.unwrap();
}
