//! `POST /{phone-number-id}/messages`: every kind of message, and read receipts. An accepted
//! message is reported `sent → delivered → read` (or `sent → failed` for an unreachable
//! customer) as signed webhooks; then the customer may answer (a tap on the first button of
//! reply buttons, the first row of a list, else a short text).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tracing::{debug, warn};
use wacloud::MediaKind;
use wacloud::send::{
    ActionButton, Content, Interactive, InteractiveHeader, OutgoingMessage, ReadReceipt,
    TemplateComponent, TemplateParameter,
};

use crate::clock::now_secs;
use crate::credentials::{SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID};
use crate::customers::{auto_reply_for, customer};
use crate::errors::{graph_error, invalid_parameter, no_such_object};
use crate::payloads::{self, Inbound};
use crate::state::{FakeState, lock};
use crate::templates::checks::check_send;
use crate::webhooks::post_with_retry;

/// A message sent by media id, or a read receipt, or refused as Meta would.
pub(crate) async fn post_message(
    State(state): State<Arc<FakeState>>,
    Path((_version, phone_number_id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if phone_number_id != SANDBOX_PHONE_NUMBER_ID {
        return no_such_object("post", &phone_number_id);
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return invalid_parameter(&e.to_string()),
    };
    if value.get("status").is_some() && value.get("type").is_none() {
        return match serde_json::from_value::<ReadReceipt>(value) {
            Ok(receipt) => {
                debug!(message_id = %receipt.message_id, "sandbox Graph API: marked read");
                Json(json!({"success": true})).into_response()
            }
            Err(e) => invalid_parameter(&e.to_string()),
        };
    }
    let message: OutgoingMessage = match serde_json::from_value(value) {
        Ok(m) => m,
        Err(e) => return invalid_parameter(&e.to_string()),
    };
    if let Err(reason) = message.content.validate() {
        return invalid_parameter(&reason);
    }
    if let Err(refused) = check_media_ids(&state, &message.content) {
        return refused;
    }
    if let Content::Template { template } = &message.content
        && let Err(refused) = check_send(&lock(&state.templates), template)
    {
        return refused;
    }
    let to = message.to.to_string();
    if crate::blocklist::is_blocked(&state, &to) {
        return graph_error(
            axum::http::StatusCode::BAD_REQUEST,
            131026,
            "OAuthException",
            "Message undeliverable",
            Some("The business has blocked this user: unblock them to message them."),
        );
    }
    let wamid = payloads::new_wamid();
    state.accepted.fetch_add(1, Ordering::Relaxed);
    debug!(%to, %wamid, kind = message.content.type_name(), "sandbox Graph API accepted a message");
    tokio::spawn(report_statuses(state.clone(), wamid.clone(), message));
    Json(json!({
        "messaging_product": "whatsapp",
        "contacts": [{"input": to, "wa_id": to}],
        "messages": [{"id": wamid}],
    }))
    .into_response()
}

/// Every file a message names by media id: the media itself, a template's header, or an
/// interactive message's header.
fn media_ids(content: &Content) -> Vec<(MediaKind, &str)> {
    fn by_id(kind: MediaKind, media: &wacloud::send::Media) -> Option<(MediaKind, &str)> {
        match &media.source {
            wacloud::send::MediaSource::Id(id) => Some((kind, id.as_str())),
            wacloud::send::MediaSource::Link(_) => None,
        }
    }
    match content {
        Content::Template { template } => template
            .components
            .iter()
            .filter_map(|c| match c {
                TemplateComponent::Header { parameters } => Some(parameters),
                _ => None,
            })
            .flatten()
            .filter_map(|p| match p {
                TemplateParameter::Image { image } => by_id(MediaKind::Image, image),
                TemplateParameter::Video { video } => by_id(MediaKind::Video, video),
                TemplateParameter::Document { document } => by_id(MediaKind::Document, document),
                _ => None,
            })
            .collect(),
        Content::Interactive {
            interactive:
                Interactive::Button {
                    header: Some(header),
                    ..
                },
        } => match header {
            InteractiveHeader::Image { image } => by_id(MediaKind::Image, image),
            InteractiveHeader::Video { video } => by_id(MediaKind::Video, video),
            InteractiveHeader::Document { document } => by_id(MediaKind::Document, document),
            InteractiveHeader::Text { .. } => None,
        }
        .into_iter()
        .collect(),
        other => other
            .media_parts()
            .and_then(|(kind, media)| by_id(kind, media))
            .into_iter()
            .collect(),
    }
}

/// Refuses a media id the fake did not issue, or a file that cannot be sent as its kind.
fn check_media_ids(state: &FakeState, content: &Content) -> Result<(), Response> {
    let store = lock(&state.media);
    for (kind, id) in media_ids(content) {
        let Some(file) = store.get(id) else {
            return Err(invalid_parameter(&format!(
                "Param {kind}['id'] is not a valid whatsapp business account media attachment ID"
            )));
        };
        let accepted = wacloud::media::accepted_types(kind);
        if !accepted.contains(&file.mime_type.as_str()) {
            return Err(graph_error(
                axum::http::StatusCode::BAD_REQUEST,
                131053,
                "OAuthException",
                "(#131053) Media upload error",
                Some(&format!(
                    "media {id} is {}, which cannot be sent as {kind}",
                    file.mime_type
                )),
            ));
        }
    }
    Ok(())
}

/// Why a send to `to` fails, if it does: Uma (unreachable) always (131026); a template to a
/// number that is not a simulated customer and ends in 26 (not on WhatsApp: 131026), or to a
/// number ending in 49 (Meta's cap on the marketing messages a person receives: 131049). Any
/// other number is a reachable customer, so a demo broadcast to a list mostly succeeds.
fn failure_for(to: &str, content: &Content) -> Option<(i64, &'static str, &'static str)> {
    match customer(to) {
        Some(c) if c.unreachable => Some((
            131026,
            "Message undeliverable",
            "The sandbox customer Uma cannot receive messages (a simulated failure).",
        )),
        _ if matches!(content, Content::Template { .. }) && to.ends_with("49") => Some((
            131049,
            "This message was not delivered to maintain healthy ecosystem engagement.",
            "The sandbox limits the marketing messages this customer receives (a simulated 131049).",
        )),
        None if matches!(content, Content::Template { .. }) && to.ends_with("26") => Some((
            131026,
            "Message undeliverable",
            "The sandbox treats a number ending in 26 as not on WhatsApp (a simulated 131026).",
        )),
        _ => None,
    }
}

/// `sent → delivered → read` (or `sent → failed`), then maybe an answer from the customer.
async fn report_statuses(state: Arc<FakeState>, wamid: String, message: OutgoingMessage) {
    let mut target = state.target.subscribe();
    if target.wait_for(Option::is_some).await.is_err() {
        return;
    }
    let to = message.to.to_string();
    let failure = failure_for(&to, &message.content);
    let unreachable = failure.is_some();
    let steps: &[&str] = if unreachable {
        &["sent", "failed"]
    } else {
        &["sent", "delivered", "read"]
    };
    for (step, delay) in steps.iter().zip(state.settings.status_delays) {
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = state.stop.cancelled() => return,
        }
        let error = failure.filter(|_| *step == "failed");
        let mut body = payloads::status(
            SANDBOX_WABA_ID,
            SANDBOX_PHONE_NUMBER_ID,
            &wamid,
            &to,
            step,
            now_secs(),
            error,
        );
        if let Some(data) = &message.biz_opaque_callback_data {
            payloads::set_callback_data(&mut body, data);
        }
        if let Err(e) = post_to_target(&state, &body).await {
            warn!(error = %e, "sandbox: could not deliver a status webhook");
            return;
        }
    }
    // A reaction is not answered; nor is a message with buttons (a person taps one instead).
    let answers = !matches!(
        message.content,
        Content::Reaction { .. } | Content::Interactive { .. }
    );
    if state.settings.auto_reply && !unreachable && answers {
        tokio::select! {
            _ = tokio::time::sleep(state.settings.status_delays[2]) => {}
            _ = state.stop.cancelled() => return,
        }
        let name = customer(&to).map_or("Sandbox customer", |c| c.name);
        let reply_id = payloads::new_wamid();
        let sender = Inbound {
            waba_id: SANDBOX_WABA_ID,
            phone_number_id: SANDBOX_PHONE_NUMBER_ID,
            from: &to,
            name,
            wamid: &reply_id,
            timestamp: now_secs(),
        };
        let body = answer(&sender, &wamid, &message.content);
        if let Err(e) = post_to_target(&state, &body).await {
            warn!(error = %e, "sandbox: a customer's answer could not be delivered");
        }
    }
}

/// What a simulated customer answers to `content` (sent as `wamid`).
fn answer(sender: &Inbound<'_>, wamid: &str, content: &Content) -> Value {
    match content {
        Content::Interactive {
            interactive: Interactive::Button { action, .. },
        } => {
            if let Some(ActionButton::Reply { reply }) = action.buttons.first() {
                return payloads::inbound_button_reply(sender, wamid, &reply.id, &reply.title);
            }
        }
        Content::Interactive {
            interactive: Interactive::List { action, .. },
        } => {
            if let Some(row) = action.sections.iter().flat_map(|s| &s.rows).next() {
                return payloads::inbound_list_reply(sender, wamid, &row.id, &row.title);
            }
        }
        _ => {}
    }
    payloads::inbound_text(
        sender.waba_id,
        sender.phone_number_id,
        sender.from,
        sender.name,
        sender.wamid,
        sender.timestamp,
        auto_reply_for(wamid),
    )
}

/// Posts a webhook to where webhooks go now (an override callback, else the engine).
async fn post_to_target(state: &FakeState, body: &Value) -> Result<(), String> {
    let url = state.target.borrow().clone();
    match url {
        Some(url) => post_with_retry(&state.http, &url, body).await,
        None => Err("no webhook target".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wacloud::send::{MediaSource, TemplateMessage};

    #[test]
    fn media_ids_are_found_wherever_a_message_names_them() {
        let image = Content::image(MediaSource::id("111"), None);
        assert_eq!(media_ids(&image), [(MediaKind::Image, "111")]);
        let by_link = Content::image(MediaSource::link("https://example.com/a.png"), None);
        assert!(media_ids(&by_link).is_empty());
        let template = Content::template(
            TemplateMessage::new("welcome_offer", "en").header_image(MediaSource::id("222")),
        );
        assert_eq!(media_ids(&template), [(MediaKind::Image, "222")]);
        assert!(media_ids(&Content::text("hi", false)).is_empty());
    }
}
