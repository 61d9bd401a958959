//! Arbitrary bytes through every layer of the webhook parsers: the envelope, each change's typed
//! value, each message and status, and every accessor. Nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use wacloud::webhook::{ChangeValue, InboundMessage, Notification, Status};

fuzz_target!(|data: &[u8]| {
    let Ok(notification) = Notification::parse(data) else {
        return;
    };
    for entry in &notification.entry {
        for change in &entry.changes {
            let value = change.parse_value();
            let _ = value.field();
            let _ = value.is_typed();
            if let Some(Ok(messages)) = change.messages_value() {
                let _ = messages.contacts().count();
                messages.messages.iter().for_each(|m| message(m));
                messages.statuses.iter().for_each(|s| status(s));
            }
            match value {
                ChangeValue::History(h) => {
                    h.messages.iter().for_each(|m| message(m));
                    for chunk in &h.history {
                        for thread in &chunk.threads {
                            thread.messages.iter().for_each(|m| message(m));
                        }
                    }
                }
                ChangeValue::MessageEchoes(e) => e.message_echoes.iter().for_each(|m| message(m)),
                ChangeValue::TemplateCategory(t) => {
                    let _ = t.is_impending();
                }
                ChangeValue::UserPreferences(p) => {
                    let _ = p.user_preferences.iter().filter(|u| u.is_stop()).count();
                }
                _ => {}
            }
        }
    }
});

fn message(raw: &serde_json::value::RawValue) {
    let Ok(m) = InboundMessage::parse(raw) else {
        return;
    };
    let kind = m.kind();
    let _ = (kind.as_str(), kind.is_media(), kind.to_string());
    let _ = (m.text(), m.media(), m.reply_to(), m.is_forwarded());
    if let Some(media) = m.media() {
        let _ = (media.is_voice(), media.is_animated());
    }
    for card in m.contact_cards() {
        let _ = (card.display_name(), card.wa_ids().count());
    }
    let _ = m.order_details();
    let _ = m.referral_details();
    if let Some(reply) = m.flow_reply() {
        let _ = reply.response();
    }
    if let Some(ctx) = &m.context {
        let _ = (ctx.is_frequently_forwarded(), ctx.product_enquiry());
    }
    if let Some(r) = &m.reaction {
        let _ = r.is_removal();
    }
    if let Some(s) = &m.system {
        let _ = (s.event(), s.new_number());
    }
    for e in &m.errors {
        let _ = e.details();
    }
    // What parsed serialises, and parses back.
    if let Ok(json) = serde_json::to_string(&m) {
        let again: InboundMessage =
            serde_json::from_str(&json).expect("a parsed message re-parses");
        assert_eq!(again.id, m.id);
    }
}

fn status(raw: &serde_json::value::RawValue) {
    let Ok(s) = Status::parse(raw) else {
        return;
    };
    let _ = (s.status.as_str(), s.is_group());
    if let Some(p) = &s.pricing {
        let _ = p.is_free();
    }
    for e in &s.errors {
        let _ = e.details();
    }
    if let Ok(json) = serde_json::to_string(&s) {
        let again: Status = serde_json::from_str(&json).expect("a parsed status re-parses");
        assert_eq!(again.id, s.id);
    }
}
