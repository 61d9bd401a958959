//! `smb_message_echoes`: what the owner sent from the WhatsApp Business app on the phone.
//!
//! Stored as the shop's message (origin `phone`, status `sent`), in the chat with the customer
//! in `to`. Nothing else happens: no bot, no automation, no classification, no unread count, and
//! the 24-hour window does not move (only a customer's message opens it).

use wacloud::webhook::{InboundMessage, MessageEchoesValue};

use super::store::{self, PhoneMessage};
use crate::delivery::emit_contact;
use crate::events::DomainEvent;
use crate::store::{StoreError, WriteCtx, contacts, messages, reactions};
use crate::views::{Direction, MessageStatus};

pub(super) fn apply(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    value: &MessageEchoesValue,
    notes: &mut Vec<String>,
) -> Result<(), StoreError> {
    for raw in &value.message_echoes {
        match InboundMessage::parse(raw) {
            Ok(m) => apply_one(ctx, event_id, &m, raw.get(), notes)?,
            Err(e) => notes.push(format!("an echo could not be read: {e}")),
        }
    }
    Ok(())
}

fn apply_one(
    ctx: &mut WriteCtx<'_>,
    event_id: i64,
    m: &InboundMessage,
    raw: &str,
    notes: &mut Vec<String>,
) -> Result<(), StoreError> {
    let Some(customer) = m.to.as_deref().map(super::digits).filter(|d| !d.is_empty()) else {
        notes.push(format!("echo {} names no customer (`to`)", m.id.as_str()));
        return Ok(());
    };
    if matches!(m.kind.as_str(), "edit" | "revoke") {
        // An edit or a deletion made on the phone: its shape is not documented, so it is kept in
        // the journal (with this note) rather than shown as a message of its own.
        notes.push(format!(
            "echo {} is an {} on the phone, kept in the journal",
            m.id.as_str(),
            m.kind
        ));
        return Ok(());
    }
    contacts::upsert(ctx.conn, &customer, None, None)?;
    let reaction = m.reaction.as_ref().filter(|_| m.kind == "reaction");
    let inserted = store::insert(
        ctx.conn,
        &PhoneMessage {
            wamid: m.id.as_str(),
            contact: &customer,
            direction: Direction::Out,
            kind: &m.kind,
            text: if reaction.is_some() { None } else { m.text() },
            raw,
            status: MessageStatus::Sent,
            timestamp: m.timestamp,
            reply_to: m.reply_to().map(|w| w.as_str()),
            imported: false,
            webhook_event_id: event_id,
        },
    )?;
    let Some(id) = inserted else {
        // Delivered before.
        return Ok(());
    };
    if let Some(r) = reaction {
        // Shown under the message it reacts to, like a reaction sent from Shopchat.
        let emoji = r.emoji.as_deref().unwrap_or("");
        let target = r.message_id.as_str();
        if reactions::record(ctx.conn, target, Direction::Out, emoji, m.timestamp)?
            && let Some(target_id) = reactions::target_id(ctx.conn, target)?
        {
            let message = messages::get(ctx.conn, target_id)?;
            ctx.emit(DomainEvent::MessageUpdated { message });
        }
        return Ok(());
    }
    store::attach_media(ctx.conn, id, m)?;
    store::note_time(ctx.conn, &customer, m.timestamp, false)?;
    let message = messages::get(ctx.conn, id)?;
    // Shown like a message the shop queued: the shop's side of the chat, and no notification.
    ctx.emit(DomainEvent::MessageQueued { message });
    emit_contact(ctx, &customer)?;
    Ok(())
}
