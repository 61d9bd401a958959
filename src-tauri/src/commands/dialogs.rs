//! The OS's own file dialogs, awaited: where to save, which file to read. `None` when the owner
//! cancelled.

use std::path::PathBuf;

use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
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
    path_of(rx.await.ok().flatten(), |e| {
        say(TEXTS, "app.place_unwritable", &[("error", &e)])
    })
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
    path_of(rx.await.ok().flatten(), |e| {
        say(TEXTS, "app.pick_unreadable", &[("error", &e)])
    })
}

/// The chosen path; `refusal` says why it cannot be used, given the dialog's error.
fn path_of(
    chosen: Option<FilePath>,
    refusal: impl FnOnce(String) -> String,
) -> Result<Option<PathBuf>, ApiError> {
    chosen
        .map(|c| {
            c.into_path()
                .map_err(|e| ApiError::new(ApiErrorCode::InvalidInput, refusal(e.to_string())))
        })
        .transpose()
}
