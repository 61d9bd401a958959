//! Webhook bodies of a number that is also on the WhatsApp Business app (coexistence), as Meta
//! sends them: a message the owner sent from the phone (`smb_message_echoes`), a chunk of the
//! one-time chat history (`history`), and a change of the phone's address book
//! (`smb_app_state_sync`). For the sandbox's "from the phone" controls and for tests.

use serde_json::{Value, json};

use crate::payloads::SANDBOX_DISPLAY_NUMBER;

fn envelope(waba_id: &str, phone_number_id: &str, field: &str, rest: Value) -> Value {
    let mut value = json!({
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": SANDBOX_DISPLAY_NUMBER, "phone_number_id": phone_number_id},
    });
    if let (Some(v), Some(rest)) = (value.as_object_mut(), rest.as_object()) {
        v.extend(rest.clone());
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": waba_id, "changes": [{"field": field, "value": value}]}],
    })
}

/// The owner sent `body` to `to` from the WhatsApp Business app on the phone.
pub fn echo_text(
    waba_id: &str,
    phone_number_id: &str,
    to: &str,
    wamid: &str,
    timestamp: i64,
    body: &str,
) -> Value {
    envelope(
        waba_id,
        phone_number_id,
        "smb_message_echoes",
        json!({"message_echoes": [{
            "from": SANDBOX_DISPLAY_NUMBER,
            "to": to,
            "id": wamid,
            "timestamp": timestamp.to_string(),
            "type": "text",
            "text": {"body": body},
        }]}),
    )
}

/// One message of a history thread: from the customer (`from_customer`) or from the business,
/// with its delivery status.
#[derive(Debug, Clone)]
pub struct HistoryMessage {
    pub wamid: String,
    pub from_customer: bool,
    pub timestamp: i64,
    pub body: String,
    /// `DELIVERED`, `READ`, ... for the business's messages.
    pub status: &'static str,
}

/// A chunk of the history: `threads` are (customer number, messages).
pub fn history_chunk(
    waba_id: &str,
    phone_number_id: &str,
    phase: i64,
    chunk_order: i64,
    progress: i64,
    threads: &[(String, Vec<HistoryMessage>)],
) -> Value {
    let threads: Vec<Value> = threads
        .iter()
        .map(|(customer, messages)| {
            let messages: Vec<Value> = messages
                .iter()
                .map(|m| {
                    let mut v = json!({
                        "from": if m.from_customer { customer.as_str() } else { SANDBOX_DISPLAY_NUMBER },
                        "id": m.wamid,
                        "timestamp": m.timestamp.to_string(),
                        "type": "text",
                        "text": {"body": m.body},
                        "history_context": {"status": m.status},
                    });
                    if !m.from_customer {
                        v["to"] = json!(customer);
                    }
                    v
                })
                .collect();
            json!({"id": customer, "messages": messages})
        })
        .collect();
    envelope(
        waba_id,
        phone_number_id,
        "history",
        json!({"history": [{
            "metadata": {"phase": phase, "chunk_order": chunk_order, "progress": progress},
            "threads": threads,
        }]}),
    )
}

/// The business declined to share its chat history (error 2593109).
pub fn history_declined(waba_id: &str, phone_number_id: &str) -> Value {
    envelope(
        waba_id,
        phone_number_id,
        "history",
        json!({"history": [{"errors": [{
            "code": 2593109,
            "title": "History sync is turned off by the business",
            "message": "History sync is turned off by the business",
            "error_data": {"details": "The business declined to share its chat history."},
        }]}]}),
    )
}

/// The owner saved `number` as `full_name` on the phone (`add`), or removed it (`None`).
pub fn address_book(
    waba_id: &str,
    phone_number_id: &str,
    number: &str,
    full_name: Option<&str>,
    timestamp: i64,
) -> Value {
    let change = match full_name {
        Some(name) => json!({
            "type": "contact",
            "contact": {
                "full_name": name,
                "first_name": name.split_whitespace().next().unwrap_or(name),
                "phone_number": number,
            },
            "action": "add",
            "metadata": {"timestamp": timestamp.to_string()},
        }),
        None => json!({
            "type": "contact",
            "contact": {"phone_number": number},
            "action": "remove",
            "metadata": {"timestamp": timestamp.to_string()},
        }),
    };
    envelope(
        waba_id,
        phone_number_id,
        "smb_app_state_sync",
        json!({"state_sync": [change]}),
    )
}
