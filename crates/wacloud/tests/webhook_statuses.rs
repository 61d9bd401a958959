//! Statuses of sent messages, batches (several messages, several entries), other webhook
//! fields and value-level errors, parsed from the fixtures in `tests/fixtures/` (helpers in
//! `common/mod.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{Value, json};
use wacloud::webhook::{Change, InboundMessage, Status, StatusKind};

// ---------------------------------------------------------------------------------------------
// Statuses.
// ---------------------------------------------------------------------------------------------

#[test]
fn status_sent_with_conversation_and_pricing() {
    let (value, s) = single_status("status_sent.json");
    assert_sheena_contact(&value);
    assert_eq!(s.id.as_str(), OUT_TEMPLATE);
    assert_eq!(s.status, StatusKind::Sent);
    assert_eq!(s.status.as_str(), "sent");
    assert_eq!(s.timestamp, 1_749_416_000);
    assert_eq!(s.recipient_id, SHEENA);
    let c = s.conversation.as_ref().unwrap();
    assert_eq!(c.id, "6ceb9d929c0d2d2ee6e7d2fd5e5b7c5a");
    assert_eq!(c.expiration_timestamp, Some(1_749_502_400));
    assert_eq!(c.origin.as_ref().unwrap().kind, "marketing");
    let p = s.pricing.as_ref().unwrap();
    assert_eq!(p.billable, Some(true));
    assert_eq!(p.pricing_model.as_deref(), Some("PMP"));
    assert_eq!(p.category.as_deref(), Some("marketing"));
    assert_eq!(p.kind.as_deref(), Some("regular"));
    assert_eq!(
        s.biz_opaque_callback_data.as_deref(),
        Some("campaign=summer-2025;row=17")
    );
    assert!(s.errors.is_empty());
}

#[test]
fn status_delivered() {
    let (_, s) = single_status("status_delivered.json");
    assert_eq!(s.id.as_str(), OUT_TEMPLATE);
    assert_eq!(s.status, StatusKind::Delivered);
    assert_eq!(s.status.as_str(), "delivered");
    assert_eq!(s.timestamp, 1_749_416_003);
    assert_eq!(s.recipient_id, SHEENA);
    let c = s.conversation.as_ref().unwrap();
    assert_eq!(c.id, "6ceb9d929c0d2d2ee6e7d2fd5e5b7c5a");
    // Only the first status of a conversation carries its expiry.
    assert_eq!(c.expiration_timestamp, None);
    assert_eq!(
        s.pricing.as_ref().unwrap().category.as_deref(),
        Some("marketing")
    );
    assert_eq!(s.biz_opaque_callback_data, None);
    assert!(s.errors.is_empty());
}

#[test]
fn status_read() {
    let (_, s) = single_status("status_read.json");
    assert_eq!(s.id.as_str(), OUT_TEXT);
    assert_eq!(s.status, StatusKind::Read);
    assert_eq!(s.status.as_str(), "read");
    assert_eq!(s.timestamp, 1_749_416_390);
    assert_eq!(s.recipient_id, SHEENA);
    let c = s.conversation.as_ref().unwrap();
    assert_eq!(c.id, "b9e1a2ad3b0c7a6e4f1d8c2b5a9e3f07");
    assert_eq!(c.origin.as_ref().unwrap().kind, "service");
    let p = s.pricing.as_ref().unwrap();
    assert_eq!(p.billable, Some(false));
    assert_eq!(p.pricing_model.as_deref(), Some("PMP"));
    assert_eq!(p.category.as_deref(), Some("service"));
    assert_eq!(p.kind.as_deref(), Some("free_customer_service"));
}

#[test]
fn status_played() {
    let (value, s) = single_status("status_played.json");
    assert!(value.contacts().next().is_none());
    assert_eq!(s.id.as_str(), OUT_VOICE);
    assert_eq!(s.status, StatusKind::Played);
    assert_eq!(s.status.as_str(), "played");
    assert_eq!(s.timestamp, 1_749_416_420);
    assert_eq!(s.recipient_id, SHEENA);
    assert!(s.conversation.is_none());
    assert!(s.pricing.is_none());
    assert!(s.errors.is_empty());
}

