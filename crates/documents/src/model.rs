//! The typed document: what the shop issues, to whom, with which lines.

use serde::{Deserialize, Serialize};
use time::Date;

/// The kinds of document a shop issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Invoice,
    Quote,
    Receipt,
    /// An order confirmation.
    Order,
    DeliveryNote,
    /// Cancels an invoice (which it names in [`Document::cancels`]).
    CreditNote,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Invoice,
        Kind::Quote,
        Kind::Receipt,
        Kind::Order,
        Kind::DeliveryNote,
        Kind::CreditNote,
    ];

    /// `invoice`, `quote`, `receipt`, `order`, `delivery_note`, `credit_note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invoice => "invoice",
            Kind::Quote => "quote",
            Kind::Receipt => "receipt",
            Kind::Order => "order",
            Kind::DeliveryNote => "delivery_note",
            Kind::CreditNote => "credit_note",
        }
    }

    /// The kind named `name` (`delivery-note` and `delivery_note` alike).
    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The languages a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }
}

/// The shop, as the document shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Shop {
    pub name: String,
    pub address: Option<String>,
    pub tax_id: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A PNG or JPEG image, shown at the top left.
    #[serde(default, with = "base64_bytes")]
    pub logo: Option<Vec<u8>>,
}

/// The customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Customer {
    pub name: String,
    /// Their WhatsApp number (digits).
    pub whatsapp: String,
    pub address: Option<String>,
    pub tax_id: Option<String>,
}

/// One line: what, how many, at what price, less a discount, plus tax. Every amount is an exact
/// decimal string as the owner typed it (`"19.99"`, `"0.5"`), checked by [`crate::compute`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub description: String,
    pub quantity: String,
    /// `pcs`, `h`, `kg`..., if any.
    #[serde(default)]
    pub unit: Option<String>,
    /// Before tax and discount.
    pub unit_price: String,
    /// Percent, 0 to 100.
    #[serde(default = "zero")]
    pub discount: String,
    /// Percent, 0 to 100.
    pub tax_rate: String,
}

fn zero() -> String {
    "0".to_owned()
}

/// A document, complete: everything its files show, so they can be made again byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: Kind,
    /// `INV-2026-0001`.
    pub number: String,
    pub issue_date: Date,
    /// The due date (invoice) or the date a quote is valid until.
    #[serde(default)]
    pub due_date: Option<Date>,
    pub shop: Shop,
    pub customer: Customer,
    pub lines: Vec<Line>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub payment_terms: Option<String>,
    #[serde(default)]
    pub bank_details: Option<String>,
    /// ISO 4217, like `EUR`.
    pub currency: String,
    pub lang: Lang,
    /// A credit note: the number of the invoice it cancels.
    #[serde(default)]
    pub cancels: Option<String>,
}

/// Bytes as standard base64 in JSON (the logo travels inside the stored document).
mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            None => s.serialize_none(),
            Some(b) => s.serialize_str(&STANDARD.encode(b)),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| STANDARD.decode(t).map_err(serde::de::Error::custom))
            .transpose()
    }
}
