//! The engine's documents: issuing, previewing, listing, sending and cancelling them, the
//! customers' requests, the product list and the shop's profile, for the app. The work is in
//! [`crate::documents`]; this reads the settings afresh for each, so a profile saved in the app
//! shows on the next document.

use std::path::PathBuf;

use shopchat_documents::{Kind, Lang, Line};

use super::texts::TEXTS;
use super::{Engine, EngineError};
use crate::documents::products::{self, Product};
use crate::documents::requests::{self, DocumentRequest};
use crate::documents::{
    self, DocumentDraft, DocumentSummary, DocumentView, DocumentsError, DraftTotals, NewDocument,
    ShopProfileView, TaxBandView, records,
};
use crate::i18n::say;
use crate::settings::{Settings, ShopProfile};
use crate::store::StoreError;
use crate::views::MessageView;

impl Engine {
    fn settings(&self) -> Result<Settings, EngineError> {
        Settings::load(&Settings::file(&self.data_dir))
            .map_err(|e| DocumentsError::Invalid(e.to_string()).into())
    }

    /// The documents, newest first (`kind`, a customer, a number or name containing `query`).
    pub async fn documents(
        &self,
        filter: records::Filter,
    ) -> Result<Vec<DocumentSummary>, EngineError> {
        Ok(documents::list(&self.store, &self.store_dir, filter).await?)
    }

    /// One document by id or number.
    pub async fn document(&self, id_or_number: &str) -> Result<DocumentView, EngineError> {
        Ok(documents::show(&self.store, &self.store_dir, id_or_number).await?)
    }

    /// Issues a draft: takes its number, writes both files.
    pub async fn issue_document(&self, draft: DocumentDraft) -> Result<DocumentView, EngineError> {
        let settings = self.settings()?;
        let request = request_of(draft, &settings)?;
        Ok(documents::issue(
            &self.store,
            &self.store_dir,
            &settings,
            request,
            crate::clock::local_today(),
        )
        .await?)
    }

    /// The PDF a draft would be issued as, with the number it would take now.
    pub async fn preview_document(&self, draft: DocumentDraft) -> Result<Vec<u8>, EngineError> {
        let settings = self.settings()?;
        let request = request_of(draft, &settings)?;
        Ok(
            documents::preview(&self.store, &settings, request, crate::clock::local_today())
                .await?,
        )
    }

    /// A draft's figures as its files would show them (the editor's live totals), or the first
    /// problem with its lines.
    pub fn document_totals(&self, draft: DocumentDraft) -> Result<DraftTotals, EngineError> {
        let settings = self.settings()?;
        let request = request_of(draft, &settings)?;
        let doc = shopchat_documents::Document {
            kind: request.kind,
            number: String::new(),
            issue_date: crate::clock::local_today(),
            due_date: None,
            shop: Default::default(),
            customer: Default::default(),
            lines: request.lines,
            notes: None,
            payment_terms: None,
            bank_details: None,
            currency: request
                .currency
                .unwrap_or_else(|| settings.shop.currency.clone())
                .trim()
                .to_ascii_uppercase(),
            lang: Lang::default(),
            cancels: None,
        };
        Ok(match shopchat_documents::compute(&doc) {
            Ok(t) => DraftTotals {
                currency: t.currency.code().to_owned(),
                lines: t.lines.iter().map(|l| l.net.to_string()).collect(),
                tax_bands: t
                    .bands
                    .iter()
                    .map(|b| TaxBandView {
                        rate: b.rate.normalize().to_string(),
                        base: b.base.to_string(),
                        tax: b.tax.to_string(),
                    })
                    .collect(),
                subtotal: t.subtotal.to_string(),
                tax: t.tax.to_string(),
                total: t.total.to_string(),
                problem: None,
            },
            Err(e) => DraftTotals {
                currency: doc.currency,
                problem: Some(crate::documents::problem_of(&e)),
                ..DraftTotals::default()
            },
        })
    }

    /// Cancels an invoice with a credit note for all of it; answers the credit note.
    pub async fn cancel_document(&self, invoice: &str) -> Result<DocumentView, EngineError> {
        let settings = self.settings()?;
        let original = self.document(invoice).await?;
        let request = NewDocument {
            kind: Kind::CreditNote,
            to: original.summary.contact.clone(),
            lines: Vec::new(),
            currency: Some(original.summary.currency.clone()),
            lang: Lang::parse(&original.summary.lang),
            notes: None,
            due_date: None,
            customer_address: None,
            customer_tax_id: None,
            cancels: Some(original.summary.number.clone()),
        };
        Ok(documents::issue(
            &self.store,
            &self.store_dir,
            &settings,
            request,
            crate::clock::local_today(),
        )
        .await?)
    }

    /// Sends a document's PDF in its customer's chat (as an approved template's DOCUMENT
    /// header when `template` is given); answers the queued message.
    pub async fn send_document(
        &self,
        id_or_number: &str,
        caption: Option<String>,
        template: Option<documents::TemplateChoice>,
    ) -> Result<MessageView, EngineError> {
        Ok(documents::send(
            &self.store,
            &self.store_dir,
            &self.media_dir,
            id_or_number,
            caption,
            template,
        )
        .await?)
    }

