//! The app's commands: thin wrappers over the engine, one module per domain.

pub mod app;
pub mod broadcasts;
pub mod chats;
pub mod documents;
pub mod links;
pub mod media;
pub mod sandbox;
pub mod setup;
pub mod templates;
