//! The app's commands: thin wrappers over the engine, one module per domain.

pub mod app;
pub mod backup;
pub mod broadcasts;
pub mod chats;
pub mod coexistence;
pub mod contacts;
mod dialogs;
pub mod documents;
pub mod export;
pub mod links;
pub mod media;
pub mod sandbox;
pub mod setup;
pub mod stats;
pub mod templates;
