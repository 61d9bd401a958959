//! The sandbox's simulated customers.

use fake_graph::CUSTOMERS;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::ApiError;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, TS)]
pub struct SandboxCustomer {
    pub wa_id: String,
    pub name: String,
}

/// The seeded customers (none when live).
#[tauri::command]
pub fn sandbox_customers(state: State<'_, AppState>) -> Result<Vec<SandboxCustomer>, ApiError> {
    if state.engine()?.fake_graph().is_none() {
        return Ok(Vec::new());
    }
    Ok(CUSTOMERS
        .iter()
        .map(|c| SandboxCustomer {
            wa_id: c.wa_id.to_owned(),
            name: c.name.to_owned(),
        })
        .collect())
}

/// A simulated customer writes; the message arrives through the real signed-webhook path.
#[tauri::command]
pub async fn sandbox_say(
    state: State<'_, AppState>,
    from: String,
    text: String,
    name: Option<String>,
) -> Result<(), ApiError> {
    Ok(state
        .engine()?
        .sandbox_say(&from, &text, name.as_deref())
        .await?)
}
