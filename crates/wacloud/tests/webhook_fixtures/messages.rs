//! One inbound message per type, from `tests/fixtures/webhooks/msg_*.json`.

use wacloud::webhook::{MessageKind, SystemEvent};

use crate::{OUT_MSG, SHEENA, SHEENA_BSUID, message, messages};

#[test]
fn text_with_contact_and_head() {
    let v = messages("msg_text.json");
    let c = v.contacts().next().unwrap();
    assert_eq!(c.wa_id.as_str(), SHEENA);
    assert_eq!(c.name(), Some("Sheena Nelson"));
    assert_eq!(c.user_id.as_deref(), Some(SHEENA_BSUID));
    let m = message("msg_text.json");
    assert_eq!(m.from.as_str(), SHEENA);
    assert_eq!(
        m.id.as_str(),
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUZJWFRVUkUw01AA=="
    );
    assert_eq!(m.timestamp, 1_749_416_010);
    assert_eq!(m.kind(), MessageKind::Text);
    assert_eq!(m.text(), Some("Does it come in another color?"));
    assert!(m.context.is_none() && !m.is_forwarded() && m.reply_to().is_none());
}

#[test]
fn reply_forward_and_product_enquiry_contexts() {
    let m = message("msg_text_reply.json");
    assert_eq!(m.reply_to().unwrap().as_str(), OUT_MSG);
    assert_eq!(
        m.context.as_ref().unwrap().from.as_deref(),
        Some("15550783881")
    );
    assert!(!m.is_forwarded());

    let m = message("msg_text_forwarded.json");
    let ctx = m.context.as_ref().unwrap();
    assert!(m.is_forwarded() && ctx.is_forwarded() && !ctx.is_frequently_forwarded());
    assert!(m.reply_to().is_none());

    let m = message("msg_text_frequently_forwarded.json");
    let ctx = m.context.as_ref().unwrap();
    assert!(ctx.is_forwarded() && ctx.is_frequently_forwarded());

    let m = message("msg_text_product_enquiry.json");
    let p = m.context.as_ref().unwrap().product_enquiry().unwrap();
    assert_eq!(p.catalog_id.as_deref(), Some("194836987003835"));
    assert_eq!(p.product_retailer_id, "di9ozbzfi4");
    assert_eq!(m.reply_to().unwrap().as_str(), OUT_MSG);
}

#[test]
fn referrals_from_an_ad_and_a_post() {
    let m = message("msg_text_referral_ad.json");
    assert_eq!(m.kind(), MessageKind::Text);
    let r = m.referral_details().unwrap();
    assert_eq!(r.source_type.as_deref(), Some("ad"));
    assert_eq!(r.source_id.as_deref(), Some("120226305854810726"));
    assert_eq!(r.source_url.as_deref(), Some("https://fb.me/3cr4Wqqkv"));
    assert_eq!(r.headline.as_deref(), Some("Chat with us"));
    assert_eq!(r.body.as_deref(), Some("Summer sale: 30% off all mugs"));
    assert_eq!(r.media_type.as_deref(), Some("image"));
    assert!(r.image_url.unwrap().ends_with("518949152_n.png"));
    assert!(r.video_url.is_none() && r.thumbnail_url.is_none());
    assert!(r.ctwa_clid.unwrap().starts_with("Afe8AU8nq0cu"));
    let welcome = r.welcome_message.unwrap();
    assert_eq!(
        welcome.text.as_deref(),
        Some("Hi! How can we help you today?")
    );

    let m = message("msg_image_referral_video.json");
    assert_eq!(m.kind(), MessageKind::Image);
    let r = m.referral_details().unwrap();
    assert_eq!(r.source_type.as_deref(), Some("post"));
    assert_eq!(r.media_type.as_deref(), Some("video"));
    assert!(r.video_url.unwrap().ends_with("teapot.mp4"));
    assert!(r.thumbnail_url.unwrap().ends_with("teapot.jpg"));
    assert!(r.image_url.is_none() && r.ctwa_clid.is_none() && r.welcome_message.is_none());
    assert_eq!(m.text(), Some("This one"));
    assert!(message("msg_text.json").referral_details().is_none());
}

