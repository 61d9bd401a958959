//! The document crate's problems (a line's figures, the currency, the logo) in the owner's
//! language. The crate is pure and speaks English; its problems are read back here, and one this
//! code does not know is shown as the crate says it.

use shopchat_documents::DocumentError;

use super::texts::TEXTS;
use crate::i18n::{Lang, lookup, say};

/// What is wrong with a document, in the owner's language: the editor shows it under the lines,
/// an issue refused says it.
pub fn problem_of(e: &DocumentError) -> String {
    match e {
        DocumentError::Currency(code) => say(TEXTS, "documents.currency", &[("code", code)]),
        DocumentError::NoLines => say(TEXTS, "documents.no_lines", &[]),
        DocumentError::Line { line, reason } => say(
            TEXTS,
            "documents.line",
            &[
                ("line", &line.to_string()),
                ("reason", &line_reason(reason)),
            ],
        ),
        DocumentError::Logo(why) => say(TEXTS, "documents.logo", &[("why", &logo_reason(why))]),
        DocumentError::Render(error) => say(TEXTS, "documents.render", &[("error", error)]),
    }
}

fn line_reason(reason: &str) -> String {
    if Some(reason) == lookup(TEXTS, Lang::En, "documents.line.description_empty") {
        return say(TEXTS, "documents.line.description_empty", &[]);
    }
    let quoted = |key| value_in(reason, key, "value");
    if let Some(value) = quoted("documents.line.quantity") {
        return say(TEXTS, "documents.line.quantity", &[("value", value)]);
    }
    if let Some(value) = quoted("documents.line.price") {
        return say(TEXTS, "documents.line.price", &[("value", value)]);
    }
    if let Some(value) = quoted("documents.line.discount") {
        return say(TEXTS, "documents.line.discount", &[("value", value)]);
    }
    if let Some(value) = quoted("documents.line.tax_rate") {
        return say(TEXTS, "documents.line.tax_rate", &[("value", value)]);
    }
    reason.to_owned()
}

fn logo_reason(why: &str) -> String {
    if Some(why) == lookup(TEXTS, Lang::En, "documents.logo.undecodable") {
        return say(TEXTS, "documents.logo.undecodable", &[]);
    }
    if let Some(size) = value_in(why, "documents.logo.size", "size") {
        return say(TEXTS, "documents.logo.size", &[("size", size)]);
    }
    if let Some(kind) = value_in(why, "documents.logo.kind", "kind") {
        return say(TEXTS, "documents.logo.kind", &[("kind", kind)]);
    }
    why.to_owned()
}

/// What `text` has where `key`'s English has `{placeholder}`, when the rest matches (a quoted
/// value as the crate wrote it, in Rust's debug form).
fn value_in<'a>(text: &'a str, key: &str, placeholder: &str) -> Option<&'a str> {
    let english = lookup(TEXTS, Lang::En, key)?;
    let (before, after) = english.split_once(&format!("{{{placeholder}}}"))?;
    let value = text.strip_prefix(before)?.strip_suffix(after)?;
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::with_lang;
    use shopchat_documents::{Document, Line};

    fn refused(line: Line) -> DocumentError {
        let doc = Document {
            kind: shopchat_documents::Kind::Invoice,
            number: String::new(),
            issue_date: time::Date::from_calendar_date(2026, time::Month::January, 2).unwrap(),
            due_date: None,
            shop: Default::default(),
            customer: Default::default(),
            lines: vec![line],
            notes: None,
            payment_terms: None,
            bank_details: None,
            currency: "EUR".into(),
            lang: Default::default(),
            cancels: None,
        };
        shopchat_documents::compute(&doc).unwrap_err()
    }

    fn line(quantity: &str, price: &str, discount: &str, tax: &str) -> Line {
        Line {
            description: "Mug".into(),
            quantity: quantity.into(),
            unit: None,
            unit_price: price.into(),
            discount: discount.into(),
            tax_rate: tax.into(),
        }
    }

    #[test]
    fn the_crates_problems_are_said_in_the_owners_language() {
        let cases = [
            (
                line("0", "1", "0", "21"),
                "línea 1: la cantidad “0” no es un número mayor que cero",
            ),
            (
                line("1", "12,5x", "0", "21"),
                "línea 1: el precio “12,5x” no es un precio como 12.50",
            ),
            (
                line("1", "1", "101", "21"),
                "línea 1: el descuento “101” no es un porcentaje de 0 a 100",
            ),
            (
                line("1", "1", "0", "-1"),
                "línea 1: la tasa de impuesto “-1” no es un porcentaje de 0 a 100",
            ),
            (
                Line {
                    description: " ".into(),
                    ..line("1", "1", "0", "21")
                },
                "línea 1: la descripción está vacía",
            ),
        ];
        for (l, spanish) in cases {
            let e = refused(l);
            assert_eq!(problem_of(&e), e.to_string(), "English is the crate's");
            assert_eq!(with_lang(Lang::Es, || problem_of(&e)), spanish);
        }
        let logo = DocumentError::Logo("it does not decode".into());
        assert_eq!(
            with_lang(Lang::Es, || problem_of(&logo)),
            "el logotipo no es una imagen PNG o JPEG: no se puede decodificar"
        );
        let big = DocumentError::Logo("20000×10 pixels".into());
        assert_eq!(
            with_lang(Lang::Es, || problem_of(&big)),
            "el logotipo no es una imagen PNG o JPEG: 20000×10 píxeles"
        );
        let currency = DocumentError::Currency("EURO".into());
        assert_eq!(problem_of(&currency), currency.to_string());
        // Documents refused with one of them say it so too.
        let e = super::super::DocumentsError::Document(DocumentError::NoLines);
        assert_eq!(
            with_lang(Lang::Es, || e.to_string()),
            "un documento necesita al menos una línea"
        );
    }
}
