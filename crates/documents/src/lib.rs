//! The document engine: a typed [`Document`] (an invoice, quote, receipt, order confirmation,
//! delivery note or credit note) to DOCX and PDF bytes, with exact money. Pure: no storage, no
//! clock, no app; the same document always gives the same bytes.
//!
//! ```
//! use shopchat_documents::{Document, Kind, Lang, Line, Shop, Customer, compute, render_pdf};
//! let doc = Document {
//!     kind: Kind::Invoice,
//!     number: "INV-2026-0001".into(),
//!     issue_date: time::macros::date!(2026 - 12 - 05),
//!     due_date: None,
//!     shop: Shop { name: "Blue Mug Ceramics".into(), ..Shop::default() },
//!     customer: Customer { name: "Ana Souza".into(), whatsapp: "15550100001".into(), ..Customer::default() },
//!     lines: vec![Line {
//!         description: "Blue mug".into(), quantity: "3".into(), unit: None,
//!         unit_price: "19.99".into(), discount: "0".into(), tax_rate: "21".into(),
//!     }],
//!     notes: None, payment_terms: None, bank_details: None,
//!     currency: "EUR".into(), lang: Lang::En, cancels: None,
//! };
//! assert_eq!(compute(&doc).unwrap().total.to_string(), "72.56");
//! assert!(render_pdf(&doc).unwrap().starts_with(b"%PDF"));
//! ```

mod blocks;
mod clean;
mod docx;
pub mod format;
mod i18n;
mod logo;
mod model;
pub mod money;
mod pdf;

pub use clean::{file_stem, text as clean_text};
pub use i18n::Labels;
pub use model::{Customer, Document, Kind, Lang, Line, Shop};
pub use money::{Currency, LineTotal, TaxBand, Totals, compute};

/// Why a document cannot be made: one line naming the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("{0:?} is not a currency code (use an ISO 4217 code like EUR or USD)")]
    Currency(String),
    #[error("a document needs at least one line")]
    NoLines,
    #[error("line {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error("the logo is not a PNG or JPEG image: {0}")]
    Logo(String),
    #[error("the document could not be written: {0}")]
    Render(String),
}

/// Checks everything a document's files need (amounts, currency, logo) without writing them.
pub fn check(doc: &Document) -> Result<Totals, DocumentError> {
    let totals = compute(doc)?;
    if let Some(bytes) = &doc.shop.logo {
        logo::Logo::read(bytes)?;
    }
    Ok(totals)
}

/// Whether `bytes` are a logo documents can show (a PNG or JPEG that decodes, of a sane size).
pub fn check_logo(bytes: &[u8]) -> Result<(), DocumentError> {
    logo::Logo::read(bytes).map(|_| ())
}

/// The DOCX file of `doc`.
pub fn render_docx(doc: &Document) -> Result<Vec<u8>, DocumentError> {
    let totals = check(doc)?;
    docx::render(doc, &totals)
}

/// The PDF file of `doc` (fonts embedded, text selectable).
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, DocumentError> {
    let totals = check(doc)?;
    pdf::render(doc, &totals)
}

/// `INV-2026-0001.pdf`: the document's file name with `extension`.
pub fn file_name(doc: &Document, extension: &str) -> String {
    format!("{}.{extension}", file_stem(&doc.number))
}
