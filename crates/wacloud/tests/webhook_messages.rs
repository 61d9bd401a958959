//! Inbound messages with content: text (replies, forwards, product enquiries), media,
//! location and shared contact cards. Each fixture in `tests/fixtures/` goes through the layered
//! parsers and the parsed fields are checked one by one (helpers in `common/mod.rs`).

#![allow(clippy::unwrap_used)]

mod common;

use common::*;

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