#[test]
fn status_failed_with_errors() {
    let (value, s) = single_status("status_failed.json");
    assert!(value.contacts().next().is_none());
    assert_eq!(s.id.as_str(), OUT_FAILED);
    assert_eq!(s.status, StatusKind::Failed);
    assert_eq!(s.status.as_str(), "failed");
    assert_eq!(s.timestamp, 1_749_503_000);
    assert_eq!(s.recipient_id, SHEENA);
    assert!(s.conversation.is_none());
    assert!(s.pricing.is_none());
    assert_eq!(s.errors.len(), 1);
    let e = &s.errors[0];
    assert_eq!(e.code, 131047);
    assert_eq!(e.title.as_deref(), Some("Re-engagement message"));
    assert_eq!(e.message.as_deref(), Some("Re-engagement message"));
    assert_eq!(
        e.details(),
        Some(
            "Message failed to send because more than 24 hours have passed since the customer \
             last replied to this number."
        )
    );
    assert_eq!(
        e.href.as_deref(),
        Some("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")
    );
    // The webhook error code classifies like a Graph error code.
    assert_eq!(
        wacloud::ErrorKind::classify(200, Some(e.code)),
        wacloud::ErrorKind::OutsideWindow
    );
}

#[test]
fn status_of_a_kind_not_known_yet() {
    let v = json!({"id": OUT_TEXT, "status": "pending_review", "timestamp": "1749416000", "recipient_id": SHEENA});
    let s = Status::parse(&raw(&v)).unwrap();
    assert_eq!(s.status, StatusKind::Unknown);
    assert_eq!(s.status.as_str(), "unknown");
    let v = json!({"id": OUT_TEXT, "status": "deleted", "timestamp": 1749416000, "recipient_id": SHEENA});
    let s = Status::parse(&raw(&v)).unwrap();
    assert_eq!(s.status, StatusKind::Deleted);
    // A number timestamp is accepted too.
    assert_eq!(s.timestamp, 1_749_416_000);
}

// ---------------------------------------------------------------------------------------------
// Batches.
// ---------------------------------------------------------------------------------------------

#[test]
fn several_messages_from_two_contacts_in_one_change() {
    let value = single_value("multi_messages_two_contacts.json");
    assert_eq!(value.contacts().count(), 2);
    assert_eq!(value.contacts().next().unwrap().wa_id.as_str(), SHEENA);
    assert_eq!(value.contacts().next().unwrap().name(), Some(SHEENA_NAME));
    assert_eq!(
        value.contacts().next().unwrap().user_id.as_deref(),
        Some(SHEENA_BSUID)
    );
    assert_eq!(value.contacts().nth(1).unwrap().wa_id.as_str(), ANA);
    assert_eq!(
        value.contacts().nth(1).unwrap().name(),
        Some("Ana Souza \u{1F33B}")
    );
    assert_eq!(
        value.contacts().nth(1).unwrap().user_id.as_deref(),
        Some(ANA_BSUID)
    );

    let msgs: Vec<InboundMessage> = value
        .messages
        .iter()
        .map(|m| InboundMessage::parse(m).unwrap())
        .collect();
    assert_eq!(msgs.len(), 4);
    assert_head(
        &msgs[0],
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNDMzVFQQA=",
        1_749_418_000,
        "text",
    );
    assert_eq!(msgs[0].text(), Some("Hello!"));
    assert_head(
        &msgs[1],
        ANA,
        "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDA0QTY1OTlBRUUwM0M1NTI1AA==",
        1_749_418_001,
        "text",
    );
    assert_eq!(
        msgs[1].text(),
        Some("Ol\u{e1}, voc\u{ea}s entregam em S\u{e3}o Paulo?")
    );
    assert_head(
        &msgs[2],
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNDNzQ2MAA=",
        1_749_418_002,
        "image",
    );
    let media = msgs[2].media().unwrap();
    assert_eq!(media.id, "1712942829551097");
    assert_eq!(media.mime_type.as_deref(), Some("image/png"));
    assert_eq!(msgs[2].text(), None);
    assert_head(
        &msgs[3],
        ANA,
        "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMDA0QTY1OTlBRUUwM0M5MzlCAA==",
        1_749_418_003,
        "reaction",
    );
    let r = msgs[3].reaction.as_ref().unwrap();
    assert_eq!(r.message_id.as_str(), OUT_ANA);
    assert_eq!(r.emoji.as_deref(), Some("\u{2764}\u{FE0F}"));

    // Every sender has its contact entry.
    for m in &msgs {
        assert!(value.contacts().any(|c| c.wa_id == m.from), "{}", m.from);
    }
}

