//! Labels, notes and flags over a [`Store`]: each change one writer transaction, followed by a
//! [`DomainEvent::ContactUpdated`] for every contact it touched.

use super::store::{self, Flag};
use super::{ContactEntry, ContactFilter, ContactsError, LabelView, NoteView, panel};
use crate::events::DomainEvent;
use crate::store::{Store, WriteCtx, now_ms};

/// Runs `f` in a writer transaction; a refusal rolls it back and is answered as such.
async fn write<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&mut WriteCtx<'_>) -> Result<T, ContactsError> + Send + 'static,
) -> Result<T, ContactsError> {
    store
        .writer()
        .call(move |ctx| match f(ctx) {
            Err(ContactsError::Store(e)) => Err(e),
            other => Ok(other),
        })
        .await?
}

async fn read<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&rusqlite::Connection) -> Result<T, ContactsError> + Send + 'static,
) -> Result<T, ContactsError> {
    store
        .read(move |c| match f(c) {
            Err(ContactsError::Store(e)) => Err(e),
            other => Ok(other),
        })
        .await?
}

fn updated(ctx: &mut WriteCtx<'_>, wa_id: &str) -> Result<(), ContactsError> {
    if let Some(contact) = crate::store::contacts::get(ctx.conn, wa_id)? {
        ctx.emit(DomainEvent::ContactUpdated { contact });
    }
    Ok(())
}

pub async fn labels(store: &Store) -> Result<Vec<LabelView>, ContactsError> {
    read(store, store::labels).await
}

/// Creates a label (or recolours the one with that name); returns every label.
pub async fn save_label(
    store: &Store,
    name: String,
    color: Option<String>,
) -> Result<Vec<LabelView>, ContactsError> {
    write(store, move |ctx| {
        store::ensure_label(ctx.conn, &name, color.as_deref(), now_ms())?;
        store::labels(ctx.conn)
    })
    .await
}

pub async fn edit_label(
    store: &Store,
    id: i64,
    name: String,
    color: String,
) -> Result<Vec<LabelView>, ContactsError> {
    write(store, move |ctx| {
        store::edit_label(ctx.conn, id, &name, &color)?;
        store::labels(ctx.conn)
    })
    .await
}

pub async fn delete_label(store: &Store, id: i64) -> Result<Vec<LabelView>, ContactsError> {
    write(store, move |ctx| {
        store::delete_label(ctx.conn, id)?;
        store::labels(ctx.conn)
    })
    .await
}

/// Puts the label `name` on every contact of `wa_ids` (creating the label when new), or takes
/// it off. All or nothing: an unknown contact refuses the whole change. Returns how many
/// contacts changed.
pub async fn set_label(
    store: &Store,
    wa_ids: Vec<String>,
    name: String,
    on: bool,
) -> Result<usize, ContactsError> {
    write(store, move |ctx| {
        let now = now_ms();
        // Every contact is checked before anything is written.
        for wa_id in &wa_ids {
            store::require(ctx.conn, wa_id)?;
        }
        let id = if on {
            store::ensure_label(ctx.conn, &name, None, now)?
        } else {
            store::label_by_name(ctx.conn, &name)?
                .ok_or_else(|| ContactsError::NoLabel(name.clone()))?
                .id
        };
        let changed = store::set_label(ctx.conn, &wa_ids, id, on, now)?;
        for wa_id in &wa_ids {
            updated(ctx, wa_id)?;
        }
        Ok(changed)
    })
    .await
}

pub async fn add_note(
    store: &Store,
    wa_id: String,
    text: String,
) -> Result<NoteView, ContactsError> {
    write(store, move |ctx| {
        let note = store::add_note(ctx.conn, &wa_id, &text, now_ms())?;
        updated(ctx, &wa_id)?;
        Ok(note)
    })
    .await
}

pub async fn edit_note(store: &Store, id: i64, text: String) -> Result<(), ContactsError> {
    write(store, move |ctx| {
        let wa_id = store::edit_note(ctx.conn, id, &text, now_ms())?;
        updated(ctx, &wa_id)
    })
    .await
}

pub async fn delete_note(store: &Store, id: i64) -> Result<(), ContactsError> {
    write(store, move |ctx| {
        let wa_id = store::delete_note(ctx.conn, id)?;
        updated(ctx, &wa_id)
    })
    .await
}

/// Pins, archives, marks unread (or the reverse). Block with [`super::block::set_blocked`],
/// which asks Meta first. Returns whether anything changed.
pub async fn set_flag(
    store: &Store,
    wa_id: &str,
    flag: Flag,
    on: bool,
) -> Result<bool, ContactsError> {
    let wa_id = wa_id.to_owned();
    write(store, move |ctx| {
        let changed = store::set_flag(ctx.conn, &wa_id, flag, on, now_ms())?;
        if changed {
            updated(ctx, &wa_id)?;
        }
        Ok(changed)
    })
    .await
}

pub async fn set_custom_name(
    store: &Store,
    wa_id: String,
    name: Option<String>,
) -> Result<(), ContactsError> {
    write(store, move |ctx| {
        store::set_custom_name(ctx.conn, &wa_id, name.as_deref())?;
        updated(ctx, &wa_id)
    })
    .await
}

pub async fn entries(
    store: &Store,
    filter: ContactFilter,
) -> Result<Vec<ContactEntry>, ContactsError> {
    read(store, move |c| store::entries(c, &filter)).await
}

pub async fn entry(store: &Store, wa_id: String) -> Result<ContactEntry, ContactsError> {
    read(store, move |c| store::entry(c, &wa_id)).await
}

pub async fn panel(store: &Store, wa_id: String) -> Result<panel::ContactPanel, ContactsError> {
    read(store, move |c| panel::panel(c, &wa_id)).await
}
