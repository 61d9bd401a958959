//! Templates: parsing real-looking `message_templates` answers (positional, named, buttons with
//! variables, kinds this crate does not know), what a send needs, and the list (three pages),
//! create and delete calls against a local fake Graph API.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use serde_json::{Value, json};
use wacloud::send::TemplateButtonKind;
use wacloud::templates::{
    ButtonKind, ButtonParameter, Component, ComponentKind, HeaderFormat, HeaderParameter,
    NewTemplate, ParameterFormat, Template, TemplateCategory, TemplateParameters, TemplateStatus,
};
use wacloud::{ErrorKind, GraphClient, GraphConfig, WabaId};
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAGtestTOKEN0123456789abcdef";
const WABA: &str = "102290129340398";
const TEMPLATES_PATH: &str = "/v24.0/102290129340398/message_templates";

fn client_for(server: &MockServer) -> GraphClient {
    GraphClient::new(GraphConfig {
        base_url: server.uri(),
        api_version: "v24.0".to_owned(),
        access_token: TOKEN.to_owned().into(),
        timeout: Duration::from_secs(10),
    })
    .unwrap()
}

fn waba() -> WabaId {
    WabaId::parse(WABA).unwrap()
}

/// A positional marketing template with a text header variable, three body variables, and one
/// button of each common kind.
fn positional() -> Value {
    json!({
        "name": "summer_sale",
        "parameter_format": "POSITIONAL",
        "components": [
            {"type": "HEADER", "format": "TEXT", "text": "Our {{1}} is on!",
             "example": {"header_text": ["Summer Sale"]}},
            {"type": "BODY",
             "text": "Shop now through {{1}} and use code {{2}} to get {{3}} off of all merchandise.",
             "example": {"body_text": [["the end of August", "25OFF", "25%"]]}},
            {"type": "FOOTER", "text": "Use the buttons below to manage your marketing subscriptions"},
            {"type": "BUTTONS", "buttons": [
                {"type": "QUICK_REPLY", "text": "Unsubscribe from Promos"},
                {"type": "URL", "text": "Shop", "url": "https://shop.example.com/sale/{{1}}",
                 "example": ["https://shop.example.com/sale/summer"]},
                {"type": "URL", "text": "Home", "url": "https://shop.example.com/"},
                {"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+15550783881"},
                {"type": "COPY_CODE", "example": "25OFF"}
            ]}
        ],
        "language": "en_US",
        "status": "APPROVED",
        "category": "MARKETING",
        "id": "1192339204654487"
    })
}

/// A named utility template with an image header.
fn named() -> Value {
    json!({
        "name": "order_confirmation",
        "parameter_format": "NAMED",
        "components": [
            {"type": "HEADER", "format": "IMAGE",
             "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARa..."]}},
            {"type": "BODY",
             "text": "Thank you, {{customer_name}}! Your order {{order_number}} ships {{ship_date}}. Questions, {{customer_name}}? Reply here.",
             "example": {"body_text_named_params": [
                {"param_name": "customer_name", "example": "Pablo"},
                {"param_name": "order_number", "example": "860198-230332"},
                {"param_name": "ship_date", "example": "tomorrow"}
             ]}}
        ],
        "language": "es",
        "status": "PENDING",
        "category": "UTILITY",
        "id": "1627019861106475"
    })
}

/// A template with a component, a header format and a button type this crate does not know,
/// and a status Meta added later.
fn unknown_parts() -> Value {
    json!({
        "name": "spring_catalog",
        "components": [
            {"type": "HEADER", "format": "PRODUCT"},
            {"type": "BODY", "text": "Hi {{first_name}}, have a look."},
            {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE"}]}]},
            {"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Ends soon", "has_expiration": true}},
            {"type": "BUTTONS", "buttons": [
                {"type": "CATALOG", "text": "View catalog"},
                {"type": "FLOW", "text": "Book", "flow_id": "123", "flow_action": "navigate",
                 "navigate_screen": "START"}
            ]}
        ],
        "language": "en",
        "status": "IN_APPEAL",
        "category": "MARKETING",
        "id": "555"
    })
}

/// An authentication template with a one-time-passcode button.
fn authentication() -> Value {
    json!({
        "name": "login_code",
        "components": [
            {"type": "BODY", "text": "*{{1}}* is your verification code.",
             "add_security_recommendation": true},
            {"type": "FOOTER", "text": "This code expires in 10 minutes.", "code_expiration_minutes": 10},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}
        ],
        "language": "en_US",
        "status": "APPROVED",
        "category": "AUTHENTICATION",
        "id": "777"
    })
}

fn parse(v: Value) -> Template {
    serde_json::from_value(v).unwrap()
}

