//! The account: `GET /{phone-number-id}`, `GET /{waba-id}` and the business profile, and what
//! `subscribed_apps` ([`crate::subscriptions`]) changes.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::credentials::{SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use crate::errors::{invalid_parameter, no_such_object};
use crate::state::{FakeState, lock, only_fields, query_value};

pub mod profile;

/// The display form of the sandbox's number.
/// The sandbox business number as WhatsApp would show it.
pub const DISPLAY_PHONE_NUMBER: &str = "+1 555-010-0000";
/// The name WhatsApp shows for the sandbox's business.
pub(crate) const VERIFIED_NAME: &str = "Shopchat Sandbox Shop";
/// The business profile's verticals (Meta's list).
const VERTICALS: &[&str] = &[
    "UNDEFINED",
    "OTHER",
    "AUTO",
    "BEAUTY",
    "APPAREL",
    "EDU",
    "ENTERTAIN",
    "EVENT_PLAN",
    "FINANCE",
    "GROCERY",
    "GOVT",
    "HOTEL",
    "HEALTH",
    "NONPROFIT",
    "PROF_SERVICES",
    "RETAIL",
    "TRAVEL",
    "RESTAURANT",
    "NOT_A_BIZ",
];

/// The sandbox portfolio's messaging limit (unique customers reached outside the 24-hour window
/// per rolling 24 hours), as `whatsapp_business_manager_messaging_limit` reports it.
pub const MESSAGING_LIMIT: &str = "TIER_10K";

/// `GET /{phone-number-id}[?fields=…]`.
pub(crate) fn phone_number(fields: Option<&str>) -> Value {
    let number = json!({
        "id": SANDBOX_PHONE_NUMBER_ID,
        "display_phone_number": DISPLAY_PHONE_NUMBER,
        "verified_name": VERIFIED_NAME,
        "quality_rating": "GREEN",
        "code_verification_status": "VERIFIED",
        "name_status": "APPROVED",
        "platform_type": "CLOUD_API",
        "is_on_biz_app": false,
        "throughput": {"level": "STANDARD"},
        "messaging_limit_tier": "TIER_1K",
        "whatsapp_business_manager_messaging_limit": MESSAGING_LIMIT,
        "account_mode": "SANDBOX",
        "is_official_business_account": false,
    });
    only_fields(&number, fields)
}

/// `GET /{waba-id}/phone_numbers[?fields=…]`: the sandbox's one number.
pub(crate) async fn phone_numbers(
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if node != SANDBOX_WABA_ID {
        return no_such_object("get", &node);
    }
    let fields = query_value(&query, "fields");
    Json(json!({ "data": [phone_number(fields)] })).into_response()
}

/// `GET /{waba-id}[?fields=…]`.
pub(crate) fn business_account(fields: Option<&str>) -> Value {
    let account = json!({
        "id": SANDBOX_WABA_ID,
        "name": VERIFIED_NAME,
        "currency": "USD",
        "timezone_id": "1",
        "message_template_namespace": "shopchat_sandbox_namespace",
        "account_review_status": "APPROVED",
    });
    only_fields(&account, fields)
}

/// `GET /{phone-number-id}/whatsapp_business_profile[?fields=…]`.
pub(crate) async fn business_profile(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if node != SANDBOX_PHONE_NUMBER_ID {
        return no_such_object("get", &node);
    }
    let profile = Value::Object(lock(&state.account).profile.clone());
    let mut shown = only_fields(&profile, query_value(&query, "fields"));
    shown["messaging_product"] = json!("whatsapp");
    Json(json!({"data": [shown]})).into_response()
}

/// `POST /{phone-number-id}/whatsapp_business_profile` with the fields to change.
pub(crate) async fn update_business_profile(
    State(state): State<Arc<FakeState>>,
    Path((_version, node)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if node != SANDBOX_PHONE_NUMBER_ID {
        return no_such_object("post", &node);
    }
    let Ok(Value::Object(changes)) = serde_json::from_slice::<Value>(&body) else {
        return invalid_parameter("the body is a JSON object of the profile fields to change");
    };
    if changes.get("messaging_product").and_then(Value::as_str) != Some("whatsapp") {
        return invalid_parameter("The parameter messaging_product is required.");
    }
    for (key, value) in &changes {
        let problem = match key.as_str() {
            "messaging_product" | "profile_picture_handle" => None,
            "about" => too_long(value, 139),
            "address" => too_long(value, 256),
            "description" => too_long(value, 512),
            "email" => too_long(value, 128),
            "websites" => match value.as_array() {
                Some(sites) if sites.len() <= 2 && sites.iter().all(Value::is_string) => None,
                _ => Some("websites is a list of at most 2 URLs".to_owned()),
            },
            "vertical" => (!value.as_str().is_some_and(|v| VERTICALS.contains(&v)))
                .then(|| format!("vertical is one of {}", VERTICALS.join(", "))),
            other => Some(format!("{other} is not a business profile field")),
        };
        if let Some(problem) = problem {
            return invalid_parameter(&problem);
        }
    }
    let mut account = lock(&state.account);
    for (key, value) in changes {
        if key != "profile_picture_handle" {
            account.profile.insert(key, value);
        }
    }
    Json(json!({"success": true})).into_response()
}

fn too_long(value: &Value, max: usize) -> Option<String> {
    match value.as_str() {
        Some(s) if s.chars().count() <= max => None,
        _ => Some(format!("the value is text of at most {max} characters")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_honoured() {
        let number = phone_number(Some("display_phone_number,quality_rating"));
        assert_eq!(
            number,
            json!({"id": SANDBOX_PHONE_NUMBER_ID, "display_phone_number": DISPLAY_PHONE_NUMBER, "quality_rating": "GREEN"})
        );
        assert_eq!(phone_number(None)["verified_name"], VERIFIED_NAME);
    }
}
