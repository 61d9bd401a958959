//! The Graph API a one-off command talks to: the live one from the environment, or in the
//! sandbox a fake one started for the command (it lives as long as the returned [`Graph`]).

use fake_graph::{FakeGraph, SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use shopchat_core::config::{LiveSettings, SandboxSettings};
use tokio_util::sync::CancellationToken;
use wacloud::{GraphClient, GraphConfig, PhoneNumberId};

use crate::{Common, env_var};

pub struct Graph {
    pub client: GraphClient,
    pub phone_number_id: PhoneNumberId,
    /// The WhatsApp Business Account id, when known.
    pub waba: Option<String>,
    _fake: Option<FakeGraph>,
    _stop: tokio_util::sync::DropGuard,
}

impl Graph {
    /// The business account id, or an error that says which variable to set to `what`.
    pub fn waba_for(&self, what: &str) -> Result<String, String> {
        self.waba.clone().ok_or_else(|| {
            format!("set WHATSAPP_BUSINESS_ACCOUNT_ID (the WhatsApp Business Account id) to {what}")
        })
    }
}

pub async fn connect(common: &Common) -> Result<Graph, String> {
    let stop = CancellationToken::new();
    if common.sandbox {
        let fake = FakeGraph::start(SandboxSettings::default(), stop.child_token())
            .await
            .map_err(|e| format!("the sandbox Graph API could not start: {e}"))?;
        let client = GraphClient::new(GraphConfig {
            base_url: fake.url(),
            ..GraphConfig::new(SANDBOX_ACCESS_TOKEN.to_owned().into())
        })
        .map_err(|e| e.to_string())?;
        return Ok(Graph {
            client,
            phone_number_id: PhoneNumberId::parse(SANDBOX_PHONE_NUMBER_ID)
                .map_err(|e| e.to_string())?,
            waba: Some(SANDBOX_WABA_ID.to_owned()),
            _fake: Some(fake),
            _stop: stop.drop_guard(),
        });
    }
    let live = LiveSettings::from_env(env_var).map_err(|e| e.to_string())?;
    let client = GraphClient::new(GraphConfig {
        base_url: live.graph_url.clone(),
        api_version: live.api_version.clone(),
        ..GraphConfig::new(live.access_token.clone())
    })
    .map_err(|e| e.to_string())?;
    Ok(Graph {
        client,
        phone_number_id: live.phone_number_id.clone(),
        waba: live.business_account_id.clone(),
        _fake: None,
        _stop: stop.drop_guard(),
    })
}