#[test]
fn media_of_every_kind() {
    let m = message("msg_image.json");
    let media = m.media().unwrap();
    assert_eq!(
        (m.kind(), media.id.as_str()),
        (MessageKind::Image, "1003383421387256")
    );
    assert_eq!(media.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(media.caption.as_deref(), Some("Black Prince echeveria"));
    assert!(
        media
            .url
            .as_deref()
            .unwrap()
            .contains("mid=1003383421387256")
    );
    assert_eq!(m.text(), Some("Black Prince echeveria"));

    let m = message("msg_video.json");
    assert_eq!(m.kind(), MessageKind::Video);
    assert_eq!(m.video.as_ref().unwrap().id, "1184308466316125");
    assert_eq!(m.text(), Some("Unboxing"));

    let m = message("msg_audio.json");
    assert_eq!(m.kind(), MessageKind::Audio);
    assert!(!m.audio.as_ref().unwrap().is_voice());
    assert_eq!(m.media().unwrap().mime_type.as_deref(), Some("audio/mpeg"));

    let m = message("msg_voice.json");
    let a = m.audio.as_ref().unwrap();
    assert!(a.is_voice());
    assert_eq!(a.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
    assert_eq!(m.text(), None);

    let m = message("msg_document.json");
    let d = m.document.as_ref().unwrap();
    assert_eq!(m.kind(), MessageKind::Document);
    assert_eq!(d.filename.as_deref(), Some("invoice-0612.pdf"));
    assert_eq!(d.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(m.text(), Some("Invoice for June"));

    let m = message("msg_sticker_animated.json");
    let s = m.sticker.as_ref().unwrap();
    assert_eq!(m.kind(), MessageKind::Sticker);
    assert!(s.is_animated() && m.kind().is_media());
    assert_eq!(s.mime_type.as_deref(), Some("image/webp"));
}

#[test]
fn location() {
    let m = message("msg_location.json");
    assert_eq!(m.kind(), MessageKind::Location);
    let l = m.location.as_ref().unwrap();
    assert!((l.latitude - 37.483_307).abs() < 1e-9);
    assert!((l.longitude + 122.148_981).abs() < 1e-9);
    assert_eq!(l.name.as_deref(), Some("Meta Headquarters"));
    assert_eq!(
        l.address.as_deref(),
        Some("1 Hacker Way, Menlo Park, CA 94025")
    );
    assert_eq!(l.url.as_deref(), Some("https://www.meta.com"));
    assert!(m.media().is_none());
}

#[test]
fn contact_cards() {
    let m = message("msg_contacts.json");
    assert_eq!(m.kind(), MessageKind::Contacts);
    let cards = m.contact_cards();
    assert_eq!(cards.len(), 2);
    let b = &cards[0];
    let name = b.name.as_ref().unwrap();
    assert_eq!(b.display_name().as_deref(), Some("Barbara J. Johnson"));
    assert_eq!(name.first_name.as_deref(), Some("Barbara"));
    assert_eq!(name.middle_name.as_deref(), Some("Joana"));
    assert_eq!(
        (name.prefix.as_deref(), name.suffix.as_deref()),
        (Some("Dr."), Some("Esq."))
    );
    assert_eq!(b.phones.len(), 2);
    assert_eq!(b.phones[0].phone.as_deref(), Some("+1 (650) 555-1234"));
    assert_eq!(b.phones[0].kind.as_deref(), Some("WORK"));
    assert_eq!(b.phones[1].wa_id, None);
    assert_eq!(b.wa_ids().collect::<Vec<_>>(), [SHEENA]);
    assert_eq!(b.emails[0].email.as_deref(), Some("bjohnson@example.com"));
    let org = b.org.as_ref().unwrap();
    assert_eq!(org.company.as_deref(), Some("Example, Inc."));
    assert_eq!(org.title.as_deref(), Some("Sales Manager"));
    assert_eq!(b.urls[0].url.as_deref(), Some("https://www.example.com"));
    let a = &b.addresses[0];
    assert_eq!(
        (a.city.as_deref(), a.zip.as_deref()),
        (Some("Menlo Park"), Some("94025"))
    );
    assert_eq!(a.country_code.as_deref(), Some("us"));
    assert_eq!(b.birthday.as_deref(), Some("1999-01-23"));
    // A card with only some parts: no formatted name, so first and last name.
    let t = &cards[1];
    assert_eq!(t.display_name().as_deref(), Some("Tom Baker"));
    assert!(t.emails.is_empty() && t.org.is_none() && t.birthday.is_none());
    assert_eq!(t.wa_ids().collect::<Vec<_>>(), ["442079460958"]);
}

#[test]
fn interactive_replies() {
    let m = message("msg_interactive_button_reply.json");
    assert_eq!(m.kind(), MessageKind::Interactive);
    let r = m
        .interactive
        .as_ref()
        .unwrap()
        .button_reply
        .as_ref()
        .unwrap();
    assert_eq!(
        (r.id.as_str(), r.title.as_str()),
        ("confirm-order", "Confirm")
    );
    assert_eq!(m.reply_to().unwrap().as_str(), OUT_MSG);
    assert!(m.flow_reply().is_none());

    let m = message("msg_interactive_list_reply.json");
    let r = m.interactive.as_ref().unwrap().list_reply.as_ref().unwrap();
    assert_eq!(r.id, "ship-express");
    assert_eq!(r.description.as_deref(), Some("$9.99, tracked"));
    assert_eq!(m.text(), Some("Express (1-2 days)"));

    let m = message("msg_interactive_nfm_reply.json");
    let f = m.flow_reply().unwrap();
    assert_eq!(f.name.as_deref(), Some("flow"));
    assert_eq!(f.body.as_deref(), Some("Sent"));
    let answers = f.response().unwrap();
    assert_eq!(answers["flow_token"], "flt_5c3a9e");
    assert_eq!(answers["delivery_date"], "2025-06-12");
}

#[test]
fn template_button_and_reactions() {
    let m = message("msg_button.json");
    assert_eq!(m.kind(), MessageKind::Button);
    let b = m.button.as_ref().unwrap();
    assert_eq!(
        (b.payload.as_deref(), b.text.as_str()),
        (Some("STOP_PROMOS"), "Stop promotions")
    );
    assert_eq!(m.reply_to().unwrap().as_str(), OUT_MSG);

    let m = message("msg_reaction.json");
    let r = m.reaction.as_ref().unwrap();
    assert_eq!(m.kind(), MessageKind::Reaction);
    assert_eq!(r.message_id.as_str(), OUT_MSG);
    assert_eq!(r.emoji.as_deref(), Some("\u{1F44D}"));
    assert!(!r.is_removal());

    let m = message("msg_reaction_removed.json");
    assert!(m.reaction.as_ref().unwrap().is_removal());
}

#[test]
fn order() {
    let m = message("msg_order.json");
    assert_eq!(m.kind(), MessageKind::Order);
    let o = m.order_details().unwrap();
    assert_eq!(o.catalog_id.as_deref(), Some("194836987003835"));
    assert_eq!(o.text.as_deref(), Some("Please gift-wrap the mug"));
    assert_eq!(o.product_items.len(), 2);
    let first = &o.product_items[0];
    assert_eq!(first.product_retailer_id, "di9ozbzfi4");
    assert_eq!(first.quantity, Some(2));
    assert_eq!(first.item_price, Some(14.5));
    assert_eq!(first.currency.as_deref(), Some("USD"));
    assert_eq!(o.product_items[1].item_price, Some(29.99));
}

#[test]
fn system_messages() {
    let v = messages("msg_system_changed_number.json");
    assert_eq!(v.contacts().count(), 0, "system messages carry no contacts");
    let m = message("msg_system_changed_number.json");
    let s = m.system.as_ref().unwrap();
    assert_eq!(m.kind(), MessageKind::System);
    assert_eq!(s.event(), SystemEvent::ChangedNumber);
    assert_eq!(s.new_number(), Some("12195555358"));
    assert_eq!(s.user_id.as_deref(), Some("US.99887766554433221100"));
    assert_eq!(s.previous_user_id.as_deref(), Some(SHEENA_BSUID));
    assert_eq!(
        m.text(),
        Some("User Sheena Nelson changed from 16505551234 to 12195555358")
    );

    let s = message("msg_system_changed_user_id.json").system.unwrap();
    assert_eq!(s.event(), SystemEvent::ChangedUserId);
    assert_eq!(s.new_number(), None);
    assert_eq!(s.user_id.as_deref(), Some("US.55443322110099887766"));

    let s = message("msg_system_identity_changed.json").system.unwrap();
    assert_eq!(s.event(), SystemEvent::IdentityChanged);
    assert_eq!(s.customer.as_deref(), Some(SHEENA));
    assert_eq!(s.identity.as_deref(), Some("FmNW6wWc6ZY="));
}

#[test]
fn unsupported_unknown_and_welcome() {
    let m = message("msg_unsupported.json");
    assert_eq!(m.kind(), MessageKind::Unsupported);
    assert_eq!(
        m.unsupported.as_ref().unwrap().kind.as_deref(),
        Some("edit")
    );
    assert_eq!(m.errors[0].code, 131_051);
    assert_eq!(
        m.errors[0].details(),
        Some("Message type is currently not supported.")
    );
    assert_eq!(m.text(), None);

    let m = message("msg_unknown_type.json");
    assert_eq!(m.kind(), MessageKind::Other("poll".into()));
    assert_eq!(m.kind, "poll");
    assert!(m.text().is_none() && m.media().is_none() && m.errors.is_empty());

    let m = message("msg_request_welcome.json");
    assert_eq!(m.kind(), MessageKind::RequestWelcome);
    assert_eq!(m.text(), None);
}

#[test]
fn a_message_without_the_optional_parts() {
    let v = messages("msg_minimal.json");
    assert_eq!(v.messaging_product, None);
    assert_eq!(v.metadata.display_phone_number, "");
    assert_eq!(v.contacts().count(), 0);
    let m = message("msg_minimal.json");
    assert_eq!(m.timestamp, 1_749_416_290);
    assert_eq!(m.text(), Some("hi"));
    assert!(m.context.is_none() && m.from_user_id.is_none() && m.group_id.is_none());
    assert!(m.contact_cards().is_empty());
    assert!(m.order_details().is_none() && m.referral_details().is_none());
}
