//! Forwards the engine's domain events to the UI as Tauri events, and tells the owner about a
//! customer's message with a desktop notification when the window is not focused, and of a
//! template Meta approved or rejected.

use std::sync::Arc;

use shopchat_core::inert::{NOTICE_MAX_CHARS, NoticeThrottle, notification_text};
use shopchat_core::{DomainEvent, Engine};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;
use tokio_util::sync::CancellationToken;
use tracing::warn;

/// Forwards until `stop` (the engine was replaced) or the engine stops.
pub fn forward<R: Runtime>(app: AppHandle<R>, engine: Arc<Engine>, stop: CancellationToken) {
    let mut events = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        let mut throttle = NoticeThrottle::default();
        loop {
            let received = tokio::select! {
                _ = stop.cancelled() => return,
                received = events.recv() => received,
            };
            match received {
                Ok(event) => {
                    if let Err(e) = app.emit(event.channel(), &event) {
                        warn!(error = %e, "could not forward an event to the window");
                    }
                    if let DomainEvent::MessageReceived { message } = &event {
                        notify(&app, &engine, &mut throttle, message).await;
                    }
                    if let DomainEvent::TemplateUpdated {
                        template,
                        previous_status,
                    } = &event
                    {
                        notify_review(&app, template, previous_status.as_deref());
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    // Events were dropped under load: the window reloads rather than show stale
                    // chats and ticks.
                    warn!(missed, "the window missed events; asking it to reload");
                    let event = DomainEvent::Resync { missed };
                    if let Err(e) = app.emit(event.channel(), &event) {
                        warn!(error = %e, "could not ask the window to reload");
                    }
                }
                Err(RecvError::Closed) => return,
            }
        }
    });
}

async fn notify<R: Runtime>(
    app: &AppHandle<R>,
    engine: &Engine,
    throttle: &mut NoticeThrottle,
    message: &shopchat_core::MessageView,
) {
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    // One notification per chat per interval: a customer cannot flood the desktop.
    if focused || !throttle.allow(&message.contact, std::time::Instant::now()) {
        return;
    }
    let name = engine
        .contact(&message.contact)
        .await
        .ok()
        .flatten()
        .and_then(|c| c.name)
        .unwrap_or_else(|| format!("+{}", message.contact));
    // Never a raw `[type]` (a photo reads "Photo", a reaction "Ana reacted ❤️ to “…”"); the
    // customer's words and chosen name escaped, stripped of format characters, shortened.
    let body = notification_text(&message.summary(&name), NOTICE_MAX_CHARS);
    let name = notification_text(&name, 60);
    if let Err(e) = app.notification().builder().title(name).body(body).show() {
        warn!(error = %e, "could not show a notification");
    }
}

/// A template was approved or rejected (with Meta's reason): a notification in the owner's
/// language (the name is the owner's own, Meta's reason plain text; both made inert anyway).
fn notify_review<R: Runtime>(
    app: &AppHandle<R>,
    template: &shopchat_core::views::TemplateView,
    previous_status: Option<&str>,
) {
    let lang = shopchat_core::i18n::owner_lang();
    let Some((title, body)) =
        shopchat_core::templates::notice::review_notice(template, previous_status, lang)
    else {
        return;
    };
    let body = notification_text(&body, NOTICE_MAX_CHARS);
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        warn!(error = %e, "could not show a notification");
    }
}
