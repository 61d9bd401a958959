//! The OS's own file dialogs, awaited: where to save, which file to read. `None` when the owner
//! cancelled.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::{ApiError, ApiErrorCode};

/// Asks where to save a file called `name` by default, of the kind `(label, extension)`.
pub async fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    (label, extension): (&str, &str),
) -> Result<Option<PathBuf>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_file_name(name)
        .add_filter(label, &[extension])
        .save_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    path_of(rx.await.ok().flatten(), "that place cannot be written to")
}

/// Asks for a file to read, of the kind `(label, extensions)`.
pub async fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    (label, extensions): (&str, &[&str]),
) -> Result<Option<PathBuf>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter(label, extensions)
        .pick_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    path_of(rx.await.ok().flatten(), "that file cannot be read")
}

fn path_of(chosen: Option<FilePath>, refusal: &str) -> Result<Option<PathBuf>, ApiError> {
    chosen
        .map(|c| {
            c.into_path()
                .map_err(|e| ApiError::new(ApiErrorCode::InvalidInput, format!("{refusal}: {e}")))
        })
        .transpose()
}
