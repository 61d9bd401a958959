//! The shop's product list, which the document editor completes lines from.

use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::texts::TEXTS;
use crate::i18n::say;
use crate::store::{StoreError, now_ms};

/// A product as the editor offers it. Prices and rates are exact decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Product {
    /// `None` for one not stored yet.
    pub id: Option<i64>,
    pub name: String,
    /// Before tax, in the documents' currency.
    pub unit_price: String,
    /// Percent, 0 to 100.
    pub tax_rate: String,
    /// `pcs`, `h`, `kg`... if any.
    pub unit: Option<String>,
}

impl Product {
    /// What is wrong with it, if anything (one line, naming the field).
    pub fn problem(&self) -> Option<String> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Some(say(TEXTS, "documents.product_name", &[]));
        }
        match self.unit_price.trim().parse::<Decimal>() {
            Ok(p) if p >= Decimal::ZERO => {}
            _ => {
                return Some(say(
                    TEXTS,
                    "documents.product_price",
                    &[("value", &self.unit_price)],
                ));
            }
        }
        if !crate::settings::valid_percent(self.tax_rate.trim()) {
            return Some(say(
                TEXTS,
                "documents.product_tax",
                &[("value", &self.tax_rate)],
            ));
        }
        None
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: Some(r.get(0)?),
        name: r.get(1)?,
        unit_price: r.get(2)?,
        tax_rate: r.get(3)?,
        unit: r.get(4)?,
    })
}

/// Every product, by name.
pub fn list(conn: &Connection) -> Result<Vec<Product>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, unit_price, tax_rate, unit FROM products ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a product, or changes the one with its id (or, without an id, its name).
pub fn save(conn: &Connection, p: &Product) -> Result<Product, StoreError> {
    let (name, price, rate) = (p.name.trim(), p.unit_price.trim(), p.tax_rate.trim());
    let unit = p.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let id: i64 = match p.id {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE products SET name = ?2, unit_price = ?3, tax_rate = ?4, unit = ?5,
                 updated_at = ?6 WHERE id = ?1",
            )?
            .execute((id, name, price, rate, unit, now_ms()))?;
            id
        }
        None => conn
            .prepare_cached(
                "INSERT INTO products (name, unit_price, tax_rate, unit, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (name) DO UPDATE SET unit_price = excluded.unit_price,
                   tax_rate = excluded.tax_rate, unit = excluded.unit,
                   updated_at = excluded.updated_at
                 RETURNING id",
            )?
            .query_row((name, price, rate, unit, now_ms()), |r| r.get(0))?,
    };
    get(conn, id)?.ok_or_else(|| StoreError::Corrupt(format!("product {id} vanished")))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<Product>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id, name, unit_price, tax_rate, unit FROM products WHERE id = ?1")?
        .query_row([id], from_row)
        .optional()?)
}

/// Removes a product; documents that used it keep their lines.
pub fn delete(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("DELETE FROM products WHERE id = ?1")?
        .execute([id])?
        > 0)
}
