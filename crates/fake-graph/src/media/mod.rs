//! Media: `POST /{phone-number-id}/media` (multipart), `GET /{media-id}`, the download address
//! it hands out (`/media-download/{id}?token=…`, with the Bearer token), and
//! `DELETE /{media-id}`. The files themselves are kept in a
//! [`MediaStore`](store::MediaStore).

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Body;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use wacloud::MediaKind;
use wacloud::media::{check_media_file, kind_for_mime};

use crate::credentials::SANDBOX_PHONE_NUMBER_ID;
use crate::errors::{graph_error, invalid_parameter, no_such_object};
use crate::state::{FakeState, lock, query_value};

pub mod store;

/// How long a download address works, as at Meta.
const URL_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// `POST /{phone-number-id}/media`: multipart `messaging_product`, `type` and `file`.
pub(crate) async fn upload(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if node != SANDBOX_PHONE_NUMBER_ID {
        return no_such_object("post", &node);
    }
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => {
            return invalid_parameter(&format!("the upload must be multipart/form-data: {e}"));
        }
    };
    let (mut product, mut declared, mut file) = (None, None, None);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                return upload_error(&format!("the upload could not be read: {}", e.body_text()));
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let part_type = field.content_type().map(str::to_owned);
        let read = field.bytes().await;
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) => {
                return upload_error(&format!("the upload could not be read: {}", e.body_text()));
            }
        };
        match name.as_str() {
            "messaging_product" => product = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "type" => declared = Some(String::from_utf8_lossy(&bytes).trim().to_owned()),
            "file" => file = Some((bytes, part_type)),
            _ => {}
        }
    }
    if product.as_deref() != Some("whatsapp") {
        return required("messaging_product");
    }
    let Some((bytes, part_type)) = file else {
        return required("file");
    };
    let Some(mime) = declared.or(part_type) else {
        return required("type");
    };
    let Some(kind) = kind_for_mime(&mime) else {
        return invalid_parameter(&format!(
            "Param file must be a file with one of the following types: {}. Received file of type '{mime}'.",
            all_types()
        ));
    };
    match check_media_file(kind, &mime, &bytes) {
        Ok(mime) => {
            let stored = lock(&state.media).add(bytes, &mime);
            Json(json!({"id": stored.id})).into_response()
        }
        Err(e) => upload_error(&e.to_string()),
    }
}

/// `GET /{media-id}`: where to download the file, and what it is. The address works for five
/// minutes.
pub(crate) fn info(state: &FakeState, id: &str) -> Response {
    let mut store = lock(&state.media);
    let Some(blob) = store.blobs.get_mut(id) else {
        return no_such_object("get", id);
    };
    let now = Instant::now();
    blob.tokens.retain(|(_, until)| *until > now);
    let token = format!("{:032x}", {
        use rand::RngExt;
        rand::rng().random::<u128>()
    });
    blob.tokens.push((token.clone(), now + URL_LIFETIME));
    Json(json!({
        "messaging_product": "whatsapp",
        "url": format!("{}/media-download/{id}?token={token}", state.base_url),
        "mime_type": blob.info.mime_type,
        "sha256": blob.info.sha256,
        "file_size": blob.info.file_size,
        "id": id,
    }))
    .into_response()
}

/// `GET /media-download/{id}?token=…` (with the Bearer token, checked before): the file.
pub(crate) async fn download(
    State(state): State<Arc<FakeState>>,
    Path(id): Path<String>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let token = query_value(&query, "token").unwrap_or_default();
    let store = lock(&state.media);
    let now = Instant::now();
    let found = store.blobs.get(&id).filter(|blob| {
        blob.tokens
            .iter()
            .any(|(t, until)| t == token && *until > now)
    });
    let Some(blob) = found else {
        return graph_error(
            StatusCode::NOT_FOUND,
            100,
            "GraphMethodException",
            "(#100) The media download address is not valid or has expired; ask GET /{media-id} for a new one",
            None,
        );
    };
    (
        [
            (header::CONTENT_TYPE, blob.info.mime_type.clone()),
            (header::CONTENT_LENGTH, blob.info.file_size.to_string()),
        ],
        Body::from(blob.bytes.clone()),
    )
        .into_response()
}

/// `DELETE /{media-id}`.
pub(crate) async fn delete(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
) -> Response {
    if lock(&state.media).remove(&node) {
        Json(json!({"success": true})).into_response()
    } else {
        no_such_object("delete", &node)
    }
}

/// Meta's answer to a file it will not take (too large, empty, not Opus, ...).
fn upload_error(details: &str) -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        131053,
        "OAuthException",
        "(#131053) Media upload error",
        Some(details),
    )
}

fn required(parameter: &str) -> Response {
    graph_error(
        StatusCode::BAD_REQUEST,
        100,
        "OAuthException",
        &format!("(#100) The parameter {parameter} is required."),
        None,
    )
}

/// Every MIME type the upload takes, as Meta lists them in its refusal.
fn all_types() -> String {
    MediaKind::ALL
        .into_iter()
        .flat_map(|kind| wacloud::media::accepted_types(kind).iter().copied())
        .collect::<Vec<_>>()
        .join(", ")
}
