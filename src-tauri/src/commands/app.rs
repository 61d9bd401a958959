//! The app itself: mode, addresses, outbox state.

use serde::Serialize;
use shopchat_core::{OutboxCounts, OutboxHealth};
use tauri::State;
use ts_rs::TS;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum AppMode {
    /// A built-in fake Graph API and simulated customers.
    Sandbox,
    /// Connected to the shop's WhatsApp Business number.
    Live,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub mode: AppMode,
    /// Where the webhook server listens.
    pub listen: String,
    pub webhook_url: String,
    pub version: String,
    pub data_dir: String,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ApiError> {
    let engine = state.engine()?;
    Ok(AppInfo {
        mode: if engine.fake_graph().is_some() {
            AppMode::Sandbox
        } else {
            AppMode::Live
        },
        listen: engine.local_addr().to_string(),
        webhook_url: engine.webhook_url(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
    })
}

#[tauri::command]
pub async fn outbox_counts(state: State<'_, AppState>) -> Result<OutboxCounts, ApiError> {
    Ok(state.engine()?.outbox_counts().await?)
}

#[tauri::command]
pub fn outbox_health(state: State<'_, AppState>) -> Result<OutboxHealth, ApiError> {
    Ok(state.engine()?.outbox_health())
}

/// Sends again after a pause: the owner reconnected the account or wants to try again.
#[tauri::command]
pub fn resume_outbox(state: State<'_, AppState>) -> Result<OutboxHealth, ApiError> {
    Ok(state.engine()?.resume_outbox())
}

/// The window shows `lang` now: the engine's errors, problems and notifications follow it.
#[tauri::command]
pub fn set_language(lang: shopchat_core::i18n::Lang) {
    shopchat_core::i18n::set_owner_lang(lang);
}
