//! The engine's exports: conversations (CSV, JSON, an HTML transcript with its files) and
//! contacts (CSV, vCard), and contacts imported from a CSV file. The work is in
//! [`crate::export`]; reads run on a read connection, the import in one write transaction.

use std::path::PathBuf;

use super::{Engine, EngineError};
use crate::events::DomainEvent;
use crate::export::contacts::{self, ContactImport};
use crate::export::{self, ExportError, ExportSummary, Format, Lang};
use crate::store::{Store, contacts as store_contacts};

impl Engine {
    /// One conversation (`contact`) or all of them, to `out`.
    pub async fn export_conversations(
        &self,
        contact: Option<String>,
        format: Format,
        lang: Lang,
        out: PathBuf,
    ) -> Result<ExportSummary, EngineError> {
        let store_dir = self.store_dir.clone();
        read(&self.store, move |conn| {
            export::export_conversations(conn, &store_dir, contact.as_deref(), format, lang, &out)
        })
        .await
    }

    /// Every contact, as CSV (`vcard` false) or vCard, to `out`.
    pub async fn export_contacts(
        &self,
        vcard: bool,
        out: PathBuf,
    ) -> Result<ExportSummary, EngineError> {
        read(&self.store, move |conn| {
            if vcard {
                contacts::export_vcard(conn, &out)
            } else {
                contacts::export_csv(conn, &out)
            }
        })
        .await
    }

    /// Contacts from a CSV file's text, in one transaction; `country` for numbers written without
    /// their country code.
    pub async fn import_contacts(
        &self,
        csv: String,
        country: Option<String>,
    ) -> Result<ContactImport, EngineError> {
        import(&self.store, csv, country).await
    }
}

/// Runs an export on a read connection; a store error inside it stays a store error.
async fn read<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&rusqlite::Connection) -> Result<T, ExportError> + Send + 'static,
) -> Result<T, EngineError> {
    let result = store
        .read(move |conn| match f(conn) {
            Err(ExportError::Store(e)) => Err(e),
            other => Ok(other),
        })
        .await?;
    Ok(result?)
}

/// Imports in one write transaction and tells the app which contacts changed (a reload past a
/// hundred).
pub async fn import(
    store: &Store,
    csv: String,
    country: Option<String>,
) -> Result<ContactImport, EngineError> {
    let result = store
        .writer()
        .call(move |ctx| {
            let (report, changed) = match contacts::import_csv(ctx.conn, &csv, country.as_deref()) {
                Ok(done) => done,
                Err(ExportError::Store(e)) => return Err(e),
                Err(other) => return Ok(Err(other)),
            };
            if changed.len() > 100 {
                ctx.emit(DomainEvent::Resync { missed: 0 });
            } else {
                for wa_id in &changed {
                    if let Some(contact) = store_contacts::get(ctx.conn, wa_id)? {
                        ctx.emit(DomainEvent::ContactUpdated { contact });
                    }
                }
            }
            Ok(Ok(report))
        })
        .await?;
    Ok(result?)
}
