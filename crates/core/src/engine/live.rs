//! The engine's public face: the tunnel (opened after start, by the app or `shopchat serve`),
//! pointing Meta's webhook here, template status polling, and diagnostics.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tracing::{debug, info};
use wacloud::{GraphClient, WabaId};

use super::{Engine, EngineError};
use crate::events::DomainEvent;
use crate::live::{Diagnostics, GraphRepointer, PointedAt};
use crate::store::Store;
use crate::tunnel::{
    CallbackRepointer, TunnelHandle, TunnelOptions, TunnelProvider, TunnelState, callback_url,
};

impl Engine {
    /// Opens a tunnel from `provider` serving the webhook router's public paths, and keeps it up
    /// (replacing any open one). With `options.repoint_callback` and a business account, Meta's
    /// webhook follows the tunnel's URL. Its state is published as [`DomainEvent::Tunnel`].
    pub async fn open_tunnel<P: TunnelProvider>(&self, provider: P, options: TunnelOptions) {
        self.close_tunnel().await;
        let repointer = self
            .repointer()
            .ok()
            .map(|r| Arc::new(r) as Arc<dyn CallbackRepointer>);
        let handle = TunnelHandle::spawn(provider, self.router.clone(), repointer, options);
        let mut changes = handle.subscribe();
        let (state, store, stop) = (
            self.tunnel_state.clone(),
            self.store.clone(),
            self.stop.clone(),
        );
        tokio::spawn(async move {
            loop {
                let now = changes.borrow_and_update().clone();
                publish_tunnel(&state, &store, now);
                tokio::select! {
                    _ = stop.cancelled() => break,
                    changed = changes.changed() => if changed.is_err() { break },
                }
            }
        });
        *self.tunnel.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);
    }

    /// Closes the tunnel, if one is open; the state becomes [`TunnelState::Off`].
    pub async fn close_tunnel(&self) {
        let handle = self.tunnel.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = handle {
            handle.shutdown().await;
            publish_tunnel(&self.tunnel_state, &self.store, TunnelState::Off);
        }
    }

    /// The tunnel's state now ([`TunnelState::Off`] when none is open).
    pub fn tunnel_state(&self) -> TunnelState {
        self.tunnel_state.borrow().clone()
    }

    /// The webhook URL Meta should use: the tunnel's, when it is online.
    pub fn public_webhook_url(&self) -> Option<String> {
        match self.tunnel_state() {
            TunnelState::Online { url, .. } => Some(callback_url(&url)),
            _ => None,
        }
    }

    /// Points the business account's webhooks at `public_url` (the owner's own HTTPS address),
    /// or at the open tunnel when `None`, then reads it back from Meta.
    pub async fn point_meta(&self, public_url: Option<&str>) -> Result<PointedAt, EngineError> {
        let url = match public_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(own) if own.ends_with("/webhook") => own.to_owned(),
            Some(own) => callback_url(own),
            None => self.public_webhook_url().ok_or(EngineError::NoPublicUrl)?,
        };
        let pointed = self
            .repointer()?
            .point(&url)
            .await
            .map_err(|e| EngineError::Repoint(e.0))?;
        info!(url = %pointed.callback_url, "Meta's webhook points here");
        Ok(pointed)
    }

    fn repointer(&self) -> Result<GraphRepointer, EngineError> {
        let waba = self
            .waba_id
            .as_deref()
            .ok_or(EngineError::NoBusinessAccount)?;
        Ok(GraphRepointer {
            graph: self.graph.clone(),
            waba: WabaId::parse(waba).map_err(|e| EngineError::Repoint(e.to_string()))?,
            verify_token: self.verify_token.clone(),
            app_id: None,
        })
    }

    /// What the diagnostics view shows.
    pub async fn diagnostics(&self) -> Result<Diagnostics, EngineError> {
        Ok(Diagnostics {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            api_version: self.api_version.clone(),
            mode: self.mode.to_owned(),
            listen: self.addr.to_string(),
            local_webhook_url: self.webhook_url(),
            public_webhook_url: self.public_webhook_url(),
            tunnel: self.tunnel_state(),
            last_webhook_at: self.webhooks.last_received_ms(),
            webhooks_received: self.webhooks.received(),
            webhooks_refused_signature: self.webhooks.refused_signature(),
            outbox: self.outbox_health(),
            outbox_counts: self.outbox_counts().await?,
            phone_number_id: self.phone_number_id.as_str().to_owned(),
            business_account_id: self.waba_id.clone(),
            platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            last_backup: self.last_backup(),
            disk: self.disk_report().await?,
        })
    }
}

fn publish_tunnel(
    state: &tokio::sync::watch::Sender<TunnelState>,
    store: &Store,
    now: TunnelState,
) {
    let changed = state.send_if_modified(|current| {
        if *current == now {
            false
        } else {
            *current = now.clone();
            true
        }
    });
    if changed {
        store.publish(DomainEvent::Tunnel { state: now });
    }
}

/// Refreshes the templates from Meta every `every` (template status webhooks go to the Meta app's
/// own callback, not to an override, so polling is how a shop sees approvals).
pub(super) async fn poll_templates(
    graph: GraphClient,
    waba: String,
    store: Store,
    every: Duration,
    stop: CancellationToken,
) {
    loop {
        match crate::templates::sync(&graph, &waba, &store).await {
            Ok(count) => {
                debug!(count, "templates refreshed");
                store.publish(DomainEvent::TemplatesSynced {
                    count: count as u32,
                });
            }
            Err(e) => debug!(error = %e, "templates could not be refreshed; trying again later"),
        }
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(every) => {}
        }
    }
}