#[test]
fn a_positional_template() {
    let t = parse(positional());
    assert_eq!(t.id, "1192339204654487");
    assert_eq!(t.name, "summer_sale");
    assert_eq!(t.language, "en_US");
    assert_eq!(t.status, TemplateStatus::Approved);
    assert!(t.status.is_sendable());
    assert_eq!(t.category, Some(TemplateCategory::Marketing));
    assert_eq!(t.parameter_format, Some(ParameterFormat::Positional));
    assert_eq!(t.body_parameters(), TemplateParameters::Positional(3));
    assert_eq!(
        t.header_parameter(),
        Some(HeaderParameter::Text { name: None })
    );
    let header = t.header().unwrap();
    assert_eq!(header.format, Some(HeaderFormat::Text));
    assert_eq!(
        header.example.as_ref().unwrap().header_text,
        ["Summer Sale"]
    );
    assert_eq!(
        t.body().unwrap().example.as_ref().unwrap().body_text,
        [["the end of August", "25OFF", "25%"]]
    );
    assert!(
        t.footer()
            .unwrap()
            .text
            .as_deref()
            .unwrap()
            .starts_with("Use the buttons")
    );
    let buttons = t.buttons();
    assert_eq!(buttons.len(), 5);
    assert_eq!(buttons[3].phone_number.as_deref(), Some("+15550783881"));
    assert_eq!(buttons[4].example, ["25OFF"]);
    assert_eq!(
        t.buttons_needing_parameters(),
        [
            ButtonParameter {
                index: 1,
                kind: ButtonKind::Url,
                sub_type: TemplateButtonKind::Url
            },
            ButtonParameter {
                index: 4,
                kind: ButtonKind::CopyCode,
                sub_type: TemplateButtonKind::CopyCode
            },
        ]
    );
    assert!(!t.has_unknown_components());
}

#[test]
fn a_named_template() {
    let t = parse(named());
    assert_eq!(t.status, TemplateStatus::Pending);
    assert!(!t.status.is_sendable());
    assert_eq!(
        t.body_parameters(),
        TemplateParameters::Named(vec![
            "customer_name".into(),
            "order_number".into(),
            "ship_date".into()
        ])
    );
    assert_eq!(t.body_parameters().len(), 3);
    assert_eq!(t.header_parameter(), Some(HeaderParameter::Image));
    let example = t.body().unwrap().example.as_ref().unwrap();
    assert_eq!(example.body_text_named_params[1].param_name, "order_number");
    assert_eq!(example.body_text_named_params[1].example, "860198-230332");
    assert!(t.buttons().is_empty());
    assert!(t.buttons_needing_parameters().is_empty());
}

#[test]
fn unknown_kinds_are_kept_not_fatal() {
    let original = unknown_parts();
    let t = parse(original.clone());
    assert_eq!(t.status, TemplateStatus::Unknown("IN_APPEAL".into()));
    assert_eq!(t.status.as_str(), "IN_APPEAL");
    assert!(t.has_unknown_components());
    assert_eq!(
        t.components[2].kind,
        ComponentKind::Unknown("CAROUSEL".into())
    );
    assert!(t.components[2].extra.contains_key("cards"));
    assert_eq!(
        t.header_parameter(),
        Some(HeaderParameter::Other {
            format: "PRODUCT".into()
        })
    );
    // No parameter_format, but named variables: read as named.
    assert_eq!(
        t.body_parameters(),
        TemplateParameters::Named(vec!["first_name".into()])
    );
    assert_eq!(t.buttons()[0].kind, ButtonKind::Unknown("CATALOG".into()));
    assert_eq!(t.buttons()[1].kind, ButtonKind::Flow);
    assert_eq!(t.buttons()[1].extra["flow_id"], "123");
    assert!(t.buttons_needing_parameters().is_empty());
    // Nothing is lost: it serialises back to what Meta sent.
    assert_eq!(serde_json::to_value(&t).unwrap(), original);
}

#[test]
fn an_authentication_template_needs_the_code_in_its_otp_button() {
    let t = parse(authentication());
    assert_eq!(t.category, Some(TemplateCategory::Authentication));
    assert_eq!(t.body_parameters(), TemplateParameters::Positional(1));
    assert_eq!(t.header_parameter(), None);
    assert_eq!(
        t.buttons_needing_parameters(),
        [ButtonParameter {
            index: 0,
            kind: ButtonKind::Otp,
            sub_type: TemplateButtonKind::Url
        }]
    );
    assert_eq!(t.buttons()[0].extra["otp_type"], "COPY_CODE");
    assert_eq!(t.footer().unwrap().extra["code_expiration_minutes"], 10);
}

