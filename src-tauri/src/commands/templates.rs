//! Message templates: the synced list, a sync from Meta, sending one, and the studio (check,
//! create, edit, delete, a draft of one, the library, a header sample's upload).

use shopchat_core::MessageView;
use shopchat_core::compose::{Attachment, Compose, SendRequest};
use shopchat_core::engine::TemplateSample;
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::templates::library::LibraryTemplate;
use shopchat_core::views::TemplateView;
use shopchat_template_rules::{Draft, Problem};
use tauri::State;

use crate::error::ApiError;
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
    let (bytes, meta): (_, TemplateFileMeta) =
        super::media::raw_with_meta(&request, &say(TEXTS, "app.whose_template", &[]))?;
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

/// Meta's rules on a draft, and `name_taken` when that name and language exist.
#[tauri::command]
pub async fn check_template(
    state: State<'_, AppState>,
    draft: Draft,
) -> Result<Vec<Problem>, ApiError> {
    Ok(state.engine()?.check_template(&draft).await?)
}

/// Submits a draft for review (`invalid_template` when it breaks a rule).
#[tauri::command]
pub async fn create_template(
    state: State<'_, AppState>,
    draft: Draft,
) -> Result<TemplateView, ApiError> {
    Ok(state.engine()?.create_template(&draft).await?)
}

/// Meta's edit of a template (approved, rejected or paused ones only).
#[tauri::command]
pub async fn edit_template(
    state: State<'_, AppState>,
    name: String,
    language: String,
    draft: Draft,
) -> Result<TemplateView, ApiError> {
    Ok(state
        .engine()?
        .edit_template(&name, &language, &draft)
        .await?)
}

/// Deletes one language of a template, or all (`language: null`); returns the templates left.
#[tauri::command]
pub async fn delete_template(
    state: State<'_, AppState>,
    name: String,
    language: Option<String>,
) -> Result<Vec<TemplateView>, ApiError> {
    Ok(state
        .engine()?
        .delete_template(&name, language.as_deref())
        .await?)
}

/// A synced template as an editable draft (edit, duplicate, add a language).
#[tauri::command]
pub async fn template_draft(
    state: State<'_, AppState>,
    name: String,
    language: String,
) -> Result<Draft, ApiError> {
    Ok(state.engine()?.template_draft(&name, &language).await?)
}

/// The ready shop templates in a language, with the shop's name filled in.
#[tauri::command]
pub async fn template_library(
    state: State<'_, AppState>,
    shop_name: String,
    language: String,
) -> Result<Vec<LibraryTemplate>, ApiError> {
    Ok(state.engine()?.template_library(&shop_name, &language))
}

/// What travels beside a header sample's bytes (URI-encoded JSON in a header).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SampleMeta {
    pub filename: String,
    pub mime_type: String,
}

/// Uploads a media header's sample (the raw body) and returns its handle.
#[tauri::command]
pub async fn upload_template_sample(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<TemplateSample, ApiError> {
    let (bytes, meta): (_, SampleMeta) =
        super::media::raw_with_meta(&request, &say(TEXTS, "app.whose_file", &[]))?;
    Ok(state
        .engine()?
        .upload_template_sample(&meta.filename, &meta.mime_type, bytes.clone())
        .await?)
}
