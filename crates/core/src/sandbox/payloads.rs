//! Webhook bodies as Meta sends them, for the sandbox's simulated customers and for tests.

use serde_json::{Value, json};

/// The display number the sandbox's business uses.
pub const SANDBOX_DISPLAY_NUMBER: &str = "15550001111";

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
    envelope(
        waba_id,
        phone_number_id,
        json!({
            "contacts": [{"profile": {"name": name}, "wa_id": from}],
            "messages": [{"from": from, "id": wamid, "timestamp": timestamp.to_string(), "type": "text", "text": {"body": body}}],
        }),
    )
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
