//! A wiremock Graph API's answers, and status webhooks as Meta sends them.

use fake_graph::payloads;
use serde_json::json;
use shopchat_core::config::{Mode, OutboxSettings};
use wiremock::{MockServer, ResponseTemplate};

use crate::{CUSTOMER, PHONE_NUMBER_ID, TestEngine, WABA_ID, fast_outbox, live_settings};

/// Where the engine sends messages for [`PHONE_NUMBER_ID`].
pub const SEND_PATH: &str = "/v24.0/106540352242922/messages";

/// The Graph API's answer to a send.
pub fn accepted(wamid: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
        "messages": [{"id": wamid}],
    }))
}

/// A Graph API error answer.
pub fn graph_error(status: u16, code: i64, message: &str, details: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": {
        "message": message, "type": "OAuthException", "code": code,
        "error_data": {"messaging_product": "whatsapp", "details": details}, "fbtrace_id": "AbCdEf"}}))
}

/// A wiremock Graph API and a live engine pointed at it.
pub async fn live() -> (MockServer, TestEngine) {
    let graph = MockServer::start().await;
    let engine = engine_for(&graph, fast_outbox()).await;
    (graph, engine)
}

/// A live engine pointed at `graph`, with these outbox settings.
pub async fn engine_for(graph: &MockServer, outbox: OutboxSettings) -> TestEngine {
    TestEngine::start(Mode::Live(live_settings(&graph.uri())), outbox).await
}

/// A status webhook for a message to [`CUSTOMER`].
pub fn status_body(wamid: &str, status: &str) -> serde_json::Value {
    payloads::status(
        WABA_ID,
        PHONE_NUMBER_ID,
        wamid,
        CUSTOMER,
        status,
        1_700_000_100,
        None,
    )
}
