//! `/{waba-id}/message_templates`: list (cursor paging, as Meta answers), create and delete.
//! A created template is `PENDING`, then approved after a short review, which is reported to the
//! app's callback as a `message_template_status_update` webhook, as Meta does.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tracing::warn;

use crate::credentials::SANDBOX_WABA_ID;
use crate::errors::{graph_error, graph_error_with, invalid_parameter, no_such_object};
use crate::ids::new_object_id;
use crate::payloads;
use crate::state::{FakeState, lock, only_fields, query_value};
use crate::webhooks::post_with_retry;
use checks::placeholders;
use store::cursor_for;

pub mod checks;
mod seed;
pub mod store;
pub(crate) mod studio;

/// Meta's default page size.
const DEFAULT_LIMIT: usize = 25;
/// The largest page the fake hands out.
const MAX_LIMIT: usize = 1000;

/// `GET /{waba-id}/message_templates?limit=&after=&before=&name=&status=&language=&category=&fields=`.
pub(crate) async fn list(
    State(state): State<Arc<FakeState>>,
    Path((version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("get", &node);
    }
    let limit = match query_value(&query, "limit").map(str::parse::<usize>) {
        None => DEFAULT_LIMIT,
        Some(Ok(n)) if n > 0 => n.min(MAX_LIMIT),
        Some(_) => return invalid_parameter("limit must be a positive whole number"),
    };
    let store = lock(&state.templates);
    // Filters: `name` matches part of the name, the others match exactly (case-insensitive).
    let wanted = |t: &Value| {
        let text = |key: &str| t[key].as_str().unwrap_or_default().to_ascii_lowercase();
        let matches = |key: &str| {
            query_value(&query, key).is_none_or(|v| text(key) == v.to_ascii_lowercase())
        };
        query_value(&query, "name").is_none_or(|n| text("name").contains(&n.to_ascii_lowercase()))
            && matches("status")
            && matches("language")
            && matches("category")
    };
    let (start, end) = match (query_value(&query, "after"), query_value(&query, "before")) {
        (Some(after), _) => match store.position_of_cursor(after) {
            Some(at) => (at + 1, store.templates.len()),
            None => return invalid_parameter("the after cursor is not valid"),
        },
        (None, Some(before)) => match store.position_of_cursor(before) {
            Some(at) => (0, at),
            None => return invalid_parameter("the before cursor is not valid"),
        },
        (None, None) => (0, store.templates.len()),
    };
    let matching: Vec<&Value> = store.templates[start..end]
        .iter()
        .filter(|t| wanted(t))
        .collect();
    // Going backwards, the page is the last `limit` before the cursor.
    let skip = if query_value(&query, "after").is_none() && query_value(&query, "before").is_some()
    {
        matching.len().saturating_sub(limit)
    } else {
        0
    };
    let page: Vec<&Value> = matching.iter().skip(skip).take(limit).copied().collect();
    let fields = query_value(&query, "fields");
    let data: Vec<Value> = page.iter().map(|t| only_fields(t, fields)).collect();
    let (Some(first), Some(last)) = (page.first(), page.last()) else {
        return Json(json!({"data": []})).into_response();
    };
    let mut paging = json!({"cursors": {"before": cursor_for(first), "after": cursor_for(last)}});
    let link = |key: &str, cursor: String| {
        let mut params: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "after" | "before" | "limit"))
            .cloned()
            .collect();
        params.push(("limit".into(), limit.to_string()));
        params.push((key.into(), cursor));
        let path = format!("{}/{version}/{node}/message_templates", state.base_url);
        reqwest::Url::parse_with_params(&path, &params)
            .map(String::from)
            .ok()
    };
    let last_index = store.position_of_cursor(&cursor_for(last)).unwrap_or(end);
    let first_index = store
        .position_of_cursor(&cursor_for(first))
        .unwrap_or(start);
    if store.templates[last_index + 1..].iter().any(&wanted) {
        paging["next"] = json!(link("after", cursor_for(last)));
    }
    if store.templates[..first_index].iter().any(&wanted) {
        paging["previous"] = json!(link("before", cursor_for(first)));
    }
    Json(json!({"data": data, "paging": paging})).into_response()
}

/// `POST /{waba-id}/message_templates` with `{name, language, category, components,
/// parameter_format?}`: a new `PENDING` template.
pub(crate) async fn create(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("post", &node);
    }
    let request: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return invalid_parameter(&format!("the body is not JSON: {e}")),
    };
    let template = match new_template(&request) {
        Ok(t) => t,
        Err(details) => return invalid_parameter(&details),
    };
    let (name, language) = (text(&template, "name"), text(&template, "language"));
    let mut store = lock(&state.templates);
    if store.find(&name, &language).is_some() {
        return graph_error_with(
            StatusCode::BAD_REQUEST,
            100,
            Some(2_388_024),
            "OAuthException",
            "(#100) Invalid parameter",
            Some(&format!(
                "Content in this language already exists: {name} ({language})"
            )),
        );
    }
    let answer = json!({
        "id": template["id"],
        "status": "PENDING",
        "category": template["category"],
    });
    let id = text(&template, "id");
    store.templates.push(template);
    drop(store);
    tokio::spawn(review(state, id));
    Json(answer).into_response()
}

