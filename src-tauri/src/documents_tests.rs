//! The documents commands through Tauri's mock IPC, a real sandbox engine behind them: the
//! editor's totals and preview, issuing, sending with the ticks following, cancelling with a
//! credit note, the product list, the shop profile, and the errors the UI branches on.

use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{INVOKE_KEY, get_ipc_response};
use tauri::webview::InvokeRequest;

use crate::tests::{Harness, harness};

const ANA: &str = "15550100002";

/// A command that answers raw bytes (a PDF).
fn invoke_bytes(h: &Harness, cmd: &str, args: Value) -> Result<Vec<u8>, Value> {
    let response = get_ipc_response(
        &h.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "http://localhost:5173".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    match response {
        Ok(InvokeResponseBody::Raw(bytes)) => Ok(bytes),
        Ok(InvokeResponseBody::Json(text)) => panic!("{cmd} answered JSON: {text}"),
        Err(e) => Err(e),
    }
}

fn draft(lines: Value) -> Value {
    json!({"draft": {
        "kind": "invoice", "contact": ANA, "lines": lines,
        "currency": "EUR", "lang": "en", "notes": null, "due_date": "2026-12-31",
        "customer_address": null, "customer_tax_id": null
    }})
}

fn line(description: &str, quantity: &str, price: &str, rate: &str) -> Value {
    json!({"description": description, "quantity": quantity, "unit": null,
           "unit_price": price, "discount": "", "tax_rate": rate})
}

/// A contact who has written (documents go to contacts of the shop).
fn customer_writes(h: &Harness) {
    h.invoke(
        "sandbox_say",
        json!({"from": ANA, "text": "Hola, can I have an invoice?", "name": "Ana"}),
    )
    .unwrap();
    h.eventually("the chat", |h| {
        !h.invoke("list_chats", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .is_empty()
    });
}

#[test]
fn the_editor_gets_exact_totals_and_a_preview_that_takes_no_number() {
    let h = harness();
    customer_writes(&h);
    let lines = json!([
        line("Espresso", "3", "19.99", "21"),
        line("Beans", "1", "0.1", "10"),
        line("Cup", "1", "0.2", "10")
    ]);
    let totals = h.invoke("document_totals", draft(lines.clone())).unwrap();
    assert_eq!(totals["lines"], json!(["59.97", "0.10", "0.20"]));
    assert_eq!(totals["subtotal"], "60.27");
    assert_eq!(totals["tax"], "12.62");
    assert_eq!(totals["total"], "72.89");
    assert_eq!(totals["problem"], Value::Null);

    let bad = h
        .invoke(
            "document_totals",
            draft(json!([line("Cup", "0", "2", "10")])),
        )
        .unwrap();
    assert!(
        bad["problem"].as_str().unwrap().starts_with("line 1:"),
        "{bad}"
    );

    let pdf = invoke_bytes(&h, "preview_document", draft(lines)).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    // The preview took no number: the first issued invoice is still 0001.
    let issued = h
        .invoke(
            "issue_document",
            draft(json!([line("Cup", "1", "5", "21")])),
        )
        .unwrap();
    assert!(
        issued["number"].as_str().unwrap().ends_with("-0001"),
        "{issued}"
    );
}

#[test]
fn issue_send_and_the_ticks_follow_then_cancel_with_a_credit_note() {
    let h = harness();
    customer_writes(&h);
    let doc = h
        .invoke(
            "issue_document",
            draft(json!([line("Cup", "2", "6.50", "21")])),
        )
        .unwrap();
    assert_eq!(doc["status"], "issued");
    assert_eq!(doc["total"], "15.73");
    assert_eq!(doc["due_date"], "2026-12-31");
    let id = doc["id"].as_i64().unwrap().to_string();

    let pdf = invoke_bytes(&h, "document_pdf", json!({"document": id})).unwrap();
    let on_disk = std::fs::read(doc["files"]["pdf"].as_str().unwrap()).unwrap();
    assert_eq!(pdf, on_disk, "the record shows the file that is sent");

    let sent = h
        .invoke("send_document", json!({"document": id, "caption": null}))
        .unwrap();
    assert_eq!(sent["media"]["kind"], "document");
    h.eventually("the read tick on the document", |h| {
        h.invoke("show_document", json!({"document": id})).unwrap()["status"] == "read"
    });
    let carried = h
        .invoke("document_of_message", json!({"messageId": sent["id"]}))
        .unwrap();
    assert_eq!(carried["number"], doc["number"]);

    let credit = h
        .invoke("cancel_document", json!({"document": doc["number"]}))
        .unwrap();
    assert_eq!(credit["kind"], "credit_note");
    assert_eq!(credit["cancels"], doc["number"]);
    let list = h
        .invoke(
            "list_documents",
            json!({"kind": null, "contact": ANA, "query": null}),
        )
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["status"], "cancelled");
    let again = h
        .invoke("cancel_document", json!({"document": doc["number"]}))
        .unwrap_err();
    assert_eq!(again["code"], "invalid_input", "{again}");
}

#[test]
fn errors_name_the_problem_with_the_codes_the_ui_branches_on() {
    let h = harness();
    let unknown = h
        .invoke(
            "issue_document",
            draft(json!([line("Cup", "1", "5", "21")])),
        )
        .unwrap_err();
    assert_eq!(unknown["code"], "invalid_input");
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("not a contact"),
        "{unknown}"
    );
    let missing = h
        .invoke("show_document", json!({"document": "INV-2099-0001"}))
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");
    let format = h
        .invoke("open_document", json!({"document": "1", "format": "odt"}))
        .unwrap_err();
    assert_eq!(format["code"], "not_found", "no document 1 yet: {format}");
}

