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
    let message = documents::send(store, &store_dir, &media_dir, &doc.summary.number, None)
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
    let refused = documents::send(store, &store_dir, &media_dir, &doc.summary.number, None).await;
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
    t.stop().await;
}
