//! Values of the template fields: `message_template_status_update`,
//! `message_template_quality_update` and `template_category_update`.
//!
//! Template ids come as JSON numbers and are kept as strings; every part but the one that says
//! what happened is optional.

use serde::{Deserialize, Serialize};

use super::lenient;

/// `message_template_status_update`: a template was approved, rejected, paused, disabled, ...
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateStatusUpdate {
    /// `APPROVED`, `REJECTED`, `PENDING`, `PAUSED`, `DISABLED`, `FLAGGED`, `IN_APPEAL`,
    /// `REINSTATED`, `ARCHIVED`, `UNARCHIVED`, `DELETED`, `PENDING_DELETION`, `LOCKED`,
    /// `UNLOCKED`, `LIMIT_EXCEEDED`, ...
    #[serde(deserialize_with = "lenient::string")]
    pub event: String,
    /// The template id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_id: Option<String>,
    /// The template name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_name: Option<String>,
    /// The language and locale code (`en_US`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_language: Option<String>,
    /// Why (`NONE`, `INVALID_FORMAT`, `SCAM`, `INCORRECT_CATEGORY`, ...); `null` when scheduled
    /// for deletion.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub reason: Option<String>,
    /// `MARKETING`, `UTILITY` or `AUTHENTICATION`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_category: Option<String>,
    /// Set when the template was disabled.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub disable_info: Option<TemplateDisableInfo>,
    /// Set when the template was paused, unpaused, locked or unlocked.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub other_info: Option<TemplateOtherInfo>,
    /// Set when the template was rejected for `INVALID_FORMAT`.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub rejection_info: Option<TemplateRejectionInfo>,
}

/// `disable_info` of a template status update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateDisableInfo {
    /// When the template was disabled, in unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub disable_date: Option<i64>,
}

/// `other_info` of a template status update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateOtherInfo {
    /// `FIRST_PAUSE`, `SECOND_PAUSE`, `RATE_LIMITING_PAUSE`, `UNPAUSE`, `DISABLED`, ...
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
    /// A sentence saying why.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
}

/// `rejection_info` of a template status update.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateRejectionInfo {
    /// What is wrong with the template.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub reason: Option<String>,
    /// How to fix it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub recommendation: Option<String>,
}

/// `message_template_quality_update`: a template's quality score changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateQualityUpdate {
    /// `GREEN`, `YELLOW`, `RED` or `UNKNOWN`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub previous_quality_score: Option<String>,
    /// `GREEN`, `YELLOW`, `RED` or `UNKNOWN`.
    #[serde(deserialize_with = "lenient::string")]
    pub new_quality_score: String,
    /// The template id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_id: Option<String>,
    /// The template name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_name: Option<String>,
    /// The language and locale code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_language: Option<String>,
}

/// `template_category_update`: a template's category changed, or will in 24 hours.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct TemplateCategoryUpdate {
    /// The template id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_id: Option<String>,
    /// The template name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_name: Option<String>,
    /// The language and locale code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message_template_language: Option<String>,
    /// The category before a completed change.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub previous_category: Option<String>,
    /// The new category after a completed change; the current one for an impending change.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub new_category: Option<String>,
    /// The category the template will get (impending changes only).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub correct_category: Option<String>,
    /// When the impending change takes effect, in unix seconds.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub category_update_timestamp: Option<i64>,
}

impl TemplateCategoryUpdate {
    /// Whether this announces a change to come (rather than one made).
    pub fn is_impending(&self) -> bool {
        self.correct_category.is_some()
    }
}
