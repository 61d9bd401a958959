//! Documents through a whole sandbox engine: the PDF the fake Graph API received is the file on
//! disk, byte for byte; the document follows its message to the read tick; outside the
//! customer's 24-hour window a document is refused before any request.

use std::time::Duration;

use fake_graph::payloads;
use shopchat_core::config::Mode;
use shopchat_core::documents::{self, DocumentStatus, DocumentsError, NewDocument};
use shopchat_core::outbox::SendError;
use shopchat_core::settings::Settings;
use shopchat_documents::{Kind, Line};
use shopchat_e2e::*;

fn receipt(to: &str) -> NewDocument {
    NewDocument {
        kind: Kind::Receipt,
        to: to.into(),
        lines: vec![Line {
            description: "Blue mug".into(),
            quantity: "2".into(),
            unit: None,
            unit_price: "19.99".into(),
            discount: "0".into(),
            tax_rate: "21".into(),
        }],
        currency: None,
        lang: None,
        notes: None,
        due_date: None,
        customer_address: None,
        customer_tax_id: None,
        cancels: None,
    }
}

#[tokio::test]
async fn the_fake_receives_the_very_file_and_the_document_reaches_read() {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await;
    let customer = fake_graph::CUSTOMERS[1].wa_id;
    t.customer_writes(customer, "Could I get a receipt?").await;
    let store = t.engine.store();
    let store_dir = t.dir.path().join("sandbox");
    let media_dir = shopchat_core::media::files::media_dir(&store_dir);
    let today = time::OffsetDateTime::now_utc().date();
    let doc = documents::issue(
        store,
        &store_dir,
        &Settings::default(),
        receipt(customer),
        today,
    )
    .await
    .unwrap();
    let message = documents::send(
        store,
        &store_dir,
        &media_dir,
        &doc.summary.number,
        None,
        None,
    )
    .await
    .unwrap();
    let read = eventually(Duration::from_secs(10), "the read tick", || async {
        let shown = documents::show(store, &store_dir, &doc.summary.number)
            .await
            .unwrap();
        (shown.summary.status == DocumentStatus::Read).then_some(shown)
    })
    .await;
    assert_eq!(read.summary.message_id, Some(message.id));
    let id = message.id;
    let media_id: String = store
        .read(move |c| {
            Ok(c.query_row(
                "SELECT media_id FROM media WHERE message_id = ?1",
                [id],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    let (bytes, mime) = t
        .engine
        .fake_graph()
        .unwrap()
        .media(&media_id)
        .expect("the fake holds the upload");
    assert_eq!(mime, "application/pdf");
    let file = std::fs::read(doc.summary.files.pdf.as_deref().unwrap()).unwrap();
    assert!(bytes == file, "the uploaded PDF is not the file");
    t.stop().await;
}

#[tokio::test]
async fn outside_the_window_a_document_is_refused_before_any_request() {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await;
    let customer = "15550100055";
    // The customer wrote two days ago.
    let body = payloads::inbound_text(
        fake_graph::SANDBOX_WABA_ID,
        fake_graph::SANDBOX_PHONE_NUMBER_ID,
        customer,
        "Old Customer",
        &payloads::new_wamid(),
        fake_graph::clock::now_secs() - 2 * 86_400,
        "Hello, long ago",
    );
    assert_eq!(t.post(&body).await, 200);
    eventually(Duration::from_secs(5), "the old message", || async {
        (!t.messages(customer).await.is_empty()).then_some(())
    })
    .await;
    let store_dir = t.dir.path().join("sandbox");
    let media_dir = shopchat_core::media::files::media_dir(&store_dir);
    let today = time::OffsetDateTime::now_utc().date();
    let store = t.engine.store();
    let doc = documents::issue(
        store,
        &store_dir,
        &Settings::default(),
        receipt(customer),
        today,
    )
    .await
    .unwrap();
    let accepted = t.engine.fake_graph().unwrap().accepted();
    let refused = documents::send(
        store,
        &store_dir,
        &media_dir,
        &doc.summary.number,
        None,
        None,
    )
    .await;
    assert!(
        matches!(
            refused,
            Err(DocumentsError::Send(SendError::OutsideWindow { .. }))
        ),
        "{refused:?}"
    );
    let shown = documents::show(store, &store_dir, &doc.summary.number)
        .await
        .unwrap();
    assert_eq!(shown.summary.status, DocumentStatus::Issued);
    assert_eq!(shown.summary.message_id, None);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(t.engine.fake_graph().unwrap().accepted(), accepted);

    // As the DOCUMENT header of an approved template it goes, and reaches the customer.
    t.engine.sync_templates().await.unwrap();
    let wrong_kind = documents::send(
        store,
        &store_dir,
        &media_dir,
        &doc.summary.number,
        None,
        Some(documents::TemplateChoice {
            name: "welcome_offer".into(),
            language: "en".into(),
            parameters: None,
        }),
    )
    .await;
    assert!(
        matches!(&wrong_kind, Err(DocumentsError::Send(SendError::Invalid(m))) if m.contains("image header")),
        "{wrong_kind:?}"
    );
    let message = documents::send(
        store,
        &store_dir,
        &media_dir,
        &doc.summary.number,
        None,
        Some(documents::TemplateChoice {
            name: "document_ready".into(),
            language: "en".into(),
            parameters: None,
        }),
    )
    .await
    .unwrap();
    assert_eq!(message.kind, "template");
    let read = eventually(Duration::from_secs(10), "the read tick", || async {
        let shown = documents::show(store, &store_dir, &doc.summary.number)
            .await
            .unwrap();
        (shown.summary.status == DocumentStatus::Read).then_some(shown)
    })
    .await;
    assert_eq!(read.summary.message_id, Some(message.id));
    let id = message.id;
    let (media_id, payload): (String, String) = store
        .read(move |c| {
            Ok(c.query_row(
                "SELECT m.media_id, o.payload FROM media m JOIN outbox o ON o.message_id = m.message_id
                 WHERE m.message_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    let (bytes, _) = t
        .engine
        .fake_graph()
        .unwrap()
        .media(&media_id)
        .expect("the upload");
    let file = std::fs::read(doc.summary.files.pdf.as_deref().unwrap()).unwrap();
    assert!(bytes == file, "the uploaded PDF is not the file");
    let sent: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let components = &sent["template"]["components"];
    assert_eq!(
        components[0]["parameters"][0]["document"]["id"],
        media_id.as_str()
    );
    assert_eq!(
        components[0]["parameters"][0]["document"]["filename"],
        format!("{}.pdf", doc.summary.number)
    );
    let body: Vec<&str> = components[1]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        body,
        ["Old Customer", "receipt", doc.summary.number.as_str()]
    );
    t.stop().await;
}

/// The shop's messages to `customer` after its message `after`, once the outbox took them.
async fn answers(
    t: &TestEngine,
    customer: &str,
    after: i64,
    count: usize,
) -> Vec<shopchat_core::MessageView> {
    eventually(Duration::from_secs(10), "the shop's answers", || async {
        let out: Vec<_> = t
            .messages(customer)
            .await
            .into_iter()
            .filter(|m| m.id > after && m.direction == shopchat_core::Direction::Out)
            .collect();
        (out.len() >= count).then_some(out)
    })
    .await
}

#[tokio::test]
async fn a_customer_asking_in_the_chat_gets_their_document_once() {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await;
    let customer = fake_graph::CUSTOMERS[2].wa_id;
    let store = t.engine.store();
    let store_dir = t.dir.path().join("sandbox");
    let today = time::OffsetDateTime::now_utc().date();

    // Nothing yet: a polite answer in the customer's language, and a request for the owner.
    let asked = t.customer_writes(customer, "¿Mi factura?").await;
    let none = answers(&t, customer, asked.id, 1).await;
    assert!(
        none[0]
            .text
            .as_deref()
            .unwrap()
            .starts_with("Todavía no tenemos una factura"),
        "{none:?}"
    );
    let open = store.read(documents::requests::open).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].contact.as_str(), open[0].kind.as_deref()),
        (customer, Some("invoice"))
    );

    // Two documents; "invoice" gets the invoice, and resolves the request.
    let invoice = documents::issue(
        store,
        &store_dir,
        &Settings::default(),
        NewDocument {
            kind: Kind::Invoice,
            ..receipt(customer)
        },
        today,
    )
    .await
    .unwrap();
    documents::issue(
        store,
        &store_dir,
        &Settings::default(),
        receipt(customer),
        today,
    )
    .await
    .unwrap();
    let asked = t.customer_writes(customer, "INVOICE!").await;
    let sent = answers(&t, customer, asked.id, 1).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].kind, "document");
    assert_eq!(
        sent[0].text.as_deref(),
        Some(format!("Invoice {}", invoice.summary.number).as_str())
    );
    assert!(
        store
            .read(documents::requests::open)
            .await
            .unwrap()
            .is_empty()
    );
    let shown = documents::show(store, &store_dir, &invoice.summary.number)
        .await
        .unwrap();
    assert_eq!(shown.summary.message_id, Some(sent[0].id));

    // The same webhook again is not answered again.
    let wamid = asked.wamid.clone().unwrap();
    let replay = payloads::inbound_text(
        fake_graph::SANDBOX_WABA_ID,
        fake_graph::SANDBOX_PHONE_NUMBER_ID,
        customer,
        "Chloé",
        &wamid,
        fake_graph::clock::now_secs(),
        "INVOICE!",
    );
    assert_eq!(t.post(&replay).await, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        answers(&t, customer, asked.id, 1).await.len(),
        1,
        "answered twice"
    );

    // "my documents" with two: a list; choosing one sends it.
    let asked = t.customer_writes(customer, "mis documentos").await;
    let list = answers(&t, customer, asked.id, 1).await;
    assert_eq!(list[0].kind, "interactive");
    let raw = t
        .engine
        .store()
        .read({
            let id = list[0].id;
            move |c| {
                Ok(
                    c.query_row("SELECT raw FROM messages WHERE id = ?1", [id], |r| {
                        r.get::<_, String>(0)
                    })?,
                )
            }
        })
        .await
        .unwrap();
    let payload: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let rows = payload["interactive"]["action"]["sections"][0]["rows"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(rows.len(), 2, "{payload}");
    let receipt_row = rows
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with("REC"))
        .unwrap();
    let sender = payloads::Inbound {
        waba_id: fake_graph::SANDBOX_WABA_ID,
        phone_number_id: fake_graph::SANDBOX_PHONE_NUMBER_ID,
        from: customer,
        name: "Chloé",
        wamid: &payloads::new_wamid(),
        timestamp: fake_graph::clock::now_secs(),
    };
    let last = list[0].id;
    let choice = payloads::inbound_list_reply(
        &sender,
        list[0].wamid.as_deref().unwrap_or("wamid.X"),
        receipt_row["id"].as_str().unwrap(),
        receipt_row["title"].as_str().unwrap(),
    );
    assert_eq!(t.post(&choice).await, 200);
    let chosen = answers(&t, customer, last, 1).await;
    assert_eq!(chosen[0].kind, "document");
    assert!(
        chosen[0]
            .text
            .as_deref()
            .unwrap()
            .starts_with("Receipt REC-"),
        "{chosen:?}"
    );
    t.stop().await;
}
