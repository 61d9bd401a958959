//! The webhook fields other than `messages`, from `tests/fixtures/webhooks/field_*.json`.

use wacloud::webhook::{ChangeValue, InboundMessage, MessageKind};

use crate::{PHONE_NUMBER_ID, SHEENA, entry, value};

macro_rules! typed {
    ($name:expr, $variant:path) => {
        match value($name) {
            $variant(v) => v,
            other => panic!("{}: {other:?}", $name),
        }
    };
}

#[test]
fn template_status_updates() {
    assert_eq!(
        entry("field_template_status_approved.json").time,
        Some(1_751_247_548)
    );
    let t = typed!(
        "field_template_status_approved.json",
        ChangeValue::TemplateStatus
    );
    assert_eq!(t.event, "APPROVED");
    assert_eq!(t.message_template_id.as_deref(), Some("1689556908129832"));
    assert_eq!(
        t.message_template_name.as_deref(),
        Some("order_confirmation")
    );
    assert_eq!(t.message_template_language.as_deref(), Some("en-US"));
    assert_eq!(t.reason.as_deref(), Some("NONE"));
    assert_eq!(t.message_template_category.as_deref(), Some("UTILITY"));
    assert!(t.other_info.is_none() && t.rejection_info.is_none() && t.disable_info.is_none());

    let t = typed!(
        "field_template_status_rejected.json",
        ChangeValue::TemplateStatus
    );
    assert_eq!(
        (t.event.as_str(), t.reason.as_deref()),
        ("REJECTED", Some("INVALID_FORMAT"))
    );
    let r = t.rejection_info.unwrap();
    assert!(r.reason.unwrap().contains("{{1}}{{2}}"));
    assert!(r.recommendation.unwrap().starts_with("Separate parameters"));

    let t = typed!(
        "field_template_status_paused.json",
        ChangeValue::TemplateStatus
    );
    assert_eq!((t.event.as_str(), t.reason), ("PAUSED", None));
    let o = t.other_info.unwrap();
    assert_eq!(o.title.as_deref(), Some("FIRST_PAUSE"));
    assert!(o.description.unwrap().contains("paused for 3 hours"));

    let t = typed!(
        "field_template_status_disabled.json",
        ChangeValue::TemplateStatus
    );
    assert_eq!(t.event, "DISABLED");
    assert_eq!(t.disable_info.unwrap().disable_date, Some(1_751_234_563));
}

#[test]
fn template_quality_and_category() {
    let q = typed!("field_template_quality.json", ChangeValue::TemplateQuality);
    assert_eq!(q.previous_quality_score.as_deref(), Some("GREEN"));
    assert_eq!(q.new_quality_score, "YELLOW");
    assert_eq!(q.message_template_id.as_deref(), Some("806312974732579"));
    assert_eq!(q.message_template_name.as_deref(), Some("welcome_template"));

    let c = typed!(
        "field_template_category_impending.json",
        ChangeValue::TemplateCategory
    );
    assert!(c.is_impending());
    assert_eq!(c.new_category.as_deref(), Some("UTILITY"));
    assert_eq!(c.correct_category.as_deref(), Some("MARKETING"));
    assert_eq!(c.category_update_timestamp, Some(1_746_169_200));

    let c = typed!(
        "field_template_category_changed.json",
        ChangeValue::TemplateCategory
    );
    assert!(!c.is_impending());
    assert_eq!(c.previous_category.as_deref(), Some("UTILITY"));
    assert_eq!(c.new_category.as_deref(), Some("MARKETING"));
    assert_eq!(c.category_update_timestamp, None);
}

#[test]
fn phone_number_quality_name_and_security() {
    let q = typed!(
        "field_phone_number_quality.json",
        ChangeValue::PhoneNumberQuality
    );
    assert_eq!(q.display_phone_number.as_deref(), Some("15550783881"));
    assert_eq!(q.event, "UPGRADE");
    assert_eq!(q.old_limit.as_deref(), Some("TIER_250"));
    assert_eq!(q.current_limit.as_deref(), Some("TIER_2K"));
    assert_eq!(
        q.max_daily_conversations_per_business.as_deref(),
        Some("TIER_2K")
    );

    let n = typed!("field_phone_number_name.json", ChangeValue::PhoneNumberName);
    assert_eq!(n.decision, "APPROVED");
    assert_eq!(n.requested_verified_name.as_deref(), Some("Lucky Shrub"));
    assert_eq!(n.rejection_reason, None);

    let s = typed!("field_security.json", ChangeValue::Security);
    assert_eq!(s.event, "PIN_RESET_REQUEST");
    assert_eq!(s.requester.as_deref(), Some("61555822107539"));
    assert_eq!(s.display_phone_number.as_deref(), Some("15550783881"));
}

