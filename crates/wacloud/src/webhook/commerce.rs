//! Shop-related parts of inbound messages: a cart (`order`), a product enquiry
//! (`context.referred_product`) and the ad or post a chat started from (`referral`).
//!
//! Each is read leniently: ids may come as numbers, prices and quantities as strings, and a
//! product line that cannot be read is skipped rather than losing the order.

use serde::{Deserialize, Serialize};

use super::lenient;

/// A cart the customer sent from the catalogue (`type: order`).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct Order {
    /// The catalogue the products come from.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub catalog_id: Option<String>,
    /// The note the customer wrote with the cart.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub text: Option<String>,
    /// The lines of the cart.
    #[serde(default, deserialize_with = "lenient::vec_skip")]
    pub product_items: Vec<ProductItem>,
}

/// One line of an [`Order`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ProductItem {
    /// The business's own id for the product (its SKU in the catalogue).
    #[serde(deserialize_with = "lenient::string")]
    pub product_retailer_id: String,
    /// How many.
    #[serde(default, deserialize_with = "lenient::opt_i64")]
    pub quantity: Option<i64>,
    /// The unit price, in `currency`.
    #[serde(default, deserialize_with = "lenient::opt_f64")]
    pub item_price: Option<f64>,
    /// ISO 4217 code (`USD`).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub currency: Option<String>,
}

/// `context.referred_product`: the product a customer asks about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ReferredProduct {
    /// The catalogue the product is in.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub catalog_id: Option<String>,
    /// The business's own id for the product.
    #[serde(deserialize_with = "lenient::string")]
    pub product_retailer_id: String,
}

/// `referral`: the click-to-WhatsApp ad or the post the customer tapped to start the chat.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct Referral {
    /// The ad's or post's URL.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub source_url: Option<String>,
    /// The ad's or post's id.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub source_id: Option<String>,
    /// `ad` or `post`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub source_type: Option<String>,
    /// The ad's headline.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub headline: Option<String>,
    /// The ad's body text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub body: Option<String>,
    /// `image` or `video`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub media_type: Option<String>,
    /// The ad's image, when `media_type` is `image`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub image_url: Option<String>,
    /// The ad's video, when `media_type` is `video`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub video_url: Option<String>,
    /// The video's thumbnail, when `media_type` is `video`.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub thumbnail_url: Option<String>,
    /// The click id, for conversion reporting to Meta.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub ctwa_clid: Option<String>,
    /// The greeting the ad showed, if it had one.
    #[serde(default, deserialize_with = "lenient::opt_skip")]
    pub welcome_message: Option<WelcomeMessage>,
}

/// `referral.welcome_message`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct WelcomeMessage {
    /// The greeting's text.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub text: Option<String>,
}
