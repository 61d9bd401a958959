//! `POST` / `DELETE /{phone-number-id}/block_users`: the business number's blocklist, answered
//! with Meta's exact shapes. A request names 1 to 1,000 users (else `(#100) Invalid parameter`);
//! the list holds at most 64,000 (else error 139101); a user that is not a WhatsApp number
//! (digits, 8 to 15) or is the business's own number fails on its own in `failed_users` with
//! 139100, and when every user fails the request is refused with 139100. A blocked user's messages
//! are refused (131026, the recipient cannot receive).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::credentials::SANDBOX_PHONE_NUMBER_ID;
use crate::errors::{graph_error, invalid_parameter, no_such_object};
use crate::payloads::SANDBOX_DISPLAY_NUMBER;
use crate::state::{FakeState, lock};

/// The most users one request may name.
pub const MAX_USERS_PER_REQUEST: usize = 1000;
/// The most users the blocklist holds.
pub const MAX_BLOCKLIST: usize = 64_000;

pub(crate) mod store;

#[derive(Deserialize)]
struct Request {
    messaging_product: String,
    block_users: Vec<User>,
}

#[derive(Deserialize)]
struct User {
    user: String,
}

pub(crate) async fn block(
    state: State<Arc<FakeState>>,
    path: Path<(String, String)>,
    body: Bytes,
) -> Response {
    change(state, path, body, true)
}

pub(crate) async fn unblock(
    state: State<Arc<FakeState>>,
    path: Path<(String, String)>,
    body: Bytes,
) -> Response {
    change(state, path, body, false)
}

fn change(
    State(state): State<Arc<FakeState>>,
    Path((_version, phone_number_id)): Path<(String, String)>,
    body: Bytes,
    block: bool,
) -> Response {
    if phone_number_id != SANDBOX_PHONE_NUMBER_ID {
        return no_such_object(if block { "post" } else { "delete" }, &phone_number_id);
    }
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return invalid_parameter(&e.to_string()),
    };
    if request.messaging_product != "whatsapp" {
        return invalid_parameter("messaging_product must be \"whatsapp\"");
    }
    if request.block_users.is_empty() || request.block_users.len() > MAX_USERS_PER_REQUEST {
        return invalid_parameter("block_users must name 1 to 1000 users");
    }
    let mut list = lock(&state.blocklist);
    let mut done = Vec::new();
    let mut failed = Vec::new();
    for User { user } in request.block_users {
        let digits: String = user.chars().filter(char::is_ascii_digit).collect();
        let well_formed = user
            .chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c == ' ' || c == '-')
            && (8..=15).contains(&digits.len());
        if !well_formed || digits == SANDBOX_DISPLAY_NUMBER {
            failed.push(json!({
                "input": user,
                "errors": [{
                    "message": "Failed to block/unblock users",
                    "code": 139100,
                    "error_data": {"details": "This user cannot be blocked: not a WhatsApp user's number."}
                }]
            }));
            continue;
        }
        if block {
            if !list.users.contains(&digits) && list.users.len() >= MAX_BLOCKLIST {
                return graph_error(
                    StatusCode::BAD_REQUEST,
                    139101,
                    "OAuthException",
                    "Blocklist limit reached",
                    Some("The blocklist holds at most 64000 users: unblock some first."),
                );
            }
            list.users.insert(digits.clone());
        } else {
            list.users.remove(&digits);
        }
        done.push(json!({"input": user, "wa_id": digits}));
    }
    if done.is_empty() {
        let details = failed
            .first()
            .and_then(|f| f["errors"][0]["error_data"]["details"].as_str())
            .unwrap_or_default()
            .to_owned();
        return graph_error(
            StatusCode::BAD_REQUEST,
            139100,
            "OAuthException",
            "Failed to block/unblock users",
            Some(&details),
        );
    }
    let key = if block {
        "added_users"
    } else {
        "removed_users"
    };
    let mut lists = json!({ key: done });
    if !failed.is_empty() {
        lists["failed_users"] = Value::Array(failed);
    }
    Json(json!({"messaging_product": "whatsapp", "block_users": lists})).into_response()
}

/// Whether `wa_id` is on the blocklist.
pub(crate) fn is_blocked(state: &FakeState, wa_id: &str) -> bool {
    lock(&state.blocklist).users.contains(wa_id)
}
