//! Applying one journaled webhook event.

use wacloud::webhook::{Change, InboundMessage, MessagesValue, Notification, Status};

use crate::delivery::{self, emit_contact};
use crate::events::DomainEvent;
use crate::store::journal::Outcome;
use crate::store::messages::{self, NewInbound, StoredError};
use crate::store::{StoreError, WriteCtx, contacts, media, now_ms, reactions, statuses};
use crate::views::{Direction, MediaKindView, MessageStatus};

/// Applies one parsed event; returns the outcome and, where something was skipped, why. Only a
/// database failure is an error (and fails the whole job, which is then tried again).
///
/// With `number`, only changes for that phone number id are applied: a WhatsApp Business account
/// may hold several numbers, and Meta sends the app the webhooks of all of them.
pub(super) fn apply_event(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    notification: &Notification,
    number: Option<&str>,
) -> Result<(Outcome, Option<String>), StoreError> {
    if notification.object != "whatsapp_business_account" {
        return Ok((
            Outcome::Ignored,
            Some(format!("object {:?}", notification.object)),
        ));
    }
    let mut applied = false;
    let mut notes = Vec::new();
    for entry in &notification.entry {
        for change in &entry.changes {
            match apply_change(ctx, event_id, change, number, &mut notes)? {
                true => applied = true,
                false => notes.push(format!("field {:?} kept in the journal", change.field)),
            }
        }
    }
    let detail = (!notes.is_empty()).then(|| notes.join("; "));
    Ok((
        if applied {
            Outcome::Applied
        } else {
            Outcome::Ignored
        },
        detail,
    ))
}

/// Returns whether the change was one the app handles.
fn apply_change(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    change: &Change,
    number: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<bool, StoreError> {
    // Echoes from the phone, the imported history and the phone's address book (coexistence).
    if crate::coexistence::apply_change(ctx, event_id, change, number, notes)? {
        return Ok(true);
    }
    // Templates: approved, rejected, paused, their quality and category.
    if crate::templates::webhooks::apply_change(ctx, change, notes)? {
        return Ok(true);
    }
    let value: MessagesValue = match change.messages_value() {
        None => return Ok(false),
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            // Kept in the journal with the reason; the event's other changes still apply.
            notes.push(format!("a messages change could not be read: {e}"));
            return Ok(true);
        }
    };
    if let Some(ours) = number
        && value.metadata.phone_number_id != ours
    {
        notes.push(format!(
            "a change for phone number id {} (not this app's number) kept in the journal",
            value.metadata.phone_number_id
        ));
        return Ok(true);
    }
    for c in value.contacts() {
        let wa_id = c.wa_id.as_str();
        if contacts::upsert(ctx.conn, wa_id, c.name(), c.user_id.as_deref())? {
            emit_contact(ctx, wa_id)?;
        }
    }
    for raw in &value.messages {
        match InboundMessage::parse(raw) {
            Ok(m) => apply_message(ctx, event_id, &m, raw.get())?,
            Err(e) => notes.push(format!("a message could not be read: {e}")),
        }
    }
    for raw in &value.statuses {
        match Status::parse(raw) {
            Ok(s) => apply_status(ctx, &s, raw.get())?,
            Err(e) => notes.push(format!("a status could not be read: {e}")),
        }
    }
    for e in &value.errors {
        notes.push(format!(
            "Meta reported error {}: {}",
            e.code,
            e.title.as_deref().unwrap_or("")
        ));
    }
    Ok(true)
}

