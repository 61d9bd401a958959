//! Envelope tests: every variant through `OutgoingMessage`, both ways.

use serde_json::json;

use super::*;

fn to() -> WaId {
    WaId::parse("15550100001").unwrap()
}

fn wamid() -> Wamid {
    Wamid::parse("wamid.ABC").unwrap()
}

/// One of each kind, with what `type_name` and `display_text` give.
fn every_kind() -> Vec<(Content, &'static str, Option<&'static str>)> {
    vec![
        (Content::text("Hi", true), "text", Some("Hi")),
        (Content::reaction(wamid(), "👍"), "reaction", Some("👍")),
        (Content::remove_reaction(wamid()), "reaction", None),
        (
            Content::image(MediaSource::id("1"), Some("Mug".into())),
            "image",
            Some("Mug"),
        ),
        (
            Content::video(MediaSource::link("https://e.com/v.mp4"), None),
            "video",
            None,
        ),
        (Content::audio(MediaSource::id("2")), "audio", None),
        (
            Content::document(MediaSource::id("3"), None, Some("a.pdf".into())),
            "document",
            Some("a.pdf"),
        ),
        (Content::sticker(MediaSource::id("4")), "sticker", None),
        (
            Content::location(Location::new(1.0, 2.0).named("Shop")),
            "location",
            Some("📍 Shop"),
        ),
        (
            Content::contacts(vec![Contact::new("Ada"), Contact::new("Bob")]),
            "contacts",
            Some("👤 Ada, Bob"),
        ),
        (
            Content::interactive(Interactive::buttons("Ok?", [ReplyButton::new("y", "Yes")])),
            "interactive",
            Some("Ok?"),
        ),
        (
            Content::interactive(Interactive::list(
                "Pick",
                "Menu",
                [ListSection::new([ListRow::new("a", "A")])],
            )),
            "interactive",
            Some("Pick"),
        ),
        (
            Content::template(
                TemplateMessage::new("order_ready", "en")
                    .header_image(MediaSource::id("5"))
                    .named_body_param("name", "Ada")
                    .quick_reply_button(0, "p"),
            ),
            "template",
            Some("order_ready (Ada)"),
        ),
    ]
}

#[test]
fn every_kind_round_trips_through_the_wire_json() {
    for (content, type_name, display) in every_kind() {
        assert_eq!(content.type_name(), type_name);
        assert_eq!(content.display_text().as_deref(), display, "{type_name}");
        assert_eq!(content.validate(), Ok(()), "{content:?}");
        let msg = OutgoingMessage::new(to(), content)
            .replying_to(wamid())
            .with_callback_data("shopchat:1");
        let wire = serde_json::to_value(&msg).unwrap();
        assert_eq!(wire["type"], type_name);
        assert!(wire.get(type_name).is_some(), "{wire}");
        let text = serde_json::to_string(&msg).unwrap();
        let back: OutgoingMessage = serde_json::from_str(&text).unwrap();
        assert_eq!(back, msg, "{text}");
    }
}

#[test]
fn media_kind_and_constructor_agree() {
    for kind in MediaKind::ALL {
        let content = Content::media(kind, Media::new(MediaSource::id("9")));
        assert_eq!(content.media_kind(), Some(kind));
        assert_eq!(content.type_name(), kind.as_str());
        assert_eq!(
            serde_json::to_value(&content).unwrap(),
            json!({"type": kind.as_str(), kind.as_str(): {"id": "9"}})
        );
    }
    assert_eq!(Content::text("x", false).media_kind(), None);
}

#[test]
fn an_unknown_type_is_refused() {
    let wire = json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "15550100001",
        "type": "hologram", "hologram": {}
    });
    assert!(serde_json::from_value::<OutgoingMessage>(wire).is_err());
}

#[test]
fn reply_shape() {
    let msg = OutgoingMessage::new(to(), Content::text("Yes", true)).replying_to(wamid());
    assert_eq!(
        serde_json::to_value(&msg).unwrap(),
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "15550100001",
            "context": {"message_id": "wamid.ABC"},
            "type": "text",
            "text": {"body": "Yes", "preview_url": true}
        })
    );
}

#[test]
fn text_validation() {
    assert!(Content::text("hi", false).validate().is_ok());
    assert!(Content::text("  ", false).validate().is_err());
    assert!(
        Content::text("x".repeat(MAX_TEXT_LEN), false)
            .validate()
            .is_ok()
    );
    assert!(
        Content::text("x".repeat(MAX_TEXT_LEN + 1), false)
            .validate()
            .is_err()
    );
}

#[test]
fn validation_reaches_every_variant() {
    let bad = [
        Content::reaction(wamid(), "nice"),
        Content::audio(MediaSource::link("not a url")),
        Content::sticker(MediaSource::id("")),
        Content::image(MediaSource::id("1"), Some(String::new())),
        Content::location(Location::new(100.0, 0.0)),
        Content::contacts(vec![]),
        Content::interactive(Interactive::buttons("Ok?", [])),
        Content::interactive(Interactive::list("Pick", "Menu", [])),
        Content::template(TemplateMessage::new("Bad Name", "en")),
    ];
    for content in bad {
        assert!(content.validate().is_err(), "{content:?} should be refused");
    }
}
