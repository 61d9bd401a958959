//! Message templates: the synced list, a sync from Meta, and sending one.

use shopchat_core::MessageView;
use shopchat_core::compose::{Compose, SendRequest};
use shopchat_core::views::TemplateView;
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
