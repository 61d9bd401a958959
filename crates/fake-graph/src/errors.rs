//! Meta's error answers: `{"error": {"message", "type", "code", "error_subcode"?,
//! "error_data"?, "fbtrace_id"}}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Meta's error envelope: `{"error": {"message", "type", "code", "error_data"?, "fbtrace_id"}}`.
pub(crate) fn graph_error(
    status: StatusCode,
    code: i64,
    kind: &str,
    message: &str,
    details: Option<&str>,
) -> Response {
    graph_error_with(status, code, None, kind, message, details)
}

/// [`graph_error`] with an `error_subcode`.
pub(crate) fn graph_error_with(
    status: StatusCode,
    code: i64,
    subcode: Option<i64>,
    kind: &str,
    message: &str,
    details: Option<&str>,
) -> Response {
    let mut error = json!({
        "message": message,
        "type": kind,
        "code": code,
        "fbtrace_id": "SANDBOX",
    });
    if let Some(subcode) = subcode {
        error["error_subcode"] = json!(subcode);
    }
    if let Some(d) = details {
        error["error_data"] = json!({"messaging_product": "whatsapp", "details": d});
    }
    (status, Json(json!({ "error": error }))).into_response()
}

/// `(#100) Invalid parameter` with `details`.
pub(crate) fn invalid_parameter(details: &str) -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        100,
        "OAuthException",
        "(#100) Invalid parameter",
        Some(details),
    )
}

/// What Meta answers for an id that is not there (or not of a kind the path takes).
pub(crate) fn no_such_object(method: &str, id: &str) -> Response {
    graph_error_with(
        StatusCode::BAD_REQUEST,
        100,
        Some(33),
        "GraphMethodException",
        &format!(
            "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation"
        ),
        None,
    )
}

pub(crate) async fn unknown_endpoint() -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        100,
        "GraphMethodException",
        "Unsupported request - method type or endpoint not available in the Shopchat sandbox",
        None,
    )
}
