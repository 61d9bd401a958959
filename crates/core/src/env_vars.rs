//! The environment variables the engine reads (`config::env` names them too).

pub const DATA_DIR: &str = "SHOPCHAT_DATA_DIR";
pub const LISTEN: &str = "SHOPCHAT_LISTEN";
pub const ACCESS_TOKEN: &str = "WHATSAPP_ACCESS_TOKEN";
pub const APP_SECRET: &str = "WHATSAPP_APP_SECRET";
pub const VERIFY_TOKEN: &str = "WHATSAPP_VERIFY_TOKEN";
pub const PHONE_NUMBER_ID: &str = "WHATSAPP_PHONE_NUMBER_ID";
pub const BUSINESS_ACCOUNT_ID: &str = "WHATSAPP_BUSINESS_ACCOUNT_ID";
pub const API_VERSION: &str = "WHATSAPP_API_VERSION";
pub const GRAPH_URL: &str = "WHATSAPP_GRAPH_URL";
pub const OUTBOX_RATE: &str = "SHOPCHAT_OUTBOX_RATE";
pub const NGROK_AUTHTOKEN: &str = "NGROK_AUTHTOKEN";
