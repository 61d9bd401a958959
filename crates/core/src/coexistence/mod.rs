//! One number on the phone and in Shopchat: coexistence with the WhatsApp Business app.
//!
//! A number onboarded from the WhatsApp Business app keeps working on the phone. Meta then sends
//! three more webhook fields, applied here in the inbox's transaction:
//! - `smb_message_echoes`: what the owner sent from the phone, stored as the shop's message with
//!   origin `phone` ([`echoes`]). Never answered, never counted as a customer's message, and it
//!   neither opens nor extends the 24-hour window.
//! - `history`: the one-time import of up to six months of past chats, in chunks ([`history`]).
//!   Stored once per wamid (a replayed chunk changes nothing), with no bot, automation or
//!   notification.
//! - `smb_app_state_sync`: the phone's address book, whose names are shown before the profile
//!   names ([`address_book`]).
//!
//! On such a number Meta allows 20 messages per second instead of 80: see [`RATE_PER_SECOND`].

pub mod address_book;
mod echoes;
pub mod history;
mod store;

use wacloud::webhook::{Change, ChangeValue};

use crate::store::{StoreError, WriteCtx};

/// Messages per second Meta allows a number that is also on the WhatsApp Business app.
pub const RATE_PER_SECOND: u32 = 20;

/// The outbox's rate for these settings: the settings' rate, lowered to [`RATE_PER_SECOND`] when
/// the number is also on the WhatsApp Business app (a rate of `null`, unlimited, becomes 20 too:
/// Meta refuses faster sending on such a number).
pub fn rate_for(settings: &crate::settings::Settings) -> Option<std::num::NonZeroU32> {
    let rate = settings.outbox_rate.and_then(std::num::NonZeroU32::new);
    if !settings.on_business_app {
        return rate;
    }
    let cap = std::num::NonZeroU32::new(RATE_PER_SECOND).expect("20 is not zero");
    Some(rate.map_or(cap, |r| r.min(cap)))
}

/// The webhook fields of coexistence.
pub const FIELDS: [&str; 3] = ["smb_message_echoes", "history", "smb_app_state_sync"];

/// Applies a coexistence change; `Ok(false)` when the change is not one of [`FIELDS`].
/// With `number`, changes for another phone number id are kept in the journal with a note.
pub(crate) fn apply_change(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    change: &Change,
    number: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<bool, StoreError> {
    if !FIELDS.contains(&change.field.as_str()) {
        return Ok(false);
    }
    let ours = |id: Option<&str>, notes: &mut Vec<String>| match (number, id) {
        (Some(ours), Some(id)) if ours != id => {
            notes.push(format!(
                "a {} change for phone number id {id} (not this app's number) kept in the journal",
                change.field
            ));
            false
        }
        _ => true,
    };
    if change.field == "smb_app_state_sync" {
        match address_book::parse(change.value.get()) {
            Ok(v) => {
                if ours(v.phone_number_id(), notes) {
                    address_book::apply(ctx, &v, notes)?;
                }
            }
            Err(e) => notes.push(format!("an address book change could not be read: {e}")),
        }
        return Ok(true);
    }
    match change.parse_value() {
        ChangeValue::MessageEchoes(v) => {
            let id = v.metadata.as_ref().map(|m| m.phone_number_id.as_str());
            if ours(id, notes) {
                echoes::apply(ctx, event_id, &v, notes)?;
            }
        }
        ChangeValue::History(v) => {
            let id = v.metadata.as_ref().map(|m| m.phone_number_id.clone());
            if ours(id.as_deref(), notes) {
                history::apply(ctx, event_id, id.as_deref().unwrap_or(""), &v, notes)?;
            }
        }
        _ => notes.push(format!("a {} change could not be read", change.field)),
    }
    Ok(true)
}

/// Digits only: Meta writes numbers with or without `+`, spaces and dashes.
pub(crate) fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests;
