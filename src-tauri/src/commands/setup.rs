//! The settings wizard, the tunnel and diagnostics: thin wrappers over `shopchat_core::live`.

use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::live::{
    self, ConnectionResult, Diagnostics, GoLive, GoLiveOutcome, PointedAt, SecretStatus,
    SetupState, WhatsAppAccount,
};
use shopchat_core::secrets::SecretName;
use shopchat_core::settings::Settings;
use shopchat_core::tunnel::TunnelState;
use tauri::{AppHandle, Runtime, State};

use crate::error::{ApiError, ApiErrorCode};
use crate::state::AppState;

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorCode::Internal, message)
}

/// What the wizard opens with.
#[tauri::command]
pub fn setup_state(state: State<'_, AppState>) -> Result<SetupState, ApiError> {
    Ok(current_setup(&state))
}

fn current_setup(state: &AppState) -> SetupState {
    let settings = Settings::load(&state.settings_file()).unwrap_or_default();
    SetupState {
        mode: state.running().map_or("sandbox", |e| e.mode()).to_owned(),
        settings,
        secrets: SecretStatus::all(state.keystore.as_ref().ok()),
        keystore_error: state.keystore.as_ref().err().cloned(),
        rehearsal: state.rehearsal.is_some(),
        live_error: state.live_error(),
    }
}

/// "Test connection": reads the number with the typed token, or the saved one when `None`.
#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    access_token: Option<String>,
    phone_number_id: String,
    business_account_id: Option<String>,
) -> Result<ConnectionResult, ApiError> {
    let token = match access_token.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.trim().to_owned(),
        None => {
            let saved = state
                .keystore
                .as_ref()
                .ok()
                .and_then(|k| k.get(SecretName::AccessToken).ok().flatten());
            match saved {
                Some(s) => s.expose().to_owned(),
                None => String::new(),
            }
        }
    };
    let settings = Settings::load(&state.settings_file()).unwrap_or_default();
    let account = WhatsAppAccount {
        graph_url: state.graph_url(),
        api_version: settings.api_version,
        access_token: token.into(),
        phone_number_id,
        business_account_id,
    };
    Ok(live::test_connection(&account).await.into())
}

/// A fresh verify token for the owner to give Meta.
#[tauri::command]
pub fn generate_verify_token() -> String {
    live::generate_verify_token()
}

/// Saves the wizard (only when all of it is valid and Meta accepts the account), then restarts
/// the engine live with its tunnel.
#[tauri::command]
pub async fn go_live<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: GoLive,
) -> Result<GoLiveOutcome, ApiError> {
    let keystore = state
        .keystore
        .as_ref()
        .map_err(|e| internal(say(TEXTS, "app.keystore_unusable_save", &[("error", e)])))?;
    let outcome = request
        .save(keystore, &state.settings_file(), &state.graph_url())
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "settings wizard: could not save");
            internal(e.to_string())
        })?;
    match &outcome {
        GoLiveOutcome::Invalid { problems } => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            tracing::info!(?fields, "settings wizard: nothing saved, fields to fix");
        }
        GoLiveOutcome::Connection { problem } => {
            tracing::info!(kind = ?problem.kind, "settings wizard: nothing saved, Meta refused");
        }
        GoLiveOutcome::Saved { .. } => tracing::info!("settings wizard: saved; going live"),
    }
    if matches!(outcome, GoLiveOutcome::Saved { .. }) {
        crate::startup::restart(&app)
            .await
            .map_err(|e| internal(say(TEXTS, "app.saved_but", &[("why", &e)])))?;
        // Saved and restarted, but not live (the tunnel's own problems show in its state).
        if state.running().is_none_or(|e| e.mode() != "live") {
            let why = state
                .live_error()
                .unwrap_or_else(|| say(TEXTS, "app.could_not_start_live_bare", &[]));
            return Err(internal(say(TEXTS, "app.saved_but", &[("why", &why)])));
        }
    }
    Ok(outcome)
}

#[tauri::command]
pub fn tunnel_state(state: State<'_, AppState>) -> Result<TunnelState, ApiError> {
    Ok(state.engine()?.tunnel_state())
}

/// "Point Meta at this URL": the owner's own address, else the saved one, else the tunnel's.
#[tauri::command]
pub async fn point_meta(
    state: State<'_, AppState>,
    own_url: Option<String>,
) -> Result<PointedAt, ApiError> {
    let engine = state.engine()?;
    let saved = Settings::load(&state.settings_file())
        .ok()
        .and_then(|s| s.public_url);
    let own =
        own_url
            .filter(|u| !u.trim().is_empty())
            .or(if engine.public_webhook_url().is_none() {
                saved
            } else {
                None
            });
    Ok(engine.point_meta(own.as_deref()).await?)
}

/// "Disconnect": removes every credential from the keystore; the app goes back to the sandbox.
#[tauri::command]
pub async fn disconnect<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<SetupState, ApiError> {
    let keystore = state
        .keystore
        .as_ref()
        .map_err(|e| internal(say(TEXTS, "app.keystore_unusable", &[("error", e)])))?;
    keystore.clear().map_err(|e| internal(e.to_string()))?;
    crate::startup::restart(&app).await.map_err(internal)?;
    Ok(current_setup(&state))
}

#[tauri::command]
pub async fn diagnostics(state: State<'_, AppState>) -> Result<Diagnostics, ApiError> {
    Ok(state.engine()?.diagnostics().await?)
}

/// The report to paste into a support request: no secret, ids shortened.
#[tauri::command]
pub async fn diagnostics_report(state: State<'_, AppState>) -> Result<String, ApiError> {
    let diagnostics = state.engine()?.diagnostics().await?;
    let secrets: Vec<_> = state
        .keystore
        .as_ref()
        .ok()
        .map(|k| {
            SecretName::ALL
                .into_iter()
                .filter_map(|n| k.get(n).ok().flatten())
                .collect()
        })
        .unwrap_or_default();
    Ok(diagnostics.report(|text| {
        secrets
            .iter()
            .fold(text.to_owned(), |text, secret| secret.scrub(&text))
    }))
}
