//! The settings wizard's model, Tauri-free: what the window sends when the owner connects their
//! number ([`GoLive`]), its validation field by field, and saving it — secrets to the keystore,
//! the rest to the settings file — only once every field is valid and Meta accepted the token.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::texts::TEXTS;
use super::{ConnectionCheck, ConnectionProblem, WhatsAppAccount, test_connection};
use crate::i18n::say;
use crate::secrets::{Keystore, Secret, SecretName, SecretsError};
use crate::settings::{Settings, SettingsError, TunnelChoice};

/// Everything the wizard collected. A secret left `null` keeps the one already in the keystore
/// (changing settings later without pasting every token again).
#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GoLive {
    #[ts(type = "string | null")]
    pub access_token: Option<Secret>,
    pub phone_number_id: String,
    pub business_account_id: String,
    pub app_id: Option<String>,
    pub business_name: Option<String>,
    #[ts(type = "string | null")]
    pub app_secret: Option<Secret>,
    #[ts(type = "string | null")]
    pub verify_token: Option<Secret>,
    pub tunnel: TunnelChoice,
    #[ts(type = "string | null")]
    pub ngrok_authtoken: Option<Secret>,
    pub ngrok_domain: Option<String>,
    /// "I have my own public HTTPS URL" (with `tunnel: none`).
    pub own_url: Option<String>,
    pub repoint_callback: bool,
}

/// A field the owner must fix, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// What saving the wizard did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum GoLiveOutcome {
    /// Saved: the app restarts live.
    Saved { check: ConnectionCheck },
    /// Nothing saved: these fields are not valid.
    Invalid { problems: Vec<FieldProblem> },
    /// Nothing saved: Meta did not accept the account.
    Connection { problem: ConnectionProblem },
}

/// Why saving failed after validation (the keystore or the disk).
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Secrets(#[from] SecretsError),
    #[error(transparent)]
    Settings(#[from] SettingsError),
}

/// The shortest verify token accepted (a generated one has 32 characters).
pub const MIN_VERIFY_TOKEN_LEN: usize = 16;

impl GoLive {
    /// Every field problem, given which secrets the keystore already holds.
    pub fn problems(&self, stored: impl Fn(SecretName) -> bool) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, message: String| {
            problems.push(FieldProblem {
                field: field.to_owned(),
                message,
            })
        };
        let text = |key: &str| say(TEXTS, key, &[]);
        let missing = |value: &Option<Secret>, name| {
            value.as_ref().is_none_or(Secret::is_empty) && !stored(name)
        };
        if missing(&self.access_token, SecretName::AccessToken) {
            problem("access_token", text("live.field.access_token"));
        }
        if !is_numeric_id(&self.phone_number_id) {
            problem("phone_number_id", text("live.field.phone_number_id"));
        }
        if !is_numeric_id(&self.business_account_id) {
            problem(
                "business_account_id",
                text("live.field.business_account_id"),
            );
        }
        if let Some(app_id) = self.app_id.as_deref().filter(|a| !a.trim().is_empty())
            && !is_numeric_id(app_id)
        {
            problem("app_id", text("live.field.app_id"));
        }
        if missing(&self.app_secret, SecretName::AppSecret) {
            problem("app_secret", text("live.field.app_secret"));
        } else if let Some(s) = &self.app_secret
            && s.expose().chars().any(char::is_whitespace)
        {
            problem("app_secret", text("live.field.app_secret_spaces"));
        }
        if missing(&self.verify_token, SecretName::VerifyToken) {
            problem("verify_token", text("live.field.verify_token"));
        } else if let Some(t) = &self.verify_token
            && (t.expose().len() < MIN_VERIFY_TOKEN_LEN
                || !t.expose().bytes().all(|b| b.is_ascii_graphic()))
        {
            problem("verify_token", text("live.field.verify_token_short"));
        }
        match self.tunnel {
            TunnelChoice::Ngrok => {
                if missing(&self.ngrok_authtoken, SecretName::NgrokAuthtoken) {
                    problem("ngrok_authtoken", text("live.field.ngrok_authtoken"));
                }
            }
            TunnelChoice::None => match self.own_url.as_deref().map(str::trim) {
                None | Some("") => problem("own_url", text("live.field.own_url")),
                Some(url) => {
                    if let Some(why) = own_url_problem(url) {
                        problem("own_url", why);
                    }
                }
            },
        }
        let settings = self.settings(Settings::default());
        if let Err(SettingsError::Invalid(fields)) = settings.validate() {
            for (field, why) in fields {
                // The settings' `public_url` is the wizard's `own_url`.
                let field = if field == "public_url" {
                    "own_url"
                } else {
                    field
                };
                if !problems.iter().any(|p| p.field == field) {
                    problems.push(FieldProblem {
                        field: field.to_owned(),
                        message: why,
                    });
                }
            }
        }
        problems
    }

    /// `current` with this request's non-secret settings.
    pub fn settings(&self, current: Settings) -> Settings {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        Settings {
            phone_number_id: Some(self.phone_number_id.trim().to_owned()),
            business_account_id: Some(self.business_account_id.trim().to_owned()),
            app_id: clean(&self.app_id),
            business_name: clean(&self.business_name),
            tunnel: self.tunnel,
            ngrok_domain: clean(&self.ngrok_domain),
            public_url: match self.tunnel {
                TunnelChoice::None => clean(&self.own_url).map(|u| base_url(&u)),
                TunnelChoice::Ngrok => None,
            },
            repoint_callback: self.repoint_callback,
            ..current
        }
    }

    /// Validates, tests the account against Meta (`graph_url`), then saves: the secrets given
    /// to `keystore`, the settings to `settings_file`. Nothing is written unless all of it is
    /// valid and Meta accepted the token.
    pub async fn save(
        &self,
        keystore: &Keystore,
        settings_file: &Path,
        graph_url: &str,
    ) -> Result<GoLiveOutcome, SaveError> {
        let problems = self.problems(|name| keystore.is_set(name).unwrap_or(false));
        if !problems.is_empty() {
            return Ok(GoLiveOutcome::Invalid { problems });
        }
        let current = Settings::load(settings_file)?;
        let token = match &self.access_token {
            Some(t) if !t.is_empty() => t.clone(),
            _ => keystore
                .get(SecretName::AccessToken)?
                .ok_or(SecretsError::Empty(SecretName::AccessToken))?,
        };
        let account = WhatsAppAccount {
            graph_url: graph_url.to_owned(),
            api_version: current.api_version.clone(),
            access_token: token.to_secret_string(),
            phone_number_id: self.phone_number_id.trim().to_owned(),
            business_account_id: Some(self.business_account_id.trim().to_owned()),
        };
        let check = match test_connection(&account).await {
            Ok(check) => check,
            Err(problem) => return Ok(GoLiveOutcome::Connection { problem }),
        };
        for (name, value) in [
            (SecretName::AccessToken, &self.access_token),
            (SecretName::AppSecret, &self.app_secret),
            (SecretName::VerifyToken, &self.verify_token),
            (SecretName::NgrokAuthtoken, &self.ngrok_authtoken),
        ] {
            if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
                keystore.set(name, value)?;
            }
        }
        let mut settings = self.settings(current);
        settings.display_phone_number = Some(check.display_phone_number.clone());
        settings.on_business_app = check.on_business_app;
        settings.save(settings_file)?;
        Ok(GoLiveOutcome::Saved { check })
    }
}

