//! Files, reactions and replies: attaching a file, reacting, and opening or saving a message's
//! file. The files themselves are served to the webview by the `shopchat-media` scheme
//! ([`crate::media_protocol`]).

use shopchat_core::MessageView;
use shopchat_core::compose::{Attachment, Compose, MessageRef, SendRequest};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::views::{AttachmentMeta, MediaLimitView};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// The header carrying an attachment's [`AttachmentMeta`] (URI-encoded JSON) beside its bytes.
pub const META_HEADER: &str = "x-shopchat-meta";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidInput, message)
}

/// Queues a file: the raw bytes are the body, [`AttachmentMeta`] rides in a header.
#[tauri::command]
pub async fn send_attachment(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<MessageView, ApiError> {
    let (bytes, meta): (_, AttachmentMeta) =
        raw_with_meta(&request, &say(TEXTS, "app.whose_file", &[]))?;
    let kind = meta.kind.and_then(|k| {
        wacloud::MediaKind::ALL
            .into_iter()
            .find(|m| m.as_str() == k.as_str())
    });
    let request = SendRequest {
        to: meta.contact,
        reply_to: meta.reply_to.map(MessageRef::Id),
        what: Compose::File(Attachment {
            kind,
            filename: meta.filename,
            mime_type: meta.mime_type,
            bytes: bytes.clone(),
            caption: meta.caption,
        }),
    };
    Ok(state.engine()?.send(request).await?)
}

/// A command's raw body (a file's bytes) and the JSON details beside it in [`META_HEADER`];
/// `whose` names the details in the refusal (`app.whose_file`, `app.whose_template`).
pub(crate) fn raw_with_meta<'r, T: serde::de::DeserializeOwned>(
    request: &'r Request<'_>,
    whose: &str,
) -> Result<(&'r Vec<u8>, T), ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(invalid(say(TEXTS, "app.bytes_missing", &[])));
    };
    let meta = request
        .headers()
        .get(META_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| invalid(say(TEXTS, "app.details_missing", &[("whose", whose)])))?;
    let meta = percent_decode(meta)
        .ok_or_else(|| invalid(say(TEXTS, "app.details_unreadable", &[("whose", whose)])))?;
    let meta = serde_json::from_str(&meta).map_err(|e| {
        invalid(say(
            TEXTS,
            "app.details_unreadable_because",
            &[("whose", whose), ("error", &e.to_string())],
        ))
    })?;
    Ok((bytes, meta))
}

/// `%XX` escapes of `encodeURIComponent`, back to text.
pub(crate) fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Reacts to a message (`""` removes the shop's reaction); answers the reacted message.
#[tauri::command]
pub async fn send_reaction(
    state: State<'_, AppState>,
    message_id: i64,
    emoji: String,
) -> Result<MessageView, ApiError> {
    let engine = state.engine()?;
    let target = engine.message(message_id).await?.ok_or_else(|| {
        ApiError::new(
            ApiErrorCode::NotFound,
            say(TEXTS, "app.message_not_stored", &[]),
        )
    })?;
    Ok(engine
        .send(SendRequest {
            to: target.contact,
            reply_to: None,
            what: Compose::Reaction {
                target: MessageRef::Id(message_id),
                emoji,
            },
        })
        .await?)
}

#[tauri::command]
pub fn media_limits(state: State<'_, AppState>) -> Result<Vec<MediaLimitView>, ApiError> {
    Ok(state.engine()?.media_limits())
}

/// Asks again for a file whose download failed.
#[tauri::command]
pub async fn retry_media(state: State<'_, AppState>, message_id: i64) -> Result<(), ApiError> {
    Ok(state.engine()?.retry_media(message_id).await?)
}

/// Downloads a file held to protect the disk (below the free-space floor, or past the
/// customer's daily budget), whatever the limits.
#[tauri::command]
pub async fn download_anyway(state: State<'_, AppState>, message_id: i64) -> Result<(), ApiError> {
    Ok(state.engine()?.download_anyway(message_id).await?)
}

async fn file_of(
    state: &State<'_, AppState>,
    message_id: i64,
) -> Result<shopchat_core::engine::MediaFile, ApiError> {
    state
        .engine()?
        .media_file(message_id)
        .await?
        .ok_or_else(|| ApiError::new(ApiErrorCode::NotFound, say(TEXTS, "app.file_not_here", &[])))
}

/// Opens a message's file with the default app.
#[tauri::command]
pub async fn open_media<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    message_id: i64,
) -> Result<(), ApiError> {
    let file = file_of(&state, message_id).await?;
    app.opener()
        .open_path(file.path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            ApiError::new(
                ApiErrorCode::Internal,
                say(TEXTS, "app.file_not_opened", &[("error", &e.to_string())]),
            )
        })
}

/// Asks where to save a message's file and copies it there; answers the path, or `None` when
/// the owner cancelled.
#[tauri::command]
pub async fn save_media<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    message_id: i64,
) -> Result<Option<String>, ApiError> {
    let file = file_of(&state, message_id).await?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(&file.filename)
        .save_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    let Some(chosen) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let target = chosen.into_path().map_err(|e| {
        invalid(say(
            TEXTS,
            "app.place_unwritable",
            &[("error", &e.to_string())],
        ))
    })?;
    tokio::fs::copy(&file.path, &target).await.map_err(|e| {
        ApiError::new(
            ApiErrorCode::Storage,
            say(TEXTS, "app.file_not_saved", &[("error", &e.to_string())]),
        )
    })?;
    Ok(Some(target.to_string_lossy().into_owned()))
}

/// Opens a web link (a map) in the browser: only http(s).
#[tauri::command]
pub fn open_url<R: Runtime>(app: AppHandle<R>, url: String) -> Result<(), ApiError> {
    let parsed =
        url::Url::parse(&url).map_err(|_| invalid(say(TEXTS, "app.not_web_address", &[])))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid(say(TEXTS, "app.only_web_addresses", &[])));
    }
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| {
            ApiError::new(
                ApiErrorCode::Internal,
                say(
                    TEXTS,
                    "app.browser_not_opened",
                    &[("error", &e.to_string())],
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn uri_component_decoding() {
        assert_eq!(
            percent_decode("%7B%22a%22%3A%22%C3%A9%20b%22%7D").as_deref(),
            Some("{\"a\":\"é b\"}")
        );
        assert_eq!(percent_decode("plain").as_deref(), Some("plain"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
    }
}
