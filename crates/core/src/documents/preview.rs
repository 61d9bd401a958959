//! What a document will look like before it is issued: the PDF its issue would write, with the
//! number it would take now (a document issued meanwhile may take that number first; the
//! preview never takes one).

use shopchat_documents as engine;
use time::Date;

use super::{DocumentsError, NewDocument, draft, numbering, prefix};
use crate::settings::Settings;
use crate::store::Store;

/// The PDF `request` would be issued as today. Bad input is refused as [`super::issue`]
/// refuses it, so the editor can show the same one-line problem.
pub async fn preview(
    store: &Store,
    settings: &Settings,
    request: NewDocument,
    today: Date,
) -> Result<Vec<u8>, DocumentsError> {
    let (mut doc, _) = draft(store, settings, request, today).await?;
    engine::check(&doc)?;
    let prefix = prefix(settings, doc.kind).to_owned();
    let (kind, year) = (doc.kind.as_str(), doc.issue_date.year());
    let seq = store.read(move |c| numbering::peek(c, kind, year)).await?;
    doc.number = numbering::format(&prefix, year, seq);
    tokio::task::spawn_blocking(move || engine::render_pdf(&doc))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .map_err(DocumentsError::from)
}
