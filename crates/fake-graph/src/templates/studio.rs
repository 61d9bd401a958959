//! The templates studio's endpoints: Meta's Resumable Upload API for a header's sample
//! (`POST /{app-id}/uploads`, then `POST /{upload-id}` with `Authorization: OAuth` and
//! `file_offset: 0`), and the edit of a template (`POST /{template-id}`), which sends it back to
//! review.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::store::Session;
use crate::credentials::SANDBOX_APP_ID;
use crate::errors::{graph_error, invalid_parameter, no_such_object, unknown_endpoint};
use crate::ids::new_object_id;
use crate::payloads;
use crate::state::{FakeState, lock, query_value};

/// The MIME types the Resumable Upload API takes.
const TYPES: [&str; 5] = [
    "application/pdf",
    "image/jpeg",
    "image/jpg",
    "image/png",
    "video/mp4",
];
/// The largest sample the fake takes.
const MAX_SAMPLE: u64 = 100 << 20;

/// `POST /{app-id}/uploads?file_name=&file_length=&file_type=` → `{"id": "upload:…"}`.
pub(crate) async fn start_upload(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if node != SANDBOX_APP_ID {
        return no_such_object("post", &node);
    }
    let length = match query_value(&query, "file_length").map(str::parse::<u64>) {
        Some(Ok(n)) if n > 0 && n <= MAX_SAMPLE => n,
        _ => return invalid_parameter("file_length is the file's size in bytes, at most 100 MB"),
    };
    match query_value(&query, "file_type") {
        Some(t) if TYPES.contains(&t) => {}
        _ => {
            return invalid_parameter(
                "file_type is application/pdf, image/jpeg, image/jpg, image/png or video/mp4",
            );
        }
    }
    if query_value(&query, "file_name").is_none_or(str::is_empty) {
        return invalid_parameter("file_name is required");
    }
    let id = format!(
        "upload:{}",
        payloads::base64(new_object_id().to_string().as_bytes())
    );
    lock(&state.templates)
        .uploads
        .insert(id.clone(), Session { length });
    Json(json!({"id": id})).into_response()
}

/// `POST /{node}`: an upload session's bytes, or a template's edit.
pub(crate) async fn post_node(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if node.starts_with("upload:") {
        return upload(&state, &node, &headers, &body);
    }
    if node.bytes().all(|b| b.is_ascii_digit()) {
        return edit(state, &node, &body);
    }
    unknown_endpoint().await
}

fn upload(state: &FakeState, session: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let oauth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("OAuth "));
    if !oauth {
        return invalid_parameter("an upload is authorised with `Authorization: OAuth {token}`");
    }
    if headers.get("file_offset").and_then(|v| v.to_str().ok()) != Some("0") {
        return invalid_parameter("file_offset is the byte to start at: 0 for a new upload");
    }
    let mut store = lock(&state.templates);
    let Some(s) = store.uploads.get(session) else {
        return no_such_object("post", session);
    };
    if body.len() as u64 != s.length {
        return invalid_parameter(&format!(
            "the upload has {} bytes but file_length said {}",
            body.len(),
            s.length
        ));
    }
    store.uploads.remove(session);
    let handle = format!("4::{}", payloads::base64(session.as_bytes()));
    Json(json!({"h": handle})).into_response()
}

fn edit(state: Arc<FakeState>, id: &str, body: &[u8]) -> Response {
    let request: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid_parameter(&format!("the body is not JSON: {e}")),
    };
    let Some(components) = request["components"].as_array().cloned() else {
        return invalid_parameter("components is a list of HEADER, BODY, FOOTER and BUTTONS");
    };
    let mut store = lock(&state.templates);
    let Some(t) = store.templates.iter_mut().find(|t| t["id"] == id) else {
        return no_such_object("post", id);
    };
    let status = t["status"].as_str().unwrap_or_default().to_owned();
    if !matches!(status.as_str(), "APPROVED" | "REJECTED" | "PAUSED") {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) Invalid parameter",
            Some("Only an approved, rejected or paused template can be edited"),
        );
    }
    if let Some(category) = request["category"].as_str() {
        if status == "APPROVED"
            && !t["category"]
                .as_str()
                .is_some_and(|c| c.eq_ignore_ascii_case(category))
        {
            return graph_error(
                StatusCode::BAD_REQUEST,
                100,
                "OAuthException",
                "(#100) Invalid parameter",
                Some("The category of an approved template cannot be changed"),
            );
        }
        t["category"] = json!(category.to_ascii_uppercase());
    }
    t["components"] = json!(components);
    t["status"] = json!("PENDING");
    t["rejected_reason"] = json!("NONE");
    drop(store);
    tokio::spawn(super::review(state, id.to_owned()));
    Json(json!({"success": true})).into_response()
}
