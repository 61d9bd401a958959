//! The account calls against a local fake Graph API: the phone number, the business profile,
//! the webhook subscription and its override URL; and every error code the app tells apart,
//! as it comes back through a real call.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use secrecy::SecretString;
use serde_json::json;
use wacloud::account::{BUSINESS_PROFILE_FIELDS, PHONE_NUMBER_FIELDS};
use wacloud::{ErrorKind, GraphClient, GraphConfig, GraphError, PhoneNumberId, WabaId};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const WABA: &str = "102290129340398";
const PHONE_NUMBER_ID: &str = "106540352242922";
const SUBSCRIBED_PATH: &str = "/v24.0/102290129340398/subscribed_apps";
const PHONE_PATH: &str = "/v24.0/106540352242922";

fn client_with_timeout(uri: String, timeout: Duration) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: uri,
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout,
    })
    .unwrap()
}

fn client_for(server: &MockServer) -> GraphClient {
    client_with_timeout(server.uri(), Duration::from_secs(10))
}

fn waba() -> WabaId {
    WabaId::parse(WABA).unwrap()
}

fn phone() -> PhoneNumberId {
    PhoneNumberId::parse(PHONE_NUMBER_ID).unwrap()
}

fn assert_no_token(err: &GraphError) {
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "the token leaked: {shown}");
}

#[tokio::test]
async fn phone_number_reads_the_fields_it_asks_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PHONE_PATH))
        .and(query_param("fields", PHONE_NUMBER_FIELDS))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "verified_name": "Lucky Shrub",
            "code_verification_status": "VERIFIED",
            "display_phone_number": "+1 555-078-3881",
            "quality_rating": "GREEN",
            "platform_type": "CLOUD_API",
            "throughput": {"level": "STANDARD"},
            "name_status": "APPROVED",
            "status": "CONNECTED",
            "messaging_limit_tier": "TIER_1K",
            "id": PHONE_NUMBER_ID
        })))
        .expect(1)
        .mount(&server)
        .await;
    let number = client_for(&server).phone_number(&phone()).await.unwrap();
    assert_eq!(number.id, PHONE_NUMBER_ID);
    assert_eq!(number.display_phone_number, "+1 555-078-3881");
    assert_eq!(number.verified_name, "Lucky Shrub");
    assert_eq!(number.quality_rating.as_deref(), Some("GREEN"));
    assert_eq!(number.code_verification_status.as_deref(), Some("VERIFIED"));
    assert_eq!(number.platform_type.as_deref(), Some("CLOUD_API"));
    assert_eq!(number.throughput.unwrap().level, "STANDARD");
    assert_eq!(number.messaging_limit_tier.as_deref(), Some("TIER_1K"));
}

#[tokio::test]
async fn phone_number_needs_only_the_three_basics() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PHONE_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "verified_name": "Test Number", "display_phone_number": "15550783881",
            "id": PHONE_NUMBER_ID
        })))
        .mount(&server)
        .await;
    let number = client_for(&server).phone_number(&phone()).await.unwrap();
    assert_eq!(number.verified_name, "Test Number");
    assert_eq!(number.quality_rating, None);
    assert_eq!(number.throughput, None);
}

#[tokio::test]
async fn business_profile_unwraps_data() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{PHONE_PATH}/whatsapp_business_profile")))
        .and(query_param("fields", BUSINESS_PROFILE_FIELDS))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [{
            "about": "Succulent specialists!",
            "address": "1 Hacker Way, Menlo Park, CA 94025",
            "description": "At Lucky Shrub, we specialize in providing a wide variety of succulents.",
            "email": "lucky@luckyshrub.com",
            "profile_picture_url": "https://pps.whatsapp.net/v/t61.24694-24/123.jpg",
            "websites": ["https://www.luckyshrub.com/"],
            "vertical": "RETAIL",
            "messaging_product": "whatsapp"
        }]})))
        .expect(1)
        .mount(&server)
        .await;
    let profile = client_for(&server)
        .business_profile(&phone())
        .await
        .unwrap();
    assert_eq!(profile.about.as_deref(), Some("Succulent specialists!"));
    assert_eq!(profile.email.as_deref(), Some("lucky@luckyshrub.com"));
    assert_eq!(profile.websites, ["https://www.luckyshrub.com/"]);
    assert_eq!(profile.vertical.as_deref(), Some("RETAIL"));
    assert!(
        profile
            .profile_picture_url
            .unwrap()
            .starts_with("https://pps.")
    );
}

