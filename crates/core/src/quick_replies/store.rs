//! Saved replies in SQLite, and their files in the media dir.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::{QuickReplyError, QuickReplyFile, QuickReplyView, checked_shortcut, checked_text};
use crate::media::files;
use crate::store::{Store, now_ms};

/// A file to attach: its name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn view(r: &rusqlite::Row<'_>, media_dir: &Path) -> rusqlite::Result<QuickReplyView> {
    let name: Option<String> = r.get(3)?;
    let mime: Option<String> = r.get(4)?;
    let path: Option<String> = r.get(5)?;
    let file = match (name, mime, path) {
        (Some(name), Some(mime_type), Some(rel)) => {
            files::resolve(media_dir, &rel).map(|p| QuickReplyFile {
                name,
                mime_type,
                path: p.to_string_lossy().into_owned(),
            })
        }
        _ => None,
    };
    Ok(QuickReplyView {
        id: r.get(0)?,
        shortcut: r.get(1)?,
        text: r.get(2)?,
        file,
        updated_at: r.get(6)?,
    })
}

const COLUMNS: &str = "id, shortcut, text, file_name, file_mime, file_path, updated_at";

/// Every saved reply, by shortcut.
pub fn list_in(
    conn: &Connection,
    media_dir: &Path,
) -> Result<Vec<QuickReplyView>, QuickReplyError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM quick_replies ORDER BY shortcut"
    ))?;
    let rows = stmt.query_map([], |r| view(r, media_dir))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get_in(
    conn: &Connection,
    media_dir: &Path,
    shortcut: &str,
) -> Result<Option<QuickReplyView>, QuickReplyError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM quick_replies WHERE shortcut = ?1"
        ))?
        .query_row([shortcut], |r| view(r, media_dir))
        .optional()?)
}

/// Checks `file` against the Cloud API's limits and copies it into the media dir; returns its
/// shown name, MIME type and path relative to the media dir.
fn store_file(
    media_dir: &Path,
    file: NewFile,
) -> Result<(String, String, String), QuickReplyError> {
    let mime = files::mime_for_name(&file.name);
    let kind = wacloud::media::kind_for_mime(&mime).unwrap_or(wacloud::MediaKind::Document);
    let mime = wacloud::media::check_media_file(kind, &mime, &file.bytes)
        .map_err(|e| QuickReplyError::File(crate::compose::refusals::media_error(&e)))?;
    let name = files::safe_filename(Some(&file.name), &mime, kind.as_str());
    let sha = files::sha256_hex(&file.bytes);
    let rel = files::store(media_dir, &sha, &name, &file.bytes)
        .map_err(|e| QuickReplyError::File(e.to_string()))?;
    Ok((name, mime, rel))
}

/// Saves a new reply (or, with `replace`, changes the one with that shortcut). `file`: `None`
/// keeps no file (or, replacing, the old one); `Some(None)` removes it.
pub async fn save(
    store: &Store,
    media_dir: PathBuf,
    shortcut: &str,
    text: &str,
    file: Option<Option<NewFile>>,
    replace: bool,
) -> Result<QuickReplyView, QuickReplyError> {
    let shortcut = checked_shortcut(shortcut)?;
    let text = checked_text(text)?;
    let stored = match file {
        Some(Some(f)) => {
            let dir = media_dir.clone();
            Some(Some(
                tokio::task::spawn_blocking(move || store_file(&dir, f))
                    .await
                    .map_err(|e| QuickReplyError::File(e.to_string()))??,
            ))
        }
        Some(None) => Some(None),
        None => None,
    };
    store
        .writer()
        .call(move |ctx| {
            let conn = ctx.conn;
            let now = now_ms();
            let exists = get_in(conn, &media_dir, &shortcut).map_err(to_store)?.is_some();
            if exists && !replace {
                return Ok(Err(QuickReplyError::Exists(shortcut)));
            }
            if !exists && replace {
                return Ok(Err(QuickReplyError::NotFound(shortcut)));
            }
            if exists {
                conn.execute(
                    "UPDATE quick_replies SET text = ?2, updated_at = ?3 WHERE shortcut = ?1",
                    params![shortcut, text, now],
                )?;
            } else {
                conn.execute(
                    "INSERT INTO quick_replies (shortcut, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                    params![shortcut, text, now],
                )?;
            }
            if let Some(file) = stored {
                let (name, mime, rel) = file.map_or((None, None, None), |(n, m, r)| {
                    (Some(n), Some(m), Some(r))
                });
                conn.execute(
                    "UPDATE quick_replies SET file_name = ?2, file_mime = ?3, file_path = ?4 WHERE shortcut = ?1",
                    params![shortcut, name, mime, rel],
                )?;
            }
            Ok(get_in(conn, &media_dir, &shortcut)
                .map_err(to_store)?
                .ok_or(QuickReplyError::NotFound(shortcut)))
        })
        .await?
}

fn to_store(e: QuickReplyError) -> crate::store::StoreError {
    match e {
        QuickReplyError::Store(s) => s,
        other => crate::store::StoreError::Corrupt(other.to_string()),
    }
}

/// Deletes the reply `/shortcut` (its file stays in the media dir: other messages may share it).
pub async fn remove(store: &Store, shortcut: &str) -> Result<(), QuickReplyError> {
    let shortcut = checked_shortcut(shortcut)?;
    let n = store
        .writer()
        .call({
            let s = shortcut.clone();
            move |ctx| {
                Ok(ctx
                    .conn
                    .execute("DELETE FROM quick_replies WHERE shortcut = ?1", [s])?)
            }
        })
        .await?;
    if n == 0 {
        return Err(QuickReplyError::NotFound(shortcut));
    }
    Ok(())
}

pub async fn list(
    store: &Store,
    media_dir: PathBuf,
) -> Result<Vec<QuickReplyView>, QuickReplyError> {
    store
        .read(move |c| list_in(c, &media_dir).map_err(to_store))
        .await
        .map_err(QuickReplyError::Store)
}

/// The reply `/shortcut` with its variables filled for `wa_id`, ready for the composer.
pub async fn render_for(
    store: &Store,
    media_dir: PathBuf,
    shortcut: &str,
    wa_id: &str,
) -> Result<QuickReplyView, QuickReplyError> {
    let shortcut = checked_shortcut(shortcut)?;
    let wa = wa_id.to_owned();
    let (reply, vars) = store
        .read(move |c| {
            let reply = get_in(c, &media_dir, &shortcut).map_err(to_store)?;
            let entry = crate::contacts::store::entry(c, &wa).ok();
            Ok((reply.ok_or(shortcut), entry))
        })
        .await?;
    let mut reply = reply.map_err(QuickReplyError::NotFound)?;
    let vars = super::Variables {
        name: vars
            .as_ref()
            .and_then(|e| e.custom_name.clone().or_else(|| e.contact.name.clone())),
        number: crate::contacts::phone::format(wa_id),
    };
    reply.text = super::render(&reply.text, &vars);
    Ok(reply)
}
