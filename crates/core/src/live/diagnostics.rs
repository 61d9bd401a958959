//! The diagnostics view, and the report the owner copies for support: what runs where and how it
//! is doing, with no secret and no full id in it.

use std::fmt::Write as _;

use serde::Serialize;
use ts_rs::TS;

use crate::events::OutboxHealth;
use crate::tunnel::{CallbackStatus, TunnelState};
use crate::views::OutboxCounts;

/// Everything the diagnostics view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Diagnostics {
    /// Shopchat's version.
    pub app_version: String,
    /// The Graph API version in use (`v24.0`).
    pub api_version: String,
    /// `live` or `sandbox`.
    pub mode: String,
    /// Where the webhook server listens (loopback).
    pub listen: String,
    /// The webhook URL on this computer.
    pub local_webhook_url: String,
    /// The webhook URL Meta should use (the tunnel's), when one is open.
    pub public_webhook_url: Option<String>,
    pub tunnel: TunnelState,
    /// When the last webhook was accepted (unix milliseconds), since the engine started.
    pub last_webhook_at: Option<u64>,
    /// Webhooks accepted since the engine started.
    pub webhooks_received: u64,
    /// Webhooks refused for their signature since the engine started: Meta signs with the app
    /// secret, so these mean the saved app secret is not this app's.
    pub webhooks_refused_signature: u64,
    pub outbox: OutboxHealth,
    pub outbox_counts: OutboxCounts,
    pub phone_number_id: String,
    pub business_account_id: Option<String>,
    /// The operating system and architecture (`linux x86_64`).
    pub platform: String,
    /// The last backup's time and result (a failed one shows until one works).
    pub last_backup: Option<crate::backup::BackupStatus>,
    /// The disk's free space, the limits on files customers send, the spool's backlog.
    pub disk: crate::disk::DiskReport,
}

/// An id with all but its last four characters hidden (`••••••••1234`).
pub fn redact_id(id: &str) -> String {
    let keep = id.chars().count().saturating_sub(4);
    id.chars()
        .enumerate()
        .map(|(i, c)| if i < keep { '•' } else { c })
        .collect()
}

/// Bytes in MiB, one decimal (`1024.0 MiB`).
fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
}

/// A unix-milliseconds time as an HTTP date (`Wed, 02 Dec 2026 07:26:24 GMT`).
fn time(ms: u64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms))
}

impl Diagnostics {
    /// A plain-text report to paste into a support request. Ids are shortened to their last four
    /// digits; no secret is part of [`Diagnostics`] to begin with, and `scrub` removes any that
    /// might have ended up in an error text (the app passes its keystore's values).
    pub fn report(&self, scrub: impl Fn(&str) -> String) -> String {
        let mut r = String::new();
        let _ = writeln!(r, "Shopchat diagnostics");
        let _ = writeln!(r, "app version:        {}", self.app_version);
        let _ = writeln!(r, "platform:           {}", self.platform);
        let _ = writeln!(r, "mode:               {}", self.mode);
        let _ = writeln!(r, "Graph API version:  {}", self.api_version);
        let _ = writeln!(
            r,
            "phone number id:    {}",
            redact_id(&self.phone_number_id)
        );
        let _ = writeln!(
            r,
            "business account:   {}",
            self.business_account_id
                .as_deref()
                .map_or_else(|| "not set".to_owned(), redact_id)
        );
        let _ = writeln!(r, "webhook server:     {}", self.local_webhook_url);
        let tunnel = match &self.tunnel {
            TunnelState::Off => "off".to_owned(),
            TunnelState::Connecting { attempt } => format!("connecting (attempt {attempt})"),
            TunnelState::Online { url, callback } => {
                let callback = match callback {
                    CallbackStatus::Disabled => "not re-pointed automatically".to_owned(),
                    CallbackStatus::Pending => "telling Meta".to_owned(),
                    CallbackStatus::Repointed => "Meta points here".to_owned(),
                    CallbackStatus::Failed { error } => format!("Meta could not be told: {error}"),
                };
                format!("online at {url} ({callback})")
            }
            TunnelState::Offline { error, retry_at } => {
                format!("offline: {error}; next try {}", time(*retry_at))
            }
        };
        let _ = writeln!(r, "tunnel:             {tunnel}");
        let _ = writeln!(
            r,
            "last webhook:       {}",
            self.last_webhook_at
                .map_or_else(|| "none since start".to_owned(), time)
        );
        let _ = writeln!(r, "webhooks received:  {}", self.webhooks_received);
        let _ = writeln!(
            r,
            "bad signatures:     {}{}",
            self.webhooks_refused_signature,
            if self.webhooks_refused_signature > 0 {
                " (check the app secret)"
            } else {
                ""
            }
        );
        let outbox = match &self.outbox {
            OutboxHealth::Running => "sending".to_owned(),
            OutboxHealth::NeedsReconnect { reason, .. } => {
                format!("paused, the account needs reconnecting: {reason}")
            }
            OutboxHealth::CoolingDown { reason, until } => {
                format!(
                    "cooling down until {}: {reason}",
                    time(*until as u64 * 1000)
                )
            }
        };
        let _ = writeln!(r, "outbox:             {outbox}");
        let c = &self.outbox_counts;
        let _ = writeln!(
            r,
            "outbox counts:      {} pending, {} in flight, {} failed (24 h), {} unknown (24 h)",
            c.pending, c.in_flight, c.failed, c.unknown
        );
        let backup = match &self.last_backup {
            None => "none yet".to_owned(),
            Some(b) if b.ok => format!("{} (worked)", time(b.at_ms.max(0) as u64)),
            Some(b) => format!(
                "{} FAILED: {}",
                time(b.at_ms.max(0) as u64),
                b.error.as_deref().unwrap_or("unknown error")
            ),
        };
        let _ = writeln!(r, "last backup:        {backup}");
        let d = &self.disk;
        let _ = writeln!(
            r,
            "disk free:          {} (files are held below {})",
            d.free_bytes.map_or_else(|| "unknown".to_owned(), mib),
            mib(d.free_space_floor_bytes)
        );
        let _ = writeln!(
            r,
            "spool backlog:      {} webhooks, {} of {}",
            d.spool_backlog_records,
            mib(d.spool_backlog_bytes),
            mib(d.spool_cap_bytes)
        );
        scrub(&r)
    }
}
