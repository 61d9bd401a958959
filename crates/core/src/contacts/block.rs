//! Block and unblock through the Cloud API, then record it: Meta's answer comes first, so the
//! app never shows a contact as blocked that WhatsApp does not block.

use wacloud::{GraphClient, GraphError, PhoneNumberId, WaId};

use super::store::Flag;
use super::texts::TEXTS;
use super::{ContactEntry, ContactsError, ops};
use crate::clock::now_secs;
use crate::i18n::say;
use crate::store::Store;

/// How recently a contact must have written to be blocked (Meta's rule).
pub const BLOCK_WINDOW_SECS: i64 = 24 * 60 * 60;

fn graph(e: GraphError) -> ContactsError {
    let mut text = e.message.clone();
    if let Some(d) = e.details.as_deref().filter(|d| !d.is_empty()) {
        text = format!("{text}: {d}");
    }
    if let Some(code) = e.code {
        text = say(
            TEXTS,
            "contacts.with_code",
            &[("text", &text), ("code", &code.to_string())],
        );
    }
    if text.is_empty() {
        text = e.to_string();
    }
    ContactsError::Graph(text)
}

/// Blocks (or unblocks) `wa_id` with Meta, then marks the contact. Blocking someone who has not
/// written in the last 24 hours is refused before any request (Meta would refuse it too).
pub async fn set_blocked(
    store: &Store,
    graph_client: &GraphClient,
    phone_number_id: &PhoneNumberId,
    wa_id: &str,
    block: bool,
) -> Result<ContactEntry, ContactsError> {
    let id = WaId::parse(wa_id)
        .map_err(|e| ContactsError::Invalid(crate::compose::refusals::id_error(&e)))?;
    let key = id.as_str().to_owned();
    let contact = store
        .read({
            let key = key.clone();
            move |c| crate::store::contacts::get(c, &key)
        })
        .await?
        .ok_or_else(|| ContactsError::NoContact(key.clone()))?;
    if block {
        let recent = contact
            .last_inbound_at
            .is_some_and(|at| now_secs() - at <= BLOCK_WINDOW_SECS);
        if !recent {
            let when = contact
                .last_inbound_at
                .and_then(utc)
                .unwrap_or_else(|| "never".to_owned());
            return Err(ContactsError::NotRecent(key, when));
        }
    }
    let outcome = if block {
        graph_client.block_users(phone_number_id, &[id]).await
    } else {
        graph_client.unblock_users(phone_number_id, &[id]).await
    }
    .map_err(graph)?;
    if let Some(f) = outcome.failed.first() {
        return Err(ContactsError::Graph(match f.code {
            Some(code) => say(
                TEXTS,
                "contacts.with_code",
                &[("text", &f.message), ("code", &code.to_string())],
            ),
            None => f.message.clone(),
        }));
    }
    ops::set_flag(store, &key, Flag::Blocked, block).await?;
    ops::entry(store, key).await
}

/// `at` (unix seconds) as an HTTP date (`Sat, 05 Dec 2026 16:55:10 GMT`).
fn utc(at: i64) -> Option<String> {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(u64::try_from(at).ok()?);
    Some(httpdate::fmt_http_date(t))
}
