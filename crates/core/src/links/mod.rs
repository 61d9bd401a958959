//! Account links: the shop's customer records, and linking one to a customer's WhatsApp with a
//! one-time code the customer sends from their phone (proven by the signed webhook, never by a
//! web link), or by the owner approving a customer's request; unlinking; and the append-only
//! audit trail of every step. The chat side (the commands) is in [`crate::bot`].

pub mod audit;
pub mod codes;
pub mod link;
pub mod ops;
pub mod records;
pub(crate) mod texts;
pub mod view;

pub use audit::Actor;
pub use link::Redeemed;
pub use view::{
    AuditEntry, CustomerInput, CustomerView, ImportReport, LinkCode, LinkRequestView, RefusedRow,
    mask,
};

use crate::i18n::say;
use crate::store::StoreError;

/// Why a links operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum LinksError {
    /// Bad input or a refused step, in one line.
    #[error("{0}")]
    Invalid(String),
    #[error("{}", say(texts::TEXTS, "links.not_found", &[("key", .0)]))]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for LinksError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}
