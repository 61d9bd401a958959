//! Values of the account and phone-number fields: `account_update`, `account_review_update`,
//! `account_alerts`, `business_capability_update`, `phone_number_quality_update`,
//! `phone_number_name_update` and `security`.

use serde::{Deserialize, Serialize};

use super::lenient;

/// `account_update`: the WhatsApp Business Account was restricted, banned, deleted, shared with
/// a partner, ...
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AccountUpdate {
    /// `ACCOUNT_VIOLATION`, `ACCOUNT_RESTRICTION`, `DISABLED_UPDATE`, `ACCOUNT_DELETED`,
    /// `PARTNER_ADDED`, `PARTNER_REMOVED`, `PARTNER_APP_INSTALLED`, `PARTNER_APP_UNINSTALLED`,
    /// `AUTH_INTL_PRICE_ELIGIBILITY_UPDATE`, `BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE`,
    /// `VOLUME_BASED_PRICING_TIER_UPDATE`, ...
    #[serde(deserialize_with = "lenient::string")]
    pub event: String,
    /// The business phone number concerned (violations and restrictions).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub phone_number: Option<String>,
    /// ISO 3166-1 alpha-2 code of the business's primary location.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country: Option<String>,
    /// Set for `DISABLED_UPDATE`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub ban_info: Option<BanInfo>,
    /// Set for `ACCOUNT_VIOLATION`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub violation_info: Option<ViolationInfo>,
    /// Set for `ACCOUNT_RESTRICTION`: what the account may no longer do, until when.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub restriction_info: Vec<Restriction>,
    /// Set for partner, ad-account and MM Lite events.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub waba_info: Option<WabaInfo>,
    /// Set for `AUTH_INTL_PRICE_ELIGIBILITY_UPDATE`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub auth_international_rate_eligibility: Option<AuthInternationalRateEligibility>,
    /// Set for `PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub partner_client_certification_info: Option<PartnerClientCertificationInfo>,
    /// Set for `VOLUME_BASED_PRICING_TIER_UPDATE`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub volume_tier_info: Option<VolumeTierInfo>,
}

/// `ban_info` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct BanInfo {
    /// `DISABLE`, `REINSTATE` or `SCHEDULE_FOR_DISABLE`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub waba_ban_state: Option<String>,
    /// When, as Meta writes it (`April 17, 2025`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub waba_ban_date: Option<String>,
}

/// `violation_info` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ViolationInfo {
    /// The policy violated (`ADULT`, `SCAM`, ...).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub violation_type: Option<String>,
}

/// One entry of `restriction_info`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Restriction {
    /// `RESTRICTED_ADD_PHONE_NUMBER_ACTION`, `RESTRICTED_BIZ_INITIATED_MESSAGING`,
    /// `RESTRICTED_CUSTOMER_INITIATED_MESSAGING`, ...
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub restriction_type: Option<String>,
    /// When the restriction ends, as Meta writes it (ISO 8601).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub expiration: Option<String>,
}

/// `waba_info` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WabaInfo {
    /// The WhatsApp Business Account.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub waba_id: Option<String>,
    /// The business portfolio that owns it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub owner_business_id: Option<String>,
    /// The ad account linked (`AD_ACCOUNT_LINKED`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub ad_account_linked: Option<String>,
    /// The partner's app (`PARTNER_APP_*`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub partner_app_id: Option<String>,
    /// The multi-partner solution.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub solution_id: Option<String>,
    /// The partners of the solution.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub solution_partner_business_ids: Vec<String>,
}

/// `auth_international_rate_eligibility` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AuthInternationalRateEligibility {
    /// When the rates start, in unix seconds, for countries without an exception.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub start_time: Option<i64>,
    /// Countries with their own start time.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub exception_countries: Vec<ExceptionCountry>,
}

/// One of `exception_countries`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ExceptionCountry {
    /// ISO 3166-1 alpha-2 code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country_code: Option<String>,
    /// When the rates start there, in unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub start_time: Option<i64>,
}

/// `partner_client_certification_info` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PartnerClientCertificationInfo {
    /// The customer's business portfolio.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub client_business_id: Option<String>,
    /// `APPROVED`, `FAILED`, `PENDING`, `DISCARDED` or `REVOKED`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
    /// Why it failed (`NONE` when it did not).
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub rejection_reasons: Vec<String>,
}

