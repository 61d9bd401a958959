//! Generated documents in the engine: issuing one (its number taken in the writer's
//! transaction that records it, its files written aside, flushed and renamed under the store
//! dir), finishing one a crash interrupted, checking and regenerating its files, sending it in
//! the chat through the outbox, the product list, and the customers' requests. The files
//! themselves come from the pure `shopchat-documents` crate.
//!
//! Issuing is two steps: a transaction takes the number and records the typed document
//! (`issuing`); the files are made from that record and written; a second transaction records
//! them (`issued`). A crash between the two leaves a recorded document whose files
//! [`finish_pending`] makes at the next start, the same as they would have been: a number is
//! never lost, skipped or given twice.

pub mod chat;
mod detail;
mod draft;
pub mod files;
pub mod numbering;
mod preview;
mod problems;
pub mod products;
pub mod records;
mod replies;
pub mod requests;
mod send;
pub(crate) mod texts;
mod view;

use std::path::Path;

use shopchat_documents::{self as engine, Document, Kind, Lang, Line};
use time::Date;

use crate::i18n::say;
use crate::outbox::SendError;
use crate::settings::Settings;
use crate::store::{Store, StoreError};
use draft::{draft, prefix};
pub use preview::preview;
pub use problems::problem_of;
pub use send::{TemplateChoice, send};
pub use view::{
    DocumentDraft, DocumentFiles, DocumentStatus, DocumentSummary, DocumentView, DraftLine,
    DraftTotals, LineView, ShopProfileView, TaxBandView,
};

/// Why a document could not be issued, shown or sent.
#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    /// Bad input, named in one line; nothing was recorded and no number was taken.
    #[error("{0}")]
    Invalid(String),
    #[error("{}", say(texts::TEXTS, "documents.not_found", &[("key", .0)]))]
    NotFound(String),
    #[error("{}", problem_of(.0))]
    Document(#[from] engine::DocumentError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", say(texts::TEXTS, "documents.files_unwritable", &[("error", &.0.to_string())]))]
    Io(#[from] std::io::Error),
}

/// What the owner asks for; the shop's side comes from the settings.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: Kind,
    /// The customer's WhatsApp id (a contact of the shop).
    pub to: String,
    pub lines: Vec<Line>,
    /// The settings' currency when `None`.
    pub currency: Option<String>,
    /// The settings' document language when `None`.
    pub lang: Option<Lang>,
    pub notes: Option<String>,
    pub due_date: Option<Date>,
    pub customer_address: Option<String>,
    pub customer_tax_id: Option<String>,
    /// A credit note: the id or number of the invoice it cancels.
    pub cancels: Option<String>,
}

/// Issues a document: checks everything, takes its number, records it and writes its files
/// under `store_dir`. Bad input takes no number.
pub async fn issue(
    store: &Store,
    store_dir: &Path,
    settings: &Settings,
    request: NewDocument,
    today: Date,
) -> Result<DocumentView, DocumentsError> {
    let (doc, cancels) = draft(store, settings, request, today).await?;
    // Every figure and the logo are checked before a number is taken.
    let totals = engine::check(&doc)?;
    let prefix = prefix(settings, doc.kind).to_owned();
    let (year, kind, contact) = (
        doc.issue_date.year(),
        doc.kind.as_str(),
        doc.customer.whatsapp.clone(),
    );
    let template = doc.clone();
    let (id, _number) = store
        .writer()
        .call(move |ctx| {
            let with_number = |number: &str| {
                let mut d = template.clone();
                d.number = number.to_owned();
                serde_json::to_string(&d).map_err(|e| StoreError::Corrupt(e.to_string()))
            };
            records::insert(
                ctx.conn,
                &records::NewDocument {
                    kind,
                    prefix: &prefix,
                    year,
                    contact: &contact,
                    currency: totals.currency.code(),
                    lang: template.lang.as_str(),
                    subtotal: &totals.subtotal.to_string(),
                    tax: &totals.tax.to_string(),
                    total: &totals.total.to_string(),
                    data: &with_number,
                    cancels,
                },
            )
        })
        .await?;
    write_files(store, store_dir, id).await?;
    show(store, store_dir, &id.to_string()).await
}

