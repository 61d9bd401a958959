//! "Test connection": reads the business number (and checks the business account) with the
//! credentials the owner typed, and explains what is wrong in plain words when it fails.

use std::time::Duration;

use secrecy::SecretString;
use serde::Serialize;
use ts_rs::TS;
use wacloud::account::WabaId;
use wacloud::{ErrorKind, GraphClient, GraphConfig, GraphError, PhoneNumberId};

use super::texts::TEXTS;
use crate::i18n::say;

/// What the owner typed in the wizard's second step (the access token stays a secret).
#[derive(Debug, Clone)]
pub struct WhatsAppAccount {
    /// `https://graph.facebook.com`, or a local fake.
    pub graph_url: String,
    pub api_version: String,
    pub access_token: SecretString,
    pub phone_number_id: String,
    pub business_account_id: Option<String>,
}

/// What Meta says about the number, shown when the connection works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConnectionCheck {
    pub phone_number_id: String,
    /// The name WhatsApp shows customers.
    pub verified_name: String,
    /// The number as customers see it (`+1 555-010-0000`).
    pub display_phone_number: String,
    /// `GREEN`, `YELLOW`, `RED` or `UNKNOWN`.
    pub quality_rating: Option<String>,
    /// How many customers the number may start conversations with a day (`TIER_1K`, …).
    pub messaging_limit_tier: Option<String>,
    /// The business account, when one was given and it answered.
    pub business_account_id: Option<String>,
    /// The number is also on the WhatsApp Business app on the phone (`is_on_biz_app`): see
    /// `docs/coexistence.md` for what changes.
    pub on_business_app: bool,
}

/// Why the connection test failed, by what the owner should do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A field is empty or malformed (nothing was sent).
    Invalid,
    /// Meta refused the token: expired, revoked or mistyped.
    TokenRejected,
    /// The phone number id is not one this token can see.
    WrongPhoneNumberId,
    /// The business account id is not one this token can see.
    WrongBusinessAccountId,
    /// Meta could not be reached.
    NoNetwork,
    /// Anything else Meta said.
    Other,
}

/// A failed connection test: its kind, and a sentence for the owner in the owner's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ConnectionProblem {
    pub kind: ProblemKind,
    pub message: String,
    /// Which field to fix (`access_token`, `phone_number_id`, `business_account_id`), if one.
    pub field: Option<String>,
}

impl ConnectionProblem {
    fn new(kind: ProblemKind, field: Option<&str>, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            field: field.map(str::to_owned),
        }
    }
}

/// How long the test may take before it counts as "no network".
const TEST_TIMEOUT: Duration = Duration::from_secs(15);

