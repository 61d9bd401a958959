//! Webhook bodies as Meta sends them, for the sandbox's simulated customers and for tests.

use serde_json::{Value, json};

/// The display number the sandbox's business uses.
/// (The digits of "+1 555-010-0000", which the fake Graph API gives as the number's display form.)
pub const SANDBOX_DISPLAY_NUMBER: &str = "15550100000";

fn envelope(waba_id: &str, phone_number_id: &str, value_rest: Value) -> Value {
    let mut value = json!({
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": SANDBOX_DISPLAY_NUMBER, "phone_number_id": phone_number_id},
    });
    if let (Some(v), Some(rest)) = (value.as_object_mut(), value_rest.as_object()) {
        v.extend(rest.clone());
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": waba_id, "changes": [{"field": "messages", "value": value}]}],
    })
}

/// An inbound text message from `from` (named `name`).
pub fn inbound_text(
    waba_id: &str,
    phone_number_id: &str,
    from: &str,
    name: &str,
    wamid: &str,
    timestamp: i64,
    body: &str,
) -> Value {
    let sender = Inbound {
        waba_id,
        phone_number_id,
        from,
        name,
        wamid,
        timestamp,
    };
    inbound(&sender, "text", json!({"body": body}), None)
}

/// Who sends an inbound message, and its id and time: the part every inbound message shares.
#[derive(Debug, Clone, Copy)]
pub struct Inbound<'a> {
    pub waba_id: &'a str,
    pub phone_number_id: &'a str,
    /// The customer's WhatsApp id.
    pub from: &'a str,
    /// The customer's profile name.
    pub name: &'a str,
    pub wamid: &'a str,
    /// Unix seconds.
    pub timestamp: i64,
}

/// A message of `kind` whose object (`"image": {...}`, ...) is `object`; `context` is the wamid
/// of the business message it answers (as Meta sends for button replies and quoted replies).
fn inbound(sender: &Inbound<'_>, kind: &str, object: Value, context: Option<&str>) -> Value {
    let mut message = json!({
        "from": sender.from,
        "id": sender.wamid,
        "timestamp": sender.timestamp.to_string(),
        "type": kind,
    });
    message[kind] = object;
    if let Some(id) = context {
        message["context"] = json!({"from": SANDBOX_DISPLAY_NUMBER, "id": id});
    }
    envelope(
        sender.waba_id,
        sender.phone_number_id,
        json!({
            "contacts": [{"profile": {"name": sender.name}, "wa_id": sender.from}],
            "messages": [message],
        }),
    )
}

/// The media object of an inbound image, video, audio, document or sticker, as Meta sends it.
#[derive(Debug, Clone, Copy, Default)]
pub struct InboundMedia<'a> {
    /// The media id to fetch the file with (`GET /{media-id}`).
    pub id: &'a str,
    pub mime_type: &'a str,
    /// The file's SHA-256, base64 (webhooks carry it so; `GET /{media-id}` answers hex).
    pub sha256: &'a str,
    /// Image, video and document only.
    pub caption: Option<&'a str>,
    /// Documents only.
    pub filename: Option<&'a str>,
    /// Audio only: a voice note recorded in WhatsApp rather than a file.
    pub voice: bool,
    /// Stickers only.
    pub animated: bool,
}

/// An inbound media message of `kind` (`image`, `video`, `audio`, `document` or `sticker`).
pub fn inbound_media(sender: &Inbound<'_>, kind: &str, media: &InboundMedia<'_>) -> Value {
    let mut object = json!({"id": media.id, "mime_type": media.mime_type, "sha256": media.sha256});
    if let Some(caption) = media.caption {
        object["caption"] = json!(caption);
    }
    if let Some(filename) = media.filename {
        object["filename"] = json!(filename);
    }
    match kind {
        "audio" => object["voice"] = json!(media.voice),
        "sticker" => object["animated"] = json!(media.animated),
        _ => {}
    }
    inbound(sender, kind, object, None)
}

/// An inbound location pin; `name` and `address` are set for a chosen place, not a dropped pin.
pub fn inbound_location(
    sender: &Inbound<'_>,
    latitude: f64,
    longitude: f64,
    name: Option<&str>,
    address: Option<&str>,
) -> Value {
    let mut object = json!({"latitude": latitude, "longitude": longitude});
    if let Some(name) = name {
        object["name"] = json!(name);
    }
    if let Some(address) = address {
        object["address"] = json!(address);
    }
    inbound(sender, "location", object, None)
}

/// The customer reacts to `message_id` with `emoji` (an empty emoji removes the reaction; Meta
/// then leaves `emoji` out).
pub fn inbound_reaction(sender: &Inbound<'_>, message_id: &str, emoji: &str) -> Value {
    let mut object = json!({"message_id": message_id});
    if !emoji.is_empty() {
        object["emoji"] = json!(emoji);
    }
    inbound(sender, "reaction", object, None)
}

/// The customer taps reply button `button_id` (labelled `title`) of the business message
/// `context_id`.
pub fn inbound_button_reply(
    sender: &Inbound<'_>,
    context_id: &str,
    button_id: &str,
    title: &str,
) -> Value {
    let object = json!({"type": "button_reply", "button_reply": {"id": button_id, "title": title}});
    inbound(sender, "interactive", object, Some(context_id))
}

/// The customer picks row `row_id` (titled `title`) of the list in the business message
/// `context_id`.
pub fn inbound_list_reply(
    sender: &Inbound<'_>,
    context_id: &str,
    row_id: &str,
    title: &str,
) -> Value {
    let object = json!({"type": "list_reply", "list_reply": {"id": row_id, "title": title}});
    inbound(sender, "interactive", object, Some(context_id))
}

