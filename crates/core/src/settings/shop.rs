//! The shop's profile, as its documents show it: address, tax id, contact details, logo,
//! currency, the default tax rate, payment terms, bank details and the documents' number
//! prefixes. Part of [`Settings`](super::Settings), flattened into the same file.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::why;

/// What the shop's documents say about the shop (its name is
/// [`Settings::business_name`](super::Settings::business_name)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ShopProfile {
    pub shop_address: Option<String>,
    /// VAT number, NIF, EIN...
    pub shop_tax_id: Option<String>,
    pub shop_phone: Option<String>,
    pub shop_email: Option<String>,
    /// A PNG or JPEG file shown at the top of every document.
    pub shop_logo: Option<String>,
    /// The documents' currency, an ISO 4217 code like `EUR`.
    pub currency: String,
    /// The tax rate a line gets when none is given, in percent (a decimal like `21` or `5.5`).
    pub default_tax_rate: String,
    /// Printed on invoices (`Payment within 30 days`).
    pub payment_terms: Option<String>,
    /// Printed on invoices (`IBAN ES12 3456 ...`).
    pub bank_details: Option<String>,
    /// The documents' language when none is chosen: `en` or `es`.
    pub document_language: String,
    /// The number prefix of each kind of document (`INV` gives `INV-2026-0001`).
    pub document_prefixes: DocumentPrefixes,
}

impl Default for ShopProfile {
    fn default() -> Self {
        Self {
            shop_address: None,
            shop_tax_id: None,
            shop_phone: None,
            shop_email: None,
            shop_logo: None,
            currency: "EUR".to_owned(),
            default_tax_rate: "0".to_owned(),
            payment_terms: None,
            bank_details: None,
            document_language: "en".to_owned(),
            document_prefixes: DocumentPrefixes::default(),
        }
    }
}

/// The number prefix of each kind of document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DocumentPrefixes {
    pub invoice: String,
    pub quote: String,
    pub receipt: String,
    pub order: String,
    pub delivery_note: String,
    pub credit_note: String,
}

impl Default for DocumentPrefixes {
    fn default() -> Self {
        Self {
            invoice: "INV".to_owned(),
            quote: "QUO".to_owned(),
            receipt: "REC".to_owned(),
            order: "ORD".to_owned(),
            delivery_note: "DEL".to_owned(),
            credit_note: "CRN".to_owned(),
        }
    }
}

impl DocumentPrefixes {
    /// Each kind's name and prefix.
    pub fn all(&self) -> [(&'static str, &str); 6] {
        [
            ("invoice", &self.invoice),
            ("quote", &self.quote),
            ("receipt", &self.receipt),
            ("order", &self.order),
            ("delivery_note", &self.delivery_note),
            ("credit_note", &self.credit_note),
        ]
    }
}

impl ShopProfile {
    /// Every problem with the profile, by key.
    pub(super) fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        for (key, value, max) in [
            ("shop_address", &self.shop_address, 500),
            ("shop_tax_id", &self.shop_tax_id, 64),
            ("shop_phone", &self.shop_phone, 64),
            ("shop_email", &self.shop_email, 254),
            ("shop_logo", &self.shop_logo, 4096),
            ("payment_terms", &self.payment_terms, 500),
            ("bank_details", &self.bank_details, 500),
        ] {
            if value.as_ref().is_some_and(|v| v.chars().count() > max) {
                problems.push((
                    key,
                    why("settings.at_most_chars", &[("max", &max.to_string())]),
                ));
            }
        }
        if let Some(email) = &self.shop_email
            && !valid_email(email)
        {
            problems.push((
                "shop_email",
                why("settings.email", &[("value", &format!("{email:?}"))]),
            ));
        }
        if !(self.currency.len() == 3 && self.currency.bytes().all(|b| b.is_ascii_uppercase())) {
            problems.push((
                "currency",
                why(
                    "settings.currency",
                    &[("value", &format!("{:?}", self.currency))],
                ),
            ));
        }
        if !valid_percent(&self.default_tax_rate) {
            problems.push((
                "default_tax_rate",
                why(
                    "settings.tax_rate",
                    &[("value", &format!("{:?}", self.default_tax_rate))],
                ),
            ));
        }
        if !matches!(self.document_language.as_str(), "en" | "es") {
            problems.push((
                "document_language",
                why(
                    "settings.document_language",
                    &[("value", &format!("{:?}", self.document_language))],
                ),
            ));
        }
        for (kind, prefix) in self.document_prefixes.all() {
            let ok = (1..=10).contains(&prefix.len())
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
            if !ok {
                problems.push((
                    "document_prefixes",
                    why(
                        "settings.document_prefix",
                        &[("kind", kind), ("value", &format!("{prefix:?}"))],
                    ),
                ));
            }
        }
        problems
    }
}

fn valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A decimal percentage from 0 to 100 (`21`, `5.5`, `0`).
pub fn valid_percent(raw: &str) -> bool {
    raw.parse::<rust_decimal::Decimal>()
        .is_ok_and(|d| d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE_HUNDRED)
}
