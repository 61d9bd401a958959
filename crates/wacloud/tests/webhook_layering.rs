//! Robustness of the layered parsers: every fixture in `tests/fixtures/` (and the check that
//! each one is listed) parses at every layer, round-trips and is verified on its raw bytes; one
//! bad message, status or change never hides the good ones; shapes that once broke parsing
//! (helpers in `common/mod.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::{Value, json};
use wacloud::webhook::{InboundMessage, Notification, Status, StatusKind};

// ---------------------------------------------------------------------------------------------
// Every fixture, whole.
// ---------------------------------------------------------------------------------------------

#[test]
fn fixture_list_matches_the_directory() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    let listed: BTreeSet<String> = ALL_FIXTURES.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(on_disk, listed, "add new fixtures to ALL_FIXTURES");
}

#[test]
fn every_fixture_parses_at_every_layer_and_round_trips() {
    for name in ALL_FIXTURES {
        let n = notification(name);
        assert_eq!(n.object, "whatsapp_business_account", "{name}");
        assert!(!n.entry.is_empty(), "{name}");
        for entry in &n.entry {
            assert!(!entry.changes.is_empty(), "{name}");
            for change in &entry.changes {
                let Some(value) = change.messages_value() else {
                    assert_ne!(change.field, "messages", "{name}");
                    continue;
                };
                let value = value.unwrap_or_else(|e| panic!("{name}: {e}"));
                for m in &value.messages {
                    let msg = InboundMessage::parse(m).unwrap_or_else(|e| panic!("{name}: {e}"));
                    // What the crate serialises, it parses back to the same thing.
                    let once = serde_json::to_value(&msg).unwrap();
                    let again: InboundMessage = serde_json::from_value(once.clone())
                        .unwrap_or_else(|e| panic!("{name}: re-parse: {e}"));
                    assert_eq!(serde_json::to_value(&again).unwrap(), once, "{name}");
                }
                for s in &value.statuses {
                    let status = Status::parse(s).unwrap_or_else(|e| panic!("{name}: {e}"));
                    let once = serde_json::to_value(&status).unwrap();
                    let again: Status = serde_json::from_value(once.clone())
                        .unwrap_or_else(|e| panic!("{name}: re-parse: {e}"));
                    assert_eq!(serde_json::to_value(&again).unwrap(), once, "{name}");
                }
            }
        }
    }
}

#[test]
fn every_fixture_is_verified_on_its_raw_bytes() {
    // Meta signs the bytes it sends (with `\/` and `\uXXXX` escapes): the signature must be
    // checked on those bytes, never on a re-serialised body.
    let secret = b"fixture-app-secret";
    for name in ALL_FIXTURES {
        let body = fixture(name);
        let header = wacloud::sign(secret, &body);
        assert_eq!(
            wacloud::verify(secret, Some(&header), &body),
            Ok(()),
            "{name}"
        );
        let reserialised =
            serde_json::to_vec(&serde_json::from_slice::<Value>(&body).unwrap()).unwrap();
        assert_ne!(reserialised, body, "{name}");
        assert_eq!(
            wacloud::verify(secret, Some(&header), &reserialised),
            Err(wacloud::SignatureError::Mismatch),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The raw layering: one bad part never hides the rest.
// ---------------------------------------------------------------------------------------------

#[test]
fn garbage_in_one_message_does_not_hide_the_others() {
    let good_text: Value =
        serde_json::from_str(single_value("msg_text.json").messages[0].get()).unwrap();
    let good_image: Value =
        serde_json::from_str(single_value("msg_image.json").messages[0].get()).unwrap();
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": DISPLAY_PHONE, "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [{"profile": {"name": SHEENA_NAME}, "wa_id": SHEENA}],
            "messages": [
                good_text,
                {"garbage": true},
                "not even an object",
                {"from": "not a phone", "id": "wamid.X1", "timestamp": "1749416383", "type": "text", "text": {"body": "x"}},
                {"from": SHEENA, "id": "wamid.X2", "timestamp": "yesterday", "type": "text", "text": {"body": "x"}},
                {"from": SHEENA, "id": "", "timestamp": "1749416383", "type": "text"},
                {"from": SHEENA, "id": "wamid.X3", "timestamp": "1749416383", "type": "location", "location": {"latitude": "north"}},
                good_image,
            ],
        }}]}],
    });
    let n = Notification::parse(body.to_string().as_bytes()).unwrap();
    let value = n.entry[0].changes[0].messages_value().unwrap().unwrap();
    assert_eq!(value.messages.len(), 8);
    let parsed: Vec<_> = value
        .messages
        .iter()
        .map(|m| InboundMessage::parse(m))
        .collect();
    let ok: Vec<bool> = parsed.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [true, false, false, false, false, false, false, true]);
    assert_eq!(
        parsed[0].as_ref().unwrap().text(),
        Some("Does it come in another color?")
    );
    assert_eq!(
        parsed[7].as_ref().unwrap().media().unwrap().id,
        "1003383421387256"
    );
}

