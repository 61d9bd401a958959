//! Inbound messages of the other kinds: interactive replies, template buttons, reactions,
//! orders, system messages, ad referrals, unsupported and not-yet-known types. Each fixture in
//! `tests/fixtures/` goes through the layered parsers and the parsed fields are checked one by
//! one (helpers in `common/mod.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::Value;
use wacloud::webhook::InboundMessage;

// ---------------------------------------------------------------------------------------------
// Interactive replies and template buttons.
// ---------------------------------------------------------------------------------------------

#[test]
fn interactive_button_reply() {
    let (_, msg) = single_message("msg_interactive_button_reply.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBQkYyNgA=",
        1_749_417_000,
        "interactive",
    );
    let i = msg.interactive.as_ref().unwrap();
    assert_eq!(i.kind, "button_reply");
    let reply = i.button_reply.as_ref().unwrap();
    assert_eq!(reply.id, "confirm_order_1042");
    assert_eq!(reply.title, "Confirm order");
    assert_eq!(reply.description, None);
    assert!(i.list_reply.is_none());
    assert!(i.nfm_reply.is_none());
    assert_eq!(msg.text(), Some("Confirm order"));
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_BUTTONS));
}

#[test]
fn interactive_list_reply() {
    let (_, msg) = single_message("msg_interactive_list_reply.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBRkQ5QwA=",
        1_749_417_050,
        "interactive",
    );
    let i = msg.interactive.as_ref().unwrap();
    assert_eq!(i.kind, "list_reply");
    let reply = i.list_reply.as_ref().unwrap();
    assert_eq!(reply.id, "ship_express");
    assert_eq!(reply.title, "Express (1-2 days)");
    assert_eq!(
        reply.description.as_deref(),
        Some("Delivered by tomorrow evening, $9.90")
    );
    assert!(i.button_reply.is_none());
    assert_eq!(msg.text(), Some("Express (1-2 days)"));
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_LIST));
}

#[test]
fn interactive_nfm_reply() {
    let (_, msg) = single_message("msg_interactive_nfm_reply.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCMUNENwA=",
        1_749_417_100,
        "interactive",
    );
    let i = msg.interactive.as_ref().unwrap();
    assert_eq!(i.kind, "nfm_reply");
    assert!(i.button_reply.is_none());
    assert!(i.list_reply.is_none());
    let nfm = i.nfm_reply.as_ref().unwrap();
    assert_eq!(nfm["name"], "flow");
    assert_eq!(nfm["body"], "Sent");
    // `response_json` is a JSON document inside a string.
    let response: Value = serde_json::from_str(nfm["response_json"].as_str().unwrap()).unwrap();
    assert_eq!(response["flow_token"], "flt_5c3a9e");
    assert_eq!(response["screen_0_Delivery_date_0"], "2025-06-12");
    assert_eq!(response["screen_0_Notes_1"], "Leave at the door");
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_FLOW));
    // Today `text()` has nothing to show for a flow reply (see the report: `nfm_reply.body`).
    assert_eq!(msg.text(), None);
}

#[test]
fn template_quick_reply_button() {
    let (_, msg) = single_message("msg_button.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCM0MxMgA=",
        1_749_417_150,
        "button",
    );
    let b = msg.button.as_ref().unwrap();
    assert_eq!(b.payload.as_deref(), Some("STOP_PROMOTIONS"));
    assert_eq!(b.text, "Stop promotions");
    assert_eq!(msg.text(), Some("Stop promotions"));
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_TEMPLATE));
    assert_eq!(
        msg.context.as_ref().unwrap().from.as_deref(),
        Some(DISPLAY_PHONE)
    );
}

// ---------------------------------------------------------------------------------------------
// Reactions.
// ---------------------------------------------------------------------------------------------

#[test]
fn reaction() {
    let (_, msg) = single_message("msg_reaction.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCNUI0RAA=",
        1_749_417_200,
        "reaction",
    );
    let r = msg.reaction.as_ref().unwrap();
    assert_eq!(r.message_id.as_str(), OUT_TEXT);
    // Sent as the surrogate pair `\ud83d\udc4d`.
    assert_eq!(r.emoji.as_deref(), Some("\u{1F44D}"));
    assert_eq!(msg.text(), None);
    // A reaction is not a reply.
    assert!(msg.reply_to().is_none());
}

#[test]
fn reaction_removed() {
    let (_, msg) = single_message("msg_reaction_removed.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCN0E4OAA=",
        1_749_417_260,
        "reaction",
    );
    let r = msg.reaction.as_ref().unwrap();
    assert_eq!(r.message_id.as_str(), OUT_TEXT);
    assert_eq!(r.emoji.as_deref(), Some(""));

    // The same removal with `emoji` left out altogether parses too.
    let mut v: Value =
        serde_json::from_str(single_value("msg_reaction_removed.json").messages[0].get()).unwrap();
    v["reaction"].as_object_mut().unwrap().remove("emoji");
    let msg = InboundMessage::parse(&raw(&v)).unwrap();
    let r = msg.reaction.as_ref().unwrap();
    assert_eq!(r.message_id.as_str(), OUT_TEXT);
    assert_eq!(r.emoji, None);
}

