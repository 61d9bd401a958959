//! Generated documents: the list, one document, the editor's preview, issuing, sending,
//! cancelling with a credit note, opening and saving a file; the customers' requests; the
//! product list and the shop's profile.

use shopchat_core::MessageView;
use shopchat_core::documents::products::Product;
use shopchat_core::documents::records::Filter;
use shopchat_core::documents::requests::DocumentRequest;
use shopchat_core::documents::{
    DocumentDraft, DocumentSummary, DocumentView, DraftTotals, ShopProfileView, TemplateChoice,
};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::settings::ShopProfile;
use tauri::ipc::Response;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use super::dialogs::{pick_file, save_path};
use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// Documents listed at the most.
const MAX_LIST: u32 = 2_000;

/// The documents, newest first: of one kind, one customer's, or whose number or customer
/// contains `query`.
#[tauri::command]
pub async fn list_documents(
    state: State<'_, AppState>,
    kind: Option<String>,
    contact: Option<String>,
    query: Option<String>,
) -> Result<Vec<DocumentSummary>, ApiError> {
    let blank = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    Ok(state
        .engine()?
        .documents(Filter {
            kind: blank(kind),
            contact: blank(contact),
            query: blank(query).map(|q| q.trim().to_owned()),
            limit: Some(MAX_LIST),
        })
        .await?)
}

#[tauri::command]
pub async fn show_document(
    state: State<'_, AppState>,
    document: String,
) -> Result<DocumentView, ApiError> {
    Ok(state.engine()?.document(&document).await?)
}

/// The PDF a draft would be issued as (raw bytes), for the editor's preview.
#[tauri::command]
pub async fn preview_document(
    state: State<'_, AppState>,
    draft: DocumentDraft,
) -> Result<Response, ApiError> {
    Ok(Response::new(
        state.engine()?.preview_document(draft).await?,
    ))
}

/// A draft's figures, exact, for the editor's live totals.
#[tauri::command]
pub fn document_totals(
    state: State<'_, AppState>,
    draft: DocumentDraft,
) -> Result<DraftTotals, ApiError> {
    Ok(state.engine()?.document_totals(draft)?)
}

/// A document's PDF (raw bytes), for its page in the app.
#[tauri::command]
pub async fn document_pdf(
    state: State<'_, AppState>,
    document: String,
) -> Result<Response, ApiError> {
    let path = state.engine()?.document_file(&document, "pdf").await?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| {
        ApiError::new(
            ApiErrorCode::Storage,
            say(TEXTS, "app.pdf_unreadable", &[("error", &e.to_string())]),
        )
    })?;
    Ok(Response::new(bytes))
}

#[tauri::command]
pub async fn issue_document(
    state: State<'_, AppState>,
    draft: DocumentDraft,
) -> Result<DocumentView, ApiError> {
    Ok(state.engine()?.issue_document(draft).await?)
}

/// Sends a document's PDF in its customer's chat (again, for a resend); outside the 24-hour
/// window, as the DOCUMENT header of the approved template `template` in `language`.
#[tauri::command]
pub async fn send_document(
    state: State<'_, AppState>,
    document: String,
    caption: Option<String>,
    template: Option<String>,
    language: Option<String>,
    parameters: Option<Vec<String>>,
) -> Result<MessageView, ApiError> {
    let caption = caption.filter(|c| !c.trim().is_empty());
    let template = match (template, language) {
        (Some(name), Some(language)) => Some(TemplateChoice {
            name,
            language,
            parameters,
        }),
        (None, None) => None,
        _ => {
            return Err(ApiError::new(
                ApiErrorCode::InvalidInput,
                say(TEXTS, "app.template_needs_both", &[]),
            ));
        }
    };
    Ok(state
        .engine()?
        .send_document(&document, caption, template)
        .await?)
}

/// Cancels an invoice with a credit note; answers the credit note.
#[tauri::command]
pub async fn cancel_document(
    state: State<'_, AppState>,
    document: String,
) -> Result<DocumentView, ApiError> {
    Ok(state.engine()?.cancel_document(&document).await?)
}

/// Opens a document's file (`pdf` or `docx`) with the computer's default app.
#[tauri::command]
pub async fn open_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    document: String,
    format: String,
) -> Result<(), ApiError> {
    let path = state.engine()?.document_file(&document, &format).await?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            ApiError::new(
                ApiErrorCode::Internal,
                say(TEXTS, "app.file_not_opened", &[("error", &e.to_string())]),
            )
        })
}

/// Asks where to save a document's file (`pdf` or `docx`) and copies it there; answers the
/// path, or `None` when the owner cancelled.
#[tauri::command]
pub async fn save_document_as<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    document: String,
    format: String,
) -> Result<Option<String>, ApiError> {
    let path = state.engine()?.document_file(&document, &format).await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(target) = save_path(&app, &name, (&format.to_uppercase(), &format)).await? else {
        return Ok(None);
    };
    tokio::fs::copy(&path, &target).await.map_err(|e| {
        ApiError::new(
            ApiErrorCode::Storage,
            say(TEXTS, "app.file_not_saved", &[("error", &e.to_string())]),
        )
    })?;
    Ok(Some(target.to_string_lossy().into_owned()))
}

/// The document a message carries, if any (a document bubble opens its record).
#[tauri::command]
pub async fn document_of_message(
    state: State<'_, AppState>,
    message_id: i64,
) -> Result<Option<DocumentSummary>, ApiError> {
    Ok(state.engine()?.document_of_message(message_id).await?)
}

#[tauri::command]
pub async fn document_requests(
    state: State<'_, AppState>,
) -> Result<Vec<DocumentRequest>, ApiError> {
    Ok(state.engine()?.document_requests().await?)
}

/// The owner has dealt with what this customer asked for.
#[tauri::command]
pub async fn dismiss_document_requests(
    state: State<'_, AppState>,
    contact: String,
) -> Result<(), ApiError> {
    Ok(state.engine()?.dismiss_document_requests(&contact).await?)
}

#[tauri::command]
pub async fn list_products(state: State<'_, AppState>) -> Result<Vec<Product>, ApiError> {
    Ok(state.engine()?.products().await?)
}

#[tauri::command]
pub async fn save_product(
    state: State<'_, AppState>,
    product: Product,
) -> Result<Product, ApiError> {
    Ok(state.engine()?.save_product(product).await?)
}

#[tauri::command]
pub async fn delete_product(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    Ok(state.engine()?.delete_product(id).await?)
}

#[tauri::command]
pub fn shop_profile(state: State<'_, AppState>) -> Result<ShopProfileView, ApiError> {
    Ok(state.engine()?.shop_profile()?)
}

#[tauri::command]
pub fn save_shop_profile(
    state: State<'_, AppState>,
    business_name: Option<String>,
    profile: ShopProfile,
) -> Result<ShopProfileView, ApiError> {
    Ok(state.engine()?.save_shop_profile(business_name, profile)?)
}

/// Asks for the shop's logo (a PNG or JPEG); answers its path, or `None` when cancelled.
#[tauri::command]
pub async fn choose_logo<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, ApiError> {
    let Some(path) = pick_file(&app, ("PNG or JPEG", &["png", "jpg", "jpeg"])).await? else {
        return Ok(None);
    };
    Ok(Some(path.to_string_lossy().into_owned()))
}
