//! The TypeScript types of the DTOs and events the UI sees (`ui/src/bindings/`, committed).
//! Each crate that exports some has a test that generates them and fails when the committed
//! files drift; `UPDATE_BINDINGS=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Generates `T` (and what it depends on) into `out`, with numbers as `number`.
pub fn export<T: TS + 'static>(out: &Path) {
    let cfg = Config::new().with_large_int("number").with_out_dir(out);
    T::export_all(&cfg).expect("export TypeScript bindings");
}

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
}

/// Compares every file generated in `generated` with the committed one; rewrites them when
/// `UPDATE_BINDINGS` is set. Shared by the crates that export bindings.
pub fn check_against_committed(generated: &Path) {
    let committed = committed_dir();
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(generated).expect("generated dir") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name").to_owned();
        let fresh = std::fs::read_to_string(&path).expect("generated file");
        let target = committed.join(&name);
        if std::fs::read_to_string(&target).ok().as_deref() != Some(fresh.as_str()) {
            if update {
                std::fs::create_dir_all(&committed).expect("bindings dir");
                std::fs::write(&target, &fresh).expect("write binding");
            } else {
                stale.push(name.to_string_lossy().into_owned());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date for {stale:?}: run `UPDATE_BINDINGS=1 cargo test --workspace bindings` and commit"
    );
}

#[cfg(test)]
#[test]
fn typescript_bindings_are_up_to_date() {
    use crate::events::DomainEvent;
    use crate::views::{ChatSummary, ContactView, MessageView, OutboxCounts, SearchHit};

    let dir = tempfile::tempdir().expect("temp dir");
    export::<ChatSummary>(dir.path());
    export::<ContactView>(dir.path());
    export::<MessageView>(dir.path());
    export::<OutboxCounts>(dir.path());
    export::<SearchHit>(dir.path());
    export::<crate::views::TemplateView>(dir.path());
    export::<crate::views::TemplateField>(dir.path());
    export::<crate::views::TemplateFieldKind>(dir.path());
    export::<crate::views::MediaLimitView>(dir.path());
    export::<crate::views::AttachmentMeta>(dir.path());
    export::<DomainEvent>(dir.path());
    export::<shopchat_template_rules::Draft>(dir.path());
    export::<shopchat_template_rules::Problem>(dir.path());
    export::<crate::templates::library::LibraryTemplate>(dir.path());
    export::<crate::engine::TemplateSample>(dir.path());
    export::<crate::contacts::ContactEntry>(dir.path());
    export::<crate::contacts::ContactFilter>(dir.path());
    export::<crate::contacts::LabelView>(dir.path());
    export::<crate::contacts::panel::ContactPanel>(dir.path());
    export::<crate::quick_replies::QuickReplyView>(dir.path());
    export::<crate::live::Diagnostics>(dir.path());
    export::<crate::live::ConnectionCheck>(dir.path());
    export::<crate::live::ConnectionProblem>(dir.path());
    export::<crate::live::PointedAt>(dir.path());
    export::<crate::live::ConnectionResult>(dir.path());
    export::<crate::live::GoLive>(dir.path());
    export::<crate::live::GoLiveOutcome>(dir.path());
    export::<crate::live::SetupState>(dir.path());
    export::<crate::events::OutboxHealth>(dir.path());
    export::<crate::settings::Settings>(dir.path());
    export::<crate::tunnel::TunnelState>(dir.path());
    export::<crate::documents::DocumentSummary>(dir.path());
    export::<crate::documents::DocumentView>(dir.path());
    export::<crate::documents::DocumentDraft>(dir.path());
    export::<crate::documents::DraftTotals>(dir.path());
    export::<crate::documents::ShopProfileView>(dir.path());
    export::<crate::documents::requests::DocumentRequest>(dir.path());
    export::<crate::documents::products::Product>(dir.path());
    export::<crate::links::CustomerView>(dir.path());
    export::<crate::links::CustomerInput>(dir.path());
    export::<crate::links::LinkCode>(dir.path());
    export::<crate::links::LinkRequestView>(dir.path());
    export::<crate::links::AuditEntry>(dir.path());
    export::<crate::links::ImportReport>(dir.path());
    export::<crate::bot::BotConfig>(dir.path());
    export::<crate::bot::Explanation>(dir.path());
    export::<crate::export::ExportSummary>(dir.path());
    export::<crate::export::Format>(dir.path());
    export::<crate::export::contacts::ContactImport>(dir.path());
    export::<crate::stats::Stats>(dir.path());
    export::<crate::stats::Figure>(dir.path());
    export::<crate::broadcasts::BroadcastView>(dir.path());
    export::<crate::broadcasts::NewBroadcast>(dir.path());
    export::<crate::broadcasts::Created>(dir.path());
    export::<crate::broadcasts::report::Report>(dir.path());
    export::<crate::engine::BroadcastDetail>(dir.path());
    check_against_committed(dir.path());
}
