//! What the commands share: the running engine (replaced when the owner goes live or
//! disconnects), or why it could not start; the keystore; the rehearsal fakes.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use fake_graph::FakeGraph;
use shopchat_core::Engine;
use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use shopchat_core::secrets::Keystore;
use shopchat_core::settings::Settings;
use shopchat_core::tunnel::fake::FakeTunnelProvider;
use tokio_util::sync::{CancellationToken, DropGuard};

use crate::error::{ApiError, ApiErrorCode};

/// Meta and the tunnel simulated on this computer (`SHOPCHAT_FAKE_META=1`): the wizard can be
/// walked through, and the app taken live, with no Meta account and no internet.
pub struct Rehearsal {
    pub graph: FakeGraph,
    pub tunnels: FakeTunnelProvider,
    pub _stop: DropGuard,
}

pub struct AppState {
    engine: RwLock<Result<Arc<Engine>, String>>,
    pub data_dir: PathBuf,
    /// The OS keystore, or why it cannot be used here.
    pub keystore: Result<Keystore, String>,
    pub rehearsal: Option<Rehearsal>,
    /// Why the saved credentials could not be used at the last start (the app is in the sandbox).
    live_error: Mutex<Option<String>>,
    /// Stops forwarding the current engine's events to the window.
    events: Mutex<CancellationToken>,
    /// One restart at a time.
    pub switching: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(engine: Result<Arc<Engine>, String>, data_dir: PathBuf) -> Self {
        Self {
            engine: RwLock::new(engine),
            data_dir,
            keystore: Ok(Keystore::in_memory()),
            rehearsal: None,
            live_error: Mutex::new(None),
            events: Mutex::new(CancellationToken::new()),
            switching: tokio::sync::Mutex::new(()),
        }
    }

    pub fn with_keystore(mut self, keystore: Result<Keystore, String>) -> Self {
        self.keystore = keystore;
        self
    }

    pub fn with_rehearsal(mut self, rehearsal: Option<Rehearsal>) -> Self {
        self.rehearsal = rehearsal;
        self
    }

    /// The engine, or an error the UI shows when it could not start.
    pub fn engine(&self) -> Result<Arc<Engine>, ApiError> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .cloned()
            .map_err(|reason| {
                ApiError::new(
                    ApiErrorCode::Internal,
                    say(TEXTS, "app.could_not_start", &[("reason", reason)]),
                )
            })
    }

    pub fn running(&self) -> Option<Arc<Engine>> {
        self.engine
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .ok()
            .cloned()
    }

    /// Replaces the engine (after a restart) and the start-up problem, if any.
    pub fn set_engine(&self, engine: Result<Arc<Engine>, String>, live_error: Option<String>) {
        *self.engine.write().unwrap_or_else(|e| e.into_inner()) = engine;
        *self.live_error.lock().unwrap_or_else(|e| e.into_inner()) = live_error;
    }

    pub fn live_error(&self) -> Option<String> {
        self.live_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// A fresh token for forwarding a new engine's events; the previous one is cancelled.
    pub fn new_event_forwarding(&self) -> CancellationToken {
        let fresh = CancellationToken::new();
        let old = std::mem::replace(
            &mut *self.events.lock().unwrap_or_else(|e| e.into_inner()),
            fresh.clone(),
        );
        old.cancel();
        fresh
    }

    /// The settings file.
    pub fn settings_file(&self) -> PathBuf {
        Settings::file(&self.data_dir)
    }

    /// The Graph API the wizard and the live engine talk to: the rehearsal's fake, else
    /// `WHATSAPP_GRAPH_URL` when set, else Meta.
    pub fn graph_url(&self) -> String {
        match &self.rehearsal {
            Some(r) => r.graph.url(),
            None => std::env::var(shopchat_core::config::env::GRAPH_URL)
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| wacloud::DEFAULT_GRAPH_URL.to_owned()),
        }
    }
}