#[tokio::test]
async fn an_empty_business_profile_answer_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{PHONE_PATH}/whatsapp_business_profile")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&server)
        .await;
    let err = client_for(&server)
        .business_profile(&phone())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
}

#[tokio::test]
async fn subscribe_app_posts_no_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SUBSCRIBED_PATH))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server).subscribe_app(&waba()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].body.is_empty());
    assert!(requests[0].headers.get("content-type").is_none());
}

#[tokio::test]
async fn override_callback_sends_the_url_and_verify_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SUBSCRIBED_PATH))
        .and(body_json(json!({
            "override_callback_uri": "https://shop-42.trycloudflare.com/webhook",
            "verify_token": "myvoiceismypassport?"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    let token: SecretString = "myvoiceismypassport?".to_owned().into();
    client_for(&server)
        .override_callback(&waba(), "https://shop-42.trycloudflare.com/webhook", &token)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_bad_callback_url_is_refused_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let token: SecretString = "t".to_owned().into();
    let long = format!("https://example.com/{}", "a".repeat(200));
    for bad in ["http://example.com/webhook", "not a url", long.as_str()] {
        let err = client
            .override_callback(&waba(), bad, &token)
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidParameter, "{bad}");
    }
    let empty: SecretString = String::new().into();
    let err = client
        .override_callback(&waba(), "https://example.com/webhook", &empty)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn subscribed_apps_reads_back_the_override() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(SUBSCRIBED_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [
            {"whatsapp_business_api_data": {
                "id": "670843887433847",
                "link": "https://www.facebook.com/games/?app_id=670843887433847",
                "name": "Lucky Shrub"},
             "override_callback_uri": "https://my-waba-alternate-callback.com/webhook"},
            {"whatsapp_business_api_data": {"id": "1111", "name": "Another app"}}
        ]})))
        .expect(1)
        .mount(&server)
        .await;
    let apps = client_for(&server).subscribed_apps(&waba()).await.unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0].id, "670843887433847");
    assert_eq!(apps[0].name, "Lucky Shrub");
    assert!(
        apps[0]
            .link
            .as_deref()
            .unwrap()
            .contains("app_id=670843887433847")
    );
    assert_eq!(
        apps[0].override_callback_uri.as_deref(),
        Some("https://my-waba-alternate-callback.com/webhook")
    );
    assert_eq!(apps[1].override_callback_uri, None);
    assert_eq!(apps[1].link, None);
}

#[test]
fn waba_ids_are_digits() {
    assert_eq!(WabaId::parse(" 102290129340398 ").unwrap().as_str(), WABA);
    for bad in ["", "12a", "1/2", "../x"] {
        assert_eq!(
            WabaId::parse(bad).unwrap_err().kind,
            ErrorKind::InvalidParameter
        );
    }
}

