//! The Graph client against a local fake (wiremock on 127.0.0.1): what it puts on the wire, and
//! how every kind of failure comes back as a typed `GraphError`.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::json;
use wacloud::send::{Content, OutgoingMessage};
use wacloud::{ErrorKind, GraphClient, GraphConfig, GraphError, PhoneNumberId, WaId, Wamid};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const PHONE_NUMBER_ID: &str = "106540352242922";
const MESSAGES_PATH: &str = "/v24.0/106540352242922/messages";
const CUSTOMER: &str = "16505551234";
const SENT_WAMID: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QTlFRDYA";
const REPLIED_TO: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM4RUFCMQA=";

fn config(base_url: String, timeout: Duration) -> GraphConfig {
    GraphConfig {
        base_url,
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout,
    }
}

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(config(server.uri(), Duration::from_secs(10))).unwrap()
}

fn phone_number_id() -> PhoneNumberId {
    PhoneNumberId::parse(PHONE_NUMBER_ID).unwrap()
}

fn hello() -> OutgoingMessage {
    OutgoingMessage::new(
        WaId::parse(CUSTOMER).unwrap(),
        Content::text("Hello", false),
    )
}

fn sent_answer() -> serde_json::Value {
    json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
        "messages": [{"id": SENT_WAMID, "message_status": "accepted"}]
    })
}

/// Sends `hello()` to a server that answers every POST with `response`.
async fn send_against(response: ResponseTemplate) -> GraphError {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .send_message(&phone_number_id(), &hello())
        .await
        .unwrap_err();
    assert_no_token(&err);
    err
}

fn assert_no_token(err: &GraphError) {
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains(TOKEN),
        "the access token leaked into an error: {shown}"
    );
}

// ---------------------------------------------------------------------------------------------
// What goes on the wire.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn callback_data_goes_on_the_wire_at_the_top_level() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": CUSTOMER,
            "biz_opaque_callback_data": "shopchat:7",
            "type": "text",
            "text": {"body": "Hello", "preview_url": false}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(sent_answer()))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server)
        .send_message(
            &phone_number_id(),
            &hello().with_callback_data("shopchat:7"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn sends_a_text_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": CUSTOMER,
            "type": "text",
            "text": {"body": "Hello", "preview_url": false}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(sent_answer()))
        .expect(1)
        .mount(&server)
        .await;

    let sent = client_for(&server)
        .send_message(&phone_number_id(), &hello())
        .await
        .unwrap();
    assert_eq!(sent.messages.len(), 1);
    assert_eq!(sent.messages[0].id, Wamid::parse(SENT_WAMID).unwrap());
    assert_eq!(sent.messages[0].message_status.as_deref(), Some("accepted"));
    assert_eq!(sent.messaging_product.as_deref(), Some("whatsapp"));
    assert_eq!(sent.contacts[0].input, CUSTOMER);
    assert_eq!(sent.contacts[0].wa_id, CUSTOMER);
    server.verify().await;
}

#[tokio::test]
async fn sends_a_text_reply() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": CUSTOMER,
            "context": {"message_id": REPLIED_TO},
            "type": "text",
            "text": {"body": "Yes, see https://example.com/blue-mug", "preview_url": true}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(sent_answer()))
        .expect(1)
        .mount(&server)
        .await;

    let reply = OutgoingMessage::new(
        WaId::parse("+1 (650) 555-1234").unwrap(),
        Content::text("Yes, see https://example.com/blue-mug", true),
    )
    .replying_to(Wamid::parse(REPLIED_TO).unwrap());
    let sent = client_for(&server)
        .send_message(&phone_number_id(), &reply)
        .await
        .unwrap();
    assert_eq!(sent.messages[0].id.as_str(), SENT_WAMID);
    server.verify().await;
}

#[tokio::test]
async fn base_url_with_a_trailing_slash_or_a_prefix() {
    for (prefix, expected_path) in [
        ("/", MESSAGES_PATH.to_owned()),
        ("/graph", format!("/graph{MESSAGES_PATH}")),
        ("/graph/", format!("/graph{MESSAGES_PATH}")),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(expected_path.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(sent_answer()))
            .expect(1)
            .mount(&server)
            .await;
        let client = GraphClient::new(config(
            format!("{}{prefix}", server.uri()),
            Duration::from_secs(10),
        ))
        .unwrap();
        let sent = client.send_message(&phone_number_id(), &hello()).await;
        assert!(sent.is_ok(), "{prefix:?}: {sent:?}");
        server.verify().await;
    }
}

