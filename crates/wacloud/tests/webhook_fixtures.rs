//! Every webhook body in `tests/fixtures/` goes through the layered parsers
//! (`Notification::parse` → `Change::messages_value` → `InboundMessage::parse` / `Status::parse`)
//! and the parsed fields are checked one by one.
//!
//! The fixtures are written the way Meta sends them: non-ASCII characters as `\uXXXX`
//! escapes (emoji as surrogate pairs) and `/` as `\/`.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;
use serde_json::{Value, json};
use wacloud::webhook::{Change, InboundMessage, MessagesValue, Notification, Status, StatusKind};

// ---------------------------------------------------------------------------------------------
// The values the fixtures are built from.
// ---------------------------------------------------------------------------------------------

const WABA_ID: &str = "102290129340398";
const DISPLAY_PHONE: &str = "15550783881";
const PHONE_NUMBER_ID: &str = "106540352242922";

const SHEENA: &str = "16505551234";
const SHEENA_NAME: &str = "Sheena Nelson";
const SHEENA_BSUID: &str = "US.13491208655302741918";
const ANA: &str = "5511987654321";
const ANA_BSUID: &str = "BR.1502576394655843";

/// Messages the business sent, which inbound messages and statuses refer to.
const OUT_TEMPLATE: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QTlFRDYA";
const OUT_TEXT: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUExNzcA";
const OUT_VOICE: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUE0MTgA";
const OUT_FAILED: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUE2QjkA";
const OUT_ANA: &str = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjAwMkQ4QzFGMEI3RTRBQTk1QQA=";
const OUT_FLOW: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUFCRkIA";
const OUT_CATALOG: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUI5MjAA";
const OUT_BUTTONS: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUQzNkEA";
const OUT_LIST: &str = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBIwMDJEOEMxRjBCN0U0QUQ4QUMA";

