//! What can go wrong in the engine, for the CLI's one line and the app's `{code, message}`.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::StudioError;
use super::texts::TEXTS;
use crate::i18n::say;
use crate::outbox::SendError;
use crate::spool::SpoolError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", say(TEXTS, "engine.already_running", &[("path", &.0.display().to_string())]))]
    AlreadyRunning(PathBuf),
    #[error("{}", say(TEXTS, "engine.cannot_listen", &[("addr", &.addr.to_string()), ("error", &.source.to_string())]))]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", say(TEXTS, "engine.graph_setup", &[("error", &.0.to_string())]))]
    Graph(#[from] wacloud::GraphError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error("{}", say(TEXTS, "engine.sandbox_not_built", &[]))]
    SandboxNotBuilt,
    #[error("{}", say(TEXTS, "engine.not_sandbox", &[]))]
    NotSandbox,
    #[error("{}", say(TEXTS, "engine.no_business_account", &[]))]
    NoBusinessAccount,
    #[error(transparent)]
    Templates(#[from] crate::templates::TemplateError),
    #[error("{}", say(TEXTS, "engine.no_public_url", &[]))]
    NoPublicUrl,
    #[error("{}", say(TEXTS, "engine.repoint", &[("error", .0)]))]
    Repoint(String),
    #[error(transparent)]
    Spool(#[from] SpoolError),
    #[error(transparent)]
    Documents(#[from] crate::documents::DocumentsError),
    #[error(transparent)]
    Contacts(#[from] crate::contacts::ContactsError),
    #[error(transparent)]
    QuickReplies(#[from] crate::quick_replies::QuickReplyError),
    #[error(transparent)]
    Links(#[from] crate::links::LinksError),
    #[error(transparent)]
    Export(#[from] crate::export::ExportError),
    #[error(transparent)]
    Broadcasts(#[from] crate::broadcasts::BroadcastError),
    #[error(transparent)]
    Studio(#[from] StudioError),
}