#[test]
fn two_entries_for_two_business_numbers() {
    let n = notification("multi_two_entries.json");
    assert_eq!(n.entry.len(), 2);

    assert_eq!(n.entry[0].id, WABA_ID);
    let v0 = n.entry[0].changes[0].messages_value().unwrap().unwrap();
    assert_eq!(v0.metadata.phone_number_id, PHONE_NUMBER_ID);
    assert_eq!(v0.metadata.display_phone_number, DISPLAY_PHONE);
    let m0 = InboundMessage::parse(&v0.messages[0]).unwrap();
    assert_head(
        &m0,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNDQjJENgA=",
        1_749_419_000,
        "text",
    );
    assert_eq!(m0.text(), Some("First account"));

    assert_eq!(n.entry[1].id, "319876543210987");
    let v1 = n.entry[1].changes[0].messages_value().unwrap().unwrap();
    assert_eq!(v1.metadata.phone_number_id, "287654321098765");
    assert_eq!(v1.metadata.display_phone_number, "447700900123");
    assert_eq!(v1.contacts().count(), 1);
    assert_eq!(v1.contacts().next().unwrap().wa_id.as_str(), "919876543210");
    assert_eq!(v1.contacts().next().unwrap().name(), Some("Ravi Kumar"));
    // Older payloads carry no business-scoped user id.
    assert_eq!(v1.contacts().next().unwrap().user_id, None);
    let m1 = InboundMessage::parse(&v1.messages[0]).unwrap();
    assert_head(
        &m1,
        "919876543210",
        "wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhgUM0EwMDRBNjU5OUFFRTAzQ0QyMTEA",
        1_749_419_001,
        "text",
    );
    assert_eq!(m1.text(), Some("Second account"));
}

// ---------------------------------------------------------------------------------------------
// Other fields and value-level errors.
// ---------------------------------------------------------------------------------------------

fn single_change(name: &str) -> Change {
    let mut n = notification(name);
    assert_eq!(n.entry.len(), 1);
    assert_eq!(n.entry[0].id, WABA_ID);
    assert_eq!(n.entry[0].changes.len(), 1);
    n.entry.remove(0).changes.remove(0)
}

#[test]
fn template_status_update_is_not_a_messages_value() {
    let change = single_change("field_template_status.json");
    assert_eq!(change.field, "message_template_status_update");
    assert!(change.messages_value().is_none());
    // The raw value is kept to be stored.
    let v: Value = serde_json::from_str(change.value.get()).unwrap();
    assert_eq!(v["event"], "APPROVED");
    assert_eq!(v["message_template_id"], 1_689_556_908_129_832_u64);
    assert_eq!(v["message_template_name"], "order_confirmation");
    assert_eq!(v["message_template_language"], "en_US");
    assert_eq!(v["reason"], "NONE");
}

#[test]
fn account_update_is_not_a_messages_value() {
    let change = single_change("field_account_update.json");
    assert_eq!(change.field, "account_update");
    assert!(change.messages_value().is_none());
    let v: Value = serde_json::from_str(change.value.get()).unwrap();
    assert_eq!(v["phone_number"], DISPLAY_PHONE);
    assert_eq!(v["event"], "ACCOUNT_VIOLATION");
    assert_eq!(v["violation_info"]["violation_type"], "SCAM");
}

#[test]
fn value_level_errors() {
    let value = single_value("value_errors.json");
    assert!(value.messages.is_empty());
    assert!(value.statuses.is_empty());
    assert!(value.contacts().next().is_none());
    assert_eq!(value.errors.len(), 1);
    let e = &value.errors[0];
    assert_eq!(e.code, 131000);
    assert_eq!(e.title.as_deref(), Some("Something went wrong"));
    assert_eq!(e.message.as_deref(), Some("Something went wrong"));
    assert_eq!(
        e.details(),
        Some("Unable to process the incoming message. Please try again later.")
    );
    assert_eq!(
        e.href.as_deref(),
        Some("https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")
    );
}
