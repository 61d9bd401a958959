//! One status per kind, from `tests/fixtures/webhooks/status_*.json`, and value-level errors.

use wacloud::webhook::StatusKind;

use crate::{OUT_MSG, SHEENA, SHEENA_BSUID, messages, status};

#[test]
fn sent_with_conversation_and_pricing() {
    let s = status("status_sent.json");
    assert_eq!(s.id.as_str(), OUT_MSG);
    assert_eq!(s.status, StatusKind::Sent);
    assert_eq!(s.timestamp, 1_750_263_773);
    assert_eq!(s.recipient_id, SHEENA);
    assert_eq!(s.recipient_user_id.as_deref(), Some(SHEENA_BSUID));
    assert_eq!(s.biz_opaque_callback_data.as_deref(), Some("shopchat:1:42"));
    let c = s.conversation.as_ref().unwrap();
    assert_eq!(c.id, "6ceb9d929c9bdc4f90e967a32f8639b4");
    assert_eq!(c.origin.as_ref().unwrap().kind, "utility");
    assert_eq!(c.expiration_timestamp, Some(1_750_350_173));
    let p = s.pricing.as_ref().unwrap();
    assert_eq!(p.billable, Some(true));
    assert_eq!(p.pricing_model.as_deref(), Some("PMP"));
    assert_eq!(p.category.as_deref(), Some("utility"));
    assert_eq!(p.kind.as_deref(), Some("regular"));
    assert!(!p.is_free() && !s.is_group() && s.errors.is_empty());
}

#[test]
fn delivered_read_played_deleted() {
    let s = status("status_delivered.json");
    assert_eq!(s.status, StatusKind::Delivered);
    let c = s.conversation.as_ref().unwrap();
    assert_eq!(
        (
            c.origin.as_ref().unwrap().kind.as_str(),
            c.expiration_timestamp
        ),
        ("service", None)
    );
    let p = s.pricing.as_ref().unwrap();
    assert_eq!(p.kind.as_deref(), Some("free_customer_service"));
    assert!(p.is_free());

    let s = status("status_read.json");
    assert_eq!(s.status, StatusKind::Read);
    assert_eq!(s.recipient_user_id.as_deref(), Some(SHEENA_BSUID));
    assert!(s.conversation.is_none() && s.pricing.is_none());

    let s = status("status_played.json");
    assert_eq!(
        (s.status, s.status.as_str()),
        (StatusKind::Played, "played")
    );

    let s = status("status_deleted.json");
    assert_eq!(
        (s.status, s.status.as_str()),
        (StatusKind::Deleted, "deleted")
    );
}

#[test]
fn failed_with_error_details() {
    let v = messages("status_failed.json");
    assert_eq!(v.contacts().count(), 0);
    let s = status("status_failed.json");
    assert_eq!(s.status, StatusKind::Failed);
    assert_eq!(s.errors.len(), 1);
    let e = &s.errors[0];
    assert_eq!(e.code, 131_047);
    assert_eq!(e.title.as_deref(), Some("Re-engagement message"));
    assert_eq!(e.message.as_deref(), Some("Re-engagement message"));
    assert!(
        e.details()
            .unwrap()
            .starts_with("Message failed to send because more than 24 hours")
    );
    assert!(e.href.as_deref().unwrap().ends_with("/error-codes/"));
}

#[test]
fn group_and_business_scoped_recipients() {
    let s = status("status_group_sent.json");
    assert!(s.is_group());
    assert_eq!(s.recipient_id, "120363044444444444@g.us");
    assert_eq!(s.recipient_participant_id.as_deref(), Some("16505559999"));

    // Sent to a business-scoped user id: Meta omits `recipient_id`.
    let s = status("status_bsuid_only.json");
    assert_eq!(s.status, StatusKind::Delivered);
    assert_eq!(s.recipient_id, "");
    assert_eq!(s.recipient_user_id.as_deref(), Some(SHEENA_BSUID));
    assert_eq!(
        s.recipient_parent_user_id.as_deref(),
        Some("US.ENT.11815799212886844830")
    );
}

#[test]
fn value_level_errors() {
    let v = messages("value_errors.json");
    assert!(v.messages.is_empty() && v.statuses.is_empty());
    assert_eq!(v.errors.len(), 1);
    assert_eq!(v.errors[0].code, 131_000);
    assert_eq!(
        v.errors[0].details(),
        Some("Unknown error. Please try again later.")
    );
}
