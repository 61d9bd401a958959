//! The engine's side of coexistence with the WhatsApp Business app: the history import's state,
//! and the sandbox's phone (an echo, a history import) through the real signed-webhook path.

use serde::Deserialize;
use ts_rs::TS;
use wacloud::WaId;

use super::texts::TEXTS;
use super::{Engine, EngineError};
use crate::coexistence::history::{self, HistoryStatus};
use crate::i18n::say;
use crate::outbox::SendError;

/// What the sandbox's phone does.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SandboxPhone {
    /// The owner sends `text` to `to` from the WhatsApp Business app.
    Echo { to: String, text: String },
    /// The one-time import of the phone's past chats (the same chunks every time).
    History,
}

impl Engine {
    /// How the history import is going, per business number.
    pub async fn history_status(&self) -> Result<Vec<HistoryStatus>, EngineError> {
        Ok(self.store().read(history::status).await?)
    }

    /// In the sandbox: the phone sends the engine an echo or the history import.
    pub async fn sandbox_phone(&self, action: SandboxPhone) -> Result<(), EngineError> {
        let Some(sandbox) = &self.sandbox else {
            return Err(EngineError::NotSandbox);
        };
        if let SandboxPhone::Echo { to, text } = &action {
            WaId::parse(to)
                .map_err(|e| SendError::Invalid(crate::compose::refusals::id_error(&e)))?;
            if text.trim().is_empty() {
                return Err(SendError::Invalid(say(TEXTS, "engine.empty_message", &[])).into());
            }
        }
        #[cfg(feature = "sandbox")]
        {
            let _ = sandbox;
            let url = self.webhook_url();
            let answers = match &action {
                SandboxPhone::Echo { to, text } => {
                    vec![crate::sandbox::phone::echo(&self.http, &url, to, text).await]
                }
                SandboxPhone::History => {
                    match crate::sandbox::phone::history(&self.http, &url).await {
                        Ok(all) => all.into_iter().map(Ok).collect(),
                        Err(e) => vec![Err(e)],
                    }
                }
            };
            for answer in answers {
                let status = answer.map_err(|e| std::io::Error::other(e.to_string()))?;
                if !status.is_success() {
                    return Err(std::io::Error::other(say(
                        TEXTS,
                        "engine.refused_webhook",
                        &[("status", &status.to_string())],
                    ))
                    .into());
                }
            }
            Ok(())
        }
        #[cfg(not(feature = "sandbox"))]
        {
            let _ = action;
            match *sandbox {}
        }
    }
}
