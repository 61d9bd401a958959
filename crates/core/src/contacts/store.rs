//! The SQL of labels, notes and the contact's flags, on a connection.

use rusqlite::{Connection, OptionalExtension, params};

use super::texts::TEXTS;
use super::{
    ContactEntry, ContactFilter, ContactsError, LabelView, NoteView, PALETTE, checked_color,
    checked_label_name, checked_note, phone,
};
use crate::compose::texts::quoted;
use crate::i18n::say;
use crate::store::contacts as base;

/// The contact, or [`ContactsError::NoContact`].
pub fn require(conn: &Connection, wa_id: &str) -> Result<crate::views::ContactView, ContactsError> {
    base::get(conn, wa_id)?.ok_or_else(|| ContactsError::NoContact(wa_id.to_owned()))
}

/// Every label, by name, with how many contacts carry it.
pub fn labels(conn: &Connection) -> Result<Vec<LabelView>, ContactsError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.name, l.color, (SELECT count(*) FROM contact_labels cl WHERE cl.label_id = l.id)
         FROM labels l ORDER BY l.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LabelView {
            id: r.get(0)?,
            name: r.get(1)?,
            color: r.get(2)?,
            count: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The label named `name` (case aside).
pub fn label_by_name(conn: &Connection, name: &str) -> Result<Option<LabelView>, ContactsError> {
    Ok(labels(conn)?
        .into_iter()
        .find(|l| l.name.to_lowercase() == name.trim().to_lowercase()))
}

/// Creates the label `name` (with `color`, else the palette's next), or changes the colour of
/// the existing one when `color` is given. Returns its id.
pub fn ensure_label(
    conn: &Connection,
    name: &str,
    color: Option<&str>,
    now: i64,
) -> Result<i64, ContactsError> {
    let name = checked_label_name(name)?;
    let color = color.map(checked_color).transpose()?;
    if let Some(existing) = label_by_name(conn, &name)? {
        if let Some(c) = color {
            conn.execute(
                "UPDATE labels SET color = ?2 WHERE id = ?1",
                params![existing.id, c],
            )?;
        }
        return Ok(existing.id);
    }
    let count: i64 = conn.query_row("SELECT count(*) FROM labels", [], |r| r.get(0))?;
    let color = color.unwrap_or_else(|| PALETTE[count as usize % PALETTE.len()].to_owned());
    conn.execute(
        "INSERT INTO labels (name, color, created_at) VALUES (?1, ?2, ?3)",
        params![name, color, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Renames and recolours label `id`.
pub fn edit_label(
    conn: &Connection,
    id: i64,
    name: &str,
    color: &str,
) -> Result<(), ContactsError> {
    let name = checked_label_name(name)?;
    let color = checked_color(color)?;
    if let Some(other) = label_by_name(conn, &name)?
        && other.id != id
    {
        return Err(ContactsError::Invalid(say(
            TEXTS,
            "contacts.label_exists",
            &[("name", &quoted(&other.name))],
        )));
    }
    let n = conn.execute(
        "UPDATE labels SET name = ?2, color = ?3 WHERE id = ?1",
        params![id, name, color],
    )?;
    if n == 0 {
        return Err(ContactsError::NoLabel(id.to_string()));
    }
    Ok(())
}

/// Deletes label `id` (and takes it off every contact).
pub fn delete_label(conn: &Connection, id: i64) -> Result<(), ContactsError> {
    conn.execute("DELETE FROM contact_labels WHERE label_id = ?1", [id])?;
    if conn.execute("DELETE FROM labels WHERE id = ?1", [id])? == 0 {
        return Err(ContactsError::NoLabel(id.to_string()));
    }
    Ok(())
}

/// Puts label `label_id` on each of `wa_ids` (or takes it off). Returns how many changed.
pub fn set_label(
    conn: &Connection,
    wa_ids: &[String],
    label_id: i64,
    on: bool,
    now: i64,
) -> Result<usize, ContactsError> {
    let mut changed = 0;
    for wa_id in wa_ids {
        require(conn, wa_id)?;
        changed += if on {
            conn.execute(
                "INSERT OR IGNORE INTO contact_labels (wa_id, label_id, added_at) VALUES (?1, ?2, ?3)",
                params![wa_id, label_id, now],
            )?
        } else {
            conn.execute(
                "DELETE FROM contact_labels WHERE wa_id = ?1 AND label_id = ?2",
                params![wa_id, label_id],
            )?
        };
    }
    Ok(changed)
}

pub fn labels_of(conn: &Connection, wa_id: &str) -> Result<Vec<String>, ContactsError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.name FROM contact_labels cl JOIN labels l ON l.id = cl.label_id
         WHERE cl.wa_id = ?1 ORDER BY l.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([wa_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn notes_of(conn: &Connection, wa_id: &str) -> Result<Vec<NoteView>, ContactsError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, created_at, updated_at FROM contact_notes WHERE wa_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([wa_id], |r| {
        Ok(NoteView {
            id: r.get(0)?,
            text: r.get(1)?,
            created_at: r.get(2)?,
            updated_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn add_note(
    conn: &Connection,
    wa_id: &str,
    text: &str,
    now: i64,
) -> Result<NoteView, ContactsError> {
    require(conn, wa_id)?;
    let text = checked_note(text)?;
    conn.execute(
        "INSERT INTO contact_notes (wa_id, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![wa_id, text, now],
    )?;
    Ok(NoteView {
        id: conn.last_insert_rowid(),
        text,
        created_at: now,
        updated_at: now,
    })
}

/// Changes note `id`'s text; returns the contact it belongs to.
pub fn edit_note(
    conn: &Connection,
    id: i64,
    text: &str,
    now: i64,
) -> Result<String, ContactsError> {
    let text = checked_note(text)?;
    conn.query_row(
        "UPDATE contact_notes SET text = ?2, updated_at = ?3 WHERE id = ?1 RETURNING wa_id",
        params![id, text, now],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(ContactsError::NoNote(id))
}

/// Deletes note `id`; returns the contact it belonged to.
pub fn delete_note(conn: &Connection, id: i64) -> Result<String, ContactsError> {
    conn.query_row(
        "DELETE FROM contact_notes WHERE id = ?1 RETURNING wa_id",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(ContactsError::NoNote(id))
}

/// One of the contact's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Pinned,
    Archived,
    Blocked,
    MarkedUnread,
}

/// Sets or clears `flag` on `wa_id`. Returns whether anything changed.
pub fn set_flag(
    conn: &Connection,
    wa_id: &str,
    flag: Flag,
    on: bool,
    now: i64,
) -> Result<bool, ContactsError> {
    require(conn, wa_id)?;
    let sql = match (flag, on) {
        (Flag::Pinned, true) => {
            "UPDATE contacts SET pinned_at = ?2 WHERE wa_id = ?1 AND pinned_at IS NULL"
        }
        (Flag::Pinned, false) => {
            "UPDATE contacts SET pinned_at = NULL WHERE wa_id = ?1 AND pinned_at IS NOT NULL AND ?2 = ?2"
        }
        (Flag::Archived, true) => {
            "UPDATE contacts SET archived_at = ?2 WHERE wa_id = ?1 AND archived_at IS NULL"
        }
        (Flag::Archived, false) => {
            "UPDATE contacts SET archived_at = NULL WHERE wa_id = ?1 AND archived_at IS NOT NULL AND ?2 = ?2"
        }
        (Flag::Blocked, true) => {
            "UPDATE contacts SET blocked_at = ?2 WHERE wa_id = ?1 AND blocked_at IS NULL"
        }
        (Flag::Blocked, false) => {
            "UPDATE contacts SET blocked_at = NULL WHERE wa_id = ?1 AND blocked_at IS NOT NULL AND ?2 = ?2"
        }
        (Flag::MarkedUnread, true) => {
            "UPDATE contacts SET marked_unread = 1 WHERE wa_id = ?1 AND marked_unread = 0 AND ?2 = ?2"
        }
        (Flag::MarkedUnread, false) => {
            "UPDATE contacts SET marked_unread = 0 WHERE wa_id = ?1 AND marked_unread = 1 AND ?2 = ?2"
        }
    };
    Ok(conn.execute(sql, params![wa_id, now])? > 0)
}

/// The owner's name for the contact (`None` or blank: back to the profile name).
pub fn set_custom_name(
    conn: &Connection,
    wa_id: &str,
    name: Option<&str>,
) -> Result<(), ContactsError> {
    require(conn, wa_id)?;
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = name
        && (n.chars().count() > 80 || n.chars().any(char::is_control))
    {
        return Err(ContactsError::Invalid(say(
            TEXTS,
            "contacts.custom_name",
            &[],
        )));
    }
    conn.execute(
        "UPDATE contacts SET custom_name = ?2 WHERE wa_id = ?1",
        params![wa_id, name],
    )?;
    Ok(())
}

/// One contact with its labels, notes and flags.
pub fn entry(conn: &Connection, wa_id: &str) -> Result<ContactEntry, ContactsError> {
    let contact = require(conn, wa_id)?;
    let (custom_name, pinned, archived, blocked, marked_unread) = conn.query_row(
        "SELECT custom_name, pinned_at IS NOT NULL, archived_at IS NOT NULL, blocked_at IS NOT NULL,
                marked_unread != 0
         FROM contacts WHERE wa_id = ?1",
        [wa_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(ContactEntry {
        number: phone::format(&contact.wa_id),
        labels: labels_of(conn, wa_id)?,
        notes: notes_of(conn, wa_id)?,
        contact,
        custom_name,
        pinned,
        archived,
        blocked,
        marked_unread,
    })
}

/// The contacts `filter` keeps: pinned first (the latest pinned on top), then the most recent
/// conversation first.
pub fn entries(
    conn: &Connection,
    filter: &ContactFilter,
) -> Result<Vec<ContactEntry>, ContactsError> {
    let label = match &filter.label {
        Some(name) => match label_by_name(conn, name)? {
            Some(l) => Some(l.id),
            None => return Err(ContactsError::NoLabel(name.clone())),
        },
        None => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT c.wa_id FROM contacts c
         WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM contact_labels cl WHERE cl.wa_id = c.wa_id AND cl.label_id = ?1))
           AND (?2 IS NULL OR (c.archived_at IS NOT NULL) = ?2)
         ORDER BY c.pinned_at IS NULL, c.pinned_at DESC,
                  c.last_message_at IS NULL, c.last_message_at DESC, c.wa_id",
    )?;
    let ids = stmt
        .query_map(params![label, filter.archived], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter().map(|id| entry(conn, id)).collect()
}
