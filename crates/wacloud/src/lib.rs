//! A library for the WhatsApp Business Cloud API.
//!
//! * [`signature`]: the `X-Hub-Signature-256` check on webhook bodies.
//! * [`webhook`]: types for webhook notifications (messages, statuses, other fields).
//! * [`send`]: the payloads the client puts on the wire.
//! * [`client`]: the Graph API client ([`GraphClient`]).
//! * [`error`]: every Graph error as a typed [`GraphError`] with an [`ErrorKind`] the app acts on.
//! * [`media`]: media limits, upload with progress, checked download.
//! * [`templates`]: message templates (parse, what a send needs, list/create/delete).
//! * [`account`]: the phone number, business profile and webhook subscription.
//! * [`observe`]: reporting each request's endpoint and duration (metrics).
//! * [`ids`]: validated identifiers ([`WaId`], [`Wamid`], [`PhoneNumberId`]).
//!
//! This crate knows nothing of storage or of any user interface.

pub mod account;
pub mod block;
pub mod client;
pub mod error;
pub mod ids;
pub mod media;
pub mod observe;
pub mod send;
pub mod signature;
pub mod templates;
pub mod webhook;

pub use account::WabaId;
pub use client::{
    DEFAULT_API_VERSION, DEFAULT_GRAPH_URL, GraphClient, GraphConfig, MAX_MESSAGES_PER_SECOND,
};
pub use error::{ErrorKind, GraphError};
pub use ids::{IdError, PhoneNumberId, WaId, Wamid};
pub use media::{MediaError, MediaId};
pub use observe::{Endpoint, GraphObserver};
pub use send::MediaKind;
pub use signature::{SignatureError, sign, verify};
