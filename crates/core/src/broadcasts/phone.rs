//! Phone numbers from a list or a contact, normalised to the international form WhatsApp uses
//! (digits, no `+`), with the `phonenumber` crate (Google's libphonenumber metadata).
//!
//! Two numbers are the same recipient when their [`Normalized::key`] is equal: Mexico's mobiles
//! written with the old `1` after `52` (`521 55...`) and without it, and Brazil's mobiles written
//! with or without the ninth digit, are one customer each.

use phonenumber::country;

use super::texts::TEXTS;
use crate::i18n::say;

/// A number that parsed and is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// What to send to: country code and national number, digits only.
    pub wa_id: String,
    /// What makes two numbers the same customer.
    pub key: String,
    /// The country calling code (1 for the US and Canada...).
    pub country_code: u16,
    /// The digits were read as an international number that had lost its `+` or `00` (a
    /// spreadsheet turning the cell into a number drops them, with any leading zero).
    pub lost_prefix: bool,
}

/// Why a value is not a number we can send to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("{}", say(TEXTS, "broadcasts.phone.empty", &[]))]
    Empty,
    #[error("{}", say(TEXTS, "broadcasts.phone.scientific", &[]))]
    Scientific,
    #[error("{}", say(TEXTS, "broadcasts.phone.unreadable", &[]))]
    Unreadable,
    #[error("{}", say(TEXTS, "broadcasts.phone.not_valid", &[]))]
    NotValid,
    #[error("{}", say(TEXTS, "broadcasts.phone.no_country", &[]))]
    NoCountry,
}

/// A default country from the settings (`MX`, `ES`...), if it names one.
pub fn country(code: &str) -> Option<country::Id> {
    code.trim().to_ascii_uppercase().parse().ok()
}

/// Normalises `raw`; a number without a country code is read in `default_country`.
pub fn normalize(raw: &str, default_country: Option<country::Id>) -> Result<Normalized, Invalid> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Invalid::Empty);
    }
    if t.contains(['e', 'E']) && t.chars().any(|c| c.is_ascii_digit()) && t.contains('+') {
        return Err(Invalid::Scientific);
    }
    let digits_only = t.chars().all(|c| c.is_ascii_digit());
    let international = t.starts_with('+') || t.starts_with("00");
    let explicit = if let Some(rest) = t.strip_prefix("00") {
        format!("+{rest}")
    } else {
        t.to_owned()
    };
    if international {
        return parse(&explicit, None).map(|n| finish(n, false));
    }
    match default_country {
        Some(c) => match parse(t, Some(c)) {
            Ok(n) => Ok(finish(n, false)),
            // `34600112233` in a list for Spain: the `+` (or `00`) went missing.
            Err(e) if digits_only => parse(&format!("+{t}"), None)
                .map(|n| finish(n, true))
                .map_err(|_| e),
            Err(e) => Err(e),
        },
        None if digits_only => parse(&format!("+{t}"), None).map(|n| finish(n, false)),
        None => Err(Invalid::NoCountry),
    }
}

/// A contact's WhatsApp id (digits, no `+`): WhatsApp itself gave it, so it is sent to as it is,
/// even where the numbering plan's metadata calls it invalid (a new range, or the fictional
/// `+1 555-01xx` numbers of the sandbox's simulated customers). Its key still folds Mexico's and
/// Brazil's two spellings, so a contact and a list row for the same customer are one recipient.
pub fn from_whatsapp(wa_id: &str) -> Normalized {
    let folded = phonenumber::parse(None, format!("+{wa_id}"))
        .ok()
        .map(|n| finish(n, false));
    Normalized {
        wa_id: wa_id.to_owned(),
        key: folded
            .as_ref()
            .map_or_else(|| wa_id.to_owned(), |n| n.key.clone()),
        country_code: folded.map_or(0, |n| n.country_code),
        lost_prefix: false,
    }
}

fn parse(s: &str, c: Option<country::Id>) -> Result<phonenumber::PhoneNumber, Invalid> {
    let n = phonenumber::parse(c, s).map_err(|_| Invalid::Unreadable)?;
    if n.is_valid() || mexican_with_one(&n) || brazilian_without_nine(&n) {
        Ok(n)
    } else {
        Err(Invalid::NotValid)
    }
}

/// `+52 1 55 1234 5678`: Mexico's mobile prefix, dropped in 2019 but still in WhatsApp ids.
fn mexican_with_one(n: &phonenumber::PhoneNumber) -> bool {
    let national = national_digits(n);
    n.code().value() == 52 && national.len() == 11 && national.starts_with('1')
}