/// `https://host[/path]` without a trailing `/webhook` or slash.
fn base_url(url: &str) -> String {
    url.trim()
        .trim_end_matches('/')
        .trim_end_matches("/webhook")
        .to_owned()
}

fn own_url_problem(url: &str) -> Option<String> {
    match reqwest::Url::parse(url.trim()) {
        Ok(u) if u.scheme() == "https" && u.host_str().is_some_and(|h| h.contains('.')) => {
            (base_url(url).len() + "/webhook".len() > wacloud::account::MAX_CALLBACK_URL_LEN)
                .then(|| say(TEXTS, "live.field.own_url_long", &[]))
        }
        Ok(u) if u.scheme() == "http" => Some(say(TEXTS, "live.field.own_url_http", &[])),
        _ => Some(say(TEXTS, "live.field.own_url_format", &[])),
    }
}

fn is_numeric_id(id: &str) -> bool {
    let id = id.trim();
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_digit())
}

/// What the wizard shows when it opens: the saved settings, which secrets are set (never their
/// values), and whether the keystore works here.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupState {
    /// `live` or `sandbox`.
    pub mode: String,
    pub settings: Settings,
    pub secrets: Vec<SecretStatus>,
    /// Why the OS keystore cannot be used, if it cannot (nothing can be saved then).
    pub keystore_error: Option<String>,
    /// Meta and the tunnel are simulated on this computer (`SHOPCHAT_FAKE_META=1`).
    pub rehearsal: bool,
    /// Why the app could not go live with what is saved, if it tried and failed.
    pub live_error: Option<String>,
}

/// Whether one credential is in the keystore.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SecretStatus {
    /// `whatsapp-access-token`, `whatsapp-app-secret`, `whatsapp-verify-token`, `ngrok-authtoken`.
    pub name: String,
    pub set: bool,
}

impl SecretStatus {
    /// Every credential's status in `keystore` (all unset when it cannot be read).
    pub fn all(keystore: Option<&Keystore>) -> Vec<Self> {
        SecretName::ALL
            .into_iter()
            .map(|name| Self {
                name: name.user().to_owned(),
                set: keystore.is_some_and(|k| k.is_set(name).unwrap_or(false)),
            })
            .collect()
    }
}
