//! Broadcasts: check and create, list, show with the report, pause, resume, cancel, export.
//! Progress arrives as `broadcast://progress` events (coalesced by the engine).

use shopchat_core::broadcasts::{BroadcastView, Created, NewBroadcast};
use shopchat_core::engine::BroadcastDetail;
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

#[tauri::command]
pub async fn list_broadcasts(state: State<'_, AppState>) -> Result<Vec<BroadcastView>, ApiError> {
    Ok(state.engine()?.broadcasts().await?)
}

#[tauri::command]
pub async fn show_broadcast(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BroadcastDetail, ApiError> {
    Ok(state.engine()?.broadcast(id).await?)
}

/// The wizard's check and preview (`dry_run`), then its creation.
#[tauri::command]
pub async fn create_broadcast(
    state: State<'_, AppState>,
    request: NewBroadcast,
) -> Result<Created, ApiError> {
    Ok(state.engine()?.create_broadcast(request).await?)
}

#[tauri::command]
pub async fn pause_broadcast(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BroadcastDetail, ApiError> {
    Ok(state.engine()?.pause_broadcast(id).await?)
}

#[tauri::command]
pub async fn resume_broadcast(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BroadcastDetail, ApiError> {
    Ok(state.engine()?.resume_broadcast(id).await?)
}

#[tauri::command]
pub async fn cancel_broadcast(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BroadcastDetail, ApiError> {
    Ok(state.engine()?.cancel_broadcast(id).await?)
}

/// Asks where to save the CSV file, then writes it; `None` when the owner cancels.
#[tauri::command]
pub async fn export_broadcast<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>, ApiError> {
    let engine = state.engine()?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(format!("broadcast-{id}.csv"))
        .add_filter("CSV", &["csv"])
        .save_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    let Some(chosen) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(|e| {
        ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.place_unwritable", &[("error", &e.to_string())]),
        )
    })?;
    engine.export_broadcast(id, path.clone()).await?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

/// Asks for the audience's CSV file; `None` when the owner cancels.
#[tauri::command]
pub async fn choose_broadcast_csv<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<String>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("CSV", &["csv", "txt"])
        .pick_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    Ok(rx
        .await
        .ok()
        .flatten()
        .and_then(|p| p.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned()))
}