#[test]
fn refuses_a_bad_configuration() {
    for (base, version) in [
        ("not a url", "v24.0"),
        ("ftp://127.0.0.1:21", "v24.0"),
        ("http://127.0.0.1:9", ""),
        ("http://127.0.0.1:9", "v24.0/extra"),
    ] {
        let mut c = config(base.to_owned(), Duration::from_secs(1));
        c.api_version = version.to_owned();
        let err = GraphClient::new(c).unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::InvalidParameter,
            "{base:?} {version:?}"
        );
        assert_eq!(err.http_status, None);
    }
}

// ---------------------------------------------------------------------------------------------
// Graph errors.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn outside_the_window_400() {
    let err = send_against(ResponseTemplate::new(400).set_body_json(json!({
        "error": {
            "message": "(#131047) Re-engagement message",
            "type": "OAuthException",
            "code": 131047,
            "error_data": {
                "messaging_product": "whatsapp",
                "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."
            },
            "error_subcode": 2494010,
            "fbtrace_id": "AZ9xZ1Yh4dq8y2fG0W7b3cK"
        }
    })))
    .await;
    assert_eq!(err.kind, ErrorKind::OutsideWindow);
    assert!(!err.kind.is_retryable());
    assert_eq!(err.http_status, Some(400));
    assert_eq!(err.code, Some(131047));
    assert_eq!(err.subcode, Some(2494010));
    assert_eq!(err.title, "OAuthException");
    assert_eq!(err.message, "(#131047) Re-engagement message");
    assert_eq!(
        err.details.as_deref(),
        Some(
            "Message failed to send because more than 24 hours have passed since the customer last replied to this number."
        )
    );
    assert_eq!(err.fbtrace_id.as_deref(), Some("AZ9xZ1Yh4dq8y2fG0W7b3cK"));
    assert_eq!(err.retry_after_secs, None);
}

#[tokio::test]
async fn expired_token_401() {
    let err = send_against(ResponseTemplate::new(401).set_body_json(json!({
        "error": {
            "message": "Error validating access token: Session has expired on Tuesday, 10-Jun-25 04:00:00 PDT. The current time is Tuesday, 10-Jun-25 04:12:40 PDT.",
            "type": "OAuthException",
            "code": 190,
            "error_subcode": 463,
            "fbtrace_id": "A6YaPq3nq2bW5cFZ0kzLh1e"
        }
    })))
    .await;
    assert_eq!(err.kind, ErrorKind::Auth);
    assert!(!err.kind.is_retryable());
    assert_eq!(err.http_status, Some(401));
    assert_eq!(err.code, Some(190));
    assert_eq!(err.subcode, Some(463));
    assert_eq!(err.title, "OAuthException");
    assert!(err.message.starts_with("Error validating access token"));
    assert_eq!(err.details, None);
    assert_eq!(err.fbtrace_id.as_deref(), Some("A6YaPq3nq2bW5cFZ0kzLh1e"));
}

#[tokio::test]
async fn rate_limited_429_with_retry_after() {
    let err = send_against(
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "3")
            .set_body_json(json!({
                "error": {
                    "message": "(#130429) Rate limit hit",
                    "type": "OAuthException",
                    "code": 130429,
                    "error_data": {
                        "messaging_product": "whatsapp",
                        "details": "Cloud API message throughput has been reached."
                    },
                    "fbtrace_id": "AhX0kq1yE1b3uP9Yb2c7dQe"
                }
            })),
    )
    .await;
    assert_eq!(err.kind, ErrorKind::RateLimited);
    assert!(err.kind.is_retryable());
    assert_eq!(err.http_status, Some(429));
    assert_eq!(err.code, Some(130429));
    assert_eq!(err.retry_after_secs, Some(3));
    assert_eq!(
        err.details.as_deref(),
        Some("Cloud API message throughput has been reached.")
    );
}

