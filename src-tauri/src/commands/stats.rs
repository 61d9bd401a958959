//! The Statistics section: the figures over a date range, and one figure saved as CSV where the
//! owner chooses.

use shopchat_core::EngineError;
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::Lang;
use shopchat_core::i18n::say;
use shopchat_core::stats::{self, Figure, Range, Stats};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

async fn compute(
    state: &State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Stats, ApiError> {
    let range = Range::parse(from.as_deref(), to.as_deref())
        .map_err(|m| ApiError::new(ApiErrorCode::InvalidInput, m))?;
    let engine = state.engine()?;
    let result = engine
        .store()
        .read(move |c| {
            let hours = stats::business_hours(c)?;
            stats::compute(c, &range, hours.as_ref())
        })
        .await;
    Ok(result.map_err(EngineError::Store)?)
}

/// Every figure from `from` to `to` (`YYYY-MM-DD`, both included; default the last 30 days).
#[tauri::command]
pub async fn statistics(
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Stats, ApiError> {
    compute(&state, from, to).await
}

/// Asks where to save one figure as CSV and writes it there; answers the path, or `None` when
/// the owner cancelled.
#[tauri::command]
pub async fn save_statistics_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from: Option<String>,
    to: Option<String>,
    figure: Figure,
    lang: Option<String>,
) -> Result<Option<String>, ApiError> {
    let lang = lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let stats = compute(&state, from, to).await?;
    let text = stats::to_csv(&stats, figure, lang)
        .map_err(|e| ApiError::new(ApiErrorCode::Internal, e.to_string()))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(figure.file_name(&stats, lang))
        .add_filter("CSV", &["csv"])
        .save_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    let Some(chosen) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let target = chosen.into_path().map_err(|e| {
        ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.place_unwritable", &[("error", &e.to_string())]),
        )
    })?;
    tokio::fs::write(&target, text).await.map_err(|e| {
        ApiError::new(
            ApiErrorCode::Storage,
            say(TEXTS, "app.file_not_saved", &[("error", &e.to_string())]),
        )
    })?;
    Ok(Some(target.to_string_lossy().into_owned()))
}
