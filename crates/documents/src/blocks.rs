//! The texts both files show, worked out once: the shop's and the customer's lines, and each
//! line's cells (description, quantity, unit price, discount, tax, amount) as the language
//! writes them.

use crate::clean;
use crate::format;
use crate::i18n::Labels;
use crate::model::Document;
use crate::money::Totals;

/// Each line's six cells.
pub fn line_rows(doc: &Document, totals: &Totals) -> Vec<[String; 6]> {
    let money = |d| format::money(d, &totals.currency, doc.lang);
    doc.lines
        .iter()
        .zip(&totals.lines)
        .map(|(line, t)| {
            let quantity = match line.unit.as_deref().map(|u| clean::text(u, false)) {
                Some(unit) if !unit.is_empty() => {
                    format!("{} {unit}", format::quantity(t.quantity, doc.lang))
                }
                _ => format::quantity(t.quantity, doc.lang),
            };
            [
                clean::text(&line.description, true),
                quantity,
                money(t.unit_price),
                format::percent(t.discount, doc.lang),
                format::percent(t.tax_rate, doc.lang),
                money(t.net),
            ]
        })
        .collect()
}

/// The shop's address, tax id and contact lines.
pub fn shop_lines(doc: &Document, l: &Labels) -> Vec<String> {
    let s = &doc.shop;
    let mut lines = address_lines(s.address.as_deref());
    lines.extend(labelled(&[
        (l.tax_id, &s.tax_id),
        (l.phone, &s.phone),
        (l.email, &s.email),
    ]));
    lines
}

/// The customer's address, tax id and WhatsApp number.
pub fn customer_lines(doc: &Document, l: &Labels) -> Vec<String> {
    let c = &doc.customer;
    let mut lines = address_lines(c.address.as_deref());
    lines.extend(labelled(&[(l.tax_id, &c.tax_id)]));
    lines.push(format!(
        "{}: +{}",
        l.whatsapp,
        clean::text(&c.whatsapp, false)
    ));
    lines
}

/// An address, a line each, cleaned.
fn address_lines(address: Option<&str>) -> Vec<String> {
    address
        .map(|a| clean::text(a, true).lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// `Label: value` for each value given (and not empty once cleaned).
fn labelled(fields: &[(&str, &Option<String>)]) -> Vec<String> {
    fields
        .iter()
        .filter_map(|(label, value)| {
            let v = clean::text(value.as_deref()?, false);
            (!v.is_empty()).then(|| format!("{label}: {v}"))
        })
        .collect()
}