/// Every fixture, so a new file cannot be forgotten by the round-trip test.
const ALL_FIXTURES: &[&str] = &[
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

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixtures_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn notification(name: &str) -> Notification {
    Notification::parse(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The one `messages` change of a fixture with one entry (for our WABA) and one change,
/// checked for the business number it is addressed to.
fn single_value(name: &str) -> MessagesValue {
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
fn single_message(name: &str) -> (MessagesValue, InboundMessage) {
    let value = single_value(name);
    assert_eq!(value.messages.len(), 1, "{name}");
    assert!(value.statuses.is_empty(), "{name}");
    assert!(value.errors.is_empty(), "{name}");
    let msg = InboundMessage::parse(&value.messages[0]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (value, msg)
}

/// The one status of a fixture; the value holds no messages nor errors.
fn single_status(name: &str) -> (MessagesValue, Status) {
    let value = single_value(name);
    assert_eq!(value.statuses.len(), 1, "{name}");
    assert!(value.messages.is_empty(), "{name}");
    assert!(value.errors.is_empty(), "{name}");
    let status = Status::parse(&value.statuses[0]).unwrap_or_else(|e| panic!("{name}: {e}"));
    (value, status)
}

/// Checks the single contact of a value is Sheena, with her business-scoped user id.
fn assert_sheena_contact(value: &MessagesValue) {
    assert_eq!(value.contacts().count(), 1);
    let c = &value.contacts().next().unwrap();
    assert_eq!(c.wa_id.as_str(), SHEENA);
    assert_eq!(c.name(), Some(SHEENA_NAME));
    assert_eq!(c.user_id.as_deref(), Some(SHEENA_BSUID));
}

/// Checks the parts every inbound message has.
fn assert_head(msg: &InboundMessage, from: &str, id: &str, timestamp: i64, kind: &str) {
    assert_eq!(msg.from.as_str(), from);
    assert_eq!(msg.id.as_str(), id);
    assert_eq!(msg.timestamp, timestamp);
    assert_eq!(msg.kind, kind);
}

/// How many of the typed per-type objects a message carries.
fn typed_objects(msg: &InboundMessage) -> usize {
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

fn raw(v: &Value) -> Box<RawValue> {
    RawValue::from_string(v.to_string()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

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
// Text.
// ---------------------------------------------------------------------------------------------

#[test]
fn text() {
    let (value, msg) = single_message("msg_text.json");
    assert_sheena_contact(&value);
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM4RUFCMQA=",
        1_749_416_383,
        "text",
    );
    assert_eq!(msg.text(), Some("Does it come in another color?"));
    assert_eq!(
        msg.text.as_ref().unwrap().body,
        "Does it come in another color?"
    );
    assert!(msg.context.is_none());
    assert!(msg.reply_to().is_none());
    assert!(msg.media().is_none());
    assert!(msg.errors.is_empty());
    assert_eq!(typed_objects(&msg), 1);
}

#[test]
fn text_reply() {
    let (value, msg) = single_message("msg_text_reply.json");
    assert_sheena_contact(&value);
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5MDlFQwA=",
        1_749_416_440,
        "text",
    );
    // `\u2014` in the body decodes to an em dash.
    assert_eq!(msg.text(), Some("Yes, the blue one please \u{2014} size M"));
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_TEXT));
    let ctx = msg.context.as_ref().unwrap();
    assert_eq!(ctx.from.as_deref(), Some(DISPLAY_PHONE));
    assert_eq!(ctx.forwarded, None);
    assert_eq!(ctx.frequently_forwarded, None);
    assert!(ctx.referred_product.is_none());
}

#[test]
fn text_forwarded() {
    let (_, msg) = single_message("msg_text_forwarded.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5MjkyNwA=",
        1_749_416_501,
        "text",
    );
    // `\/` decodes to `/`.
    assert_eq!(
        msg.text(),
        Some("Check out this deal: https://example.com/deal?id=42")
    );
    let ctx = msg.context.as_ref().unwrap();
    assert_eq!(ctx.forwarded, Some(true));
    assert_eq!(ctx.frequently_forwarded, None);
    assert!(ctx.id.is_none());
    assert!(ctx.from.is_none());
    // A forward is not a reply.
    assert!(msg.reply_to().is_none());
}

#[test]
fn text_frequently_forwarded() {
    let (_, msg) = single_message("msg_text_frequently_forwarded.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5NDg2MgA=",
        1_749_416_502,
        "text",
    );
    assert_eq!(
        msg.text(),
        Some("Forwarded many times: free shipping this weekend!")
    );
    let ctx = msg.context.as_ref().unwrap();
    assert_eq!(ctx.forwarded, Some(true));
    assert_eq!(ctx.frequently_forwarded, Some(true));
    assert!(msg.reply_to().is_none());
}

#[test]
fn text_product_enquiry() {
    let (_, msg) = single_message("msg_text_product_enquiry.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5ODZEOAA=",
        1_749_416_520,
        "text",
    );
    assert_eq!(msg.text(), Some("Is this still in stock?"));
    assert_eq!(msg.reply_to().map(|w| w.as_str()), Some(OUT_CATALOG));
    let product = msg
        .context
        .as_ref()
        .unwrap()
        .referred_product
        .as_ref()
        .unwrap();
    assert_eq!(product["catalog_id"], "194836987003835");
    assert_eq!(product["product_retailer_id"], "di9ozbzfi4");
}

// ---------------------------------------------------------------------------------------------
// Media.
// ---------------------------------------------------------------------------------------------

#[test]
fn image_with_caption() {
    let (value, msg) = single_message("msg_image.json");
    assert_sheena_contact(&value);
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5QTYxMwA=",
        1_749_416_600,
        "image",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "1003383421387256");
    assert_eq!(media.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(
        media.sha256.as_deref(),
        Some("nqSlBK+fWvDSXsVVlX0t7xH3kxR0S7JJQnpeLbJtVHo=")
    );
    assert_eq!(
        media.caption.as_deref(),
        Some("This one, but in red? \u{1F534}")
    );
    assert_eq!(media.filename, None);
    assert_eq!(media.voice, None);
    assert_eq!(media.animated, None);
    // The caption is the text a person reads.
    assert_eq!(msg.text(), Some("This one, but in red? \u{1F534}"));
    assert!(msg.image.is_some());
    assert_eq!(typed_objects(&msg), 1);
}

#[test]
fn video_without_caption() {
    let (_, msg) = single_message("msg_video.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5QzU0RQA=",
        1_749_416_650,
        "video",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "1248319839785617");
    assert_eq!(media.mime_type.as_deref(), Some("video/mp4"));
    // `\/` inside the hash decodes to `/`.
    assert_eq!(
        media.sha256.as_deref(),
        Some("WNvL9a1K2IVSaKDBp/4vYdOQ4Nl4rD8lAg8bwHmbmko=")
    );
    assert_eq!(media.caption, None);
    assert_eq!(msg.text(), None);
    assert!(msg.video.is_some());
    assert_eq!(typed_objects(&msg), 1);
}

#[test]
fn audio_file() {
    let (_, msg) = single_message("msg_audio.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDM5RTQ4OQA=",
        1_749_416_700,
        "audio",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "583627357968391");
    assert_eq!(media.mime_type.as_deref(), Some("audio/mpeg"));
    assert_eq!(media.voice, Some(false));
    assert_eq!(msg.text(), None);
}

#[test]
fn voice_note() {
    let (_, msg) = single_message("msg_voice.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBMDNDNAA=",
        1_749_416_710,
        "audio",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "1362727838292405");
    // A MIME type with parameters is kept whole.
    assert_eq!(media.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
    assert_eq!(
        media.sha256.as_deref(),
        Some("2MSG0h2lwsTCvDVm5YJVt6l7TBjiAb1HtY/3Ua8Hzw4=")
    );
    assert_eq!(media.voice, Some(true));
    assert!(msg.audio.is_some());
    assert_eq!(msg.text(), None);
}

#[test]
fn document_with_filename_and_caption() {
    let (_, msg) = single_message("msg_document.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBMjJGRgA=",
        1_749_416_800,
        "document",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "2086379895183945");
    assert_eq!(media.mime_type.as_deref(), Some("application/pdf"));
    assert_eq!(media.filename.as_deref(), Some("invoice-1042.pdf"));
    assert_eq!(media.caption.as_deref(), Some("Invoice for order #1042"));
    assert_eq!(msg.text(), Some("Invoice for order #1042"));
    assert!(msg.document.is_some());
}

#[test]
fn animated_sticker() {
    let (_, msg) = single_message("msg_sticker.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBNDIzQQA=",
        1_749_416_850,
        "sticker",
    );
    let media = msg.media().unwrap();
    assert_eq!(media.id, "1228404228290394");
    assert_eq!(media.mime_type.as_deref(), Some("image/webp"));
    assert_eq!(media.animated, Some(true));
    assert_eq!(media.caption, None);
    assert_eq!(msg.text(), None);
    assert!(msg.sticker.is_some());
}

// ---------------------------------------------------------------------------------------------
// Location, contacts.
// ---------------------------------------------------------------------------------------------

#[test]
fn location() {
    let (_, msg) = single_message("msg_location.json");
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBNjE3NQA=",
        1_749_416_900,
        "location",
    );
    let loc = msg.location.as_ref().unwrap();
    assert!(close(loc.latitude, 37.483307), "{}", loc.latitude);
    assert!(close(loc.longitude, -122.148981), "{}", loc.longitude);
    assert_eq!(loc.name.as_deref(), Some("Philz Coffee"));
    assert_eq!(
        loc.address.as_deref(),
        Some("1 Hacker Way, Menlo Park, CA 94025")
    );
    assert_eq!(loc.url.as_deref(), Some("https://philzcoffee.com"));
    assert!(msg.media().is_none());
    assert_eq!(typed_objects(&msg), 1);
}

#[test]
fn shared_contact_card() {
    let (value, msg) = single_message("msg_contacts.json");
    // The sender (value.contacts) and the shared card (msg.contacts) are different things.
    assert_sheena_contact(&value);
    assert_head(
        &msg,
        SHEENA,
        "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTAwNEE2NTk5QUVFMDNBODBCMAA=",
        1_749_416_950,
        "contacts",
    );
    let cards = msg.contacts.as_ref().unwrap();
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card["name"]["formatted_name"], "Barbara J. Johnson");
    assert_eq!(card["phones"].as_array().unwrap().len(), 2);
    assert_eq!(card["phones"][0]["phone"], "+1 (650) 555-1234");
    assert_eq!(card["phones"][0]["wa_id"], SHEENA);
    assert_eq!(card["phones"][1].get("wa_id"), None);
    assert_eq!(card["emails"][0]["email"], "bjohnson@example.com");
    assert_eq!(card["org"]["company"], "Example, Inc.");
    assert_eq!(card["urls"][0]["url"], "https://www.example.com");
    assert_eq!(msg.text(), None);
}

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
