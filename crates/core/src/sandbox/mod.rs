//! The engine's sandbox mode: the fake Graph API (the `shopchat-fake-graph` crate) on loopback
//! and simulated customers, so everything can be tried without a Meta account. The engine runs
//! exactly as in live mode, pointed at the fake: sends go through the real Graph client, and
//! statuses and customers' messages come back as signed webhooks over real HTTP.
//!
//! Here: what the sandbox adds to the engine (customers writing through the real webhook path,
//! the first-run seeding). Only this module and the engine's start know of the fake, and only
//! with the `sandbox` feature.

pub mod phone;
#[cfg(test)]
mod tests;

use fake_graph::credentials::{SANDBOX_APP_SECRET, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use fake_graph::customers::{CUSTOMERS, display_name};
use fake_graph::media::store::{SAMPLE_MEDIA_ID, SAMPLE_PNG};
use fake_graph::webhooks::post_with_retry;
use fake_graph::{FakeGraph, payloads};
use serde_json::Value;
use tokio_util::sync::CancellationToken;
use tracing::warn;
use wacloud::MediaKind;
use wacloud::media::MediaError;

use crate::config::SandboxSettings;
use crate::store::{Store, StoreError};

impl From<SandboxSettings> for fake_graph::Settings {
    fn from(settings: SandboxSettings) -> Self {
        Self {
            status_delays: settings.status_delays,
            auto_reply: settings.auto_reply,
        }
    }
}

/// Posts an inbound text from `from` to the engine at `webhook_url`, signed as Meta would.
pub async fn say(
    http: &reqwest::Client,
    webhook_url: &str,
    from: &str,
    name: Option<&str>,
    text: &str,
) -> Result<reqwest::StatusCode, reqwest::Error> {
    let name = display_name(from, name);
    let body = payloads::inbound_text(
        SANDBOX_WABA_ID,
        SANDBOX_PHONE_NUMBER_ID,
        from,
        name,
        &payloads::new_wamid(),
        crate::store::now_secs(),
        text,
    );
    payloads::post_signed(http, webhook_url, SANDBOX_APP_SECRET.as_bytes(), &body).await
}

/// Why a simulated customer's file could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum SayMediaError {
    /// Not one of `image`, `video`, `audio`, `document`, `sticker`.
    #[error("{0:?} is not a kind of media: use image, video, audio, document or sticker")]
    UnknownKind(String),
    /// A caption on audio or a sticker, or a file name on anything but a document.
    #[error("{0}")]
    Invalid(String),
    /// The file breaks the Cloud API's limits for its kind.
    #[error(transparent)]
    Media(#[from] MediaError),
    /// The webhook could not be posted.
    #[error("the webhook could not be posted: {0}")]
    Http(#[from] reqwest::Error),
}

/// Posts an inbound media message from `from` to the engine at `webhook_url`, signed as Meta
/// would: the file goes into the fake Graph API (so the engine downloads it from there, as from
/// Meta), and the webhook carries its media object `{id, mime_type, sha256, caption?,
/// filename?}`. `kind` is `image`, `video`, `audio`, `document` or `sticker`; an `audio/ogg`
/// file is sent as a voice note.
#[allow(clippy::too_many_arguments)]
pub async fn say_media(
    http: &reqwest::Client,
    webhook_url: &str,
    fake: &FakeGraph,
    from: &str,
    name: Option<&str>,
    kind: &str,
    bytes: Vec<u8>,
    mime: &str,
    filename: Option<&str>,
    caption: Option<&str>,
) -> Result<reqwest::StatusCode, SayMediaError> {
    let media_kind = MediaKind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| SayMediaError::UnknownKind(kind.to_owned()))?;
    if caption.is_some() && !media_kind.allows_caption() {
        return Err(SayMediaError::Invalid(format!(
            "a {kind} cannot have a caption"
        )));
    }
    if filename.is_some() && media_kind != MediaKind::Document {
        return Err(SayMediaError::Invalid(format!(
            "only a document has a file name (this is a {kind})"
        )));
    }
    let animated = media_kind == MediaKind::Sticker && webp_is_animated(&bytes);
    let stored = fake.store_media(media_kind, bytes, mime)?;
    let name = display_name(from, name);
    let wamid = payloads::new_wamid();
    let sender = payloads::Inbound {
        waba_id: SANDBOX_WABA_ID,
        phone_number_id: SANDBOX_PHONE_NUMBER_ID,
        from,
        name,
        wamid: &wamid,
        timestamp: crate::store::now_secs(),
    };
    let sha256 = stored.sha256_base64();
    let media = payloads::InboundMedia {
        id: &stored.id,
        mime_type: &stored.mime_type,
        sha256: &sha256,
        caption,
        filename,
        voice: stored.mime_type == "audio/ogg",
        animated,
    };
    let body = payloads::inbound_media(&sender, kind, &media);
    Ok(payloads::post_signed(http, webhook_url, SANDBOX_APP_SECRET.as_bytes(), &body).await?)
}

/// Whether a WebP file is animated: an extended (`VP8X`) header with the animation flag.
fn webp_is_animated(bytes: &[u8]) -> bool {
    bytes.len() >= 21
        && &bytes[0..4] == b"RIFF"
        && &bytes[8..12] == b"WEBP"
        && &bytes[12..16] == b"VP8X"
        && bytes[20] & 0x02 != 0
}

/// The seeded photo message: Ana shows which mug she means (the fake always holds the photo, so
/// the engine can fetch it whenever it runs).
fn seeded_photo(from: &str, name: &str, timestamp: i64) -> Value {
    let sha256 = payloads::base64(&{
        use sha2::Digest;
        sha2::Sha256::digest(SAMPLE_PNG)
    });
    let wamid = format!("wamid.SANDBOX.SEED.{from}.PHOTO");
    let sender = payloads::Inbound {
        waba_id: SANDBOX_WABA_ID,
        phone_number_id: SANDBOX_PHONE_NUMBER_ID,
        from,
        name,
        wamid: &wamid,
        timestamp,
    };
    let media = payloads::InboundMedia {
        id: SAMPLE_MEDIA_ID,
        mime_type: "image/png",
        sha256: &sha256,
        caption: Some("This one, in blue 💙"),
        ..payloads::InboundMedia::default()
    };
    payloads::inbound_media(&sender, "image", &media)
}

const SEEDED_KEY: &str = "sandbox_seeded";

/// Once per sandbox database: the seeded customers write their first messages, through the real
/// signed-webhook path; the first also sends a photo, so a thumbnail shows from the start.
pub(crate) async fn seed(store: Store, webhook_url: String, stop: CancellationToken) {
    let seeded = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM meta WHERE key = ?1",
                [SEEDED_KEY],
                |r| r.get::<_, i64>(0),
            )? > 0)
        })
        .await;
    if !matches!(seeded, Ok(false)) {
        return;
    }
    let http = reqwest::Client::new();
    let now = crate::store::now_secs();
    let openers = CUSTOMERS.iter().filter_map(|c| c.opening.map(|o| (c, o)));
    for (i, (c, text)) in openers.enumerate() {
        if stop.is_cancelled() {
            return;
        }
        let body = payloads::inbound_text(
            SANDBOX_WABA_ID,
            SANDBOX_PHONE_NUMBER_ID,
            c.wa_id,
            c.name,
            // Fixed ids: a seed interrupted and run again does not write anything twice.
            &format!("wamid.SANDBOX.SEED.{}", c.wa_id),
            now - 60 * (30 - 10 * i as i64),
            text,
        );
        if let Err(e) = post_with_retry(&http, &webhook_url, &body).await {
            warn!(error = %e, "sandbox: could not seed a customer message");
            return;
        }
        if i == 0 {
            let photo = seeded_photo(c.wa_id, c.name, now - 60 * (30 - 10 * i as i64) + 60);
            if let Err(e) = post_with_retry(&http, &webhook_url, &photo).await {
                warn!(error = %e, "sandbox: could not seed a customer's photo");
                return;
            }
        }
    }
    let marked = store
        .writer()
        .call(|ctx| {
            ctx.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
                [SEEDED_KEY],
            )?;
            Ok::<_, StoreError>(())
        })
        .await;
    if let Err(e) = marked {
        warn!(error = %e, "sandbox: could not record the seeding");
    }
}