/// Checks a creation request and builds Meta's object from it.
fn new_template(request: &Value) -> Result<Value, String> {
    let name = request["name"].as_str().unwrap_or_default();
    let name_ok = !name.is_empty()
        && name.len() <= 512
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !name_ok {
        return Err(format!(
            "a template name holds 1 to 512 lowercase letters, digits and underscores (got {name:?})"
        ));
    }
    let language = request["language"].as_str().unwrap_or_default();
    let language_ok = (2..=15).contains(&language.len())
        && language
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '_');
    if !language_ok {
        return Err(format!(
            "language is a code like en or en_US (got {language:?})"
        ));
    }
    let category = request["category"]
        .as_str()
        .unwrap_or_default()
        .to_ascii_uppercase();
    if !matches!(
        category.as_str(),
        "MARKETING" | "UTILITY" | "AUTHENTICATION"
    ) {
        return Err("category is MARKETING, UTILITY or AUTHENTICATION".into());
    }
    let Some(components) = request["components"].as_array() else {
        return Err("components is a list of HEADER, BODY, FOOTER and BUTTONS".into());
    };
    let mut components = components.clone();
    for c in &mut components {
        for key in ["type", "format"] {
            if let Some(upper) = c[key].as_str().map(str::to_ascii_uppercase) {
                c[key] = json!(upper);
            }
        }
    }
    let bodies: Vec<&Value> = components.iter().filter(|c| c["type"] == "BODY").collect();
    let [body] = bodies.as_slice() else {
        return Err("a template has exactly one BODY component".into());
    };
    let body_text = body["text"].as_str().unwrap_or_default();
    if body_text.trim().is_empty() {
        return Err("the BODY component needs its text".into());
    }
    let named = placeholders(body_text)
        .iter()
        .any(|p| !p.bytes().all(|b| b.is_ascii_digit()));
    let format = match request["parameter_format"].as_str() {
        Some(f) => f.to_ascii_uppercase(),
        None if named => "NAMED".to_owned(),
        None => "POSITIONAL".to_owned(),
    };
    Ok(json!({
        "name": name,
        "parameter_format": format,
        "components": components,
        "language": language,
        "status": "PENDING",
        "category": category,
        "id": new_object_id().to_string(),
    }))
}

fn text(template: &Value, key: &str) -> String {
    template[key].as_str().unwrap_or_default().to_owned()
}

/// Why the sandbox's review refuses a template whose name contains `reject` (one of Meta's
/// `rejected_reason` values).
pub const SANDBOX_REJECTED_REASON: &str = "INVALID_FORMAT";

/// Meta's review: after a moment the template is approved (or rejected with a reason, when its
/// name contains `reject`), and the app's callback (never an override) hears of it.
pub(crate) async fn review(state: Arc<FakeState>, id: String) {
    tokio::select! {
        _ = tokio::time::sleep(state.settings.status_delays[2]) => {}
        _ = state.stop.cancelled() => return,
    }
    let reviewed = {
        let mut store = lock(&state.templates);
        store
            .templates
            .iter_mut()
            .find(|t| t["id"] == id.as_str() && t["status"] == "PENDING")
            .map(|t| {
                let name = text(t, "name");
                let (event, reason) = if name.contains("reject") {
                    ("REJECTED", SANDBOX_REJECTED_REASON)
                } else {
                    ("APPROVED", "NONE")
                };
                t["status"] = json!(event);
                t["rejected_reason"] = json!(reason);
                (name, text(t, "language"), event, reason)
            })
    };
    let (Some((name, language, event, reason)), Some(url)) = (reviewed, state.default_target())
    else {
        return;
    };
    if !state
        .template_webhooks
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        return;
    }
    let numeric_id = id.parse::<u64>().unwrap_or_default();
    let body =
        payloads::template_status(SANDBOX_WABA_ID, numeric_id, &name, &language, event, reason);
    if let Err(e) = post_with_retry(&state.http, &url, &body).await {
        warn!(error = %e, "sandbox: could not report a template's review");
    }
}

/// `DELETE /{waba-id}/message_templates?name=…[&hsm_id=…]`: every language of `name`, or the
/// one template `hsm_id`.
pub(crate) async fn delete(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("delete", &node);
    }
    let Some(name) = query_value(&query, "name") else {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) The parameter name is required",
            None,
        );
    };
    let hsm_id = query_value(&query, "hsm_id");
    let mut store = lock(&state.templates);
    let before = store.templates.len();
    store
        .templates
        .retain(|t| !(t["name"] == name && hsm_id.is_none_or(|id| t["id"] == id)));
    if store.templates.len() == before {
        return invalid_parameter(&format!("Message template {name:?} was not found"));
    }
    Json(json!({"success": true})).into_response()
}
