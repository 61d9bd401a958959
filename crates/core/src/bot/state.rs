//! What the bot remembers per contact: the language they write in, a mute, a pending unlink
//! confirmation, its last automatic reply and when it greeted them.

use rusqlite::{Connection, OptionalExtension};

use super::texts::Lang;
use crate::store::StoreError;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactState {
    pub lang: Option<Lang>,
    pub muted: bool,
    pub unlink_asked_at: Option<i64>,
    pub last_auto_at: Option<i64>,
    pub greeted_at: Option<i64>,
}

pub fn get(conn: &Connection, wa_id: &str) -> Result<ContactState, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT lang, muted, unlink_asked_at, last_auto_at, greeted_at
             FROM bot_contacts WHERE wa_id = ?1",
        )?
        .query_row([wa_id], |r| {
            Ok(ContactState {
                lang: r
                    .get::<_, Option<String>>(0)?
                    .as_deref()
                    .and_then(Lang::from_code),
                muted: r.get(1)?,
                unlink_asked_at: r.get(2)?,
                last_auto_at: r.get(3)?,
                greeted_at: r.get(4)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Sets one column (`lang`, `muted`, `unlink_asked_at`, `last_auto_at`, `greeted_at`).
pub fn set(
    conn: &Connection,
    wa_id: &str,
    column: &'static str,
    value: rusqlite::types::Value,
) -> Result<(), StoreError> {
    debug_assert!(
        [
            "lang",
            "muted",
            "unlink_asked_at",
            "last_auto_at",
            "greeted_at"
        ]
        .contains(&column)
    );
    conn.prepare_cached(&format!(
        "INSERT INTO bot_contacts (wa_id, {column}) VALUES (?1, ?2)
         ON CONFLICT (wa_id) DO UPDATE SET {column} = excluded.{column}"
    ))?
    .execute((wa_id, value))?;
    Ok(())
}
