//! Each customer's text, button or list answer classed (`interested`, `not_interested`,
//! `question`, `unknown`) by [`shopchat_replies`] as it is stored: a tag on the message, the
//! contact's latest for the chat list's filter.

use rusqlite::Connection;
use shopchat_replies::{Input, classify};
use wacloud::webhook::InboundMessage;

use crate::store::StoreError;

/// What the message says about the customer's intent, if it says anything in words.
pub fn class_of(m: &InboundMessage) -> Option<shopchat_replies::Class> {
    let input = if let Some(b) = &m.button {
        Input::Button {
            payload: b.payload.as_deref().unwrap_or(""),
            text: &b.text,
        }
    } else if let Some(i) = &m.interactive {
        match (&i.button_reply, &i.list_reply) {
            (Some(r), _) => Input::Button {
                payload: &r.id,
                text: &r.title,
            },
            (None, Some(r)) => Input::ListReply {
                id: &r.id,
                title: &r.title,
            },
            (None, None) => return None,
        }
    } else {
        Input::Text(m.text.as_ref()?.body.as_str())
    };
    Some(classify(input).class)
}

/// Classes the stored message `id` and notes it as the contact's latest.
pub fn record(conn: &Connection, id: i64, m: &InboundMessage) -> Result<(), StoreError> {
    let Some(class) = class_of(m) else {
        return Ok(());
    };
    conn.prepare_cached("UPDATE messages SET class = ?2 WHERE id = ?1")?
        .execute((id, class.as_str()))?;
    conn.prepare_cached("UPDATE contacts SET last_class = ?2 WHERE wa_id = ?1")?
        .execute((m.from.as_str(), class.as_str()))?;
    Ok(())
}
