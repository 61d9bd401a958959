//! Exports and imports: one conversation or all (CSV, JSON, an HTML transcript with its files in
//! a zip), the contacts (CSV, vCard), and contacts from a CSV file. Each asks where with the OS's
//! own dialog; `None` when the owner cancelled.

use shopchat_core::engine::texts::TEXTS;
use shopchat_core::export::contacts::ContactImport;
use shopchat_core::export::{ExportSummary, Format, Lang};
use shopchat_core::i18n::say;
use tauri::{AppHandle, Runtime, State};

use super::dialogs::{pick_file, save_path};
use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// A CSV file of contacts larger than this is not read.
const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

fn today() -> String {
    shopchat_core::clock::local_today().to_string()
}

/// One conversation (`contact`) or all of them, in `format`, where the owner chooses.
#[tauri::command]
pub async fn export_chats<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    contact: Option<String>,
    format: Format,
    lang: Option<String>,
) -> Result<Option<ExportSummary>, ApiError> {
    let engine = state.engine()?;
    let lang = lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let (ext, label) = match format {
        Format::Csv => ("csv", "CSV"),
        Format::Json => ("json", "JSON"),
        Format::Html => ("zip", "Zip"),
    };
    let who = contact.as_deref().unwrap_or("all");
    let name = format!("shopchat-chats-{who}-{}.{ext}", today());
    let Some(out) = save_path(&app, &name, (label, ext)).await? else {
        return Ok(None);
    };
    Ok(Some(
        engine
            .export_conversations(contact, format, lang, out)
            .await?,
    ))
}

/// Every contact as CSV or vCard, where the owner chooses.
#[tauri::command]
pub async fn export_contacts<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    vcard: bool,
) -> Result<Option<ExportSummary>, ApiError> {
    let engine = state.engine()?;
    let (ext, label) = if vcard {
        ("vcf", "vCard")
    } else {
        ("csv", "CSV")
    };
    let name = format!("shopchat-contacts-{}.{ext}", today());
    let Some(out) = save_path(&app, &name, (label, ext)).await? else {
        return Ok(None);
    };
    Ok(Some(engine.export_contacts(vcard, out).await?))
}

/// Contacts from a CSV file the owner picks (a `phone` column, and `name`); `country` for numbers
/// written without their country code.
#[tauri::command]
pub async fn import_contacts<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    country: Option<String>,
) -> Result<Option<ContactImport>, ApiError> {
    let engine = state.engine()?;
    let Some(path) = pick_file(&app, ("CSV", &["csv", "txt"])).await? else {
        return Ok(None);
    };
    Ok(Some(import_file(&engine, &path, country).await?))
}

/// Reads a CSV file (refusing one too large or not text) and imports it.
pub async fn import_file(
    engine: &shopchat_core::Engine,
    path: &std::path::Path,
    country: Option<String>,
) -> Result<ContactImport, ApiError> {
    let unreadable = |e: std::io::Error| {
        ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.import_unreadable", &[("error", &e.to_string())]),
        )
    };
    let size = tokio::fs::metadata(path).await.map_err(unreadable)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            say(
                TEXTS,
                "app.import_too_large",
                &[("megabytes", &(MAX_IMPORT_BYTES / (1024 * 1024)).to_string())],
            ),
        ));
    }
    let bytes = tokio::fs::read(path).await.map_err(unreadable)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.import_not_text", &[]),
        )
    })?;
    Ok(engine.import_contacts(text, country).await?)
}
