//! Moving outbound messages through their statuses, for the inbox (status webhooks) and the
//! outbox (send answers) alike.

use crate::events::DomainEvent;
use crate::store::messages::{self, StoredError};
use crate::store::{StoreError, WriteCtx, contacts, statuses};
use crate::views::MessageStatus;

/// Moves message `id` to `next` if that is forward, and publishes the change.
pub(crate) fn advance(
    ctx: &mut WriteCtx<'_>,
    id: i64,
    next: MessageStatus,
    at_secs: i64,
    error: Option<&StoredError>,
) -> Result<bool, StoreError> {
    let current = messages::status_of(ctx.conn, id)?;
    if !current.can_advance_to(next) {
        return Ok(false);
    }
    messages::set_status(ctx.conn, id, next, at_secs, error)?;
    crate::broadcasts::track::on_status(ctx, id, next, error)?;
    emit_status(ctx, id)?;
    Ok(true)
}

pub(crate) fn emit_status(ctx: &mut WriteCtx<'_>, id: i64) -> Result<(), StoreError> {
    let m = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageStatus {
        id,
        contact: m.contact,
        wamid: m.wamid,
        status: m.status,
        error: m.error,
    });
    Ok(())
}

/// Applies the furthest status already recorded for `wamid` (statuses that arrived before the
/// send's answer told us which message they were about).
pub(crate) fn apply_recorded(
    ctx: &mut WriteCtx<'_>,
    id: i64,
    wamid: &str,
) -> Result<(), StoreError> {
    let mut recorded = statuses::recorded(ctx.conn, wamid)?;
    // Apply in order, so the furthest one wins and `failed` keeps its error.
    recorded.sort_by_key(|(s, ts, _)| (matches!(s, MessageStatus::Failed), *ts));
    for (status, ts, err) in recorded {
        advance(ctx, id, status, ts, err.as_ref())?;
    }
    Ok(())
}

/// The `biz_opaque_callback_data` the outbox sends with message `id` of the database `install`.
pub fn callback_for(install: &str, id: i64) -> String {
    format!("shopchat:{install}:{id}")
}

/// The message id in callback data the outbox of this database (`install`) set, if it is ours.
pub(crate) fn message_for_callback(install: &str, data: &str) -> Option<i64> {
    data.strip_prefix("shopchat:")?
        .strip_prefix(install)?
        .strip_prefix(':')?
        .parse()
        .ok()
}

/// A send marked `unknown` (its answer was lost) turns out to have reached Meta as `wamid`:
/// record the wamid, close its outbox row, and apply the statuses recorded for it. Does nothing
/// for a message that is not an uncertain send without a wamid.
pub(crate) fn reconcile_uncertain(
    ctx: &mut WriteCtx<'_>,
    id: i64,
    wamid: &str,
) -> Result<bool, StoreError> {
    let uncertain = ctx
        .conn
        .prepare_cached(
            "SELECT 1 FROM messages
             WHERE id = ?1 AND direction = 'out' AND wamid IS NULL AND status = 'unknown'",
        )?
        .exists([id])?;
    if !uncertain || messages::find_by_wamid(ctx.conn, wamid)?.is_some() {
        return Ok(false);
    }
    messages::set_wamid(ctx.conn, id, wamid)?;
    crate::store::outbox::finish(ctx.conn, id, "done", None)?;
    messages::clear_error(ctx.conn, id)?;
    // Meta gave it a wamid, so it was accepted: at least `sent`, then whatever came since.
    advance(ctx, id, MessageStatus::Sent, crate::store::now_secs(), None)?;
    apply_recorded(ctx, id, wamid)?;
    Ok(true)
}

/// An `unknown` send whose status webhook already came (it carried our callback data): settle
/// it from that. Returns whether it was settled (its status event is then published).
pub(crate) fn settle_if_reported(ctx: &mut WriteCtx<'_>, id: i64) -> Result<bool, StoreError> {
    let install = crate::store::install_id(ctx.conn)?;
    match statuses::wamid_for_callback(ctx.conn, &callback_for(&install, id))? {
        Some(wamid) => reconcile_uncertain(ctx, id, &wamid),
        None => Ok(false),
    }
}

/// Publishes a contact's current state.
pub(crate) fn emit_contact(ctx: &mut WriteCtx<'_>, wa_id: &str) -> Result<(), StoreError> {
    if let Some(contact) = contacts::get(ctx.conn, wa_id)? {
        ctx.emit(DomainEvent::ContactUpdated { contact });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_data_names_this_database_and_the_message() {
        let data = callback_for("a1b2c3", 42);
        assert_eq!(data, "shopchat:a1b2c3:42");
        assert_eq!(message_for_callback("a1b2c3", &data), Some(42));
        // Another database's message 42 (a reset, a restore) is not ours.
        assert_eq!(message_for_callback("ffffff", &data), None);
        assert_eq!(message_for_callback("a1b2c3", "shopchat:42"), None);
        assert_eq!(message_for_callback("a1b2c3", "someone-else"), None);
    }
}
