//! Numbers, money, percentages and dates as each language writes them: `1,234.50` and
//! `€1,234.50` in English, `1.234,50` and `1.234,50 €` in Spanish.

use rust_decimal::Decimal;
use time::Date;

use crate::i18n::Labels;
use crate::model::Lang;
use crate::money::Currency;

/// `amount` with `decimals` places, grouped by thousands.
pub fn number(amount: Decimal, decimals: u32, lang: Lang) -> String {
    let rounded = amount.round_dp(decimals);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::En => (',', '.'),
        Lang::Es => ('.', ','),
    };
    let mut grouped = String::with_capacity(text.len() + text.len() / 3);
    for (i, d) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(d);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    }
}

/// A quantity: as many decimals as it has, no trailing zeros (`1.5`, `2`, `0.125`).
pub fn quantity(q: Decimal, lang: Lang) -> String {
    let q = q.normalize();
    number(q, q.scale(), lang)
}

/// Money in the currency: `€1,234.50` / `1.234,50 €`.
pub fn money(amount: Decimal, currency: &Currency, lang: Lang) -> String {
    let digits = number(amount, currency.decimals, lang);
    let symbol = currency.symbol();
    match lang {
        Lang::En => match digits.strip_prefix('-') {
            Some(positive) => format!("-{symbol}{positive}"),
            None => format!("{symbol}{digits}"),
        },
        Lang::Es => format!("{digits} {symbol}"),
    }
}

/// A percentage: `21%` / `21 %`, `5.5%` / `5,5 %`.
pub fn percent(p: Decimal, lang: Lang) -> String {
    let text = quantity(p, lang);
    match lang {
        Lang::En => format!("{text}%"),
        Lang::Es => format!("{text} %"),
    }
}

/// `5 Dec 2026` / `5 dic 2026`.
pub fn date(d: Date, lang: Lang) -> String {
    let month = Labels::for_lang(lang).months[usize::from(u8::from(d.month())) - 1];
    format!("{} {} {}", d.day(), month, d.year())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_and_money_in_both_languages() {
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(number(d("1234.5"), 2, Lang::En), "1,234.50");
        assert_eq!(number(d("1234.5"), 2, Lang::Es), "1.234,50");
        assert_eq!(number(d("1234567.891"), 2, Lang::En), "1,234,567.89");
        assert_eq!(number(d("999"), 2, Lang::Es), "999,00");
        assert_eq!(number(d("-0.5"), 2, Lang::En), "-0.50");
        assert_eq!(money(d("1234.5"), &eur, Lang::En), "€1,234.50");
        assert_eq!(money(d("1234.5"), &eur, Lang::Es), "1.234,50 €");
        assert_eq!(money(d("-10"), &eur, Lang::En), "-€10.00");
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(money(d("1500"), &jpy, Lang::Es), "1.500 ¥");
        assert_eq!(quantity(d("1.500"), Lang::Es), "1,5");
        assert_eq!(quantity(d("3"), Lang::En), "3");
        assert_eq!(percent(d("21"), Lang::Es), "21 %");
        assert_eq!(percent(d("5.50"), Lang::En), "5.5%");
    }

    #[test]
    fn dates_in_both_languages() {
        let day = time::macros::date!(2026 - 12 - 05);
        assert_eq!(date(day, Lang::En), "5 Dec 2026");
        assert_eq!(date(day, Lang::Es), "5 dic 2026");
    }
}
