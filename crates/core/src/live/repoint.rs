//! "Point Meta at this URL": subscribes the app to the business account's webhooks, sets the
//! override callback (Meta checks it at once with the verify-token handshake), then reads the
//! subscription back to confirm Meta kept it. The tunnel supervisor does the same each time the
//! public URL changes.

use secrecy::SecretString;
use serde::Serialize;
use ts_rs::TS;
use wacloud::{GraphClient, WabaId};

use super::texts::TEXTS;
use crate::i18n::say;
use crate::tunnel::{CallbackRepointer, RepointError, RepointFuture};

/// Points the business account's webhooks at a URL through the Graph API.
#[derive(Clone)]
pub struct GraphRepointer {
    pub graph: GraphClient,
    pub waba: WabaId,
    pub verify_token: SecretString,
    /// The Meta app's id, when known: the read-back looks at that app's subscription.
    pub app_id: Option<String>,
}

/// Where Meta now sends the account's webhooks, as read back from Meta.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PointedAt {
    pub callback_url: String,
    /// The subscribed app's name, as Meta reports it.
    pub app_name: String,
}

impl GraphRepointer {
    /// Subscribes, overrides the callback with `callback_url`, and confirms by reading it back.
    pub async fn point(&self, callback_url: &str) -> Result<PointedAt, RepointError> {
        let graph_err = |key: &str, e: wacloud::GraphError| {
            RepointError(say(TEXTS, key, &[("error", &e.to_string())]))
        };
        self.graph
            .subscribe_app(&self.waba)
            .await
            .map_err(|e| graph_err("live.repoint.subscribe", e))?;
        self.graph
            .override_callback(&self.waba, callback_url, &self.verify_token)
            .await
            .map_err(|e| graph_err("live.repoint.callback", e))?;
        let apps = self
            .graph
            .subscribed_apps(&self.waba)
            .await
            .map_err(|e| graph_err("live.repoint.read_back", e))?;
        let ours = apps.iter().find(|a| match &self.app_id {
            Some(id) => &a.id == id,
            None => a.override_callback_uri.as_deref() == Some(callback_url),
        });
        match ours {
            Some(app) if app.override_callback_uri.as_deref() == Some(callback_url) => {
                Ok(PointedAt {
                    callback_url: callback_url.to_owned(),
                    app_name: app.name.clone(),
                })
            }
            Some(app) => {
                let url = app
                    .override_callback_uri
                    .clone()
                    .unwrap_or_else(|| say(TEXTS, "live.repoint.no_override", &[]));
                Err(RepointError(say(
                    TEXTS,
                    "live.repoint.mismatch",
                    &[("url", &format!("{url:?}")), ("app", &app.name)],
                )))
            }
            None => Err(RepointError(say(TEXTS, "live.repoint.missing", &[]))),
        }
    }
}

impl CallbackRepointer for GraphRepointer {
    fn repoint<'a>(&'a self, callback_url: &'a str) -> RepointFuture<'a> {
        Box::pin(async move { self.point(callback_url).await.map(|_| ()) })
    }
}
