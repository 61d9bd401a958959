//! Export and import behind the app's commands, a real sandbox engine behind them: a CSV file
//! imported (and one that is not text refused), and the errors the UI branches on.

use serde_json::json;
use shopchat_core::export::{Format, Lang};

use crate::commands::export::import_file;
use crate::error::{ApiError, ApiErrorCode};
use crate::tests::harness;

#[test]
fn a_csv_file_is_imported_and_the_chat_list_knows_the_contacts() {
    let h = harness();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.csv");
    std::fs::write(&file, "name,phone\nCarla,+44 20 7946 0958\nNobody,12\n").unwrap();
    let report = tauri::async_runtime::block_on(import_file(&h.engine, &file, None)).unwrap();
    assert_eq!(report.added, 1);
    assert_eq!(report.refused.len(), 1);
    h.eventually("the imported contact", |h| {
        h.invoke("list_chats", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["wa_id"] == "442079460958" && c["name"] == "Carla")
    });
}

#[test]
fn a_file_that_is_not_text_or_has_no_phone_column_is_refused_as_invalid_input() {
    let h = harness();
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("photo.csv");
    std::fs::write(&binary, [0xff, 0xd8, 0xff, 0xe0, 0x00]).unwrap();
    let e = tauri::async_runtime::block_on(import_file(&h.engine, &binary, None)).unwrap_err();
    assert_eq!(e.code, ApiErrorCode::InvalidInput);
    assert!(e.message.contains("not text"), "{}", e.message);
    let no_phone = dir.path().join("list.csv");
    std::fs::write(&no_phone, "name,email\nAna,a@b.c\n").unwrap();
    let e = tauri::async_runtime::block_on(import_file(&h.engine, &no_phone, None)).unwrap_err();
    assert_eq!(e.code, ApiErrorCode::InvalidInput);
    assert!(e.message.contains("\"phone\" column"), "{}", e.message);
}

#[test]
fn exporting_an_unknown_conversation_is_not_found() {
    let h = harness();
    let dir = tempfile::tempdir().unwrap();
    let e: ApiError = tauri::async_runtime::block_on(h.engine.export_conversations(
        Some("15550109999".into()),
        Format::Csv,
        Lang::En,
        dir.path().join("x.csv"),
    ))
    .unwrap_err()
    .into();
    assert_eq!(e.code, ApiErrorCode::NotFound);
}
