//! **Back up now** and the last backup's status: thin wrappers over `Engine::backup`.

use std::path::{Path, PathBuf};

use shopchat_core::backup::schedule;
use shopchat_core::backup::{BackupError, BackupStatus};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::settings::Settings;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

impl From<BackupError> for ApiError {
    fn from(e: BackupError) -> Self {
        let code = match &e {
            BackupError::Io { .. } | BackupError::NoDatabase(_) | BackupError::CatchUp(_) => {
                ApiErrorCode::Storage
            }
            BackupError::Archive(_)
            | BackupError::Checksum(_)
            | BackupError::TooNew { .. }
            | BackupError::EngineRunning(_) => ApiErrorCode::InvalidInput,
            BackupError::Sqlite(_) => ApiErrorCode::Storage,
        };
        Self::new(code, e.to_string())
    }
}

/// Backs up now: into `path` when given, else a new file in the settings' backup folder, else
/// where the owner chooses in a save dialog. Returns the recorded result; `None` when the owner
/// cancelled the dialog.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<BackupStatus>, ApiError> {
    let engine = state.engine()?;
    let sandbox = engine.mode() == "sandbox";
    let folder = Settings::load(&state.settings_file())
        .unwrap_or_default()
        .maintenance
        .backup_folder;
    let out = match (path.filter(|p| !p.trim().is_empty()), folder) {
        (Some(p), _) => PathBuf::from(p),
        (None, Some(folder)) => schedule::file_now(folder.as_ref(), sandbox),
        (None, None) => {
            let suggested = schedule::file_now(Path::new(""), sandbox);
            let (tx, rx) = tokio::sync::oneshot::channel();
            app.dialog()
                .file()
                .set_file_name(suggested.to_string_lossy())
                .add_filter(say(TEXTS, "app.backup_filter", &[]), &["zip"])
                .save_file(move |chosen| {
                    let _ = tx.send(chosen);
                });
            let Some(chosen) = rx.await.ok().flatten() else {
                return Ok(None);
            };
            chosen.into_path().map_err(|e| {
                ApiError::new(
                    ApiErrorCode::InvalidInput,
                    say(TEXTS, "app.place_unwritable", &[("error", &e.to_string())]),
                )
            })?
        }
    };
    engine.backup(&out).await?;
    Ok(engine.last_backup())
}

/// The last backup's time and result, if one was taken.
#[tauri::command]
pub async fn last_backup(state: State<'_, AppState>) -> Result<Option<BackupStatus>, ApiError> {
    Ok(state.engine()?.last_backup())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_errors_map_to_codes() {
        let damaged: ApiError = BackupError::Checksum("media/x does not match".into()).into();
        assert_eq!(damaged.code, ApiErrorCode::InvalidInput);
        assert!(damaged.message.contains("damaged"), "{}", damaged.message);
        let disk: ApiError = BackupError::Io {
            context: "cannot write /mnt/usb/x.zip".into(),
            source: std::io::Error::other("no space left"),
        }
        .into();
        assert_eq!(disk.code, ApiErrorCode::Storage);
        assert_eq!(
            serde_json::to_value(&disk).unwrap(),
            serde_json::json!({"code": "storage", "message": "cannot write /mnt/usb/x.zip: no space left"})
        );
    }
}

#[cfg(test)]
mod wiring {
    use serde_json::json;

    #[test]
    fn back_up_now_writes_an_archive_and_reports_it() {
        let h = crate::tests::harness();
        assert_eq!(h.invoke("last_backup", json!({})).unwrap(), json!(null));
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("shop.zip");
        let status = h
            .invoke("backup_now", json!({"path": path.to_str().unwrap()}))
            .unwrap();
        assert_eq!(status["ok"], true, "{status}");
        assert_eq!(status["path"], path.to_str().unwrap());
        assert!(path.exists());
        assert_eq!(h.invoke("last_backup", json!({})).unwrap(), status);
        // A damaged place: the error is the owner's to read.
        let refused = h
            .invoke("backup_now", json!({"path": "/proc/no/such/place.zip"}))
            .unwrap_err();
        assert_eq!(refused["code"], "storage", "{refused}");
        let failed = h.invoke("last_backup", json!({})).unwrap();
        assert_eq!(failed["ok"], false, "a failed backup is visible: {failed}");
        let diagnostics = h.invoke("diagnostics", json!({})).unwrap();
        assert_eq!(diagnostics["last_backup"], failed);
    }
}
