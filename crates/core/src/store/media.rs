//! The `media` table: the file of each media message, both ways.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::StoreError;
use crate::views::{MediaKindView, MediaState, MediaView};

/// An inbound file to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInboundMedia<'a> {
    pub kind: MediaKindView,
    pub media_id: &'a str,
    pub mime_type: Option<&'a str>,
    pub sha256: Option<&'a str>,
    pub filename: Option<&'a str>,
    pub voice: bool,
    pub animated: bool,
}

/// Records the file of a new inbound message, to be downloaded at once.
pub fn insert_inbound(
    conn: &Connection,
    message_id: i64,
    m: &NewInboundMedia<'_>,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO media (message_id, kind, media_id, mime_type, sha256, filename, voice, animated,
             state, next_attempt_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', 0, ?9)
         ON CONFLICT (message_id) DO NOTHING",
    )?
    .execute(params![
        message_id,
        m.kind.as_str(),
        m.media_id,
        m.mime_type,
        m.sha256,
        m.filename,
        m.voice,
        m.animated,
        now_ms
    ])?;
    Ok(())
}

/// An outbound file, already copied into the media dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboundMedia<'a> {
    pub kind: MediaKindView,
    pub mime_type: &'a str,
    pub sha256: &'a str,
    pub size: i64,
    pub filename: &'a str,
    /// Relative to the media dir.
    pub path: &'a str,
}

/// Records the file of a new outbound message: the outbox uploads it before sending.
pub fn insert_outbound(
    conn: &Connection,
    message_id: i64,
    m: &NewOutboundMedia<'_>,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO media (message_id, kind, mime_type, sha256, size, filename, path, state, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'uploading', ?8)",
    )?
    .execute(params![
        message_id,
        m.kind.as_str(),
        m.mime_type,
        m.sha256,
        m.size,
        m.filename,
        m.path,
        now_ms
    ])?;
    Ok(())
}

/// The file of a message, as shown.
pub fn view(conn: &Connection, message_id: i64) -> Result<Option<MediaView>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT kind, mime_type, filename, size, state, error, voice, animated
             FROM media WHERE message_id = ?1",
        )?
        .query_row([message_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, bool>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })
        .optional()?;
    let Some((kind, mime_type, filename, size, state, error, voice, animated)) = row else {
        return Ok(None);
    };
    let mut state = MediaState::parse(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("media state {state:?}")))?;
    let hold = match state {
        MediaState::Failed => super::held::hold_of(error.as_deref()),
        _ => None,
    };
    if hold.is_some() {
        state = MediaState::Held;
    }
    Ok(Some(MediaView {
        kind: MediaKindView::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("media kind {kind:?}")))?,
        mime_type: mime_type.map(|m| essence(&m).to_owned()),
        filename,
        size,
        state,
        error: if hold.is_some() { None } else { error },
        hold,
        voice,
        animated,
    }))
}

/// `audio/ogg` of `audio/ogg; codecs=opus`.
pub fn essence(mime: &str) -> &str {
    mime.split(';').next().unwrap_or(mime).trim()
}

/// An inbound file due for a download (or a retry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDownload {
    pub message_id: i64,
    pub contact: String,
    pub kind: MediaKindView,
    pub media_id: String,
    pub mime_type: Option<String>,
    pub sha256: Option<String>,
    pub filename: Option<String>,
    pub attempts: i64,
}

/// The columns [`due_from_row`] reads, from `media JOIN messages`.
pub(super) const DUE_COLUMNS: &str =
    "media.message_id, messages.contact, media.kind, media.media_id,
    media.mime_type, media.sha256, media.filename, media.attempts";

/// A row of [`DUE_COLUMNS`]; its kind is read by [`with_kind`].
pub(super) fn due_from_row(r: &Row<'_>) -> rusqlite::Result<(DueDownload, String)> {
    let kind: String = r.get(2)?;
    Ok((
        DueDownload {
            message_id: r.get(0)?,
            contact: r.get(1)?,
            kind: MediaKindView::Document,
            media_id: r.get(3)?,
            mime_type: r.get(4)?,
            sha256: r.get(5)?,
            filename: r.get(6)?,
            attempts: r.get(7)?,
        },
        kind,
    ))
}

/// A due download with its stored kind read (a kind this build does not know is corruption).
pub(super) fn with_kind((mut due, kind): (DueDownload, String)) -> Result<DueDownload, StoreError> {
    due.kind = MediaKindView::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("media kind {kind:?}")))?;
    Ok(due)
}

