//! What the fake's handlers share: its settings, where webhooks go, and each area's state.

use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::account::profile::Account;
use crate::blocklist::store::Blocklist;
use crate::media::store::MediaStore;
use crate::settings::Settings;
use crate::templates::store::TemplateStore;

/// What the handlers share.
pub(crate) struct FakeState {
    pub(crate) settings: Settings,
    /// `http://127.0.0.1:{port}`: for the download addresses and paging links it hands out.
    pub(crate) base_url: String,
    /// Where webhooks go: the override callback if one was verified, else the engine's.
    pub(crate) target: watch::Sender<Option<String>>,
    pub(crate) targets: Mutex<Targets>,
    pub(crate) http: reqwest::Client,
    pub(crate) stop: CancellationToken,
    pub(crate) accepted: AtomicU64,
    pub(crate) media: Mutex<MediaStore>,
    pub(crate) templates: Mutex<TemplateStore>,
    pub(crate) account: Mutex<Account>,
    pub(crate) blocklist: Mutex<Blocklist>,
    /// Whether a template's review is reported by webhook (else only the list tells it).
    pub(crate) template_webhooks: std::sync::atomic::AtomicBool,
}

/// The two webhook destinations Meta knows: the app's callback and an override.
#[derive(Default)]
pub(crate) struct Targets {
    /// The app's callback (the engine's `/webhook`); template status updates always go here.
    pub(crate) default: Option<String>,
    /// The WABA's override callback, set through `subscribed_apps`.
    pub(crate) overridden: Option<String>,
}

impl FakeState {
    /// Publishes the effective webhook target after a change to either destination.
    pub(crate) fn set_targets(&self, change: impl FnOnce(&mut Targets)) {
        let mut targets = lock(&self.targets);
        change(&mut targets);
        let effective = targets
            .overridden
            .clone()
            .or_else(|| targets.default.clone());
        self.target.send_replace(effective);
    }

    /// The app's own callback, ignoring any override.
    pub(crate) fn default_target(&self) -> Option<String> {
        lock(&self.targets).default.clone()
    }
}

/// Locks a mutex, taking the data even if a handler panicked while holding it (every update
/// leaves the data consistent before anything that could panic).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The value of query parameter `name`, if given.
pub(crate) fn query_value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `object` with only the comma-separated `fields` asked for (and `id`), or whole when no
/// `fields` were asked for (Meta's `?fields=` on a read).
pub(crate) fn only_fields(object: &Value, fields: Option<&str>) -> Value {
    let (Some(fields), Value::Object(map)) = (fields, object) else {
        return object.clone();
    };
    let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
    Value::Object(
        map.iter()
            .filter(|(k, _)| k.as_str() == "id" || wanted.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}
