//! Documents as the app, the CLI and the UI see them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::settings::ShopProfile;
use crate::views::{ErrorView, MessageStatus};

/// Where a document stands: issued (not sent), then as the message that carried it moves on
/// (queued, sent, delivered, read, failed), or cancelled by a credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Recorded, its files being written (finished at the next start after a crash).
    Issuing,
    Issued,
    Cancelled,
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Failed,
    /// The send was in flight when the app stopped: it may or may not have been sent.
    Unknown,
}

impl DocumentStatus {
    /// The status of a document carried by a message in `status`.
    pub fn of_message(status: MessageStatus) -> Self {
        match status {
            MessageStatus::Queued => Self::Queued,
            MessageStatus::Sending => Self::Sending,
            MessageStatus::Sent => Self::Sent,
            MessageStatus::Delivered => Self::Delivered,
            MessageStatus::Read | MessageStatus::Played => Self::Read,
            MessageStatus::Failed => Self::Failed,
            MessageStatus::Unknown | MessageStatus::Received => Self::Unknown,
        }
    }
}

impl DocumentSummary {
    /// Whether it can go to the customer: issued (its files written), not cancelled.
    pub fn status_sendable(&self) -> bool {
        !matches!(
            self.status,
            DocumentStatus::Issuing | DocumentStatus::Cancelled
        )
    }
}

/// A document's files, as paths on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentFiles {
    pub docx: Option<String>,
    pub pdf: Option<String>,
}

/// A document in a list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DocumentSummary {
    pub id: i64,
    /// `invoice`, `quote`, `receipt`, `order`, `delivery_note` or `credit_note`.
    pub kind: String,
    pub number: String,
    /// The customer's WhatsApp id.
    pub contact: String,
    pub contact_name: Option<String>,
    pub status: DocumentStatus,
    pub currency: String,
    pub lang: String,
    /// Exact decimal strings.
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    /// Relative to the data dir in the database; absolute in views.
    pub files: DocumentFiles,
    /// The latest message that carried it.
    pub message_id: Option<i64>,
    /// Why that message failed.
    pub error: Option<ErrorView>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// A credit note: the number of the invoice it cancels.
    pub cancels: Option<String>,
    /// The credit note that cancels this one.
    pub cancelled_by: Option<String>,
}

/// One line as the document shows it; amounts are exact decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit: Option<String>,
    pub unit_price: String,
    pub discount: String,
    pub tax_rate: String,
    /// Quantity × unit price less the discount, before tax.
    pub amount: String,
}

/// One tax rate's part of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaxBandView {
    pub rate: String,
    pub base: String,
    pub tax: String,
}

/// A document with its lines: what `shopchat documents show --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DocumentView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: DocumentSummary,
    pub lines: Vec<LineView>,
    pub tax_bands: Vec<TaxBandView>,
    pub notes: Option<String>,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    pub due_date: Option<String>,
}

/// What the app's editor sends to preview or issue a document. Amounts are decimal strings as
/// typed; blanks mean the settings' defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DocumentDraft {
    /// `invoice`, `quote`, `receipt`, `order` or `delivery_note`.
    pub kind: String,
    /// The customer's WhatsApp id.
    pub contact: String,
    pub lines: Vec<DraftLine>,
    pub currency: Option<String>,
    /// `en` or `es`.
    pub lang: Option<String>,
    pub notes: Option<String>,
    /// `YYYY-MM-DD`: an invoice's due date, a quote's valid-until date.
    pub due_date: Option<String>,
    pub customer_address: Option<String>,
    pub customer_tax_id: Option<String>,
}

/// A line in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DraftLine {
    pub description: String,
    pub quantity: String,
    pub unit: Option<String>,
    pub unit_price: String,
    /// Percent; blank is none.
    pub discount: String,
    /// Percent; blank is the settings' default rate.
    pub tax_rate: String,
}

/// The shop's name and profile, as the settings' "Shop" page edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ShopProfileView {
    pub business_name: Option<String>,
    pub profile: ShopProfile,
}

/// A draft's figures, worked out as its files would show them; exact decimal strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct DraftTotals {
    pub currency: String,
    /// Each line's amount before tax, in order.
    pub lines: Vec<String>,
    pub tax_bands: Vec<TaxBandView>,
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    /// Why the figures cannot be worked out yet (`line 2: ...`), when they cannot.
    pub problem: Option<String>,
}
