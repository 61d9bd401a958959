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

/// Publishes a contact's current state.
pub(crate) fn emit_contact(ctx: &mut WriteCtx<'_>, wa_id: &str) -> Result<(), StoreError> {
    if let Some(contact) = contacts::get(ctx.conn, wa_id)? {
        ctx.emit(DomainEvent::ContactUpdated { contact });
    }
    Ok(())
}
