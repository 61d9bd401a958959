//! A recorded document made whole for a view: its files as absolute paths, its lines and tax
//! bands worked out again from its stored data (the same figures as its files).

use std::path::Path;

use super::DocumentsError;
use super::records::Row;
use super::view::{DocumentFiles, DocumentSummary, DocumentView, LineView, TaxBandView};

/// The summary with its files as absolute paths.
pub fn summary(mut s: DocumentSummary, store_dir: &Path) -> DocumentSummary {
    let absolute = |p: Option<String>| p.map(|p| store_dir.join(p).to_string_lossy().into_owned());
    s.files = DocumentFiles {
        docx: absolute(s.files.docx),
        pdf: absolute(s.files.pdf),
    };
    s
}

/// A row made whole: its lines and tax bands worked out again from its stored data (the
/// same figures as its files).
pub fn detail(row: Row, store_dir: &Path) -> Result<DocumentView, DocumentsError> {
    let doc: shopchat_documents::Document = serde_json::from_str(&row.data).map_err(|e| {
        crate::store::StoreError::Corrupt(format!("document {}: {e}", row.summary.id))
    })?;
    let totals = shopchat_documents::compute(&doc)?;
    let lines = doc
        .lines
        .iter()
        .zip(&totals.lines)
        .map(|(l, t)| LineView {
            description: l.description.clone(),
            quantity: t.quantity.normalize().to_string(),
            unit: l.unit.clone(),
            unit_price: t.unit_price.to_string(),
            discount: t.discount.normalize().to_string(),
            tax_rate: t.tax_rate.normalize().to_string(),
            amount: t.net.to_string(),
        })
        .collect();
    let tax_bands = totals
        .bands
        .iter()
        .map(|b| TaxBandView {
            rate: b.rate.normalize().to_string(),
            base: b.base.to_string(),
            tax: b.tax.to_string(),
        })
        .collect();
    Ok(DocumentView {
        summary: summary(row.summary, store_dir),
        lines,
        tax_bands,
        notes: doc.notes,
        issue_date: doc.issue_date.to_string(),
        due_date: doc.due_date.map(|d| d.to_string()),
    })
}
