//! Exact money: each line is rounded half-up to the currency's minor unit; the tax is worked
//! out per rate on the sum of that rate's lines (the breakdown an invoice shows); the total is
//! the subtotal plus the tax. Never a float.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::DocumentError;
use crate::model::{Document, Line};

/// A currency: its code and how many decimals its minor unit has (EUR 2, JPY 0, KWD 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    pub code: iso_currency::Currency,
    pub decimals: u32,
}

impl Currency {
    /// The ISO 4217 currency `code` (`EUR`), or why not.
    pub fn parse(code: &str) -> Result<Currency, DocumentError> {
        let found = iso_currency::Currency::from_code(code.trim())
            .ok_or_else(|| DocumentError::Currency(code.to_owned()))?;
        let decimals = found.exponent().map_or(0, u32::from);
        Ok(Currency {
            code: found,
            decimals,
        })
    }

    pub fn code(&self) -> &'static str {
        self.code.code()
    }

    pub fn symbol(&self) -> String {
        self.code.symbol().to_string()
    }

    /// `amount` rounded half-up (away from zero) to the minor unit, written with exactly the
    /// minor unit's decimals (`0.30`, not `0.3`).
    pub fn round(&self, amount: Decimal) -> Decimal {
        let mut rounded =
            amount.round_dp_with_strategy(self.decimals, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(self.decimals);
        rounded
    }
}

/// A line's figures, each rounded to the minor unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTotal {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub discount: Decimal,
    pub tax_rate: Decimal,
    /// Quantity × unit price, less the discount: the taxable amount.
    pub net: Decimal,
}

/// One tax rate's part of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxBand {
    pub rate: Decimal,
    /// The sum of the rate's lines.
    pub base: Decimal,
    pub tax: Decimal,
}

/// Every figure a document shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub currency: Currency,
    pub lines: Vec<LineTotal>,
    /// By rate, lowest first.
    pub bands: Vec<TaxBand>,
    pub subtotal: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
}

/// The figures of `doc`, checking every amount first (the first problem, naming its line).
pub fn compute(doc: &Document) -> Result<Totals, DocumentError> {
    let currency = Currency::parse(&doc.currency)?;
    if doc.lines.is_empty() {
        return Err(DocumentError::NoLines);
    }
    let mut lines = Vec::with_capacity(doc.lines.len());
    let mut bands: BTreeMap<Decimal, Decimal> = BTreeMap::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let t = line_total(i + 1, line, currency)?;
        *bands.entry(t.tax_rate.normalize()).or_default() += t.net;
        lines.push(t);
    }
    let bands: Vec<TaxBand> = bands
        .into_iter()
        .map(|(rate, base)| TaxBand {
            rate,
            base,
            tax: currency.round(base * rate / Decimal::ONE_HUNDRED),
        })
        .collect();
    let subtotal: Decimal = bands.iter().map(|b| b.base).sum();
    let tax: Decimal = bands.iter().map(|b| b.tax).sum();
    Ok(Totals {
        currency,
        lines,
        subtotal,
        tax,
        total: subtotal + tax,
        bands,
    })
}

fn line_total(n: usize, line: &Line, currency: Currency) -> Result<LineTotal, DocumentError> {
    let bad = |what: &str, value: &str, rule: &str| DocumentError::Line {
        line: n,
        reason: format!("{what} {value:?} {rule}"),
    };
    if line.description.trim().is_empty() {
        return Err(DocumentError::Line {
            line: n,
            reason: "the description is empty".into(),
        });
    }
    let quantity = decimal(&line.quantity)
        .filter(|q| *q > Decimal::ZERO)
        .ok_or_else(|| bad("the quantity", &line.quantity, "is not a number above zero"))?;
    let unit_price = decimal(&line.unit_price)
        .filter(|p| *p >= Decimal::ZERO)
        .ok_or_else(|| bad("the price", &line.unit_price, "is not a price like 12.50"))?;
    let percent = |value: &str, what: &str| {
        decimal(value)
            .filter(|p| *p >= Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| bad(what, value, "is not a percentage from 0 to 100"))
    };
    let discount = percent(&line.discount, "the discount")?;
    let tax_rate = percent(&line.tax_rate, "the tax rate")?;
    let gross = quantity * unit_price;
    let net = currency.round(gross - gross * discount / Decimal::ONE_HUNDRED);
    Ok(LineTotal {
        quantity,
        unit_price,
        discount,
        tax_rate,
        net,
    })
}

/// A decimal as people type it: `12.5`, `0,5` is not accepted (one notation, the CLI's).
fn decimal(raw: &str) -> Option<Decimal> {
    let raw = raw.trim();
    if raw.is_empty() || raw.contains(['e', 'E']) {
        return None;
    }
    raw.parse::<Decimal>().ok()
}

#[cfg(test)]
mod tests;
