use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;
use crate::model::{Customer, Document, Kind, Lang, Line, Shop};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn line(qty: &str, price: &str, tax: &str) -> Line {
    Line {
        description: "Item".into(),
        quantity: qty.into(),
        unit: None,
        unit_price: price.into(),
        discount: "0".into(),
        tax_rate: tax.into(),
    }
}

fn doc(currency: &str, lines: Vec<Line>) -> Document {
    Document {
        kind: Kind::Invoice,
        number: "INV-2026-0001".into(),
        issue_date: time::macros::date!(2026 - 12 - 05),
        due_date: None,
        shop: Shop {
            name: "Shop".into(),
            ..Shop::default()
        },
        customer: Customer {
            name: "Ana".into(),
            whatsapp: "15550100001".into(),
            ..Customer::default()
        },
        lines,
        notes: None,
        payment_terms: None,
        bank_details: None,
        currency: currency.into(),
        lang: Lang::En,
        cancels: None,
    }
}

#[test]
fn point_one_plus_point_two_is_point_three() {
    let t = compute(&doc(
        "EUR",
        vec![line("1", "0.1", "0"), line("1", "0.2", "0")],
    ))
    .unwrap();
    assert_eq!(t.subtotal, d("0.3"));
    assert_eq!(t.total.to_string(), "0.30");
}

#[test]
fn three_at_19_99_with_21_percent() {
    // 3 × 19.99 = 59.97; 21 % of it is 12.5937 → 12.59; total 72.56.
    let t = compute(&doc("EUR", vec![line("3", "19.99", "21")])).unwrap();
    assert_eq!(t.subtotal, d("59.97"));
    assert_eq!(t.tax, d("12.59"));
    assert_eq!(t.total, d("72.56"));
}

#[test]
fn every_rate_has_its_band_and_the_tax_is_worked_out_per_band() {
    let t = compute(&doc(
        "EUR",
        vec![
            line("2", "10.00", "21"),
            line("1", "4.99", "10"),
            line("3", "1.15", "4"),
            line("1", "5", "21"),
            line("1", "7.50", "0"),
        ],
    ))
    .unwrap();
    let bands: Vec<(String, String, String)> = t
        .bands
        .iter()
        .map(|b| (b.rate.to_string(), b.base.to_string(), b.tax.to_string()))
        .collect();
    assert_eq!(
        bands,
        [
            ("0".into(), "7.50".into(), "0.00".into()),
            ("4".into(), "3.45".into(), "0.14".into()),
            ("10".into(), "4.99".into(), "0.50".into()),
            ("21".into(), "25.00".into(), "5.25".into()),
        ]
    );
    assert_eq!(t.subtotal, d("40.94"));
    assert_eq!(t.tax, d("5.89"));
    assert_eq!(t.total, d("46.83"));
}

#[test]
fn halves_round_up_away_from_zero_at_the_minor_unit() {
    // 0.125 → 0.13, 0.135 → 0.14 (not banker's 0.12 / 0.14).
    let t = compute(&doc(
        "EUR",
        vec![line("1", "0.125", "0"), line("1", "0.135", "0")],
    ))
    .unwrap();
    assert_eq!(t.lines[0].net, d("0.13"));
    assert_eq!(t.lines[1].net, d("0.14"));
    // A discount: 3 × 9.99 less 15 % = 25.4745 → 25.47.
    let mut discounted = line("3", "9.99", "0");
    discounted.discount = "15".into();
    assert_eq!(
        compute(&doc("EUR", vec![discounted])).unwrap().lines[0].net,
        d("25.47")
    );
}

#[test]
fn yen_has_no_minor_unit_and_dinar_three() {
    let t = compute(&doc("JPY", vec![line("3", "333.5", "10")])).unwrap();
    assert_eq!(t.subtotal, d("1001"));
    assert_eq!(t.tax, d("100"));
    let t = compute(&doc("KWD", vec![line("1", "1.2345", "0")])).unwrap();
    assert_eq!(t.total, d("1.235"));
}

#[test]
fn a_hundred_lines_add_up_exactly() {
    let lines = (1..=100)
        .map(|i| line("1", &format!("{i}.01"), "21"))
        .collect();
    let t = compute(&doc("EUR", lines)).unwrap();
    // Σ (i + 0.01) for i in 1..=100 = 5050 + 1 = 5051.
    assert_eq!(t.subtotal, d("5051.00"));
    assert_eq!(t.tax, d("1060.71"));
    assert_eq!(t.total, d("6111.71"));
}

#[test]
fn bad_amounts_are_named_with_their_line() {
    let refused = |l: Line| {
        compute(&doc("EUR", vec![line("1", "1", "0"), l]))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refused(line("0", "1", "0")),
        "line 2: the quantity \"0\" is not a number above zero"
    );
    assert!(refused(line("-1", "1", "0")).contains("quantity"));
    assert!(refused(line("1", "12,50", "0")).contains("price"));
    assert!(refused(line("1", "-3", "0")).contains("price"));
    assert!(refused(line("1", "1", "101")).contains("tax rate"));
    assert!(refused(line("1", "1e3", "0")).contains("price"));
    let mut empty = line("1", "1", "0");
    empty.description = "  ".into();
    assert_eq!(refused(empty), "line 2: the description is empty");
    assert_eq!(
        compute(&doc("EURO", vec![line("1", "1", "0")]))
            .unwrap_err()
            .to_string(),
        "\"EURO\" is not a currency code (use an ISO 4217 code like EUR or USD)"
    );
    assert_eq!(
        compute(&doc("EUR", vec![])).unwrap_err(),
        DocumentError::NoLines
    );
}