// ---------------------------------------------------------------------------------------------
// Order, system, referral, unsupported, unknown.
// ---------------------------------------------------------------------------------------------

#[test]
fn order() {
    let (_, msg) = single_message("msg_order.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCOTlDMwA=",
        1_749_417_300,
        "order",
    );
    let order = msg.order.as_ref().unwrap();
    assert_eq!(order["catalog_id"], "194836987003835");
    assert_eq!(order["text"], "Please gift-wrap the mug");
    let items = order["product_items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["product_retailer_id"], "di9ozbzfi4");
    assert_eq!(items[0]["quantity"], 2);
    assert!(close(items[0]["item_price"].as_f64().unwrap(), 14.5));
    assert_eq!(items[0]["currency"], "USD");
    assert_eq!(items[1]["product_retailer_id"], "nqryix03ez");
    assert!(close(items[1]["item_price"].as_f64().unwrap(), 29.99));
    // Today `text()` does not show the order's note (see the report).
    assert_eq!(msg.text(), None);
}

#[test]
fn system_customer_changed_number() {
    let (value, msg) = single_message("msg_system.json");
    // System messages come without a contacts array.
    assert!(value.contacts().next().is_none());
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCQjhGRQA=",
        1_749_417_350,
        "system",
    );
    let s = msg.system.as_ref().unwrap();
    assert_eq!(s.kind.as_deref(), Some("user_changed_number"));
    assert_eq!(s.wa_id.as_deref(), Some("12195555358"));
    assert_eq!(s.new_wa_id, None);
    let body = "User Sheena Nelson changed from 16505551234 to 12195555358";
    assert_eq!(s.body.as_deref(), Some(body));
    assert_eq!(msg.text(), Some(body));
}

#[test]
fn referral_from_click_to_whatsapp_ad() {
    let (value, msg) = single_message("msg_referral.json");
    assert_sheena_contact(&value);
    // A click-to-WhatsApp message is a text message that carries a referral.
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCRDgzOQA=",
        1_749_417_400,
        "text",
    );
    assert_eq!(msg.text(), Some("Hi, I saw your ad. Can I get more info?"));
    let r = msg.referral.as_ref().unwrap();
    assert_eq!(r["source_type"], "ad");
    assert_eq!(r["source_id"], "120226305854810726");
    assert_eq!(r["source_url"], "https://fb.me/3cr4Wqqkv");
    assert_eq!(r["headline"], "Chat with us");
    assert_eq!(r["body"], "Summer sale: 30% off all mugs");
    assert_eq!(r["media_type"], "image");
    assert_eq!(
        r["image_url"],
        "https://scontent.xx.fbcdn.net/v/t45.1600-4/518949152_n.png"
    );
    assert_eq!(
        r["ctwa_clid"],
        "Afe8AU8nq0cu4rq1DnF4mDs9XKWBWJrB0PlQzxL5xkIQ1qRMf06H8dnfQSkSZWj7b3"
    );
    assert_eq!(
        r["welcome_message"]["text"],
        "Hi! How can we help you today?"
    );
    assert_eq!(typed_objects(&msg), 2);
}

#[test]
fn unsupported_with_errors() {
    let (value, msg) = single_message("msg_unsupported.json");
    // The contact carries `identity_key_hash` too: unknown fields are ignored.
    assert_sheena_contact(&value);
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNCRjc3NAA=",
        1_749_417_450,
        "unsupported",
    );
    assert_eq!(msg.errors.len(), 1);
    let e = &msg.errors[0];
    assert_eq!(e.code, 131051);
    assert_eq!(e.title.as_deref(), Some("Message type unknown"));
    assert_eq!(e.message.as_deref(), Some("Message type unknown"));
    assert_eq!(
        e.details(),
        Some("Message type is currently not supported.")
    );
    assert_eq!(e.href, None);
    assert_eq!(msg.text(), None);
    assert!(msg.media().is_none());
    assert_eq!(typed_objects(&msg), 0);
}

#[test]
fn unknown_future_type_still_parses() {
    let value = single_value("msg_unknown_type_poll.json");
    let msg = InboundMessage::parse(&value.messages[0]).unwrap();
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNDMTZBRgA=",
        1_749_417_500,
        "poll",
    );
    assert_eq!(typed_objects(&msg), 0);
    assert_eq!(msg.text(), None);
    assert!(msg.media().is_none());
    assert!(msg.reply_to().is_none());
    assert!(msg.errors.is_empty());
    // The raw message is still there for whoever wants the new object.
    let raw: Value = serde_json::from_str(value.messages[0].get()).unwrap();
    assert_eq!(raw["poll"]["name"], "Which colour should we stock next?");
    assert_eq!(raw["poll"]["options"].as_array().unwrap().len(), 3);
}