#[test]
fn products_and_the_shop_profile_are_kept_and_checked() {
    let h = harness();
    let stored = h
        .invoke(
            "save_product",
            json!({"product": {"id": null, "name": "Cold brew kit", "unit_price": "34.90", "tax_rate": "21", "unit": null}}),
        )
        .unwrap();
    assert!(stored["id"].is_i64());
    let refused = h
        .invoke(
            "save_product",
            json!({"product": {"id": null, "name": "Mug", "unit_price": "-1", "tax_rate": "21", "unit": null}}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_input");
    assert_eq!(
        h.invoke("list_products", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    h.invoke("delete_product", json!({"id": stored["id"]}))
        .unwrap();
    assert_eq!(h.invoke("list_products", json!({})).unwrap(), json!([]));

    let mut shop = h.invoke("shop_profile", json!({})).unwrap();
    shop["profile"]["currency"] = json!("USD");
    shop["profile"]["shop_address"] = json!("1 Main St");
    let saved = h
        .invoke(
            "save_shop_profile",
            json!({"businessName": "Corner Shop", "profile": shop["profile"]}),
        )
        .unwrap();
    assert_eq!(saved["business_name"], "Corner Shop");
    assert_eq!(saved["profile"]["currency"], "USD");
    shop["profile"]["default_tax_rate"] = json!("150");
    let refused = h
        .invoke(
            "save_shop_profile",
            json!({"businessName": "Corner Shop", "profile": shop["profile"]}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    let dir = tempfile::tempdir().unwrap();
    let not_an_image = dir.path().join("logo.png");
    std::fs::write(&not_an_image, b"not a png").unwrap();
    shop["profile"]["default_tax_rate"] = json!("21");
    shop["profile"]["shop_logo"] = json!(not_an_image);
    let refused = h
        .invoke(
            "save_shop_profile",
            json!({"businessName": "Corner Shop", "profile": shop["profile"]}),
        )
        .unwrap_err();
    assert!(
        refused["message"].as_str().unwrap().contains("logo"),
        "{refused}"
    );
    // What was refused was not saved.
    assert_eq!(
        h.invoke("shop_profile", json!({})).unwrap()["profile"]["default_tax_rate"],
        saved["profile"]["default_tax_rate"]
    );
}

#[test]
fn a_template_with_a_document_header_takes_a_file_and_the_bot_can_be_muted() {
    let h = harness();
    customer_writes(&h);
    tauri::async_runtime::block_on(h.engine.sync_templates()).unwrap();
    let meta = json!({"contact": ANA, "name": "document_ready", "language": "en",
        "parameters": ["Ana", "price list", "2026"], "filename": "prices.pdf",
        "mime_type": "application/pdf"});
    let response = get_ipc_response(
        &h.window,
        crate::tests::raw_request(
            "send_template_file",
            b"%PDF-1.4 a small price list",
            &meta.to_string(),
        ),
    )
    .map(|b| b.deserialize::<Value>().unwrap());
    let sent = response.unwrap();
    assert_eq!(sent["type"], "template");
    h.eventually("the template read", |h| {
        h.invoke(
            "list_messages",
            json!({"contact": ANA, "beforeId": null, "limit": 50}),
        )
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == sent["id"] && m["status"] == "read")
    });

    assert_eq!(
        h.invoke("bot_muted", json!({"contact": ANA})).unwrap(),
        false
    );
    h.invoke("set_bot_muted", json!({"contact": ANA, "muted": true}))
        .unwrap();
    assert_eq!(
        h.invoke("bot_muted", json!({"contact": ANA})).unwrap(),
        true
    );
    let bad = h
        .invoke(
            "set_bot_muted",
            json!({"contact": "not a number", "muted": true}),
        )
        .unwrap_err();
    assert_eq!(bad["code"], "invalid_input");
}
