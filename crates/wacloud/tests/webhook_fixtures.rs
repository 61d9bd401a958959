//! Every payload in `tests/fixtures/webhooks/` (one per inbound message type, status kind and
//! webhook field, in the shapes Meta documents) parsed through the public API, with the parsed
//! values checked: messages in `webhook_fixtures/messages.rs`, statuses in `statuses.rs`, other
//! fields in `fields.rs`; the helpers and the whole-directory checks here.

#![allow(clippy::unwrap_used)]

mod webhook_fixtures {
    pub mod fields;
    pub mod messages;
    pub mod statuses;
}

use std::collections::BTreeSet;
use std::path::PathBuf;

use wacloud::webhook::{ChangeValue, Entry, InboundMessage, MessagesValue, Notification, Status};

/// The account every fixture is addressed to.
pub const WABA_ID: &str = "102290129340398";
/// The business number's Graph id.
pub const PHONE_NUMBER_ID: &str = "106540352242922";
/// The customer.
pub const SHEENA: &str = "16505551234";
/// The customer's business-scoped user id.
pub const SHEENA_BSUID: &str = "US.13491208655302741918";
/// The business's message that replies, reactions and statuses refer to.
pub const OUT_MSG: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QTlFRDYA";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/webhooks")
}

fn all_fixtures() -> BTreeSet<String> {
    std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect()
}

/// The fixture's notification, checked for the envelope every fixture shares.
pub fn load(name: &str) -> Notification {
    let bytes = std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let n = Notification::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(n.object, "whatsapp_business_account", "{name}");
    assert_eq!(n.entry.len(), 1, "{name}");
    assert_eq!(n.entry[0].id, WABA_ID, "{name}");
    assert_eq!(n.entry[0].changes.len(), 1, "{name}");
    n
}

/// The single entry of a fixture.
pub fn entry(name: &str) -> Entry {
    load(name).entry.remove(0)
}

/// The typed value of a fixture's single change.
pub fn value(name: &str) -> ChangeValue {
    entry(name).changes[0].parse_value()
}

/// The `messages` value of a fixture, through both `parse_value` and `messages_value`.
pub fn messages(name: &str) -> MessagesValue {
    let e = entry(name);
    assert!(e.time.is_none(), "{name}: messages entries carry no time");
    let change = &e.changes[0];
    assert!(change.messages_value().unwrap().is_ok(), "{name}");
    match change.parse_value() {
        ChangeValue::Messages(v) => {
            assert_eq!(v.metadata.phone_number_id, PHONE_NUMBER_ID, "{name}");
            v
        }
        other => panic!("{name}: {other:?}"),
    }
}