#[tokio::test]
async fn every_listed_error_code_comes_back_typed() {
    let cases: &[(u16, i64, ErrorKind, bool)] = &[
        (401, 190, ErrorKind::Auth, false),
        (400, 4, ErrorKind::RateLimited, true),
        (400, 80007, ErrorKind::RateLimited, true),
        (400, 130429, ErrorKind::RateLimited, true),
        (400, 131056, ErrorKind::RateLimited, true),
        (400, 131047, ErrorKind::OutsideWindow, false),
        (400, 131026, ErrorKind::RecipientUnavailable, false),
        (400, 131048, ErrorKind::SpamOrMarketingCap, false),
        (400, 131049, ErrorKind::SpamOrMarketingCap, false),
        (400, 132000, ErrorKind::Template, false),
        (400, 132001, ErrorKind::Template, false),
        (400, 132005, ErrorKind::Template, false),
        (400, 132007, ErrorKind::Template, false),
        (400, 132012, ErrorKind::Template, false),
        (400, 132015, ErrorKind::Template, false),
        (400, 131052, ErrorKind::Media, false),
        (400, 131053, ErrorKind::Media, false),
        (400, 100, ErrorKind::InvalidParameter, false),
        (400, 131008, ErrorKind::InvalidParameter, false),
        (400, 131009, ErrorKind::InvalidParameter, false),
        (500, 1, ErrorKind::Server, true),
        (503, 2, ErrorKind::Server, true),
        (500, 131000, ErrorKind::Server, true),
    ];
    let server = MockServer::start().await;
    let client = client_for(&server);
    for &(status, code, kind, retry) in cases {
        server.reset().await;
        Mock::given(method("GET"))
            .and(path(PHONE_PATH))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(json!({"error": {
                "message": "m", "type": "OAuthException", "code": code, "fbtrace_id": "T"}})),
            )
            .expect(1)
            .mount(&server)
            .await;
        let err = client.phone_number(&phone()).await.unwrap_err();
        assert_eq!(err.kind, kind, "code {code}");
        assert_eq!(err.kind.is_retryable(), retry, "code {code}");
        assert_eq!(err.code, Some(code));
        assert_eq!(err.http_status, Some(status));
        assert_no_token(&err);
        server.verify().await;
    }
    // Bare HTTP failures.
    for (status, kind) in [
        (401, ErrorKind::Auth),
        (403, ErrorKind::Auth),
        (429, ErrorKind::RateLimited),
        (502, ErrorKind::Server),
    ] {
        server.reset().await;
        Mock::given(method("GET"))
            .and(path(PHONE_PATH))
            .respond_with(ResponseTemplate::new(status).set_body_string("<html>nope</html>"))
            .mount(&server)
            .await;
        let err = client.phone_number(&phone()).await.unwrap_err();
        assert_eq!(err.kind, kind, "HTTP {status}");
    }
}

#[tokio::test]
async fn network_failures_say_a_retry_helps() {
    // Nothing listens on a port that was just released.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = client_with_timeout(format!("http://{addr}"), Duration::from_secs(5));
    let err = client.phone_number(&phone()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network);
    assert!(err.kind.is_retryable());
    assert_no_token(&err);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PHONE_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": PHONE_NUMBER_ID}))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let client = client_with_timeout(server.uri(), Duration::from_millis(300));
    let err = client.phone_number(&phone()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert!(err.kind.is_retryable());
}

#[tokio::test]
async fn a_token_meta_echoes_in_its_error_is_redacted() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PHONE_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {
                "message": format!("Malformed access token {TOKEN}"),
                "type": "OAuthException",
                "code": 190,
                "error_data": {"details": format!("token {TOKEN} cannot be parsed")},
                "fbtrace_id": "AtraceID"
            }
        })))
        .mount(&server)
        .await;
    let err = client_for(&server)
        .phone_number(&phone())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Auth);
    assert_eq!(err.message, "Malformed access token [REDACTED]");
    assert_no_token(&err);
}

#[tokio::test]
async fn phone_numbers_lists_the_account_numbers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v24.0/{WABA}/phone_numbers")))
        .and(query_param("fields", PHONE_NUMBER_FIELDS))
        .and(query_param("limit", "100"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{
                "id": PHONE_NUMBER_ID,
                "display_phone_number": "+1 555-010-0000",
                "verified_name": "Mugs & Co",
                "quality_rating": "GREEN"
            }],
            "paging": {"cursors": {"before": "QVFI", "after": "QVFI"}}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let numbers = client_for(&server).phone_numbers(&waba()).await.unwrap();
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].id, PHONE_NUMBER_ID);
    assert_eq!(numbers[0].verified_name, "Mugs & Co");
}
