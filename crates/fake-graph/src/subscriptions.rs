//! `/{waba-id}/subscribed_apps`: subscribe, read back, unsubscribe. An override callback is set
//! only once it passes Meta's verification handshake (`GET
//! {uri}?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` must answer 200 with the
//! challenge); a verified override then receives the fake's `messages` webhooks, as at Meta
//! (template status updates keep going to the app's own callback).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tracing::info;

use crate::credentials::SANDBOX_WABA_ID;
use crate::errors::{graph_error, invalid_parameter, no_such_object};
use crate::state::{FakeState, lock, query_value};

/// The (fictional) app that subscribes to the account's webhooks.
const APP_ID: &str = "300000000000003";
/// How long the verification handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// `GET /{waba-id}/subscribed_apps`.
pub(crate) async fn list(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("get", &node);
    }
    let account = lock(&state.account);
    if !account.subscribed {
        return Json(json!({"data": []})).into_response();
    }
    let mut app = json!({
        "whatsapp_business_api_data": {
            "id": APP_ID,
            "link": format!("https://www.facebook.com/games/?app_id={APP_ID}"),
            "name": "Shopchat Sandbox",
        },
    });
    if let Some(uri) = &account.override_uri {
        app["override_callback_uri"] = json!(uri);
    }
    Json(json!({"data": [app]})).into_response()
}

/// `POST /{waba-id}/subscribed_apps`, with no body (subscribe) or with
/// `{override_callback_uri, verify_token}` (JSON or query), which is verified first.
pub(crate) async fn subscribe(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
    body: Bytes,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("post", &node);
    }
    let json_body: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return invalid_parameter(&format!("the body is not JSON: {e}")),
        }
    };
    let param = |name: &str| {
        json_body[name]
            .as_str()
            .map(str::to_owned)
            .or_else(|| query_value(&query, name).map(str::to_owned))
    };
    let Some(uri) = param("override_callback_uri") else {
        lock(&state.account).subscribed = true;
        return Json(json!({"success": true})).into_response();
    };
    let Some(verify_token) = param("verify_token") else {
        return invalid_parameter("The parameter verify_token is required.");
    };
    if let Err(problem) = check_callback_uri(&uri) {
        return invalid_parameter(&problem);
    }
    if let Err(failure) = handshake(&state.http, &uri, &verify_token).await {
        return graph_error(
            StatusCode::BAD_REQUEST,
            2200,
            "OAuthException",
            &format!("(#2200) Callback verification failed with the following errors: {failure}"),
            None,
        );
    }
    info!(%uri, "sandbox Graph API: webhooks now go to the override callback");
    {
        let mut account = lock(&state.account);
        account.subscribed = true;
        account.override_uri = Some(uri.clone());
    }
    state.set_targets(|t| t.overridden = Some(uri));
    Json(json!({"success": true})).into_response()
}

/// `DELETE /{waba-id}/subscribed_apps`: unsubscribes, dropping any override.
pub(crate) async fn unsubscribe(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("delete", &node);
    }
    {
        let mut account = lock(&state.account);
        account.subscribed = false;
        account.override_uri = None;
    }
    state.set_targets(|t| t.overridden = None);
    Json(json!({"success": true})).into_response()
}

/// An override callback is https (as Meta requires), or plain http to this computer.
fn check_callback_uri(uri: &str) -> Result<(), String> {
    let parsed = reqwest::Url::parse(uri)
        .map_err(|_| format!("override_callback_uri {uri:?} is not a URL"))?;
    let host = parsed.host_str().unwrap_or_default();
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" if parsed.has_host() => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(format!(
            "override_callback_uri must be an https URL (or http on this computer in the sandbox); got {uri:?}"
        )),
    }
}

/// Meta's verification: the callback must echo the challenge for this verify token.
async fn handshake(http: &reqwest::Client, uri: &str, verify_token: &str) -> Result<(), String> {
    let challenge = {
        use rand::RngExt;
        rand::rng()
            .random_range(1_000_000_000u64..10_000_000_000)
            .to_string()
    };
    let response = http
        .get(uri)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", verify_token),
            ("hub.challenge", challenge.as_str()),
        ])
        .timeout(HANDSHAKE_TIMEOUT)
        .send()
        .await
        .map_err(|e| format!("URL couldn't be validated: {e}"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "HTTP Status Code = {}; HTTP Message = {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("error")
        ));
    }
    let body = response.text().await.unwrap_or_default();
    if body.trim() != challenge {
        return Err("The URL couldn't be validated. Response does not match challenge".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_uris() {
        assert!(check_callback_uri("https://abc.ngrok.app/webhook").is_ok());
        assert!(check_callback_uri("http://127.0.0.1:8080/webhook").is_ok());
        assert!(check_callback_uri("http://localhost:8080/webhook").is_ok());
        assert!(check_callback_uri("http://[::1]:8080/webhook").is_ok());
        assert!(check_callback_uri("http://example.com/webhook").is_err());
        assert!(check_callback_uri("ftp://127.0.0.1/webhook").is_err());
        assert!(check_callback_uri("not a url").is_err());
    }
}
