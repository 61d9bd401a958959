//! The Shopchat engine: everything but the window.
//!
//! Inbound: `POST /webhook` → signature check on the raw bytes → the body is committed to the
//! webhook journal → 200 → the [`inbox`] applies it (contacts, messages, statuses).
//! Outbound: every send is an [`outbox`] row first; one worker sends rows through the Graph client.
//! Every change is published as a [`DomainEvent`] after it commits.
//!
//! [`Engine::start`] runs it all; in the sandbox (the `sandbox` feature), the fake Graph API of
//! `shopchat-fake-graph` stands in for Meta when there are no credentials.

pub mod backup;
pub mod bindings;
pub mod bot;
pub mod broadcasts;
pub mod clock;
pub mod coexistence;
pub mod compose;
pub mod config;
pub mod contacts;
pub mod csv_table;
mod delivery;
pub mod disk;
pub mod documents;
pub mod engine;
pub mod env_vars;
pub mod events;
pub mod export;
pub mod i18n;
pub mod inbox;
pub mod inert;
pub mod links;
pub mod live;
pub mod media;
pub mod metrics;
pub mod outbox;
pub mod owner_texts;
pub mod quick_replies;
pub mod retention;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod secrets;
pub mod server;
pub mod settings;
pub mod spool;
pub mod stats;
pub mod store;
pub mod templates;
pub mod tunnel;
pub mod views;

pub use config::{Config, ConfigError, LiveSettings, Mode, OutboxSettings, SandboxSettings};
pub use delivery::callback_for;
pub use engine::{Engine, EngineError, RuntimeInfo, queue_text, text_message};
pub use events::DomainEvent;
pub use events::OutboxHealth;
pub use store::{Store, StoreError};
pub use views::{
    ChatSummary, ContactView, Direction, ErrorView, MessageStatus, MessageView, OutboxCounts,
    SearchHit,
};
