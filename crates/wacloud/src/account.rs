//! The business account and phone number: the "test connection" read, the business profile,
//! and the webhook subscription (including the override callback URL that re-points webhooks to
//! a new tunnel without the Meta dashboard).
//!
//! ```no_run
//! # async fn demo(client: wacloud::GraphClient) -> Result<(), wacloud::GraphError> {
//! use secrecy::SecretString;
//! use wacloud::PhoneNumberId;
//! use wacloud::account::WabaId;
//! let phone = client.phone_number(&PhoneNumberId::parse("106540352242922").unwrap()).await?;
//! println!("{} ({})", phone.verified_name, phone.display_phone_number);
//! let waba = WabaId::parse("102290129340398").unwrap();
//! client.subscribe_app(&waba).await?;
//! let verify: SecretString = "a-long-random-verify-token".to_owned().into();
//! client.override_callback(&waba, "https://shop.trycloudflare.com/webhook", &verify).await?;
//! for app in client.subscribed_apps(&waba).await? {
//!     println!("{}: {:?}", app.name, app.override_callback_uri);
//! }
//! # Ok(()) }
//! ```

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::client::{GraphClient, Success, is_loopback};
use crate::error::{ErrorKind, GraphError};
use crate::ids::PhoneNumberId;
use crate::observe::Endpoint;

/// The fields [`GraphClient::phone_number`] asks for.
pub const PHONE_NUMBER_FIELDS: &str = "id,display_phone_number,verified_name,quality_rating,\
code_verification_status,platform_type,throughput,name_status,status,messaging_limit_tier,\
is_on_biz_app,whatsapp_business_manager_messaging_limit";
/// The fields [`GraphClient::business_profile`] asks for.
pub const BUSINESS_PROFILE_FIELDS: &str =
    "about,address,description,email,profile_picture_url,websites,vertical";
/// The longest override callback URL Meta accepts.
pub const MAX_CALLBACK_URL_LEN: usize = 200;

/// A WhatsApp Business Account id (digits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WabaId(String);

impl WabaId {
    /// Accepts 1 to 32 digits (surrounding spaces ignored).
    pub fn parse(input: &str) -> Result<Self, GraphError> {
        let t = input.trim();
        if !t.is_empty() && t.len() <= 32 && t.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(t.to_owned()))
        } else {
            Err(GraphError::local(
                ErrorKind::InvalidParameter,
                format!(
                    "a WhatsApp Business Account id is the numeric id Meta shows for the account (got {input:?})"
                ),
            ))
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WabaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for WabaId {
    type Error = GraphError;
    fn try_from(s: String) -> Result<Self, GraphError> {
        Self::parse(&s)
    }
}

impl From<WabaId> for String {
    fn from(id: WabaId) -> String {
        id.0
    }
}

/// A business phone number, as `GET /{phone-number-id}` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber {
    /// The phone number id.
    pub id: String,
    /// The number as customers see it (`+1 555-078-3881`).
    pub display_phone_number: String,
    /// The business name Meta approved for the number.
    pub verified_name: String,
    /// `GREEN`, `YELLOW`, `RED` or `UNKNOWN`: how customers have received recent messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_rating: Option<String>,
    /// `VERIFIED`, `NOT_VERIFIED`, `EXPIRED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_verification_status: Option<String>,
    /// `CLOUD_API`, `ON_PREMISE`, `NOT_APPLICABLE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_type: Option<String>,
    /// The number's sending throughput.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Throughput>,
    /// Where the display name is in review (`APPROVED`, `PENDING_REVIEW`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_status: Option<String>,
    /// The number's status (`CONNECTED`, `PENDING`, `FLAGGED`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Business-initiated conversations allowed per 24 hours (`TIER_1K`, ...). Deprecated by
    /// Meta in favour of [`Self::whatsapp_business_manager_messaging_limit`]; read as a fallback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_limit_tier: Option<String>,
    /// The number is also on the WhatsApp Business app (coexistence): the owner keeps using it
    /// on the phone, and Meta allows it 20 messages per second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_on_biz_app: Option<bool>,
    /// The business portfolio's messaging limit: unique customers reached outside the 24-hour
    /// window per rolling 24 hours (`TIER_250`, `TIER_2K`, `TIER_10K`, `TIER_100K`,
    /// `TIER_UNLIMITED`). Kept as Meta sends it (a string or an object), read by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp_business_manager_messaging_limit: Option<serde_json::Value>,
}

/// A phone number's throughput.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throughput {
    /// `STANDARD` (80 messages/second), `HIGH` (up to 1,000), or `NOT_APPLICABLE`.
    pub level: String,
}

/// The profile customers see for a business number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessProfile {
    /// The "About" line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// The address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The contact email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The profile picture's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_picture_url: Option<String>,
    /// Up to two websites.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub websites: Vec<String>,
    /// The industry (`RETAIL`, `APPAREL`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertical: Option<String>,
}

/// An app subscribed to the account's webhooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscribedApp {
    /// The app id.
    pub id: String,
    /// The app name.
    pub name: String,
    /// The app's link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Where this account's webhooks go instead of the app's callback URL, if set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_callback_uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct DataList<T> {
    #[serde(default = "Vec::new")]
    data: Vec<T>,
}

#[derive(Deserialize)]
struct SubscribedAppEntry {
    whatsapp_business_api_data: AppData,
    #[serde(default)]
    override_callback_uri: Option<String>,
}

#[derive(Deserialize)]
struct AppData {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    link: Option<String>,
}

