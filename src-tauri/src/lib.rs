//! The Shopchat desktop app: the engine from `shopchat-core`, running inside a Tauri 2 window.
//!
//! The engine starts in `setup()` on Tauri's tokio runtime and stops cleanly on exit. Commands are
//! thin wrappers (`commands/`), domain events become Tauri events (`events.rs`), errors reach the
//! UI as `{ code, message }` (`error.rs`).

pub mod commands;
pub mod error;
pub mod events;
pub mod rehearsal;
pub mod startup;
pub mod state;

use shopchat_core::engine::texts::TEXTS;
use shopchat_core::i18n::say;
use tauri::{Manager, RunEvent};
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
        commands::app::set_language,
        commands::chats::list_chats,
        commands::chats::list_messages,
        commands::chats::mark_read,
        commands::chats::search_messages,
        commands::chats::send_text,
        commands::chats::retry_message,
        commands::chats::delete_message,
        commands::media::send_attachment,
        commands::media::send_reaction,
        commands::media::media_limits,
        commands::media::retry_media,
        commands::media::download_anyway,
        commands::media::open_media,
        commands::media::save_media,
        commands::media::open_url,
        commands::templates::list_templates,
        commands::templates::sync_templates,
        commands::templates::send_template,
        commands::documents::list_documents,
        commands::documents::show_document,
        commands::documents::preview_document,
        commands::documents::document_totals,
        commands::documents::document_pdf,
        commands::documents::issue_document,
        commands::documents::send_document,
        commands::documents::cancel_document,
        commands::documents::open_document,
        commands::documents::save_document_as,
        commands::export::export_chats,
        commands::export::export_contacts,
        commands::export::import_contacts,
        commands::stats::statistics,
        commands::stats::save_statistics_csv,
        commands::documents::document_of_message,
        commands::documents::document_requests,
        commands::documents::dismiss_document_requests,
        commands::documents::list_products,
        commands::documents::save_product,
        commands::documents::delete_product,
        commands::documents::shop_profile,
        commands::documents::save_shop_profile,
        commands::documents::choose_logo,
        commands::contacts::contact_entries,
        commands::contacts::contact_panel,
        commands::contacts::labels,
        commands::contacts::save_label,
        commands::contacts::edit_label,
        commands::contacts::delete_label,
        commands::contacts::set_label,
        commands::contacts::add_note,
        commands::contacts::edit_note,
        commands::contacts::delete_note,
        commands::contacts::set_contact_name,
        commands::contacts::set_contact_flag,
        commands::contacts::set_blocked,
        commands::contacts::set_opted_out,
        commands::contacts::quick_replies,
        commands::contacts::save_quick_reply,
        commands::contacts::remove_quick_reply,
        commands::contacts::render_quick_reply,
        commands::broadcasts::list_broadcasts,
        commands::broadcasts::show_broadcast,
        commands::broadcasts::create_broadcast,
        commands::broadcasts::pause_broadcast,
        commands::broadcasts::resume_broadcast,
        commands::broadcasts::cancel_broadcast,
        commands::broadcasts::export_broadcast,
        commands::broadcasts::choose_broadcast_csv,
        commands::links::list_customers,
        commands::links::show_customer,
        commands::links::customer_of_contact,
        commands::links::add_customer,
        commands::links::update_customer,
        commands::links::import_customers,
        commands::links::link_code,
        commands::links::unlink_customer,
        commands::links::link_requests,
        commands::links::approve_link_request,
        commands::links::dismiss_link_request,
        commands::links::link_audit,
        commands::links::bot_config,
        commands::links::save_bot_config,
        commands::links::try_bot,
        commands::links::bot_muted,
        commands::links::set_bot_muted,
        commands::templates::send_template_file,
        commands::templates::check_template,
        commands::templates::create_template,
        commands::templates::edit_template,
        commands::templates::delete_template,
        commands::templates::template_draft,
        commands::templates::template_library,
        commands::templates::upload_template_sample,
        commands::sandbox::sandbox_customers,
        commands::sandbox::sandbox_say,
        commands::coexistence::sandbox_phone,
        commands::coexistence::history_status,
        commands::setup::setup_state,
        commands::setup::test_connection,
        commands::setup::generate_verify_token,
        commands::setup::go_live,
        commands::setup::tunnel_state,
        commands::setup::point_meta,
        commands::setup::disconnect,
        commands::setup::diagnostics,
        commands::setup::diagnostics_report,
        commands::backup::backup_now,
        commands::backup::last_backup,
    ]
}

/// Opens the keystore, the rehearsal fakes when asked for, starts the engine, and manages the
/// state the commands use.
fn start_engine<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    let data_dir = match shopchat_core::config::default_data_dir(|n| std::env::var(n).ok()) {
        Ok(d) => d,
        Err(e) => {
            error!(reason = %e, "no data directory");
            app.manage(AppState::new(Err(e.to_string()), Default::default()));
            return;
        }
    };
    let keystore = keystore();
    let rehearsal = rehearsal::start();
    app.manage(
        AppState::new(Err(say(TEXTS, "app.starting", &[])), data_dir)
            .with_keystore(keystore)
            .with_rehearsal(rehearsal),
    );
    tauri::async_runtime::block_on(startup::launch(app));
}

/// The OS keystore, or why there is none (`SHOPCHAT_KEYSTORE=memory`: one that forgets
/// everything at exit, for demonstrations and tests on machines without one).
fn keystore() -> Result<shopchat_core::secrets::Keystore, String> {
    use shopchat_core::secrets::Keystore;
    if std::env::var("SHOPCHAT_KEYSTORE").is_ok_and(|v| v == "memory") {
        return Ok(Keystore::in_memory());
    }
    Keystore::platform().map_err(|e| {
        error!(reason = %e, "the OS keystore cannot be used; credentials cannot be saved");
        e.to_string()
    })
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SHOPCHAT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    // Until the window says which language it shows.
    shopchat_core::i18n::set_owner_lang(locale::system_lang(|name| std::env::var(name).ok()));

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
        .plugin(navigation::guard())
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
            && let Some(state) = app.try_state::<AppState>()
        {
            tauri::async_runtime::block_on(async {
                // After any restart under way, so the engine it starts is the one stopped.
                let _one_at_a_time = state.switching.lock().await;
                if let Some(engine) = state.running() {
                    engine.shutdown().await;
                }
            });
        }
    });
}

mod locale;
mod media_protocol;
mod navigation;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod setup_tests;

#[cfg(test)]
mod documents_tests;

#[cfg(test)]
mod export_tests;

#[cfg(test)]
mod template_studio_tests;