/// Calls `GET /{phone-number-id}` (and, when a business account is given, `GET
/// /{waba-id}/phone_numbers`, which must list the number) with `account`'s token.
pub async fn test_connection(
    account: &WhatsAppAccount,
) -> Result<ConnectionCheck, ConnectionProblem> {
    use secrecy::ExposeSecret;
    let token = account.access_token.expose_secret().trim();
    if token.is_empty() {
        return Err(ConnectionProblem::new(
            ProblemKind::Invalid,
            Some("access_token"),
            say(TEXTS, "live.token_empty", &[]),
        ));
    }
    if token.chars().any(char::is_whitespace) {
        return Err(ConnectionProblem::new(
            ProblemKind::Invalid,
            Some("access_token"),
            say(TEXTS, "live.token_spaces", &[]),
        ));
    }
    let phone = PhoneNumberId::parse(&account.phone_number_id).map_err(|_| {
        ConnectionProblem::new(
            ProblemKind::Invalid,
            Some("phone_number_id"),
            say(TEXTS, "live.phone_id_format", &[]),
        )
    })?;
    let waba = match account.business_account_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(WabaId::parse(raw).map_err(|_| {
            ConnectionProblem::new(
                ProblemKind::Invalid,
                Some("business_account_id"),
                say(TEXTS, "live.waba_id_format", &[]),
            )
        })?),
    };
    let graph = GraphClient::new(GraphConfig {
        base_url: account.graph_url.clone(),
        api_version: account.api_version.clone(),
        timeout: TEST_TIMEOUT,
        ..GraphConfig::new(SecretString::from(token.to_owned()))
    })
    .map_err(|e| {
        ConnectionProblem::new(
            ProblemKind::Other,
            None,
            say(TEXTS, "live.meta_other", &[("error", &e.to_string())]),
        )
    })?;
    let number = graph
        .phone_number(&phone)
        .await
        .map_err(|e| explain(&e, "phone_number_id"))?;
    if let Some(waba) = &waba {
        let numbers = graph
            .phone_numbers(waba)
            .await
            .map_err(|e| explain(&e, "business_account_id"))?;
        if !numbers.iter().any(|n| n.id == number.id) {
            return Err(ConnectionProblem::new(
                ProblemKind::WrongBusinessAccountId,
                Some("business_account_id"),
                say(
                    TEXTS,
                    "live.number_not_in_waba",
                    &[("number", &number.display_phone_number)],
                ),
            ));
        }
    }
    Ok(ConnectionCheck {
        phone_number_id: number.id,
        verified_name: number.verified_name,
        display_phone_number: number.display_phone_number,
        quality_rating: number.quality_rating,
        messaging_limit_tier: number.messaging_limit_tier,
        business_account_id: waba.map(|w| w.as_str().to_owned()),
        on_business_app: number.is_on_biz_app.unwrap_or(false),
    })
}

/// A Graph error from the test, for the owner; `field` is the id the call was about.
fn explain(e: &GraphError, field: &str) -> ConnectionProblem {
    let meta_says = if e.message.is_empty() {
        String::new()
    } else {
        say(TEXTS, "live.meta_says", &[("message", &e.message)])
    };
    let meta_says = [("meta_says", meta_says.as_str())];
    if matches!(e.code, Some(10 | 200..=299)) {
        return ConnectionProblem::new(
            ProblemKind::TokenRejected,
            Some("access_token"),
            say(TEXTS, "live.token_lacks_permission", &meta_says),
        );
    }
    match e.kind {
        ErrorKind::Auth => ConnectionProblem::new(
            ProblemKind::TokenRejected,
            Some("access_token"),
            say(TEXTS, "live.token_refused", &meta_says),
        ),
        ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Interrupted => ConnectionProblem::new(
            ProblemKind::NoNetwork,
            None,
            say(TEXTS, "live.no_network", &[]),
        ),
        // 100: "Unsupported get request. Object with ID … does not exist, cannot be loaded due to
        // missing permissions, or does not support this operation."
        ErrorKind::InvalidParameter if field == "phone_number_id" => ConnectionProblem::new(
            ProblemKind::WrongPhoneNumberId,
            Some(field),
            say(TEXTS, "live.wrong_phone_id", &meta_says),
        ),
        ErrorKind::InvalidParameter => ConnectionProblem::new(
            ProblemKind::WrongBusinessAccountId,
            Some(field),
            say(TEXTS, "live.wrong_waba_id", &meta_says),
        ),
        _ => ConnectionProblem::new(
            ProblemKind::Other,
            None,
            say(TEXTS, "live.meta_other", &[("error", &e.to_string())]),
        ),
    }
}

/// The connection test's answer as the window takes it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ConnectionResult {
    Ok { check: ConnectionCheck },
    Problem { problem: ConnectionProblem },
}

impl From<Result<ConnectionCheck, ConnectionProblem>> for ConnectionResult {
    fn from(r: Result<ConnectionCheck, ConnectionProblem>) -> Self {
        match r {
            Ok(check) => Self::Ok { check },
            Err(problem) => Self::Problem { problem },
        }
    }
}
