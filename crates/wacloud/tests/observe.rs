//! The observer hears of every request with its endpoint's name (never an id) and its
//! duration, error answers included.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use wacloud::send::{Content, OutgoingMessage};
use wacloud::{Endpoint, GraphClient, GraphConfig, GraphObserver, PhoneNumberId, WaId, WabaId};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Default)]
struct Heard(Mutex<Vec<(Endpoint, Duration)>>);

impl GraphObserver for Heard {
    fn request_finished(&self, endpoint: Endpoint, elapsed: Duration) {
        self.0.lock().unwrap().push((endpoint, elapsed));
    }
}

#[tokio::test]
async fn every_request_is_reported_with_its_endpoint_and_duration() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v24.0/106540352242922/messages"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(30))
                .set_body_json(json!({"messaging_product": "whatsapp",
                    "contacts": [{"input": "15550100001", "wa_id": "15550100001"}],
                    "messages": [{"id": "wamid.OBSERVED"}]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v24.0/102290129340398/message_templates"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"error": {
            "message": "oops", "type": "OAuthException", "code": 2}})))
        .mount(&server)
        .await;
    let heard = Arc::new(Heard::default());
    let client = GraphClient::new(GraphConfig {
        base_url: server.uri(),
        ..GraphConfig::new("EAAGtoken".to_owned().into())
    })
    .unwrap()
    .with_observer(heard.clone());
    let phone = PhoneNumberId::parse("106540352242922").unwrap();
    let to = WaId::parse("15550100001").unwrap();
    client
        .send_message(
            &phone,
            &OutgoingMessage::new(to, Content::text("Hi", false)),
        )
        .await
        .unwrap();
    let waba = WabaId::parse("102290129340398").unwrap();
    assert!(client.list_templates(&waba).await.is_err());

    let heard = heard.0.lock().unwrap().clone();
    let endpoints: Vec<&str> = heard.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(endpoints, ["messages", "templates"]);
    assert!(heard[0].1 >= Duration::from_millis(30), "{heard:?}");
}
