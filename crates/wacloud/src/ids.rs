//! Validated identifiers. A value that parsed is valid everywhere after.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error(
        "a WhatsApp id is the customer's phone number in international form, 7 to 15 digits (got {0:?})"
    )]
    WaId(String),
    #[error(
        "a message id (wamid) must be 1 to 512 printable characters without spaces (got {0:?})"
    )]
    Wamid(String),
    #[error("a phone number id is the numeric id Meta shows for the business number (got {0:?})")]
    PhoneNumberId(String),
}

/// A WhatsApp user id: the customer's phone number in international form, digits only
/// (`15551234567`). Parsing accepts a leading `+` and the usual separators
/// (spaces, dashes, dots, parentheses) and normalises them away.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WaId(String);

impl WaId {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let trimmed = input.trim();
        let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let mut digits = String::with_capacity(rest.len());
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(IdError::WaId(input.to_owned())),
            }
        }
        // E.164: at most 15 digits; no country code starts with 0.
        if !(7..=15).contains(&digits.len()) || digits.starts_with('0') {
            return Err(IdError::WaId(input.to_owned()));
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A WhatsApp message id (`wamid.HBgL...`), as Meta issues it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Wamid(String);

impl Wamid {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let ok =
            !input.is_empty() && input.len() <= 512 && input.chars().all(|c| c.is_ascii_graphic());
        if ok {
            Ok(Self(input.to_owned()))
        } else {
            Err(IdError::Wamid(input.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The id of a business phone number in the Graph API (digits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumberId(String);

impl PhoneNumberId {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let t = input.trim();
        if !t.is_empty() && t.len() <= 32 && t.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(t.to_owned()))
        } else {
            Err(IdError::PhoneNumberId(input.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype_impls {
    ($($t:ident),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $t {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
        impl std::str::FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::parse(s)
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )*};
}
string_newtype_impls!(WaId, Wamid, PhoneNumberId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wa_id_normalises_and_validates() {
        assert_eq!(
            WaId::parse("+1 (555) 010-0001").unwrap().as_str(),
            "15550100001"
        );
        assert_eq!(
            WaId::parse("447700900123").unwrap().as_str(),
            "447700900123"
        );
        for bad in [
            "",
            "+",
            "12345",
            "0123456789",
            "1555abc0001",
            "1234567890123456",
        ] {
            assert!(WaId::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn wamid_and_phone_number_id() {
        assert!(
            Wamid::parse("wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQUFBQUFBQUFBQUFBQUFBQUFBAA==").is_ok()
        );
        assert!(Wamid::parse("").is_err());
        assert!(Wamid::parse("has space").is_err());
        assert!(PhoneNumberId::parse("1122334455667").is_ok());
        assert!(PhoneNumberId::parse("12a").is_err());
    }

    #[test]
    fn serde_validates() {
        let id: WaId = serde_json::from_str("\"15550100001\"").unwrap();
        assert_eq!(id.as_str(), "15550100001");
        assert!(serde_json::from_str::<WaId>("\"nope\"").is_err());
    }
}
