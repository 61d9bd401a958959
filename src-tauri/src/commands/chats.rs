//! Chats: the list, a conversation's messages, reading and sending.

use shopchat_core::compose::{Compose, MessageRef, SendRequest};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::{ChatSummary, MessageView, SearchHit};
use tauri::State;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// Messages fetched per page at the most.
const MAX_PAGE: u32 = 500;

#[tauri::command]
pub async fn list_chats(state: State<'_, AppState>) -> Result<Vec<ChatSummary>, ApiError> {
    Ok(state.engine()?.chats().await?)
}

#[tauri::command]
pub async fn list_messages(
    state: State<'_, AppState>,
    contact: String,
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<MessageView>, ApiError> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.page_size", &[("max", &MAX_PAGE.to_string())]),
        ));
    }
    Ok(state
        .engine()?
        .messages_page(&contact, before_id, limit)
        .await?)
}

/// Search hits returned at the most.
const MAX_HITS: u32 = 200;

/// Messages across all chats whose text matches `query` (every word; the last as a prefix),
/// newest first.
#[tauri::command]
pub async fn search_messages(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<Vec<SearchHit>, ApiError> {
    if limit == 0 || limit > MAX_HITS {
        return Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            say(TEXTS, "app.search_size", &[("max", &MAX_HITS.to_string())]),
        ));
    }
    Ok(state.engine()?.search(&query, limit).await?)
}

#[tauri::command]
pub async fn mark_read(state: State<'_, AppState>, contact: String) -> Result<(), ApiError> {
    Ok(state.engine()?.mark_read(&contact).await?)
}

/// Queues a text, replying to the message with id `reply_to` when given.
#[tauri::command]
pub async fn send_text(
    state: State<'_, AppState>,
    to: String,
    text: String,
    reply_to: Option<i64>,
) -> Result<MessageView, ApiError> {
    Ok(state
        .engine()?
        .send(SendRequest {
            to,
            reply_to: reply_to.map(MessageRef::Id),
            what: Compose::Text {
                body: text,
                preview_url: false,
            },
        })
        .await?)
}

/// Sends a failed message again, as it was.
#[tauri::command]
pub async fn retry_message(state: State<'_, AppState>, id: i64) -> Result<MessageView, ApiError> {
    Ok(state.engine()?.retry_message(id).await?)
}

/// Deletes a failed message from its chat.
#[tauri::command]
pub async fn delete_message(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    Ok(state.engine()?.delete_message(id).await?)
}