/// The single inbound message of a fixture.
pub fn message(name: &str) -> InboundMessage {
    let v = messages(name);
    assert_eq!(v.messages.len(), 1, "{name}");
    assert!(v.statuses.is_empty(), "{name}");
    InboundMessage::parse(&v.messages[0]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The single status of a fixture.
pub fn status(name: &str) -> Status {
    let v = messages(name);
    assert_eq!(v.statuses.len(), 1, "{name}");
    assert!(v.messages.is_empty(), "{name}");
    Status::parse(&v.statuses[0]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn every_fixture_parses_and_is_typed_except_the_odd_ones() {
    let names = all_fixtures();
    assert!(names.len() >= 60, "{} fixtures", names.len());
    let mut fields = BTreeSet::new();
    for name in &names {
        let e = entry(name);
        let change = &e.changes[0];
        let v = change.parse_value();
        assert_eq!(v.field(), change.field, "{name}");
        let odd = name == "field_unknown.json" || name == "field_account_update_bad_value.json";
        assert_eq!(v.is_typed(), !odd, "{name}");
        fields.insert(change.field.clone());
        // `messages_value` agrees with `parse_value` on which changes are messages.
        assert_eq!(
            change.messages_value().is_some(),
            change.field == "messages",
            "{name}"
        );
    }
    let expected = [
        "account_alerts",
        "account_review_update",
        "account_update",
        "business_capability_update",
        "history",
        "message_template_quality_update",
        "message_template_status_update",
        "messages",
        "phone_number_name_update",
        "phone_number_quality_update",
        "security",
        "smb_message_echoes",
        "some_future_field",
        "template_category_update",
        "user_preferences",
    ];
    assert_eq!(fields, expected.iter().map(|s| (*s).to_owned()).collect());
}

#[test]
fn every_message_and_status_parses_and_round_trips() {
    for name in all_fixtures() {
        let Some(Ok(v)) = entry(&name).changes[0].messages_value() else {
            continue;
        };
        for raw in &v.messages {
            let m = InboundMessage::parse(raw).unwrap_or_else(|e| panic!("{name}: {e}"));
            let json = serde_json::to_value(&m).unwrap();
            let again: InboundMessage = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(serde_json::to_value(&again).unwrap(), json, "{name}");
        }
        for raw in &v.statuses {
            let s = Status::parse(raw).unwrap_or_else(|e| panic!("{name}: {e}"));
            let json = serde_json::to_value(&s).unwrap();
            let again: Status = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(serde_json::to_value(&again).unwrap(), json, "{name}");
        }
    }
}

#[test]
fn seeds_of_the_fuzz_target_are_the_fixtures() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for name in all_fixtures() {
        let seed = std::fs::read(seeds.join(&name)).unwrap_or_else(|e| panic!("seed {name}: {e}"));
        assert_eq!(seed, std::fs::read(dir().join(&name)).unwrap(), "{name}");
    }
}

#[test]
fn a_known_field_with_an_odd_value_falls_back_to_raw() {
    let ChangeValue::Other { field, value } = value("field_account_update_bad_value.json") else {
        panic!("typed");
    };
    assert_eq!(field, "account_update");
    let raw: serde_json::Value = serde_json::from_str(value.get()).unwrap();
    assert_eq!(raw, serde_json::json!(["not", "an", "object"]));
    // A template status without its `event` is not a status update either.
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
        {"field":"message_template_status_update","value":{"message_template_id":1}}]}]}"#;
    let n = Notification::parse(body).unwrap();
    assert!(!n.entry[0].changes[0].parse_value().is_typed());
    // A `messages` value without metadata cannot be routed: raw too.
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
        {"field":"messages","value":{"messages":[]}}]}]}"#;
    let n = Notification::parse(body).unwrap();
    assert!(matches!(
        n.entry[0].changes[0].parse_value(),
        ChangeValue::Other { ref field, .. } if field == "messages"
    ));
    // An entry `time` that is not a number does not hide the changes.
    let body =
        br#"{"object":"whatsapp_business_account","entry":[{"id":"1","time":"soon","changes":[
        {"field":"account_review_update","value":{"decision":"PENDING"}}]}]}"#;
    let n = Notification::parse(body).unwrap();
    assert_eq!(n.entry[0].time, None);
    assert!(matches!(
        n.entry[0].changes[0].parse_value(),
        ChangeValue::AccountReview(ref r) if r.decision == "PENDING"
    ));
}

#[test]
fn the_unknown_field_keeps_its_value_raw() {
    let e = entry("field_unknown.json");
    assert_eq!(e.time, Some(1_760_000_000));
    let ChangeValue::Other { field, value } = e.changes[0].parse_value() else {
        panic!("typed");
    };
    assert_eq!(field, "some_future_field");
    let v: serde_json::Value = serde_json::from_str(value.get()).unwrap();
    assert_eq!(v["anything"][1], "two");
}

/// Meta's own example of a quality update is filed under `message_template_status_update`.
#[test]
fn a_quality_update_under_the_status_field_is_read_by_its_shape() {
    let body =
        br#"{"object":"whatsapp_business_account","entry":[{"id":"1","time":1674864290,"changes":[
        {"field":"message_template_status_update","value":{"previous_quality_score":"GREEN",
         "new_quality_score":"YELLOW","message_template_id":806312974732579,
         "message_template_name":"welcome_template","message_template_language":"en-US"}}]}]}"#;
    let n = Notification::parse(body).unwrap();
    let ChangeValue::TemplateQuality(q) = n.entry[0].changes[0].parse_value() else {
        panic!("not a quality update");
    };
    assert_eq!(q.new_quality_score, "YELLOW");
    assert_eq!(q.message_template_id.as_deref(), Some("806312974732579"));
}
