//! What the engine wires together, whichever the mode: Meta's Graph API and the app's secrets
//! when live, the fake's when in the sandbox ([`super::sandbox_mode`]).

use std::time::Duration;

use secrecy::SecretString;
use wacloud::{GraphConfig, PhoneNumberId};

use crate::config::LiveSettings;

/// What the engine wires together, whichever the mode.
pub(super) struct Wiring {
    pub(super) graph: GraphConfig,
    pub(super) app_secret: SecretString,
    pub(super) verify_token: SecretString,
    pub(super) phone_number_id: PhoneNumberId,
    pub(super) waba_id: Option<String>,
}

impl Wiring {
    pub(super) fn live(live: &LiveSettings, timeout: Duration) -> Self {
        Self {
            graph: GraphConfig {
                base_url: live.graph_url.clone(),
                api_version: live.api_version.clone(),
                timeout,
                ..GraphConfig::new(live.access_token.clone())
            },
            app_secret: live.app_secret.clone(),
            verify_token: live.verify_token.clone(),
            phone_number_id: live.phone_number_id.clone(),
            waba_id: live.business_account_id.clone(),
        }
    }
}
