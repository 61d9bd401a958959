fn main() {
    // The app's own commands get `allow-<command>` permissions; the capability grants exactly those.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "list_chats",
        "list_messages",
        "mark_read",
        "search_messages",
        "send_text",
        "outbox_counts",
        "outbox_health",
        "resume_outbox",
        "sandbox_customers",
        "sandbox_say",
        "send_reaction",
        "send_attachment",
        "media_limits",
        "retry_media",
        "open_media",
        "save_media",
        "open_url",
        "list_templates",
        "sync_templates",
        "send_template",
        "setup_state",
        "test_connection",
        "generate_verify_token",
        "go_live",
        "tunnel_state",
        "point_meta",
        "disconnect",
        "diagnostics",
        "diagnostics_report",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
