//! Shared by the webhook fixture tests (`webhook_messages*.rs`, `webhook_statuses.rs`,
//! `webhook_layering.rs`): the values the fixtures are built from, and the helpers that load
//! them and run them through the layered parsers
//! (`Notification::parse` → `Change::messages_value` → `InboundMessage::parse` / `Status::parse`).
//!
//! The fixtures are written the way Meta sends them: non-ASCII characters as `\uXXXX`
//! escapes (emoji as surrogate pairs) and `/` as `\/`.
//!
//! Each test file is its own crate and uses only some of these items.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json::value::RawValue;
use wacloud::webhook::{InboundMessage, MessagesValue, Notification, Status};

// ---------------------------------------------------------------------------------------------
// The values the fixtures are built from.
// ---------------------------------------------------------------------------------------------

pub const WABA_ID: &str = "102290129340398";
pub const DISPLAY_PHONE: &str = "15550783881";
pub const PHONE_NUMBER_ID: &str = "106540352242922";

pub const SHEENA: &str = "16505551234";
pub const SHEENA_NAME: &str = "Sheena Nelson";
pub const SHEENA_BSUID: &str = "US.13491208655302741918";
pub const ANA: &str = "5511987654321";
pub const ANA_BSUID: &str = "BR.1502576394655843";

/// Messages the business sent, which inbound messages and statuses refer to.
pub const OUT_TEMPLATE: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QTlFRDYA";
pub const OUT_TEXT: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUExNzcA";
pub const OUT_VOICE: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUE0MTgA";
pub const OUT_FAILED: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUE2QjkA";
pub const OUT_ANA: &str = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjAwMkQ4QzFGMEI3RTRBQTk1QQA=";
pub const OUT_FLOW: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUFCRkIA";
pub const OUT_CATALOG: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUI5MjAA";
pub const OUT_BUTTONS: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUQzNkEA";
pub const OUT_LIST: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUQ4QUMA";

/// Every fixture, so a new file cannot be forgotten by the round-trip test.
pub const ALL_FIXTURES: &[&str] = &[
    "field_account_update.json",
    "field_template_status.json",
    "msg_audio.json",
    "msg_button.json",
    "msg_contacts.json",
    "msg_document.json",
    "msg_image.json",
    "msg_interactive_button_reply.json",
    "msg_interactive_list_reply.json",
    "msg_interactive_nfm_reply.json",
    "msg_location.json",
    "msg_order.json",
    "msg_reaction.json",
    "msg_reaction_removed.json",
    "msg_referral.json",
    "msg_sticker.json",
    "msg_system.json",
    "msg_text.json",
    "msg_text_forwarded.json",
    "msg_text_frequently_forwarded.json",
    "msg_text_product_enquiry.json",
    "msg_text_reply.json",
    "msg_unknown_type_poll.json",
    "msg_unsupported.json",
    "msg_video.json",
    "msg_voice.json",
    "multi_messages_two_contacts.json",
    "multi_two_entries.json",
    "status_delivered.json",
    "status_failed.json",
    "status_played.json",
    "status_read.json",
    "status_sent.json",
    "value_errors.json",
];

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

pub fn notification(name: &str) -> Notification {
    Notification::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one `messages` change of a fixture with one entry (for our WABA) and one change,
/// checked for the business number it is addressed to.
pub fn single_value(name: &str) -> MessagesValue {
    let n = notification(name);
    assert_eq!(n.object, "whatsapp_business_account", "{name}");
    assert_eq!(n.entry.len(), 1, "{name}");
    assert_eq!(n.entry[0].id, WABA_ID, "{name}");
    assert_eq!(n.entry[0].changes.len(), 1, "{name}");
    let change = &n.entry[0].changes[0];
    assert_eq!(change.field, "messages", "{name}");
    let value = change
        .messages_value()
        .unwrap()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        value.messaging_product.as_deref(),
        Some("whatsapp"),
        "{name}"
    );
    assert_eq!(value.metadata.display_phone_number, DISPLAY_PHONE, "{name}");
    assert_eq!(value.metadata.phone_number_id, PHONE_NUMBER_ID, "{name}");
    value
}

/// The one inbound message of a fixture; the value holds no statuses nor errors.
pub fn single_message(name: &str) -> (MessagesValue, InboundMessage) {
    let value = single_value(name);
    assert_eq!(value.messages.len(), 1, "{name}");
    assert!(value.statuses.is_empty(), "{name}");
    assert!(value.errors.is_empty(), "{name}");
    let msg = InboundMessage::parse(&value.messages[0]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (value, msg)
}

/// The one status of a fixture; the value holds no messages nor errors.
pub fn single_status(name: &str) -> (MessagesValue, Status) {
    let value = single_value(name);
    assert_eq!(value.statuses.len(), 1, "{name}");
    assert!(value.messages.is_empty(), "{name}");
    assert!(value.errors.is_empty(), "{name}");
    let status = Status::parse(&value.statuses[0]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (value, status)
}

/// Checks the single contact of a value is Sheena, with her business-scoped user id.
pub fn assert_sheena_contact(value: &MessagesValue) {
    assert_eq!(value.contacts().count(), 1);
    let c = &value.contacts().next().unwrap();
    assert_eq!(c.wa_id.as_str(), SHEENA);
    assert_eq!(c.name(), Some(SHEENA_NAME));
    assert_eq!(c.user_id.as_deref(), Some(SHEENA_BSUID));
}

/// Checks the parts every inbound message has.
pub fn assert_head(msg: &InboundMessage, from: &str, id: &str, timestamp: i64, kind: &str) {
    assert_eq!(msg.from.as_str(), from);
    assert_eq!(msg.id.as_str(), id);
    assert_eq!(msg.timestamp, timestamp);
    assert_eq!(msg.kind, kind);
}

/// How many of the typed per-type objects a message carries.
pub fn typed_objects(msg: &InboundMessage) -> usize {
    [
        msg.text.is_some(),
        msg.image.is_some(),
        msg.video.is_some(),
        msg.audio.is_some(),
        msg.document.is_some(),
        msg.sticker.is_some(),
        msg.location.is_some(),
        msg.contacts.is_some(),
        msg.interactive.is_some(),
        msg.button.is_some(),
        msg.reaction.is_some(),
        msg.order.is_some(),
        msg.system.is_some(),
        msg.referral.is_some(),
    ]
    .into_iter()
    .filter(|b| *b)
    .count()
}

pub fn raw(v: &Value) -> Box<RawValue> {
    RawValue::from_string(v.to_string()).unwrap()
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}