/// Up to `limit` downloads due at `now_ms`, oldest first, marked `downloading`.
pub fn claim_due_downloads(
    conn: &Connection,
    now_ms: i64,
    limit: u32,
) -> Result<Vec<DueDownload>, StoreError> {
    let rows: Vec<(DueDownload, String)> = conn
        .prepare_cached(&format!(
            "SELECT {DUE_COLUMNS}
             FROM media JOIN messages ON messages.id = media.message_id
             WHERE media.state = 'pending' AND media.next_attempt_at <= ?1 AND media.media_id IS NOT NULL
             ORDER BY media.next_attempt_at, media.message_id LIMIT ?2"
        ))?
        .query_map(params![now_ms, limit], due_from_row)?
        .collect::<Result<_, _>>()?;
    let mut due = Vec::with_capacity(rows.len());
    for row in rows {
        let d = with_kind(row)?;
        conn.prepare_cached(
            "UPDATE media SET state = 'downloading', updated_at = ?2 WHERE message_id = ?1",
        )?
        .execute(params![d.message_id, now_ms])?;
        due.push(d);
    }
    Ok(due)
}

/// When the next download is due (unix ms), if any is waiting.
pub fn next_download_at(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT min(next_attempt_at) FROM media WHERE state = 'pending' AND media_id IS NOT NULL",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Downloads cut short by a stop are due again.
pub fn reset_interrupted_downloads(conn: &Connection) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached("UPDATE media SET state = 'pending' WHERE state = 'downloading'")?
        .execute([])?)
}

/// A verified file is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile<'a> {
    pub path: &'a str,
    pub sha256: &'a str,
    pub size: i64,
    pub mime_type: &'a str,
    pub filename: &'a str,
}

pub fn mark_ready(
    conn: &Connection,
    message_id: i64,
    f: &StoredFile<'_>,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE media SET state = 'ready', path = ?2, sha256 = ?3, size = ?4, mime_type = ?5,
             filename = ?6, error = NULL, updated_at = ?7, attempts = attempts + 1
         WHERE message_id = ?1",
    )?
    .execute(params![
        message_id,
        f.path,
        f.sha256,
        f.size,
        f.mime_type,
        f.filename,
        now_ms
    ])?;
    Ok(())
}

/// A failed attempt: due again at `retry_at_ms`, or failed for good when `None`.
pub fn mark_attempt_failed(
    conn: &Connection,
    message_id: i64,
    error: &str,
    retry_at_ms: Option<i64>,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE media SET state = ?2, error = ?3, next_attempt_at = coalesce(?4, next_attempt_at),
             attempts = attempts + 1, updated_at = ?5
         WHERE message_id = ?1",
    )?
    .execute(params![
        message_id,
        if retry_at_ms.is_some() {
            "pending"
        } else {
            "failed"
        },
        error,
        retry_at_ms,
        now_ms
    ])?;
    Ok(())
}

/// Makes a failed download due now (the owner asked to try again).
pub fn retry_download(conn: &Connection, message_id: i64, now_ms: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE media SET state = 'pending', next_attempt_at = ?2, attempts = 0, updated_at = ?2
             WHERE message_id = ?1 AND state = 'failed' AND media_id IS NOT NULL",
        )?
        .execute(params![message_id, now_ms])?
        > 0)
}

/// The file an outbound message still has to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingUpload {
    pub kind: MediaKindView,
    pub path: String,
    pub mime_type: String,
    pub filename: String,
}

pub fn pending_upload(
    conn: &Connection,
    message_id: i64,
) -> Result<Option<PendingUpload>, StoreError> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached(
            "SELECT kind, path, mime_type, filename FROM media
             WHERE message_id = ?1 AND media_id IS NULL AND path IS NOT NULL",
        )?
        .query_row([message_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    row.map(|(kind, path, mime_type, filename)| {
        Ok(PendingUpload {
            kind: MediaKindView::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("media kind {kind:?}")))?,
            path,
            mime_type,
            filename,
        })
    })
    .transpose()
}

/// The upload worked: the message can be sent with `media_id`.
pub fn set_uploaded(
    conn: &Connection,
    message_id: i64,
    media_id: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE media SET media_id = ?2, state = 'ready', error = NULL, updated_at = ?3
         WHERE message_id = ?1",
    )?
    .execute(params![message_id, media_id, now_ms])?;
    Ok(())
}

/// The upload failed for good (the message fails with it).
pub fn set_upload_failed(
    conn: &Connection,
    message_id: i64,
    error: &str,
    now_ms: i64,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE media SET state = 'failed', error = ?2, updated_at = ?3 WHERE message_id = ?1",
    )?
    .execute(params![message_id, error, now_ms])?;
    Ok(())
}

/// Where a message's file is, once on disk: (relative path, MIME type, file name).
pub fn file_of(
    conn: &Connection,
    message_id: i64,
) -> Result<Option<(String, String, String)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT path, coalesce(mime_type, 'application/octet-stream'), coalesce(filename, 'file')
             FROM media WHERE message_id = ?1 AND path IS NOT NULL
                 AND (state = 'ready' OR (state IN ('uploading', 'failed') AND media_id IS NULL))",
        )?
        .query_row([message_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}
