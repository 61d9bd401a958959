//! Customers and their WhatsApp links: records, one-time codes with their QR code, link
//! requests, unlinking, the audit trail; and the bot's settings with "try a message".

use serde::Serialize;
use shopchat_core::bot::{BotConfig, Explanation};
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::links::{
    AuditEntry, CustomerInput, CustomerView, ImportReport, LinkRequestView,
};
use tauri::State;
use ts_rs::TS;

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

/// A one-time code for the owner to show the customer at the counter.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LinkCodeView {
    pub code: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    pub wa_me_url: Option<String>,
    /// The wa.me address as a QR code (SVG), for the customer's phone camera.
    pub qr_svg: Option<String>,
}

#[tauri::command]
pub async fn list_customers(
    state: State<'_, AppState>,
    query: Option<String>,
) -> Result<Vec<CustomerView>, ApiError> {
    Ok(state.engine()?.customers(query).await?)
}

#[tauri::command]
pub async fn show_customer(
    state: State<'_, AppState>,
    customer: String,
) -> Result<CustomerView, ApiError> {
    Ok(state.engine()?.customer(&customer).await?)
}

/// The record linked to a chat's contact, if any (the conversation header).
#[tauri::command]
pub async fn customer_of_contact(
    state: State<'_, AppState>,
    contact: String,
) -> Result<Option<CustomerView>, ApiError> {
    Ok(state.engine()?.customer_of(&contact).await?)
}

#[tauri::command]
pub async fn add_customer(
    state: State<'_, AppState>,
    input: CustomerInput,
) -> Result<CustomerView, ApiError> {
    Ok(state.engine()?.add_customer(input).await?)
}

#[tauri::command]
pub async fn update_customer(
    state: State<'_, AppState>,
    id: i64,
    input: CustomerInput,
) -> Result<CustomerView, ApiError> {
    Ok(state.engine()?.update_customer(id, input).await?)
}

/// Imports the text of a CSV file the owner picked.
#[tauri::command]
pub async fn import_customers(
    state: State<'_, AppState>,
    csv: String,
) -> Result<ImportReport, ApiError> {
    Ok(state.engine()?.import_customers(csv).await?)
}

#[tauri::command]
pub async fn link_code(
    state: State<'_, AppState>,
    customer: String,
) -> Result<LinkCodeView, ApiError> {
    let code = state.engine()?.link_code(&customer).await?;
    let qr_svg = match &code.wa_me_url {
        Some(url) => Some(qr(url)?),
        None => None,
    };
    Ok(LinkCodeView {
        code: code.code,
        expires_at: code.expires_at,
        wa_me_url: code.wa_me_url,
        qr_svg,
    })
}

fn qr(url: &str) -> Result<String, ApiError> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(|e| {
        ApiError::new(
            ApiErrorCode::Internal,
            say(TEXTS, "app.no_qr", &[("error", &e.to_string())]),
        )
    })?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build())
}

#[tauri::command]
pub async fn unlink_customer(
    state: State<'_, AppState>,
    customer: String,
) -> Result<CustomerView, ApiError> {
    Ok(state.engine()?.unlink_customer(&customer).await?)
}

#[tauri::command]
pub async fn link_requests(state: State<'_, AppState>) -> Result<Vec<LinkRequestView>, ApiError> {
    Ok(state.engine()?.link_requests().await?)
}

#[tauri::command]
pub async fn approve_link_request(
    state: State<'_, AppState>,
    request: i64,
    customer: i64,
) -> Result<CustomerView, ApiError> {
    Ok(state
        .engine()?
        .approve_link_request(request, customer)
        .await?)
}

#[tauri::command]
pub async fn dismiss_link_request(
    state: State<'_, AppState>,
    request: i64,
) -> Result<(), ApiError> {
    Ok(state.engine()?.dismiss_link_request(request).await?)
}

/// The audit trail, newest first: one record's, or everyone's.
#[tauri::command]
pub async fn link_audit(
    state: State<'_, AppState>,
    customer: Option<i64>,
) -> Result<Vec<AuditEntry>, ApiError> {
    Ok(state.engine()?.link_audit(customer, 500).await?)
}

#[tauri::command]
pub async fn bot_config(state: State<'_, AppState>) -> Result<BotConfig, ApiError> {
    Ok(state.engine()?.bot_config().await?)
}

#[tauri::command]
pub async fn save_bot_config(
    state: State<'_, AppState>,
    config: BotConfig,
) -> Result<BotConfig, ApiError> {
    Ok(state.engine()?.save_bot_config(config).await?)
}

/// Whether the bot is muted for a customer.
#[tauri::command]
pub async fn bot_muted(state: State<'_, AppState>, contact: String) -> Result<bool, ApiError> {
    Ok(state.engine()?.bot_muted(&contact).await?)
}

/// Mutes or unmutes the bot for one customer.
#[tauri::command]
pub async fn set_bot_muted(
    state: State<'_, AppState>,
    contact: String,
    muted: bool,
) -> Result<(), ApiError> {
    Ok(state.engine()?.set_bot_muted(&contact, muted).await?)
}

/// Which command or rule would answer `text`, with what.
#[tauri::command]
pub async fn try_bot(state: State<'_, AppState>, text: String) -> Result<Explanation, ApiError> {
    Ok(state.engine()?.try_bot(text).await?)
}
