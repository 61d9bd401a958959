//! A fake of the Graph API on loopback: everything the Cloud API does for one shop, so every
//! feature can be tried with no Meta account, through the real Graph client. It is a test and
//! demo double, never part of a live engine: the engine's sandbox mode, the CLI's tests, the
//! end-to-end tests and the desktop's rehearsal of going live all run against it.
//!
//! One module per Graph area, each holding its handlers and its state:
//! * [`messages`]: `POST /{phone-number-id}/messages` (every kind of message, and read
//!   receipts). An accepted message is reported `sent → delivered → read` (or `sent → failed`
//!   for an unreachable customer) as signed webhooks, and the customer may answer.
//! * [`media`]: upload, `GET /{media-id}`, the download address, and deletion.
//! * [`templates`]: `/{waba-id}/message_templates`, seeded with a few templates.
//! * [`account`]: the phone number, the business profile; [`subscriptions`]: `subscribed_apps`
//!   (with Meta's verification handshake against an override callback).
//!
//! The routes are registered in one place, [`server`]'s router. Every request needs the
//! sandbox's access token (error 190 otherwise); unknown ids and paths get Meta's error shapes
//! ([`errors`]). Beside the server: the simulated [`customers`], and [`payloads`], the webhook
//! bodies Meta sends, for the fake and for tests.
//!
//! The sandbox's credentials ([`credentials`]) are public constants, not secrets: they only
//! ever guard loopback traffic between an engine and its own fake.

pub mod account;
pub mod blocklist;
pub mod clock;
pub mod coexistence;
pub mod credentials;
pub mod customers;
pub mod errors;
mod ids;
pub mod media;
pub mod messages;
pub mod payloads;
pub mod server;
pub mod settings;
mod state;
pub mod subscriptions;
pub mod templates;
pub mod webhooks;

pub use credentials::{
    SANDBOX_ACCESS_TOKEN, SANDBOX_APP_SECRET, SANDBOX_PHONE_NUMBER_ID, SANDBOX_VERIFY_TOKEN,
    SANDBOX_WABA_ID,
};
pub use customers::{CUSTOMERS, Customer, customer};
pub use media::store::{SAMPLE_MEDIA_ID, SAMPLE_PNG, StoredMedia};
pub use server::FakeGraph;
pub use settings::Settings;
