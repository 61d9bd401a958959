//! What the fake keeps of the business account: its subscription, the override callback and the
//! business profile.

use serde_json::{Map, Value, json};

/// What the account endpoints change.
pub(crate) struct Account {
    /// Whether the app is subscribed to the account's webhooks.
    pub(crate) subscribed: bool,
    /// The verified override callback.
    pub(crate) override_uri: Option<String>,
    /// The business profile, as `GET …/whatsapp_business_profile` answers it.
    pub(crate) profile: Map<String, Value>,
}

impl Default for Account {
    fn default() -> Self {
        let profile = json!({
            "about": "Handmade ceramics and homeware. Ask us anything!",
            "address": "12 Harbour Street, Springfield",
            "description": "A small shop selling mugs, bowls and plates made in our own studio.",
            "email": "hello@shop.example.com",
            "websites": ["https://shop.example.com/"],
            "vertical": "RETAIL",
            "messaging_product": "whatsapp",
        });
        Self {
            subscribed: true,
            override_uri: None,
            profile: profile.as_object().cloned().unwrap_or_default(),
        }
    }
}