#[test]
fn garbage_in_one_status_does_not_hide_the_others() {
    let good: Value =
        serde_json::from_str(single_value("status_failed.json").statuses[0].get()).unwrap();
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": DISPLAY_PHONE, "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [
                {"id": OUT_TEXT, "status": "read"},
                {"id": OUT_TEXT, "status": 7, "timestamp": "1749416390", "recipient_id": SHEENA},
                {"id": OUT_TEXT, "status": "read", "timestamp": "1749416390", "recipient_id": SHEENA, "errors": [{"title": "no code"}]},
                good,
            ],
        }}]}],
    });
    let n = Notification::parse(body.to_string().as_bytes()).unwrap();
    let value = n.entry[0].changes[0].messages_value().unwrap().unwrap();
    let ok: Vec<bool> = value
        .statuses
        .iter()
        .map(|s| Status::parse(s).is_ok())
        .collect();
    // An error object without a code is read leniently (code 0) rather than losing the status.
    assert_eq!(ok, [false, false, true, true]);
    let s = Status::parse(&value.statuses[3]).unwrap();
    assert_eq!(s.status, StatusKind::Failed);
    assert_eq!(s.errors[0].code, 131047);
}

#[test]
fn a_broken_change_does_not_hide_the_other_changes() {
    let good: Value = serde_json::from_slice(&fixture("msg_text.json")).unwrap();
    let good_change = good["entry"][0]["changes"][0].clone();
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [
            // A messages value without metadata cannot be routed.
            {"field": "messages", "value": {"messaging_product": "whatsapp", "messages": []}},
            // A field nobody knows yet, with any value at all.
            {"field": "some_future_field", "value": [1, "two", {"three": null}]},
            good_change,
        ]}],
    });
    let n = Notification::parse(body.to_string().as_bytes()).unwrap();
    let changes = &n.entry[0].changes;
    assert_eq!(changes.len(), 3);
    assert!(changes[0].messages_value().unwrap().is_err());
    assert!(changes[1].messages_value().is_none());
    let value = changes[2].messages_value().unwrap().unwrap();
    let msg = InboundMessage::parse(&value.messages[0]).unwrap();
    assert_eq!(msg.text(), Some("Does it come in another color?"));
}

#[test]
fn envelope_edge_cases() {
    // No entries at all.
    let n = Notification::parse(br#"{"object":"whatsapp_business_account"}"#).unwrap();
    assert!(n.entry.is_empty());
    // An entry with a `time` and no changes.
    let n = Notification::parse(
        br#"{"object":"whatsapp_business_account","entry":[{"id":"1","time":1749416383}]}"#,
    )
    .unwrap();
    assert!(n.entry[0].changes.is_empty());
    // Not JSON, or not the envelope.
    assert!(Notification::parse(b"").is_err());
    assert!(Notification::parse(b"<html>").is_err());
    assert!(Notification::parse(br#"{"entry":[]}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// Shapes that once broke parsing.
// ---------------------------------------------------------------------------------------------

/// With WhatsApp usernames (2026), a user who hides their phone number arrives with `user_id`
/// (BSUID) and no `wa_id`. `Contact::wa_id` is required, so the whole value fails and every
/// message in it is lost.
#[test]
fn a_contact_in_a_newer_shape_does_not_hide_the_messages() {
    let body = json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": DISPLAY_PHONE, "phone_number_id": PHONE_NUMBER_ID},
            "contacts": [
                {"profile": {"name": SHEENA_NAME}, "wa_id": SHEENA, "user_id": SHEENA_BSUID},
                {"profile": {"name": "Ana", "username": "@ana.souza"}, "user_id": ANA_BSUID},
            ],
            "messages": [
                {"from": SHEENA, "id": "wamid.G1", "timestamp": "1749416383", "type": "text", "text": {"body": "hi"}},
            ],
        }}]}],
    });
    let n = Notification::parse(body.to_string().as_bytes()).unwrap();
    let value = n.entry[0].changes[0].messages_value().unwrap().unwrap();
    assert_eq!(value.messages.len(), 1);
}

/// The older unsupported/unknown shape puts `details` at the top of the error object; it is
/// parsed without complaint but `details()` loses it.
#[test]
fn top_level_error_details_are_kept() {
    let v = json!({"from": SHEENA, "id": "wamid.G3", "timestamp": "1749416383", "type": "unknown",
        "errors": [{"code": 131051, "details": "Message type is not currently supported", "title": "Unsupported message type"}]});
    let msg = InboundMessage::parse(&raw(&v)).unwrap();
    assert_eq!(
        msg.errors[0].details(),
        Some("Message type is not currently supported")
    );
}
