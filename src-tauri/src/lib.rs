//! The Shopchat desktop app: the engine from `shopchat-core`, running inside a Tauri 2 window.
//!
//! The engine starts in `setup()` on Tauri's tokio runtime and stops cleanly on exit. Commands are
//! thin wrappers (`commands/`), domain events become Tauri events (`events.rs`), errors reach the
//! UI as `{ code, message }` (`error.rs`).

pub mod commands;
pub mod error;
pub mod events;
pub mod startup;
pub mod state;

use std::sync::Arc;

use tauri::{Manager, RunEvent};
use tauri_plugin_store::StoreExt;
use tracing::error;

use crate::state::AppState;

/// Registers every command the UI may call.
pub fn invoke_handler<R: tauri::Runtime>()
-> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::app::app_info,
        commands::app::outbox_counts,
        commands::app::outbox_health,
        commands::app::resume_outbox,
        commands::chats::list_chats,
        commands::chats::list_messages,
        commands::chats::mark_read,
        commands::chats::search_messages,
        commands::chats::send_text,
        commands::media::send_attachment,
        commands::media::send_reaction,
        commands::media::media_limits,
        commands::media::retry_media,
        commands::media::open_media,
        commands::media::save_media,
        commands::media::open_url,
        commands::templates::list_templates,
        commands::templates::sync_templates,
        commands::templates::send_template,
        commands::sandbox::sandbox_customers,
        commands::sandbox::sandbox_say,
    ]
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Starts the engine for `app` and manages the state the commands use.
fn start_engine<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let listen_setting = app
        .store(startup::SETTINGS_FILE)
        .ok()
        .and_then(|s| s.get("listen"))
        .and_then(|v| v.as_str().map(str::to_owned));
    let (engine, data_dir) = match startup::resolve(env_var, listen_setting) {
        Ok(s) => {
            let data_dir = s.config.data_dir.clone();
            let started = tauri::async_runtime::block_on(startup::start(s));
            (started.map(Arc::new).map_err(|e| e.to_string()), data_dir)
        }
        Err(e) => (Err(e.to_string()), Default::default()),
    };
    match &engine {
        Ok(engine) => events::forward(app.clone(), engine.clone()),
        Err(reason) => error!(%reason, "the engine could not start"),
    }
    app.manage(AppState::new(engine, data_dir));
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SHOPCHAT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let app = tauri::Builder::default()
        // First, so that a second launch only focuses the first window.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_asynchronous_uri_scheme_protocol(media_protocol::SCHEME, media_protocol::handle)
        .setup(|app| {
            start_engine(app.handle());
            Ok(())
        })
        .invoke_handler(invoke_handler())
        .build(tauri::generate_context!())
        .expect("the Tauri app could not be built");

    app.run(|app, event| {
        if let RunEvent::Exit = event
            && let Some(engine) = app.try_state::<AppState>().and_then(|s| s.running())
        {
            tauri::async_runtime::block_on(engine.shutdown());
        }
    });
}

mod media_protocol;

#[cfg(test)]
mod tests;
