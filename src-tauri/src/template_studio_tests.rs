//! The templates studio's commands through the real IPC path, against the sandbox: check,
//! create, the draft of a synced template, the library, a header sample's upload (raw body),
//! delete, and the errors as `{code, message}`.

use serde_json::{Value, json};
use tauri::test::get_ipc_response;

use crate::tests::harness;

fn draft(name: &str, lang: &str) -> Value {
    json!({
        "name": name, "language": lang, "category": "utility",
        "header": {"kind": "text", "text": "Order {{1}}", "example": "1042"},
        "body": "Hi {{1}}, your order is ready.", "body_examples": ["Ana"],
        "footer": null, "buttons": [{"kind": "quick_reply", "text": "Thanks"}]
    })
}

#[test]
fn the_studio_commands_are_wired() {
    let h = harness();
    let problems = h
        .invoke("check_template", json!({"draft": draft("studio_ok", "en")}))
        .unwrap();
    assert_eq!(problems, json!([]));
    let bad = h
        .invoke("check_template", json!({"draft": draft("Bad Name", "en")}))
        .unwrap();
    assert_eq!(bad[0]["field"], "name");
    assert_eq!(bad[0]["code"], "name_charset");

    let created = h
        .invoke(
            "create_template",
            json!({"draft": draft("studio_ok", "en")}),
        )
        .unwrap();
    assert_eq!(created["status"], "PENDING");
    assert_eq!(created["name"], "studio_ok");
    assert!(created["id"].is_string());
    assert!(created.get("quality").is_some() && created.get("rejected_reason").is_some());

    let refused = h
        .invoke(
            "create_template",
            json!({"draft": draft("studio_ok", "en")}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_template");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("exists already")
    );

    let back = h
        .invoke(
            "template_draft",
            json!({"name": "studio_ok", "language": "en"}),
        )
        .unwrap();
    assert_eq!(back["body"], "Hi {{1}}, your order is ready.");
    assert_eq!(back["header"]["kind"], "text");
    assert_eq!(back["buttons"][0]["kind"], "quick_reply");
    let missing = h
        .invoke("template_draft", json!({"name": "nope", "language": "en"}))
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");

    let library = h
        .invoke(
            "template_library",
            json!({"shopName": "Lima Ceramics", "language": "es"}),
        )
        .unwrap();
    let library = library.as_array().unwrap();
    assert_eq!(library.len(), 6);
    assert!(
        library[0]["draft"]["body"]
            .as_str()
            .unwrap()
            .contains("Lima Ceramics")
    );
    assert!(library[0]["title"].is_string() && library[0]["key"].is_string());

    let meta = r#"{"filename":"price list.pdf","mime_type":"application/pdf"}"#;
    let sample = get_ipc_response(
        &h.window,
        crate::tests::raw_request(
            "upload_template_sample",
            b"%PDF-1.4 a small price list",
            meta,
        ),
    )
    .map(|b| b.deserialize::<Value>().unwrap())
    .unwrap();
    assert_eq!(sample["media"], "document");
    assert!(sample["handle"].as_str().unwrap().starts_with("4::"));

    let left = h
        .invoke(
            "delete_template",
            json!({"name": "studio_ok", "language": null}),
        )
        .unwrap();
    assert!(
        !left
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "studio_ok")
    );
    let not_editable = h
        .invoke(
            "edit_template",
            json!({"name": "studio_ok", "language": "en", "draft": draft("studio_ok", "en")}),
        )
        .unwrap_err();
    assert_eq!(not_editable["code"], "not_found");
}
