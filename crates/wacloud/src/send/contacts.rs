//! Contacts messages: one or more contact cards.
//!
//! ```
//! use wacloud::send::{Contact, Content};
//! use wacloud::WaId;
//! let card = Contact::new("Blue Mug Café")
//!     .phone("+1 650 555 1234", Some("WORK"), Some(WaId::parse("16505551234").unwrap()))
//!     .email("hello@bluemug.example", Some("WORK"));
//! let content = Content::contacts(vec![card]);
//! assert_eq!(content.display_text().as_deref(), Some("👤 Blue Mug Café"));
//! assert_eq!(
//!     serde_json::to_value(&content).unwrap()["contacts"][0]["phones"][0],
//!     serde_json::json!({"phone": "+1 650 555 1234", "type": "WORK", "wa_id": "16505551234"})
//! );
//! ```

use serde::{Deserialize, Serialize};

use super::limits::{not_blank, not_blank_if_set};
use crate::ids::WaId;

/// One contact card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// The contact's name (`formatted_name` is required).
    pub name: ContactName,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<ContactPhone>,
    /// Email addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<ContactEmail>,
    /// Where the contact works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<ContactOrg>,
    /// Web sites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urls: Vec<ContactUrl>,
    /// Postal addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<ContactAddress>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
}

/// `"name": {"formatted_name", "first_name", ...}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactName {
    /// The full name as it normally appears (required).
    pub formatted_name: String,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Name suffix (`Jr.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// Name prefix (`Dr.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// `{"phone", "type", "wa_id"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPhone {
    /// The number as it should be shown.
    pub phone: String,
    /// `CELL`, `MAIN`, `IPHONE`, `HOME` or `WORK`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The number's WhatsApp id, which adds a "Message" button to the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<WaId>,
}

/// `{"email", "type"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEmail {
    /// The address.
    pub email: String,
    /// `HOME` or `WORK`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `{"company", "department", "title"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactOrg {
    /// The company's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The department's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The contact's job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// `{"url", "type"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactUrl {
    /// The address of the site.
    pub url: String,
    /// `HOME` or `WORK`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// `{"street", "city", "state", "zip", "country", "country_code", "type"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAddress {
    /// Street number and name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// Country name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Two-letter country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `HOME` or `WORK`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Contact {
    /// A card with just a formatted name; add details with the other methods.
    pub fn new(formatted_name: impl Into<String>) -> Self {
        Self {
            name: ContactName {
                formatted_name: formatted_name.into(),
                ..ContactName::default()
            },
            phones: Vec::new(),
            emails: Vec::new(),
            org: None,
            urls: Vec::new(),
            addresses: Vec::new(),
            birthday: None,
        }
    }

    /// Adds a phone number, with its type and WhatsApp id when known.
    pub fn phone(
        mut self,
        phone: impl Into<String>,
        kind: Option<&str>,
        wa_id: Option<WaId>,
    ) -> Self {
        self.phones.push(ContactPhone {
            phone: phone.into(),
            kind: kind.map(str::to_owned),
            wa_id,
        });
        self
    }

    /// Adds an email address.
    pub fn email(mut self, email: impl Into<String>, kind: Option<&str>) -> Self {
        self.emails.push(ContactEmail {
            email: email.into(),
            kind: kind.map(str::to_owned),
        });
        self
    }

    /// Adds a web site.
    pub fn url(mut self, url: impl Into<String>, kind: Option<&str>) -> Self {
        self.urls.push(ContactUrl {
            url: url.into(),
            kind: kind.map(str::to_owned),
        });
        self
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let who = self.name.formatted_name.trim();
        not_blank("a contact's formatted name", who)?;
        for phone in &self.phones {
            not_blank(&format!("a phone number of {who}"), &phone.phone)?;
        }
        for email in &self.emails {
            let e = email.email.trim();
            if e.is_empty() || !e.contains('@') || e.contains(char::is_whitespace) {
                return Err(format!(
                    "{:?} is not an email address (contact {who})",
                    email.email
                ));
            }
        }
        for url in &self.urls {
            not_blank(&format!("a web site of {who}"), &url.url)?;
        }
        if let Some(org) = &self.org {
            not_blank_if_set("a company name", org.company.as_deref())?;
        }
        if let Some(birthday) = &self.birthday
            && !is_iso_date(birthday)
        {
            return Err(format!(
                "a birthday must be written YYYY-MM-DD (got {birthday:?} for {who})"
            ));
        }
        Ok(())
    }
}

/// `YYYY-MM-DD` with a month 01–12 and a day 01–31.
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Checks a list of cards.
pub(crate) fn validate_all(contacts: &[Contact]) -> Result<(), String> {
    if contacts.is_empty() {
        return Err("a contacts message needs at least one contact".into());
    }
    contacts.iter().try_for_each(Contact::validate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn full_card_shape_and_round_trip() {
        let card = Contact {
            name: ContactName {
                formatted_name: "Dr. Ada Lovelace".into(),
                first_name: Some("Ada".into()),
                last_name: Some("Lovelace".into()),
                prefix: Some("Dr.".into()),
                ..ContactName::default()
            },
            org: Some(ContactOrg {
                company: Some("Analytical Engines".into()),
                title: Some("Programmer".into()),
                ..ContactOrg::default()
            }),
            addresses: vec![ContactAddress {
                city: Some("London".into()),
                country_code: Some("GB".into()),
                kind: Some("HOME".into()),
                ..ContactAddress::default()
            }],
            birthday: Some("1815-12-10".into()),
            ..Contact::new("")
        }
        .phone("+44 20 7946 0000", Some("CELL"), None)
        .email("ada@example.com", Some("WORK"))
        .url("https://example.com", None);
        let wire = json!({
            "name": {"formatted_name": "Dr. Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace", "prefix": "Dr."},
            "phones": [{"phone": "+44 20 7946 0000", "type": "CELL"}],
            "emails": [{"email": "ada@example.com", "type": "WORK"}],
            "org": {"company": "Analytical Engines", "title": "Programmer"},
            "urls": [{"url": "https://example.com"}],
            "addresses": [{"city": "London", "country_code": "GB", "type": "HOME"}],
            "birthday": "1815-12-10"
        });
        assert_eq!(serde_json::to_value(&card).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Contact>(wire).unwrap(), card);
        assert!(card.validate().is_ok());
    }

    #[test]
    fn checks() {
        assert_eq!(
            Contact::new(" ").validate().unwrap_err(),
            "a contact's formatted name cannot be empty"
        );
        assert!(
            Contact::new("Ada")
                .email("not-an-address", None)
                .validate()
                .is_err()
        );
        for bad in ["1815-13-10", "10/12/1815", "1815-12-1", "1815-12-32"] {
            let card = Contact {
                birthday: Some(bad.into()),
                ..Contact::new("Ada")
            };
            assert!(card.validate().is_err(), "{bad}");
        }
        assert!(validate_all(&[]).is_err());
        assert!(validate_all(&[Contact::new("Ada")]).is_ok());
    }
}
