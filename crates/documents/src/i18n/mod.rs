//! The words a document shows, one catalogue per language.

mod en;
mod es;

use crate::model::{Kind, Lang};

/// Every label a document needs, in one language.
pub struct Labels {
    pub invoice: &'static str,
    pub quote: &'static str,
    pub receipt: &'static str,
    pub order: &'static str,
    pub delivery_note: &'static str,
    pub credit_note: &'static str,
    pub number: &'static str,
    pub issue_date: &'static str,
    pub due_date: &'static str,
    pub valid_until: &'static str,
    pub bill_to: &'static str,
    pub tax_id: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub whatsapp: &'static str,
    pub description: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub discount: &'static str,
    pub tax: &'static str,
    pub amount: &'static str,
    pub tax_breakdown: &'static str,
    pub tax_base: &'static str,
    pub tax_rate: &'static str,
    pub subtotal: &'static str,
    pub total: &'static str,
    pub notes: &'static str,
    pub payment_terms: &'static str,
    pub bank_details: &'static str,
    /// `Cancels invoice`, before the number.
    pub cancels: &'static str,
    /// `Page`, `of`: "Page 1 of 2".
    pub page: &'static str,
    pub of: &'static str,
    /// Short month names, January first.
    pub months: [&'static str; 12],
}

impl Labels {
    pub fn for_lang(lang: Lang) -> &'static Labels {
        match lang {
            Lang::En => &en::LABELS,
            Lang::Es => &es::LABELS,
        }
    }

    /// The document's title.
    pub fn title(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Invoice => self.invoice,
            Kind::Quote => self.quote,
            Kind::Receipt => self.receipt,
            Kind::Order => self.order,
            Kind::DeliveryNote => self.delivery_note,
            Kind::CreditNote => self.credit_note,
        }
    }

    /// What the second date means: due (invoice) or valid until (quote).
    pub fn second_date(&self, kind: Kind) -> &'static str {
        match kind {
            Kind::Quote => self.valid_until,
            _ => self.due_date,
        }
    }
}
