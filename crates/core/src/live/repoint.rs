//! "Point Meta at this URL": subscribes the app to the business account's webhooks, sets the
//! override callback (Meta checks it at once with the verify-token handshake), then reads the
//! subscription back to confirm Meta kept it. The tunnel supervisor does the same each time the
//! public URL changes.

use secrecy::SecretString;
use serde::Serialize;
use ts_rs::TS;
use wacloud::{GraphClient, WabaId};

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
        let graph_err = |what: &str, e: wacloud::GraphError| RepointError(format!("{what}: {e}"));
        self.graph
            .subscribe_app(&self.waba)
            .await
            .map_err(|e| graph_err("Meta refused to subscribe the app to the account", e))?;
        self.graph
            .override_callback(&self.waba, callback_url, &self.verify_token)
            .await
            .map_err(|e| graph_err("Meta refused the webhook URL", e))?;
        let apps = self
            .graph
            .subscribed_apps(&self.waba)
            .await
            .map_err(|e| graph_err("could not read the subscription back from Meta", e))?;
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
            Some(app) => Err(RepointError(format!(
                "Meta accepted the URL but reads back {:?} for {}",
                app.override_callback_uri
                    .as_deref()
                    .unwrap_or("no override"),
                app.name
            ))),
            None => Err(RepointError(
                "Meta accepted the URL but no subscribed app reads it back".to_owned(),
            )),
        }
    }
}

impl CallbackRepointer for GraphRepointer {
    fn repoint<'a>(&'a self, callback_url: &'a str) -> RepointFuture<'a> {
        Box::pin(async move { self.point(callback_url).await.map(|_| ()) })
    }
}
