//! What can go wrong in the engine, for the CLI's one line and the app's `{code, message}`.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::StudioError;
use crate::outbox::SendError;
use crate::spool::SpoolError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("another Shopchat engine is already running on {0}")]
    AlreadyRunning(PathBuf),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the Graph API client could not be set up: {0}")]
    Graph(#[from] wacloud::GraphError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error("this Shopchat was built without the sandbox")]
    SandboxNotBuilt,
    #[error("this only works in the sandbox")]
    NotSandbox,
    #[error(
        "no WhatsApp Business Account id is set (WHATSAPP_BUSINESS_ACCOUNT_ID, or the settings)"
    )]
    NoBusinessAccount,
    #[error(transparent)]
    Templates(#[from] crate::templates::TemplateError),
    #[error("there is no public address yet: open the tunnel, or give your own HTTPS URL")]
    NoPublicUrl,
    #[error("Meta's webhook could not be pointed here: {0}")]
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