#[tokio::test]
async fn rate_limited_429_without_a_graph_body() {
    let err = send_against(ResponseTemplate::new(429).insert_header("Retry-After", " 3 ")).await;
    assert_eq!(err.kind, ErrorKind::RateLimited);
    assert_eq!(err.code, None);
    assert_eq!(err.retry_after_secs, Some(3));
}

#[tokio::test]
async fn server_error_503_with_html() {
    let html = "<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>";
    let err =
        send_against(ResponseTemplate::new(503).set_body_raw(html, "text/html; charset=utf-8"))
            .await;
    assert_eq!(err.kind, ErrorKind::Server);
    assert!(err.kind.is_retryable());
    assert_eq!(err.http_status, Some(503));
    assert_eq!(err.code, None);
    assert_eq!(err.subcode, None);
    assert_eq!(err.fbtrace_id, None);
    assert_eq!(err.message, "HTTP 503");
    assert_eq!(err.details.as_deref(), Some(html));
    assert_eq!(err.retry_after_secs, None);
}

#[tokio::test]
async fn error_user_title_is_preferred_as_the_title() {
    let err = send_against(ResponseTemplate::new(400).set_body_json(json!({
        "error": {
            "message": "(#131026) Message undeliverable",
            "type": "OAuthException",
            "code": 131026,
            "error_user_title": "Message Undeliverable",
            "error_data": {"messaging_product": "whatsapp", "details": "Message Undeliverable."},
            "fbtrace_id": "B1c2D3e4F5"
        }
    })))
    .await;
    assert_eq!(err.kind, ErrorKind::RecipientUnavailable);
    assert_eq!(err.title, "Message Undeliverable");
}

// ---------------------------------------------------------------------------------------------
// Failures with no usable answer.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_200_that_is_not_json_is_a_decode_error() {
    let err =
        send_against(ResponseTemplate::new(200).set_body_raw("<html>OK</html>", "text/html")).await;
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(!err.kind.is_retryable());
    assert_eq!(err.http_status, Some(200));
    assert_eq!(err.code, None);
    // Meta said yes before the answer went wrong: the message may be on its way.
    assert!(err.may_have_been_delivered());
}

#[tokio::test]
async fn a_200_without_a_message_id_is_a_decode_error() {
    let err = send_against(ResponseTemplate::new(200).set_body_json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
        "messages": []
    })))
    .await;
    assert_eq!(err.kind, ErrorKind::Decode);
    assert!(err.may_have_been_delivered());
}

/// Sends `hello()` to whatever listens (or not) on 127.0.0.1:`port`; the error it ends with.
async fn send_to_port(port: u16) -> GraphError {
    let client = GraphClient::new(config(
        format!("http://127.0.0.1:{port}"),
        Duration::from_secs(5),
    ))
    .unwrap();
    client
        .send_message(&phone_number_id(), &hello())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_closed_port_is_a_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let err = send_to_port(port).await;
    assert_eq!(err.kind, ErrorKind::Network, "{err:?}");
    assert!(err.kind.is_retryable());
    assert!(!err.may_have_been_delivered());
    assert_eq!(err.http_status, None);
    assert_no_token(&err);
}

#[tokio::test]
async fn a_connection_cut_after_the_request_is_interrupted_and_uncertain() {
    use std::io::Read;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut socket in listener.incoming().flatten() {
            // Read the request up to its text, then hang up without a word.
            let mut buf = [0u8; 16 * 1024];
            let mut seen = Vec::new();
            while let Ok(n) = socket.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buf[..n]);
                if seen.windows(7).any(|w| w == b"\"Hello\"") {
                    break;
                }
            }
            drop(socket);
        }
    });
    let err = send_to_port(port).await;
    assert_eq!(err.kind, ErrorKind::Interrupted, "{err:?}");
    assert!(err.may_have_been_delivered());
    assert_no_token(&err);
}

#[tokio::test]
async fn a_slow_server_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MESSAGES_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sent_answer())
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = GraphClient::new(config(server.uri(), Duration::from_millis(300))).unwrap();
    let started = std::time::Instant::now();
    let err = client
        .send_message(&phone_number_id(), &hello())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout, "{err:?}");
    assert!(err.kind.is_retryable());
    assert!(err.may_have_been_delivered());
    assert_eq!(err.http_status, None);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert_no_token(&err);
}
