//! The rehearsal (`SHOPCHAT_FAKE_META=1`): the sandbox's fake Graph API, kept apart from any
//! engine, stands in for Meta, and an in-process tunnel for ngrok, so that the whole settings
//! wizard — test connection, tunnel, "Point Meta at this URL", going live, disconnecting — can be
//! walked through on this computer (the real-window end-to-end test does). Its credentials are
//! the sandbox's: access token `shopchat-sandbox-access-token`, phone number id
//! `100000000000001`, business account `200000000000002`, app secret
//! `shopchat-sandbox-app-secret` (the fake signs its webhooks with it).

use fake_graph::FakeGraph;
use shopchat_core::config::SandboxSettings;
use shopchat_core::tunnel::fake::FakeTunnelProvider;
use tokio_util::sync::CancellationToken;
use tracing::{error, info};

use crate::state::Rehearsal;

/// The environment variable that turns the rehearsal on.
pub const ENV: &str = "SHOPCHAT_FAKE_META";

/// The rehearsal's fakes when `SHOPCHAT_FAKE_META=1`.
pub fn start() -> Option<Rehearsal> {
    if std::env::var(ENV).ok().as_deref() != Some("1") {
        return None;
    }
    let stop = CancellationToken::new();
    let settings = SandboxSettings {
        seed_customers: false,
        ..SandboxSettings::default()
    };
    match tauri::async_runtime::block_on(FakeGraph::start(settings, stop.child_token())) {
        Ok(graph) => {
            info!(url = %graph.url(), "rehearsal: Meta is simulated on this computer");
            Some(Rehearsal {
                graph,
                tunnels: FakeTunnelProvider::new(),
                _stop: stop.drop_guard(),
            })
        }
        Err(e) => {
            error!(error = %e, "rehearsal: the fake Graph API could not start");
            None
        }
    }
}