/// `+55 11 8765 4321`: a Brazilian mobile written without its ninth digit.
fn brazilian_without_nine(n: &phonenumber::PhoneNumber) -> bool {
    let national = national_digits(n);
    n.code().value() == 55 && national.len() == 10 && matches!(national.as_bytes()[2], b'6'..=b'9')
}

fn national_digits(n: &phonenumber::PhoneNumber) -> String {
    let zeros = "0".repeat(n.national().zeros() as usize);
    format!("{zeros}{}", n.national().value())
}

fn finish(n: phonenumber::PhoneNumber, lost_prefix: bool) -> Normalized {
    let code = n.code().value();
    let mut national = national_digits(&n);
    if mexican_with_one(&n) {
        national.remove(0);
    }
    if brazilian_without_nine(&n) {
        national.insert(2, '9');
    }
    let wa_id = format!("{code}{national}");
    Normalized {
        key: wa_id.clone(),
        wa_id,
        country_code: code,
        lost_prefix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str, c: &str) -> Normalized {
        normalize(raw, country(c)).unwrap_or_else(|e| panic!("{raw}: {e}"))
    }

    #[test]
    fn a_contacts_whatsapp_id_is_taken_as_whatsapp_gave_it() {
        // libphonenumber calls the 555-01xx range invalid; WhatsApp's own id is still sent to.
        assert_eq!(normalize("+15550100001", None), Err(Invalid::NotValid));
        let n = from_whatsapp("15550100001");
        assert_eq!((n.wa_id.as_str(), n.country_code), ("15550100001", 1));
        // The old Mexican spelling is kept to send to, folded for duplicates.
        let mx = from_whatsapp("5215512345678");
        assert_eq!(mx.wa_id, "5215512345678");
        assert_eq!(mx.key, ok("+52 55 1234 5678", "MX").key);
    }

    #[test]
    fn national_numbers_take_the_default_country() {
        assert_eq!(ok("612 34 56 78", "ES").wa_id, "34612345678");
        assert_eq!(ok("+34 612 34 56 78", "MX").wa_id, "34612345678");
        assert_eq!(ok("0034612345678", "MX").wa_id, "34612345678");
        assert_eq!(ok("(201) 555-0123", "US").country_code, 1);
        assert_eq!(ok("07911 123456", "GB").wa_id, "447911123456");
    }

    #[test]
    fn mexico_521_and_52_are_one_customer() {
        let a = ok("+52 1 55 1234 5678", "MX");
        let b = ok("+52 55 1234 5678", "MX");
        let c = ok("55 1234 5678", "MX");
        assert_eq!(a.key, b.key);
        assert_eq!(b.key, c.key);
        assert_eq!(a.wa_id, "525512345678");
    }

    #[test]
    fn brazil_with_and_without_the_ninth_digit_are_one_customer() {
        let a = ok("+55 11 98765 4321", "BR");
        let b = ok("+55 11 8765 4321", "BR");
        assert_eq!(a.key, b.key);
        assert_eq!(a.wa_id, "5511987654321");
        // A landline (starting 2 to 5) keeps its ten digits.
        assert_eq!(ok("+55 11 3456 7890", "BR").wa_id, "551134567890");
    }

    #[test]
    fn a_number_that_lost_its_plus_is_read_and_flagged() {
        let n = ok("34612345678", "MX");
        assert_eq!(n.wa_id, "34612345678");
        assert!(n.lost_prefix);
        assert!(!ok("5512345678", "MX").lost_prefix);
    }

    #[test]
    fn invalid_values_say_why() {
        assert_eq!(normalize("", country("ES")), Err(Invalid::Empty));
        assert_eq!(
            normalize("3.46E+10", country("ES")),
            Err(Invalid::Scientific)
        );
        assert_eq!(normalize("hello", country("ES")), Err(Invalid::Unreadable));
        assert_eq!(normalize("+34 12", None), Err(Invalid::NotValid));
        assert_eq!(normalize("612 34 56 78", None), Err(Invalid::NoCountry));
        assert!(country("zz").is_none());
    }

    #[test]
    fn why_a_number_is_refused_is_said_in_the_owners_language() {
        let e = normalize("612 34 56 78", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no country code, and no default country is set"
        );
        let es = crate::i18n::with_lang(crate::i18n::Lang::Es, || e.to_string());
        assert_eq!(
            es,
            "no tiene prefijo de país y no hay ningún país predeterminado"
        );
        let es = crate::i18n::with_lang(crate::i18n::Lang::Es, || {
            normalize("3.46E+10", country("ES"))
                .unwrap_err()
                .to_string()
        });
        assert_eq!(
            es,
            "escrito como número de hoja de cálculo (notación científica): se perdieron cifras"
        );
    }
}