#[tokio::test]
async fn list_templates_follows_every_page() {
    let server = MockServer::start().await;
    let page = |data: Vec<Value>, after: &str, next: bool| {
        let mut paging = json!({"cursors": {"before": "QVFIUb", "after": after}});
        if next {
            paging["next"] = json!(format!(
                "https://graph.facebook.com/v24.0/{WABA}/message_templates?limit=100&after={after}"
            ));
        }
        ResponseTemplate::new(200).set_body_json(json!({"data": data, "paging": paging}))
    };
    Mock::given(method("GET"))
        .and(path(TEMPLATES_PATH))
        .and(query_param("limit", "100"))
        .and(query_param_is_missing("after"))
        .respond_with(page(vec![positional(), named()], "QVFIUcursor1", true))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(TEMPLATES_PATH))
        .and(query_param("limit", "100"))
        .and(query_param("after", "QVFIUcursor1"))
        .respond_with(page(vec![unknown_parts()], "QVFIUcursor2", true))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(TEMPLATES_PATH))
        .and(query_param("limit", "100"))
        .and(query_param("after", "QVFIUcursor2"))
        .respond_with(page(vec![authentication()], "QVFIUcursor3", false))
        .expect(1)
        .mount(&server)
        .await;
    let templates = client_for(&server).list_templates(&waba()).await.unwrap();
    let names: Vec<_> = templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "summer_sale",
            "order_confirmation",
            "spring_catalog",
            "login_code"
        ]
    );
}

#[tokio::test]
async fn a_paging_loop_is_an_error_not_a_hang() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(TEMPLATES_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [], "paging": {"cursors": {"after": "same"}, "next": "https://graph.facebook.com/x"}
        })))
        .expect(2)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .list_templates(&waba())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Decode);
}

#[tokio::test]
async fn create_template_posts_the_definition() {
    let server = MockServer::start().await;
    let new = NewTemplate {
        name: "order_confirmation".into(),
        language: "en_US".into(),
        category: TemplateCategory::Utility,
        parameter_format: Some(ParameterFormat::Named),
        allow_category_change: None,
        components: parse(named()).components,
    };
    let mut expected = json!({
        "name": "order_confirmation",
        "language": "en_US",
        "category": "UTILITY",
        "parameter_format": "NAMED",
    });
    expected["components"] = named()["components"].clone();
    Mock::given(method("POST"))
        .and(path(TEMPLATES_PATH))
        .and(body_json(expected))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "1627019861106475", "status": "PENDING", "category": "UTILITY"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let created = client_for(&server)
        .create_template(&waba(), &new)
        .await
        .unwrap();
    assert_eq!(created.id, "1627019861106475");
    assert_eq!(created.status, TemplateStatus::Pending);
    assert_eq!(created.category, TemplateCategory::Utility);
}

#[tokio::test]
async fn a_bad_template_name_is_refused_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let new = NewTemplate {
        name: "Order Confirmation".into(),
        language: "en_US".into(),
        category: TemplateCategory::Utility,
        parameter_format: None,
        allow_category_change: Some(true),
        components: vec![Component {
            kind: ComponentKind::Body,
            format: None,
            text: Some("Hello".into()),
            example: None,
            buttons: vec![],
            extra: Default::default(),
        }],
    };
    let err = client.create_template(&waba(), &new).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
    let err = client
        .delete_template(&waba(), "bad name&x=1", None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn delete_template_by_name_and_id() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(TEMPLATES_PATH))
        .and(query_param("name", "summer_sale"))
        .and(query_param("hsm_id", "1192339204654487"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(TEMPLATES_PATH))
        .and(query_param("name", "login_code"))
        .and(query_param_is_missing("hsm_id"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": false})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);
    client
        .delete_template(&waba(), "summer_sale", Some("1192339204654487"))
        .await
        .unwrap();
    let err = client
        .delete_template(&waba(), "login_code", None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Other);
}

#[tokio::test]
async fn a_template_error_is_typed() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TEMPLATES_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": {
            "message": "Invalid parameter", "type": "OAuthException", "code": 100,
            "error_subcode": 2388023,
            "error_user_title": "Message template language is being deleted",
            "fbtrace_id": "Az"}})))
        .expect(1)
        .mount(&server)
        .await;
    let new = NewTemplate {
        name: "summer_sale".into(),
        language: "en_US".into(),
        category: TemplateCategory::Marketing,
        parameter_format: None,
        allow_category_change: None,
        components: parse(positional()).components,
    };
    let err = client_for(&server)
        .create_template(&waba(), &new)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidParameter);
    assert_eq!(err.subcode, Some(2388023));
    assert_eq!(err.title, "Message template language is being deleted");
}