/// Makes the files of every document a crash left `issuing`; returns how many.
pub async fn finish_pending(store: &Store, store_dir: &Path) -> Result<usize, DocumentsError> {
    let pending = store.read(records::issuing).await?;
    for (id, _) in &pending {
        write_files(store, store_dir, *id).await?;
    }
    Ok(pending.len())
}

/// [`finish_pending`] for the engine's start: a failure is logged, and tried again at the next.
pub async fn finish_pending_in_background(store: Store, store_dir: std::path::PathBuf) {
    match finish_pending(&store, &store_dir).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(documents = n, "documents a crash interrupted were finished"),
        Err(e) => tracing::warn!(error = %e, "documents a crash interrupted could not be finished"),
    }
}

/// Writes (or writes again) a recorded document's two files from its stored data, and records
/// their paths and digests.
pub async fn write_files(store: &Store, store_dir: &Path, id: i64) -> Result<(), DocumentsError> {
    let row = store
        .read(move |c| records::get(c, &id.to_string()))
        .await?
        .ok_or_else(|| DocumentsError::NotFound(id.to_string()))?;
    let doc: Document = serde_json::from_str(&row.data)
        .map_err(|e| StoreError::Corrupt(format!("document {id}: {e}")))?;
    let dir = store_dir.to_owned();
    let written = tokio::task::spawn_blocking(move || -> Result<_, DocumentsError> {
        let year = doc.issue_date.year();
        let mut out = Vec::new();
        for (ext, bytes) in [
            ("docx", engine::render_docx(&doc)?),
            ("pdf", engine::render_pdf(&doc)?),
        ] {
            let rel = files::relative(year, &engine::file_name(&doc, ext));
            files::write(&dir, &rel, &bytes)?;
            out.push((rel, crate::media::files::sha256_hex(&bytes)));
        }
        Ok(out)
    })
    .await
    .map_err(|e| std::io::Error::other(e.to_string()))??;
    let [(docx, docx_sha), (pdf, pdf_sha)] = <[_; 2]>::try_from(written)
        .map_err(|_| StoreError::Corrupt("two files are written".into()))?;
    store
        .writer()
        .call(move |ctx| records::set_files(ctx.conn, id, (&docx, &docx_sha), (&pdf, &pdf_sha)))
        .await?;
    Ok(())
}

/// One document by id or number, with its lines and figures.
pub async fn show(
    store: &Store,
    store_dir: &Path,
    id_or_number: &str,
) -> Result<DocumentView, DocumentsError> {
    let key = id_or_number.trim().to_owned();
    let row = store
        .read(move |c| records::get(c, &key))
        .await?
        .ok_or_else(|| DocumentsError::NotFound(id_or_number.to_owned()))?;
    detail::detail(row, store_dir)
}

/// The documents, newest first.
pub async fn list(
    store: &Store,
    store_dir: &Path,
    filter: records::Filter,
) -> Result<Vec<DocumentSummary>, DocumentsError> {
    let rows = store.read(move |c| records::list(c, &filter)).await?;
    Ok(rows
        .into_iter()
        .map(|r| detail::summary(r.summary, store_dir))
        .collect())
}

/// Whether each of a document's files is there, unchanged.
pub async fn check_files(
    store: &Store,
    store_dir: &Path,
    id_or_number: &str,
) -> Result<[(String, files::FileCheck); 2], DocumentsError> {
    let key = id_or_number.trim().to_owned();
    let (docx, pdf) = store
        .read(move |c| {
            Ok(c.query_row(
                "SELECT docx_path, docx_sha256, pdf_path, pdf_sha256 FROM documents
                 WHERE id = ?1 OR number = ?2",
                (key.parse::<i64>().unwrap_or(-1), &key),
                |r| {
                    Ok((
                        (
                            r.get::<_, Option<String>>(0)?,
                            r.get::<_, Option<String>>(1)?,
                        ),
                        (
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, Option<String>>(3)?,
                        ),
                    ))
                },
            )?)
        })
        .await
        .map_err(|_| DocumentsError::NotFound(id_or_number.to_owned()))?;
    let check = |(path, sha): (Option<String>, Option<String>)| match (path, sha) {
        (Some(p), Some(s)) => {
            let state = files::check(store_dir, &p, &s);
            (p, state)
        }
        _ => (String::new(), files::FileCheck::Missing),
    };
    Ok([check(docx), check(pdf)])
}

#[cfg(test)]
mod tests;
