//! [`ChangeValue`]: a change's value typed by its `field`, with a raw fallback.
//!
//! [`super::Change::parse_value`] never fails: a field this crate does not know, or a known
//! field whose value does not have the documented shape, becomes [`ChangeValue::Other`] with the
//! raw value, to be stored as is.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::fields_account::{
    AccountAlerts, AccountReviewUpdate, AccountUpdate, BusinessCapabilityUpdate,
    PhoneNumberNameUpdate, PhoneNumberQualityUpdate, SecurityUpdate,
};
use super::fields_sync::{HistoryValue, MessageEchoesValue, UserPreferencesValue};
use super::fields_template::{TemplateCategoryUpdate, TemplateQualityUpdate, TemplateStatusUpdate};
use super::{Change, MessagesValue};

/// A change's value, typed by its `field`.
#[derive(Debug)]
pub enum ChangeValue {
    /// `messages`: inbound messages, statuses, errors.
    Messages(MessagesValue),
    /// `message_template_status_update`.
    TemplateStatus(TemplateStatusUpdate),
    /// `message_template_quality_update`.
    TemplateQuality(TemplateQualityUpdate),
    /// `template_category_update`.
    TemplateCategory(TemplateCategoryUpdate),
    /// `phone_number_quality_update`.
    PhoneNumberQuality(PhoneNumberQualityUpdate),
    /// `phone_number_name_update`.
    PhoneNumberName(PhoneNumberNameUpdate),
    /// `account_update`.
    Account(Box<AccountUpdate>),
    /// `account_review_update`.
    AccountReview(AccountReviewUpdate),
    /// `account_alerts`.
    AccountAlerts(AccountAlerts),
    /// `business_capability_update`.
    BusinessCapability(BusinessCapabilityUpdate),
    /// `security`.
    Security(SecurityUpdate),
    /// `user_preferences`.
    UserPreferences(UserPreferencesValue),
    /// `history`.
    History(HistoryValue),
    /// `smb_message_echoes`.
    MessageEchoes(MessageEchoesValue),
    /// A field this crate does not know, or a value that does not have the documented shape.
    Other {
        /// The change's `field`.
        field: String,
        /// The value as Meta sent it.
        value: Box<RawValue>,
    },
}

impl ChangeValue {
    /// Types the value of `change`; never fails (see [`ChangeValue::Other`]).
    pub fn parse(change: &Change) -> Self {
        let raw = change.value.get();
        let typed = match change.field.as_str() {
            "messages" => typed(raw, Self::Messages),
            // Meta's own example of a quality update names this field; read it by its shape.
            "message_template_status_update" => {
                typed(raw, Self::TemplateStatus).or_else(|| typed(raw, Self::TemplateQuality))
            }
            "message_template_quality_update" => typed(raw, Self::TemplateQuality),
            "template_category_update" => typed(raw, Self::TemplateCategory),
            "phone_number_quality_update" => typed(raw, Self::PhoneNumberQuality),
            "phone_number_name_update" => typed(raw, Self::PhoneNumberName),
            "account_update" => typed(raw, |v| Self::Account(Box::new(v))),
            "account_review_update" => typed(raw, Self::AccountReview),
            "account_alerts" => typed(raw, Self::AccountAlerts),
            "business_capability_update" => typed(raw, Self::BusinessCapability),
            "security" => typed(raw, Self::Security),
            "user_preferences" => typed(raw, Self::UserPreferences),
            "history" => typed(raw, Self::History),
            "smb_message_echoes" => typed(raw, Self::MessageEchoes),
            _ => None,
        };
        typed.unwrap_or_else(|| Self::Other {
            field: change.field.clone(),
            value: change.value.clone(),
        })
    }

    /// The webhook field this value belongs to.
    pub fn field(&self) -> &str {
        match self {
            Self::Messages(_) => "messages",
            Self::TemplateStatus(_) => "message_template_status_update",
            Self::TemplateQuality(_) => "message_template_quality_update",
            Self::TemplateCategory(_) => "template_category_update",
            Self::PhoneNumberQuality(_) => "phone_number_quality_update",
            Self::PhoneNumberName(_) => "phone_number_name_update",
            Self::Account(_) => "account_update",
            Self::AccountReview(_) => "account_review_update",
            Self::AccountAlerts(_) => "account_alerts",
            Self::BusinessCapability(_) => "business_capability_update",
            Self::Security(_) => "security",
            Self::UserPreferences(_) => "user_preferences",
            Self::History(_) => "history",
            Self::MessageEchoes(_) => "smb_message_echoes",
            Self::Other { field, .. } => field,
        }
    }

    /// Whether the value was typed (not [`ChangeValue::Other`]).
    pub fn is_typed(&self) -> bool {
        !matches!(self, Self::Other { .. })
    }
}

/// Types an object value; a value that is not an object is never typed (serde would otherwise
/// read a list into a struct field by field).
fn typed<T: DeserializeOwned>(
    raw: &str,
    wrap: impl FnOnce(T) -> ChangeValue,
) -> Option<ChangeValue> {
    if !raw.trim_start().starts_with('{') {
        return None;
    }
    serde_json::from_str(raw).ok().map(wrap)
}