fn apply_message(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    m: &InboundMessage,
    raw: &str,
) -> Result<(), StoreError> {
    let contact = m.from.as_str();
    // The contact may be missing from `contacts[]`; make sure it exists.
    contacts::upsert(ctx.conn, contact, None, None)?;
    let reaction = m.reaction.as_ref().filter(|_| m.kind == "reaction");
    let inserted = messages::insert_inbound(
        ctx.conn,
        &NewInbound {
            wamid: m.id.as_str(),
            contact,
            kind: &m.kind,
            text: if reaction.is_some() { None } else { m.text() },
            raw,
            timestamp: m.timestamp,
            reply_to: m.reply_to().map(|w| w.as_str()),
            webhook_event_id: event_id,
        },
    )?;
    let Some(id) = inserted else {
        // Delivered before: at least once means sometimes twice.
        return Ok(());
    };
    if let Some(r) = reaction {
        // Shown on the message it reacts to. A reaction does not open the 24-hour window
        // differently from any message, so the contact's last inbound time still moves.
        let emoji = r.emoji.as_deref().unwrap_or("");
        let target = r.message_id.as_str();
        contacts::note_inbound(ctx.conn, contact, m.timestamp)?;
        if reactions::record(ctx.conn, target, Direction::In, emoji, m.timestamp)?
            && let Some(target_id) = reactions::target_id(ctx.conn, target)?
        {
            let message = messages::get(ctx.conn, target_id)?;
            ctx.emit(DomainEvent::MessageUpdated { message });
        }
        // The reaction itself is the chat's latest activity ("Ana reacted ❤️ to “…”"); the
        // window shows it under its message, never as a bubble.
        contacts::note_reaction(ctx.conn, contact, id)?;
        let message = messages::get(ctx.conn, id)?;
        ctx.emit(DomainEvent::MessageReceived { message });
        emit_contact(ctx, contact)?;
        return Ok(());
    }
    if let Some(file) = m.media()
        && let Some(kind) = MediaKindView::parse(&m.kind)
    {
        // A name from the network is made safe before it is shown or used.
        let filename = file.filename.as_deref().map(|n| {
            crate::media::files::safe_filename(
                Some(n),
                file.mime_type.as_deref().unwrap_or(""),
                kind.as_str(),
            )
        });
        media::insert_inbound(
            ctx.conn,
            id,
            &media::NewInboundMedia {
                kind,
                media_id: &file.id,
                mime_type: file.mime_type.as_deref(),
                sha256: file.sha256.as_deref(),
                filename: filename.as_deref(),
                voice: file.voice.unwrap_or(false),
                animated: file.animated.unwrap_or(false),
            },
            now_ms(),
        )?;
    }
    contacts::note_inbound(ctx.conn, contact, m.timestamp)?;
    super::classify::record(ctx.conn, id, m)?;
    let message = messages::get(ctx.conn, id)?;
    ctx.emit(DomainEvent::MessageReceived { message });
    // An answer is queued in this transaction: a replay finds the message stored and stops above.
    // So are a broadcast's reply and an opt-out (STOP / BAJA), which the bot then leaves alone.
    crate::broadcasts::track::on_reply(ctx, contact, id)?;
    if !crate::broadcasts::optout::apply(ctx, m, now_ms())? {
        crate::bot::answer(ctx, id, m)?;
    }
    emit_contact(ctx, contact)?;
    Ok(())
}

fn apply_status(ctx: &mut WriteCtx<'_>, s: &Status, raw: &str) -> Result<(), StoreError> {
    let error = s.errors.first().map(StoredError::from);
    let wamid = s.id.as_str();
    statuses::record(
        ctx.conn,
        &statuses::NewStatus {
            wamid,
            status: s.status.as_str(),
            timestamp: s.timestamp,
            error: error.as_ref(),
            callback_data: s.biz_opaque_callback_data.as_deref(),
            raw,
        },
    )?;
    let Some(next) = MessageStatus::from_webhook(s.status) else {
        return Ok(());
    };
    if let Some((id, _)) = messages::find_by_wamid(ctx.conn, wamid)? {
        delivery::advance(ctx, id, next, s.timestamp, error.as_ref())?;
    } else if let Some(data) = s.biz_opaque_callback_data.as_deref() {
        let install = crate::store::install_id(ctx.conn)?;
        if let Some(id) = delivery::message_for_callback(&install, data) {
            // A send whose answer was lost: the status says which wamid it got.
            delivery::reconcile_uncertain(ctx, id, wamid)?;
        }
    }
    // Otherwise the send's answer has not been recorded yet; the outbox applies it then.
    Ok(())
}