/// The customer taps a template's quick-reply button (`text` is its label, `payload` what the
/// send set for it).
pub fn inbound_template_button(
    sender: &Inbound<'_>,
    context_id: &str,
    text: &str,
    payload: &str,
) -> Value {
    let object = json!({"text": text, "payload": payload});
    inbound(sender, "button", object, Some(context_id))
}

/// A `message_template_status_update` (Meta sends it to the app's default callback only).
/// `reason` is `NONE` unless the template was rejected.
pub fn template_status(
    waba_id: &str,
    template_id: u64,
    name: &str,
    language: &str,
    event: &str,
    reason: &str,
) -> Value {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": waba_id,
            "time": crate::clock::now_secs(),
            "changes": [{
                "field": "message_template_status_update",
                "value": {
                    "event": event,
                    "message_template_id": template_id,
                    "message_template_name": name,
                    "message_template_language": language,
                    "reason": reason,
                },
            }],
        }],
    })
}

/// A status update for a message the business sent. `error` is `(code, title, details)` for `failed`.
pub fn status(
    waba_id: &str,
    phone_number_id: &str,
    wamid: &str,
    recipient: &str,
    status: &str,
    timestamp: i64,
    error: Option<(i64, &str, &str)>,
) -> Value {
    let mut s = json!({
        "id": wamid,
        "status": status,
        "timestamp": timestamp.to_string(),
        "recipient_id": recipient,
    });
    if status == "sent" || status == "delivered" {
        s["conversation"] =
            json!({"id": format!("conv-{recipient}"), "origin": {"type": "service"}});
        s["pricing"] = json!({"billable": false, "pricing_model": "PMP", "category": "service", "type": "free_customer_service"});
    }
    if let Some((code, title, details)) = error {
        s["errors"] = json!([{"code": code, "title": title, "message": title, "error_data": {"details": details}}]);
    }
    envelope(waba_id, phone_number_id, json!({ "statuses": [s] }))
}

/// Adds `biz_opaque_callback_data` to the status in a body built by [`status`], as Meta echoes
/// it from the send.
pub fn set_callback_data(body: &mut Value, data: &str) {
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["biz_opaque_callback_data"] =
        Value::String(data.to_owned());
}

/// Posts `body` to `url` signed with `app_secret`, as Meta does. Returns the HTTP status.
pub async fn post_signed(
    http: &reqwest::Client,
    url: &str,
    app_secret: &[u8],
    body: &Value,
) -> Result<reqwest::StatusCode, reqwest::Error> {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let signature = wacloud::sign(app_secret, &bytes);
    let response = http
        .post(url)
        .header("content-type", "application/json")
        .header(wacloud::signature::SIGNATURE_HEADER, signature)
        .body(bytes)
        .send()
        .await?;
    Ok(response.status())
}

/// A fresh wamid-like id.
pub fn new_wamid() -> String {
    use rand::RngExt;
    let n: u128 = rand::rng().random();
    format!("wamid.SANDBOX{n:032X}")
}

/// Standard base64 with padding (how webhooks carry a file's SHA-256).
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    fn sender() -> Inbound<'static> {
        Inbound {
            waba_id: "1",
            phone_number_id: "2",
            from: "15550100001",
            name: "Ana",
            wamid: "wamid.X",
            timestamp: 1_700_000_000,
        }
    }

    #[test]
    fn inbound_bodies_parse_as_webhooks() {
        let media = InboundMedia {
            id: "123",
            mime_type: "application/pdf",
            sha256: "abc=",
            caption: Some("The invoice"),
            filename: Some("invoice.pdf"),
            ..InboundMedia::default()
        };
        let bodies = [
            inbound_media(&sender(), "document", &media),
            inbound_location(&sender(), 38.7, -9.1, Some("Shop"), None),
            inbound_reaction(&sender(), "wamid.Y", "👍"),
            inbound_button_reply(&sender(), "wamid.Y", "yes", "Yes"),
            inbound_list_reply(&sender(), "wamid.Y", "row-1", "Row"),
            inbound_template_button(&sender(), "wamid.Y", "Deliver", "deliver"),
        ];
        let kinds = [
            "document",
            "location",
            "reaction",
            "interactive",
            "interactive",
            "button",
        ];
        for (body, kind) in bodies.iter().zip(kinds) {
            let bytes = serde_json::to_vec(body).unwrap();
            let notification = wacloud::webhook::Notification::parse(&bytes).unwrap();
            let value = notification.entry[0].changes[0]
                .messages_value()
                .unwrap()
                .unwrap();
            let message = wacloud::webhook::InboundMessage::parse(&value.messages[0]).unwrap();
            assert_eq!(message.kind().as_str(), kind, "{body}");
        }
        let doc = &bodies[0]["entry"][0]["changes"][0]["value"]["messages"][0];
        assert_eq!(doc["type"], "document");
        assert_eq!(doc["document"]["filename"], "invoice.pdf");
        assert_eq!(doc["document"]["sha256"], "abc=");
        let reply = &bodies[3]["entry"][0]["changes"][0]["value"]["messages"][0];
        assert_eq!(reply["context"]["id"], "wamid.Y");
        assert_eq!(reply["interactive"]["button_reply"]["id"], "yes");
        let removed = inbound_reaction(&sender(), "wamid.Y", "");
        let reaction = &removed["entry"][0]["changes"][0]["value"]["messages"][0]["reaction"];
        assert!(reaction.get("emoji").is_none());
    }
}
