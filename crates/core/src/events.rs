//! Domain events, published after each commit on a broadcast channel.
//! The desktop shell forwards them to the UI; tests and the CLI may listen too.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::views::{ContactView, ErrorView, MessageStatus, MessageView};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DomainEvent {
    /// A customer's message was stored.
    MessageReceived { message: MessageView },
    /// A send was queued in the outbox.
    MessageQueued { message: MessageView },
    /// An outbound message moved on (sending, sent, delivered, read, failed, ...).
    MessageStatus {
        id: i64,
        contact: String,
        wamid: Option<String>,
        status: MessageStatus,
        error: Option<ErrorView>,
    },
    /// A message's file, reactions or quote changed (a download finished, a reaction came):
    /// replace the shown message with this one.
    MessageUpdated { message: MessageView },
    /// The owner deleted a failed message from the chat: remove it from the conversation.
    MessageDeleted { id: i64, contact: String },
    /// Bytes of an attachment uploaded so far, for a progress bar.
    UploadProgress {
        id: i64,
        contact: String,
        sent: u64,
        total: u64,
    },
    /// The message templates were synced from Meta.
    TemplatesSynced { count: u32 },
    /// A template was created, or its status, quality, category or content changed (a webhook,
    /// a sync, an edit). `previous_status` is `null` for one not known before.
    TemplateUpdated {
        template: crate::views::TemplateView,
        previous_status: Option<String>,
    },
    /// Templates were deleted (every language of `name`, or only `language`).
    TemplateDeleted {
        name: String,
        language: Option<String>,
    },
    /// A contact was created or changed (name, unread count, last message).
    ContactUpdated { contact: ContactView },
    /// The outbox paused (token refused, servers failing) or resumed.
    OutboxHealth { health: OutboxHealth },
    /// A listener fell behind and missed `missed` events (a flood): reload what is shown.
    Resync { missed: u64 },
    /// The tunnel (the public address) connected, went offline, or Meta was re-pointed.
    Tunnel { state: crate::tunnel::TunnelState },
    /// A broadcast moved on: coalesced by the runner to a few per second.
    BroadcastProgress {
        broadcast: crate::broadcasts::BroadcastView,
    },
}

impl DomainEvent {
    /// The channel name the desktop shell publishes this event on.
    pub fn channel(&self) -> &'static str {
        match self {
            Self::MessageReceived { .. } => "message://received",
            Self::MessageQueued { .. } => "message://queued",
            Self::MessageStatus { .. } => "message://status",
            Self::MessageUpdated { .. } => "message://updated",
            Self::MessageDeleted { .. } => "message://deleted",
            Self::UploadProgress { .. } => "message://upload",
            Self::TemplatesSynced { .. } => "templates://synced",
            Self::TemplateUpdated { .. } => "template://updated",
            Self::TemplateDeleted { .. } => "template://deleted",
            Self::ContactUpdated { .. } => "contact://updated",
            Self::OutboxHealth { .. } => "outbox://health",
            Self::Resync { .. } => "app://resync",
            Self::Tunnel { .. } => "tunnel://state",
            Self::BroadcastProgress { .. } => "broadcast://progress",
        }
    }
}

/// Whether the outbox is sending, as the status bar and the reconnect banner show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxHealth {
    Running,
    /// Meta refused the access token: nothing is sent until the account is reconnected.
    NeedsReconnect {
        /// Meta's explanation.
        reason: String,
        /// Unix seconds.
        since: i64,
    },
    /// Meta's servers (or the network) failed repeatedly: sending waits a little.
    CoolingDown {
        reason: String,
        /// Unix seconds when sending is tried again.
        until: i64,
    },
}