#[derive(Serialize)]
struct OverrideCallback<'a> {
    override_callback_uri: &'a str,
    verify_token: &'a str,
}

impl GraphClient {
    /// The business number (the "test connection" call): `GET /{phone-number-id}` with
    /// `fields=` [`PHONE_NUMBER_FIELDS`].
    pub async fn phone_number(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<PhoneNumber, GraphError> {
        self.get_json(
            Endpoint::Account,
            phone_number_id.as_str(),
            &[("fields", PHONE_NUMBER_FIELDS)],
        )
        .await
    }

    /// The business account's phone numbers (the first page, up to 100): `GET
    /// /{waba-id}/phone_numbers` with `fields=` [`PHONE_NUMBER_FIELDS`]. Tells whether a number
    /// belongs to the account.
    pub async fn phone_numbers(&self, waba_id: &WabaId) -> Result<Vec<PhoneNumber>, GraphError> {
        let list: DataList<PhoneNumber> = self
            .get_json(
                Endpoint::Account,
                &format!("{waba_id}/phone_numbers"),
                &[("fields", PHONE_NUMBER_FIELDS), ("limit", "100")],
            )
            .await?;
        Ok(list.data)
    }

    /// The number's business profile: `GET /{phone-number-id}/whatsapp_business_profile` with
    /// `fields=` [`BUSINESS_PROFILE_FIELDS`] (Meta wraps it in `data[0]`).
    pub async fn business_profile(
        &self,
        phone_number_id: &PhoneNumberId,
    ) -> Result<BusinessProfile, GraphError> {
        let list: DataList<BusinessProfile> = self
            .get_json(
                Endpoint::Account,
                &format!("{phone_number_id}/whatsapp_business_profile"),
                &[("fields", BUSINESS_PROFILE_FIELDS)],
            )
            .await?;
        list.data.into_iter().next().ok_or_else(|| {
            let mut err = GraphError::local(
                ErrorKind::Decode,
                "the business profile answer holds no profile",
            );
            err.http_status = Some(200);
            err
        })
    }

    /// Subscribes this app to the account's webhooks: `POST /{waba-id}/subscribed_apps` with no
    /// body. Needed before [`GraphClient::override_callback`].
    pub async fn subscribe_app(&self, waba_id: &WabaId) -> Result<(), GraphError> {
        let answer: Success = self
            .post_json::<(), _>(
                Endpoint::SubscribedApps,
                &format!("{waba_id}/subscribed_apps"),
                None,
            )
            .await?;
        answer.into_result("the webhook subscription")
    }

    /// Sends this account's `messages` webhooks to `callback_url` instead of the app's callback:
    /// `POST /{waba-id}/subscribed_apps` with `{"override_callback_uri","verify_token"}`. Meta
    /// checks the URL at once with the `GET` handshake, so the webhook server must already answer
    /// there with `verify_token`. The URL must be https (plain http to this computer only when
    /// the Graph API is a local fake) and at most 200 characters (checked
    /// first: [`ErrorKind::InvalidParameter`], no request). Template status webhooks keep going
    /// to the app's own callback.
    pub async fn override_callback(
        &self,
        waba_id: &WabaId,
        callback_url: &str,
        verify_token: &SecretString,
    ) -> Result<(), GraphError> {
        check_callback_url(callback_url, self.is_local())?;
        if verify_token.expose_secret().is_empty() {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                "the webhook verify token cannot be empty",
            ));
        }
        let body = OverrideCallback {
            override_callback_uri: callback_url,
            verify_token: verify_token.expose_secret(),
        };
        let answer: Success = self
            .post_json(
                Endpoint::SubscribedApps,
                &format!("{waba_id}/subscribed_apps"),
                Some(&body),
            )
            .await?;
        answer.into_result("the callback override")
    }

    /// The apps subscribed to the account's webhooks, with any override callback URL:
    /// `GET /{waba-id}/subscribed_apps`.
    pub async fn subscribed_apps(
        &self,
        waba_id: &WabaId,
    ) -> Result<Vec<SubscribedApp>, GraphError> {
        let list: DataList<SubscribedAppEntry> = self
            .get_json(
                Endpoint::SubscribedApps,
                &format!("{waba_id}/subscribed_apps"),
                &[],
            )
            .await?;
        Ok(list
            .data
            .into_iter()
            .map(|entry| SubscribedApp {
                id: entry.whatsapp_business_api_data.id,
                name: entry.whatsapp_business_api_data.name,
                link: entry.whatsapp_business_api_data.link,
                override_callback_uri: entry.override_callback_uri,
            })
            .collect())
    }
}

fn check_callback_url(callback_url: &str, local_graph: bool) -> Result<(), GraphError> {
    let refused = |why: String| GraphError::local(ErrorKind::InvalidParameter, why);
    if callback_url.chars().count() > MAX_CALLBACK_URL_LEN {
        return Err(refused(format!(
            "a callback URL can be at most {MAX_CALLBACK_URL_LEN} characters (this one has {})",
            callback_url.chars().count()
        )));
    }
    match url::Url::parse(callback_url) {
        Ok(url) if url.scheme() == "https" && url.has_host() => Ok(()),
        // Meta itself only takes https; a local fake may take plain http to this computer.
        Ok(url) if local_graph && url.scheme() == "http" && is_loopback(&url) => Ok(()),
        _ => Err(refused(format!(
            "a callback URL must be a public https URL (got {callback_url:?})"
        ))),
    }
}
