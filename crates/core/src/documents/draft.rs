//! A request made into a typed document: the shop from the settings, the customer from the
//! contacts, the invoice a credit note cancels, today's date. No number yet.

use shopchat_documents::{self as engine, Document, Kind, Lang};
use time::Date;

use super::texts::TEXTS;
use super::{DocumentsError, NewDocument, records};
use crate::i18n::say;
use crate::settings::Settings;
use crate::store::{Store, StoreError, contacts};

/// The typed document for a request: the shop from the settings, the customer from the
/// contacts, today's date. Also the id of the invoice a credit note cancels.
pub(super) async fn draft(
    store: &Store,
    settings: &Settings,
    r: NewDocument,
    today: Date,
) -> Result<(Document, Option<i64>), DocumentsError> {
    let invalid = |m: String| DocumentsError::Invalid(m);
    let to = wacloud::WaId::parse(&r.to).map_err(|e| invalid(e.to_string()))?;
    let wa = to.as_str().to_owned();
    let contact = store
        .read(move |c| contacts::get(c, &wa))
        .await?
        .ok_or_else(|| {
            invalid(say(
                TEXTS,
                "documents.not_a_contact",
                &[("number", to.as_str())],
            ))
        })?;
    let shop = &settings.shop;
    let logo = match shop.shop_logo.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            invalid(say(
                TEXTS,
                "documents.logo_unreadable",
                &[("path", path), ("error", &e.to_string())],
            ))
        })?),
        None => None,
    };
    let (cancels, lines) = match (&r.kind, &r.cancels) {
        (Kind::CreditNote, Some(key)) => {
            let k = key.clone();
            let row = store
                .read(move |c| records::get(c, &k))
                .await?
                .ok_or_else(|| invalid(say(TEXTS, "documents.no_invoice", &[("key", key)])))?;
            if row.summary.kind != "invoice" || row.summary.contact != to.as_str() {
                return Err(invalid(say(
                    TEXTS,
                    "documents.not_their_invoice",
                    &[("key", key)],
                )));
            }
            if row.summary.cancelled_by.is_some() {
                return Err(invalid(say(
                    TEXTS,
                    "documents.cancelled_already",
                    &[("number", &row.summary.number)],
                )));
            }
            let invoice: Document =
                serde_json::from_str(&row.data).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            (
                Some((row.summary.id, row.summary.number)),
                if r.lines.is_empty() {
                    invoice.lines
                } else {
                    r.lines
                },
            )
        }
        (Kind::CreditNote, None) => {
            return Err(invalid(say(
                TEXTS,
                "documents.credit_note_needs_invoice",
                &[],
            )));
        }
        (_, Some(_)) => {
            return Err(invalid(say(
                TEXTS,
                "documents.only_credit_note_cancels",
                &[],
            )));
        }
        (_, None) => (None, r.lines),
    };
    let doc = Document {
        kind: r.kind,
        number: String::new(),
        issue_date: today,
        due_date: r.due_date,
        shop: engine::Shop {
            name: settings
                .business_name
                .clone()
                .unwrap_or_else(|| "Shop".into()),
            address: shop.shop_address.clone(),
            tax_id: shop.shop_tax_id.clone(),
            phone: shop.shop_phone.clone(),
            email: shop.shop_email.clone(),
            logo,
        },
        customer: engine::Customer {
            name: contact
                .name
                .clone()
                .unwrap_or_else(|| format!("+{}", contact.wa_id)),
            whatsapp: contact.wa_id.clone(),
            address: r.customer_address,
            tax_id: r.customer_tax_id,
        },
        lines,
        notes: r.notes,
        payment_terms: shop.payment_terms.clone(),
        bank_details: shop.bank_details.clone(),
        currency: r
            .currency
            .unwrap_or_else(|| shop.currency.clone())
            .trim()
            .to_ascii_uppercase(),
        lang: r
            .lang
            .or_else(|| Lang::parse(&shop.document_language))
            .unwrap_or_default(),
        cancels: cancels.as_ref().map(|(_, n)| n.clone()),
    };
    Ok((doc, cancels.map(|(id, _)| id)))
}

/// The number prefix the settings give `kind`.
pub(super) fn prefix(settings: &Settings, kind: Kind) -> &str {
    let p = &settings.shop.document_prefixes;
    match kind {
        Kind::Invoice => &p.invoice,
        Kind::Quote => &p.quote,
        Kind::Receipt => &p.receipt,
        Kind::Order => &p.order,
        Kind::DeliveryNote => &p.delivery_note,
        Kind::CreditNote => &p.credit_note,
    }
}