#[test]
fn account_updates() {
    let a = typed!("field_account_update_violation.json", ChangeValue::Account);
    assert_eq!(a.event, "ACCOUNT_VIOLATION");
    assert_eq!(
        a.violation_info.unwrap().violation_type.as_deref(),
        Some("ADULT")
    );

    let a = typed!("field_account_update_disabled.json", ChangeValue::Account);
    let ban = a.ban_info.unwrap();
    assert_eq!(ban.waba_ban_state.as_deref(), Some("REINSTATE"));
    assert_eq!(ban.waba_ban_date.as_deref(), Some("April 17, 2025"));

    let a = typed!(
        "field_account_update_restriction.json",
        ChangeValue::Account
    );
    assert_eq!(a.phone_number.as_deref(), Some("15550783881"));
    assert_eq!(a.restriction_info.len(), 2);
    let r = &a.restriction_info[0];
    assert_eq!(
        r.restriction_type.as_deref(),
        Some("RESTRICTED_BIZ_INITIATED_MESSAGING")
    );
    assert_eq!(r.expiration.as_deref(), Some("2026-04-19T13:59:20+0000"));

    let a = typed!(
        "field_account_update_partner_added.json",
        ChangeValue::Account
    );
    let w = a.waba_info.unwrap();
    assert_eq!(w.waba_id.as_deref(), Some("980198427658004"));
    assert_eq!(w.owner_business_id.as_deref(), Some("2329417887457253"));
    assert_eq!(
        w.solution_partner_business_ids,
        ["2949482758682047", "520744086200222"]
    );

    let a = typed!("field_account_update_auth_intl.json", ChangeValue::Account);
    let e = a.auth_international_rate_eligibility.unwrap();
    assert_eq!(e.start_time, Some(1_748_780_624));
    assert_eq!(e.exception_countries[0].country_code.as_deref(), Some("ID"));
    assert_eq!(e.exception_countries[0].start_time, Some(1_751_347_424));

    let a = typed!(
        "field_account_update_volume_tier.json",
        ChangeValue::Account
    );
    let t = a.volume_tier_info.unwrap();
    assert_eq!(t.tier.as_deref(), Some("25000001:50000000"));
    assert_eq!(t.effective_month.as_deref(), Some("2025-11"));
    assert_eq!(t.region.as_deref(), Some("INDIA"));
}

#[test]
fn review_alerts_and_capabilities() {
    let r = typed!("field_account_review.json", ChangeValue::AccountReview);
    assert_eq!(r.decision, "APPROVED");

    let a = typed!("field_account_alerts.json", ChangeValue::AccountAlerts);
    assert_eq!(a.entity_type.as_deref(), Some("BUSINESS"));
    assert_eq!(a.entity_id.as_deref(), Some("506914307656634"));
    let i = a.alert_info.unwrap();
    assert_eq!(i.alert_severity.as_deref(), Some("WARNING"));
    assert_eq!(
        i.alert_type.as_deref(),
        Some("INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED")
    );

    let c = typed!(
        "field_business_capability.json",
        ChangeValue::BusinessCapability
    );
    // A number here, a tier (`TIER_UNLIMITED`) elsewhere: kept as text.
    assert_eq!(
        c.max_daily_conversations_per_business.as_deref(),
        Some("2000")
    );
    assert_eq!(c.max_phone_numbers_per_waba, Some(25));
    assert_eq!(c.max_phone_numbers_per_business, None);
}

#[test]
fn user_preferences() {
    let p = typed!("field_user_preferences.json", ChangeValue::UserPreferences);
    assert_eq!(p.metadata.unwrap().phone_number_id, PHONE_NUMBER_ID);
    assert_eq!(p.contacts[0].wa_id.as_str(), SHEENA);
    let u = &p.user_preferences[0];
    assert!(u.is_stop());
    assert_eq!(u.wa_id.as_deref(), Some(SHEENA));
    assert_eq!(u.category.as_deref(), Some("marketing_messages"));
    assert_eq!(u.timestamp, Some(1_731_705_721));
}

#[test]
fn history_and_echoes() {
    let h = typed!("field_history.json", ChangeValue::History);
    let chunk = &h.history[0];
    let meta = chunk.metadata.as_ref().unwrap();
    assert_eq!(
        (meta.phase, meta.chunk_order, meta.progress),
        (Some(0), Some(1), Some(55))
    );
    let thread = &chunk.threads[0];
    assert_eq!(thread.id.as_deref(), Some(SHEENA));
    let msgs: Vec<InboundMessage> = thread
        .messages
        .iter()
        .map(|m| InboundMessage::parse(m).unwrap())
        .collect();
    assert_eq!(msgs.len(), 3);
    assert_eq!(msgs[0].to.as_deref(), Some(SHEENA));
    assert_eq!(
        msgs[0].history_context.as_ref().unwrap().status.as_deref(),
        Some("READ")
    );
    assert_eq!(
        msgs[1].kind(),
        MessageKind::Other("media_placeholder".into())
    );
    assert_eq!(msgs[2].text(), Some("Thanks!"));

    let h = typed!("field_history_declined.json", ChangeValue::History);
    assert!(h.history[0].threads.is_empty());
    assert_eq!(h.history[0].errors[0].code, 2_593_109);
    assert_eq!(
        h.history[0].errors[0].details(),
        Some("History sharing is turned off by the business")
    );

    let e = typed!("field_smb_message_echoes.json", ChangeValue::MessageEchoes);
    let echo = InboundMessage::parse(&e.message_echoes[0]).unwrap();
    assert_eq!(echo.from.as_str(), "15550783881");
    assert_eq!(echo.to.as_deref(), Some(SHEENA));
    assert!(
        echo.text()
            .unwrap()
            .starts_with("Here's the info you requested!")
    );
}