    /// A document's file (`pdf` or `docx`), made again first when it is missing or altered.
    pub async fn document_file(
        &self,
        id_or_number: &str,
        format: &str,
    ) -> Result<PathBuf, EngineError> {
        let doc = self.document(id_or_number).await?;
        let [docx, pdf] =
            documents::check_files(&self.store, &self.store_dir, &doc.summary.id.to_string())
                .await?;
        let (relative, state) = match format {
            "pdf" => pdf,
            "docx" => docx,
            other => {
                return Err(DocumentsError::Invalid(say(
                    TEXTS,
                    "engine.not_a_format",
                    &[("format", &format!("{other:?}"))],
                ))
                .into());
            }
        };
        if state != documents::files::FileCheck::Ok || relative.is_empty() {
            documents::write_files(&self.store, &self.store_dir, doc.summary.id).await?;
            return Box::pin(self.document_file(id_or_number, format)).await;
        }
        Ok(self.store_dir.join(relative))
    }

    /// The document a message carries, if it carries one.
    pub async fn document_of_message(
        &self,
        message_id: i64,
    ) -> Result<Option<DocumentSummary>, EngineError> {
        let found = self
            .store
            .read(move |c| records::for_message(c, message_id))
            .await?;
        match found {
            Some((id, _)) => Ok(Some(self.document(&id.to_string()).await?.summary)),
            None => Ok(None),
        }
    }

    /// The customers' requests for a document that the shop did not have, oldest first.
    pub async fn document_requests(&self) -> Result<Vec<DocumentRequest>, EngineError> {
        Ok(self.store.read(requests::open).await?)
    }

    /// The owner has dealt with a customer's requests.
    pub async fn dismiss_document_requests(&self, contact: &str) -> Result<(), EngineError> {
        let contact = contact.to_owned();
        self.store
            .writer()
            .call(move |ctx| requests::resolve(ctx.conn, &contact, None))
            .await?;
        Ok(())
    }

    /// The product list, by name.
    pub async fn products(&self) -> Result<Vec<Product>, EngineError> {
        Ok(self.store.read(products::list).await?)
    }

    /// Adds a product (`id` none) or changes one.
    pub async fn save_product(&self, product: Product) -> Result<Product, EngineError> {
        if let Some(problem) = product.problem() {
            return Err(DocumentsError::Invalid(problem).into());
        }
        Ok(self
            .store
            .writer()
            .call(move |ctx| products::save(ctx.conn, &product))
            .await?)
    }

    pub async fn delete_product(&self, id: i64) -> Result<(), EngineError> {
        let deleted = self
            .store
            .writer()
            .call(move |ctx| products::delete(ctx.conn, id))
            .await?;
        if deleted {
            Ok(())
        } else {
            Err(
                StoreError::NotFound(say(TEXTS, "engine.product", &[("id", &id.to_string())]))
                    .into(),
            )
        }
    }

    /// The shop as its documents show it.
    pub fn shop_profile(&self) -> Result<ShopProfileView, EngineError> {
        let settings = self.settings()?;
        Ok(ShopProfileView {
            business_name: settings.business_name,
            profile: settings.shop,
        })
    }

    /// Checks and saves the shop's profile (the rest of the settings unchanged).
    pub fn save_shop_profile(
        &self,
        business_name: Option<String>,
        profile: ShopProfile,
    ) -> Result<ShopProfileView, EngineError> {
        let mut settings = self.settings()?;
        settings.business_name = business_name
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty());
        settings.shop = profile;
        if let Some(logo) = settings
            .shop
            .shop_logo
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            let bytes = std::fs::read(logo).map_err(|e| {
                DocumentsError::Invalid(say(
                    TEXTS,
                    "engine.logo_unreadable",
                    &[("path", &format!("{logo:?}")), ("error", &e.to_string())],
                ))
            })?;
            shopchat_documents::check_logo(&bytes).map_err(DocumentsError::from)?;
        }
        settings
            .validate()
            .and_then(|()| settings.save(&Settings::file(&self.data_dir)))
            .map_err(|e| DocumentsError::Invalid(e.to_string()))?;
        self.shop_profile()
    }
}

/// The engine's request for what the editor sends: kinds, languages and dates parsed, lines
/// with no tax rate given the settings' default.
fn request_of(d: DocumentDraft, settings: &Settings) -> Result<NewDocument, DocumentsError> {
    let invalid = DocumentsError::Invalid;
    let kind = Kind::parse(&d.kind).ok_or_else(|| {
        invalid(say(
            TEXTS,
            "engine.not_a_kind",
            &[("kind", &format!("{:?}", d.kind))],
        ))
    })?;
    let lang = match d.lang.as_deref().filter(|l| !l.is_empty()) {
        Some(l) => Some(Lang::parse(l).ok_or_else(|| {
            invalid(say(
                TEXTS,
                "engine.not_a_lang",
                &[("lang", &format!("{l:?}"))],
            ))
        })?),
        None => None,
    };
    let due_date = match d.due_date.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(crate::clock::parse_date(s).ok_or_else(|| {
            invalid(say(
                TEXTS,
                "engine.not_a_date",
                &[("value", &format!("{s:?}"))],
            ))
        })?),
        None => None,
    };
    let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let lines = d
        .lines
        .into_iter()
        .map(|l| Line {
            description: l.description,
            quantity: l.quantity,
            unit: blank(l.unit),
            unit_price: l.unit_price,
            discount: blank(Some(l.discount)).unwrap_or_else(|| "0".into()),
            tax_rate: blank(Some(l.tax_rate))
                .unwrap_or_else(|| settings.shop.default_tax_rate.clone()),
        })
        .collect();
    Ok(NewDocument {
        kind,
        to: d.contact,
        lines,
        currency: blank(d.currency),
        lang,
        notes: blank(d.notes),
        due_date,
        customer_address: blank(d.customer_address),
        customer_tax_id: blank(d.customer_tax_id),
        cancels: None,
    })
}
