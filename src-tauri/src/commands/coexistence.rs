//! One number on the phone and in Shopchat: the history import's state, and the sandbox's phone.

use shopchat_core::coexistence::history::HistoryStatus;
use shopchat_core::engine::SandboxPhone;
use tauri::State;

use crate::error::ApiError;
use crate::state::AppState;

/// How the import of the phone's past chats is going (empty before any arrived).
#[tauri::command]
pub async fn history_status(state: State<'_, AppState>) -> Result<Vec<HistoryStatus>, ApiError> {
    Ok(state.engine()?.history_status().await?)
}

/// In the sandbox: the owner answers from the phone, or the phone's past chats arrive, through
/// the real signed-webhook path.
#[tauri::command]
pub async fn sandbox_phone(
    state: State<'_, AppState>,
    action: SandboxPhone,
) -> Result<(), ApiError> {
    Ok(state.engine()?.sandbox_phone(action).await?)
}
