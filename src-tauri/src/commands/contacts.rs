//! The contacts workspace and quick replies: labels, notes, the owner's name for a contact,
//! pin / archive / unread (one chat or many), block and unblock, the contact panel, and saved
//! replies for the composer's `/` picker.

use shopchat_core::contacts::panel::ContactPanel;
use shopchat_core::contacts::store::Flag;
use shopchat_core::contacts::{ContactEntry, ContactFilter, LabelView, NoteView};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::quick_replies::QuickReplyView;
use tauri::State;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

#[tauri::command]
pub async fn contact_entries(
    state: State<'_, AppState>,
    filter: ContactFilter,
) -> Result<Vec<ContactEntry>, ApiError> {
    Ok(state.engine()?.contact_entries(filter).await?)
}

#[tauri::command]
pub async fn contact_panel(
    state: State<'_, AppState>,
    contact: String,
) -> Result<ContactPanel, ApiError> {
    Ok(state.engine()?.contact_panel(contact).await?)
}

#[tauri::command]
pub async fn labels(state: State<'_, AppState>) -> Result<Vec<LabelView>, ApiError> {
    Ok(state.engine()?.labels().await?)
}

#[tauri::command]
pub async fn save_label(
    state: State<'_, AppState>,
    name: String,
    color: Option<String>,
) -> Result<Vec<LabelView>, ApiError> {
    Ok(state.engine()?.save_label(name, color).await?)
}

#[tauri::command]
pub async fn edit_label(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    color: String,
) -> Result<Vec<LabelView>, ApiError> {
    Ok(state.engine()?.edit_label(id, name, color).await?)
}

#[tauri::command]
pub async fn delete_label(state: State<'_, AppState>, id: i64) -> Result<Vec<LabelView>, ApiError> {
    Ok(state.engine()?.delete_label(id).await?)
}

/// Puts `label` on each of `contacts` (the chat list's multi-select), or takes it off.
#[tauri::command]
pub async fn set_label(
    state: State<'_, AppState>,
    contacts: Vec<String>,
    label: String,
    on: bool,
) -> Result<usize, ApiError> {
    Ok(state.engine()?.set_label(contacts, label, on).await?)
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    contact: String,
    text: String,
) -> Result<NoteView, ApiError> {
    Ok(state.engine()?.add_note(contact, text).await?)
}

#[tauri::command]
pub async fn edit_note(state: State<'_, AppState>, id: i64, text: String) -> Result<(), ApiError> {
    Ok(state.engine()?.edit_note(id, text).await?)
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    Ok(state.engine()?.delete_note(id).await?)
}

#[tauri::command]
pub async fn set_contact_name(
    state: State<'_, AppState>,
    contact: String,
    name: Option<String>,
) -> Result<(), ApiError> {
    Ok(state.engine()?.set_custom_name(contact, name).await?)
}

/// `flag`: `pinned`, `archived` or `unread`.
#[tauri::command]
pub async fn set_contact_flag(
    state: State<'_, AppState>,
    contacts: Vec<String>,
    flag: String,
    on: bool,
) -> Result<(), ApiError> {
    let flag = match flag.as_str() {
        "pinned" => Flag::Pinned,
        "archived" => Flag::Archived,
        "unread" => Flag::MarkedUnread,
        other => {
            return Err(ApiError::new(
                ApiErrorCode::InvalidInput,
                say(TEXTS, "app.not_a_flag", &[("flag", &format!("{other:?}"))]),
            ));
        }
    };
    Ok(state.engine()?.set_contact_flag(contacts, flag, on).await?)
}

#[tauri::command]
pub async fn set_blocked(
    state: State<'_, AppState>,
    contact: String,
    on: bool,
) -> Result<ContactEntry, ApiError> {
    Ok(state.engine()?.set_blocked(contact, on).await?)
}

/// The owner opts the contact out of the shop's broadcasts, or back in.
#[tauri::command]
pub async fn set_opted_out(
    state: State<'_, AppState>,
    contact: String,
    opted_out: bool,
) -> Result<ContactPanel, ApiError> {
    Ok(state.engine()?.set_opted_out(contact, opted_out).await?)
}

#[tauri::command]
pub async fn quick_replies(state: State<'_, AppState>) -> Result<Vec<QuickReplyView>, ApiError> {
    Ok(state.engine()?.quick_replies().await?)
}

/// `file`: a path to copy in; `drop_file` removes the reply's file.
#[tauri::command]
pub async fn save_quick_reply(
    state: State<'_, AppState>,
    shortcut: String,
    text: String,
    file: Option<String>,
    drop_file: bool,
    replace: bool,
) -> Result<QuickReplyView, ApiError> {
    let file = match (file, drop_file) {
        (Some(path), _) => Some(Some(std::path::PathBuf::from(path))),
        (None, true) => Some(None),
        (None, false) => None,
    };
    Ok(state
        .engine()?
        .save_quick_reply(shortcut, text, file, replace)
        .await?)
}

#[tauri::command]
pub async fn remove_quick_reply(
    state: State<'_, AppState>,
    shortcut: String,
) -> Result<(), ApiError> {
    Ok(state.engine()?.remove_quick_reply(shortcut).await?)
}

/// The reply with its variables filled for the chat with `contact`.
#[tauri::command]
pub async fn render_quick_reply(
    state: State<'_, AppState>,
    shortcut: String,
    contact: String,
) -> Result<QuickReplyView, ApiError> {
    Ok(state
        .engine()?
        .render_quick_reply(shortcut, contact)
        .await?)
}
