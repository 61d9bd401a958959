//! Contact cards a customer shares (`type: contacts`), read leniently: every part is optional and
//! a part that cannot be read is dropped, never the card.

use serde::{Deserialize, Serialize};

use super::lenient;

/// One shared contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactCard {
    /// The person's name.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub name: Option<ContactName>,
    /// Phone numbers; `wa_id` is set on those that have WhatsApp.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub phones: Vec<ContactPhone>,
    /// Email addresses.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub emails: Vec<ContactEmail>,
    /// Where the person works.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub org: Option<ContactOrg>,
    /// Web sites.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub urls: Vec<ContactUrl>,
    /// Postal addresses.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub addresses: Vec<ContactAddress>,
    /// `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub birthday: Option<String>,
}

impl ContactCard {
    /// The name to show: the formatted name, else first and last name joined.
    pub fn display_name(&self) -> Option<String> {
        let name = self.name.as_ref()?;
        if let Some(f) = name
            .formatted_name
            .as_deref()
            .filter(|f| !f.trim().is_empty())
        {
            return Some(f.to_owned());
        }
        let parts: Vec<&str> = [name.first_name.as_deref(), name.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The WhatsApp ids on the card (phones that have WhatsApp).
    pub fn wa_ids(&self) -> impl Iterator<Item = &str> {
        self.phones.iter().filter_map(|p| p.wa_id.as_deref())
    }
}

/// `name` on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactName {
    /// The full name as the sender's phone shows it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub formatted_name: Option<String>,
    /// Given name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub middle_name: Option<String>,
    /// Suffix (`Esq.`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub suffix: Option<String>,
    /// Prefix (`Dr.`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub prefix: Option<String>,
}

/// A phone number on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactPhone {
    /// The number as written on the card (`+1 (650) 555-1234`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub phone: Option<String>,
    /// The WhatsApp id, when the number has WhatsApp.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub wa_id: Option<String>,
    /// `CELL`, `MAIN`, `IPHONE`, `HOME`, `WORK`.
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    pub kind: Option<String>,
}

/// An email address on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactEmail {
    /// The address.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub email: Option<String>,
    /// `HOME` or `WORK`.
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    pub kind: Option<String>,
}

/// `org` on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactOrg {
    /// Company name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub company: Option<String>,
    /// Department.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub department: Option<String>,
    /// Job title.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub title: Option<String>,
}

/// A web site on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactUrl {
    /// The URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    /// `HOME` or `WORK`.
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    pub kind: Option<String>,
}

/// A postal address on a contact card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct ContactAddress {
    /// Street and number.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub street: Option<String>,
    /// City.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub city: Option<String>,
    /// State or region.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub zip: Option<String>,
    /// Country name.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country: Option<String>,
    /// ISO 3166 alpha-2 code, as sent (often lower case).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub country_code: Option<String>,
    /// `HOME` or `WORK`.
    #[serde(default, rename = "type", deserialize_with = "lenient::opt_string")]
    pub kind: Option<String>,
}
