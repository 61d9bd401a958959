//! Message templates: the synced list, a sync from Meta, and sending one.

use shopchat_core::MessageView;
use shopchat_core::compose::{Attachment, Compose, SendRequest};
use shopchat_core::views::TemplateView;
use tauri::State;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateView>, ApiError> {
    Ok(state.engine()?.templates().await?)
}

#[tauri::command]
pub async fn sync_templates(state: State<'_, AppState>) -> Result<Vec<TemplateView>, ApiError> {
    Ok(state.engine()?.sync_templates().await?)
}

/// Queues an approved template (allowed outside the 24-hour window).
#[tauri::command]
pub async fn send_template(
    state: State<'_, AppState>,
    to: String,
    name: String,
    language: String,
    parameters: Vec<String>,
) -> Result<MessageView, ApiError> {
    Ok(state
        .engine()?
        .send(SendRequest {
            to,
            reply_to: None,
            what: Compose::Template {
                name,
                language,
                parameters,
            },
        })
        .await?)
}

/// What travels beside a template's header file (URI-encoded JSON in a header).
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
pub struct TemplateFileMeta {
    pub contact: String,
    pub name: String,
    pub language: String,
    pub parameters: Vec<String>,
    pub filename: String,
    pub mime_type: Option<String>,
}

/// Queues an approved template whose image, video or document header is the raw body's file.
#[tauri::command]
pub async fn send_template_file(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<MessageView, ApiError> {
    let invalid = |m: &str| ApiError::new(ApiErrorCode::InvalidInput, m);
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(invalid("the file's bytes are missing"));
    };
    let meta = request
        .headers()
        .get(super::media::META_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(super::media::percent_decode)
        .ok_or_else(|| invalid("the template's details are missing"))?;
    let meta: TemplateFileMeta = serde_json::from_str(&meta)
        .map_err(|e| invalid(&format!("the template's details are not readable: {e}")))?;
    let file = Attachment {
        kind: None,
        filename: meta.filename,
        mime_type: meta.mime_type,
        bytes: bytes.clone(),
        caption: None,
    };
    Ok(state
        .engine()?
        .send_template_file(
            &meta.contact,
            &meta.name,
            &meta.language,
            &meta.parameters,
            file,
        )
        .await?)
}
