use super::*;
use crate::settings::Settings;

#[test]
fn a_number_on_the_business_app_sends_at_most_twenty_a_second() {
    let mut s = Settings::default();
    assert_eq!(rate_for(&s).map(|r| r.get()), Some(80));
    s.on_business_app = true;
    assert_eq!(rate_for(&s).map(|r| r.get()), Some(20));
    s.outbox_rate = Some(5);
    assert_eq!(rate_for(&s).map(|r| r.get()), Some(5), "a lower rate stays");
    s.outbox_rate = None;
    assert_eq!(
        rate_for(&s).map(|r| r.get()),
        Some(20),
        "unlimited is capped too"
    );
    s.on_business_app = false;
    assert_eq!(rate_for(&s), None);
}

#[test]
fn an_address_book_change_reads_as_meta_documents_it() {
    let v = address_book::parse(
        r#"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
            "state_sync":[{"type":"contact","contact":{"full_name":"Pablo Morales","first_name":"Pablo","phone_number":"16505551234"},"action":"add","metadata":{"timestamp":"1739321024"}},
                          {"type":"contact","contact":{"phone_number":"+1 650-555-9999"},"action":"remove","metadata":{"timestamp":1739321025}}]}"#,
    )
    .unwrap();
    assert_eq!(v.phone_number_id(), Some("106540352242922"));
    assert_eq!(v.state_sync.len(), 2);
    let add = &v.state_sync[0];
    assert_eq!(add.action, "add");
    let c = add.contact.as_ref().unwrap();
    assert_eq!(c.full_name.as_deref(), Some("Pablo Morales"));
    assert_eq!(add.metadata.as_ref().unwrap().timestamp, Some(1739321024));
    let remove = &v.state_sync[1];
    assert_eq!(
        digits(&remove.contact.as_ref().unwrap().phone_number),
        "16505559999"
    );
    assert_eq!(
        remove.metadata.as_ref().unwrap().timestamp,
        Some(1739321025)
    );
}