/// `volume_tier_info` of an account update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct VolumeTierInfo {
    /// When the tier changed, in unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub tier_update_time: Option<i64>,
    /// `UTILITY`, `AUTHENTICATION`, ...
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub pricing_category: Option<String>,
    /// The volume range (`25000001:50000000`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub tier: Option<String>,
    /// `YYYY-MM`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub effective_month: Option<String>,
    /// The pricing region (`INDIA`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub region: Option<String>,
}

/// `account_review_update`: the account was reviewed against policy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AccountReviewUpdate {
    /// `APPROVED`, `REJECTED`, `PENDING` or `DEFERRED`.
    #[serde(deserialize_with = "lenient::string")]
    pub decision: String,
}

/// `account_alerts`: messaging-limit, profile-photo or Official Business Account alerts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AccountAlerts {
    /// `BUSINESS`, `PHONE_NUMBER` or `CURRENT_STATUS_ID`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub entity_type: Option<String>,
    /// The business portfolio or phone number id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub entity_id: Option<String>,
    /// The alert.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub alert_info: Option<AlertInfo>,
}

/// `alert_info` of an account alert.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AlertInfo {
    /// `CRITICAL`, `WARNING` or `INFORMATIONAL`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_severity: Option<String>,
    /// `ACTIVE` or `NONE`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_status: Option<String>,
    /// `OBA_APPROVED`, `PROFILE_PICTURE_LOST`, `INCREASED_CAPABILITIES_ELIGIBILITY_*`, ...
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_type: Option<String>,
    /// What to do about it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_description: Option<String>,
}

/// `business_capability_update`: messaging or phone-number limits changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct BusinessCapabilityUpdate {
    /// The older per-phone limit (`250`, `2000`, ..., `-1` for unlimited).
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub max_daily_conversation_per_phone: Option<i64>,
    /// The portfolio's messaging limit, a number (`2000`) or a tier (`TIER_UNLIMITED`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub max_daily_conversations_per_business: Option<String>,
    /// How many business phone numbers the portfolio may have.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub max_phone_numbers_per_business: Option<i64>,
    /// How many business phone numbers one account may have.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub max_phone_numbers_per_waba: Option<i64>,
}

/// `phone_number_quality_update`: a number's messaging limit or throughput changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PhoneNumberQualityUpdate {
    /// The business number concerned.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_phone_number: Option<String>,
    /// `THROUGHPUT_UPGRADE`, `ONBOARDING`, `UPGRADE`, `DOWNGRADE`, `FLAGGED`, `UNFLAGGED`, ...
    #[serde(deserialize_with = "lenient::string")]
    pub event: String,
    /// The limit now (`TIER_2K`, `TIER_UNLIMITED`, ...); being replaced by
    /// `max_daily_conversations_per_business`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub current_limit: Option<String>,
    /// The limit before (messaging-limit changes only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub old_limit: Option<String>,
    /// The portfolio's messaging limit.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub max_daily_conversations_per_business: Option<String>,
}

/// `phone_number_name_update`: the review of a number's display name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct PhoneNumberNameUpdate {
    /// The business number concerned.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_phone_number: Option<String>,
    /// `APPROVED`, `REJECTED`, `PENDING` or `DEFERRED`.
    #[serde(deserialize_with = "lenient::string")]
    pub decision: String,
    /// The name asked for.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub requested_verified_name: Option<String>,
    /// Why it was rejected (`NAME_FORMAT_UNACCEPTABLE`, ...); `null` when accepted.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub rejection_reason: Option<String>,
}

/// `security`: the number's two-step verification PIN was changed or a reset was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct SecurityUpdate {
    /// The business number concerned.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_phone_number: Option<String>,
    /// `PIN_CHANGED`, `PIN_RESET_REQUEST` or `PIN_REQUEST_SUCCESS` (as Meta's reference spells it).
    #[serde(deserialize_with = "lenient::string")]
    pub event: String,
    /// The Meta Business Suite user who asked (reset requests only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub requester: Option<String>,
}
