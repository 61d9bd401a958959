//! Files both ways, reactions, replies and templates, end to end: a live engine on port 0, a
//! wiremock Graph API, signed webhooks over real HTTP, the files on disk.

use std::time::Duration;

use serde_json::{Value, json};
use shopchat_core::compose::{Attachment, Compose, MessageRef, SendRequest};
use shopchat_core::engine::EngineError;
use shopchat_core::outbox::SendError;
use shopchat_core::views::{ContentView, Direction, MediaState, ReactionView};
use shopchat_core::{MessageStatus, MessageView};
use shopchat_e2e::*;
use wiremock::matchers::{body_json, body_partial_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

const WAIT: Duration = Duration::from_secs(15);

/// The test's own digest: the engine must agree with an independent computation.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// An inbound message of `kind` with `object`, as Meta posts it.
fn inbound(wamid: &str, kind: &str, object: Value, context: Option<Value>) -> Value {
    let mut message = json!({"from": CUSTOMER, "id": wamid, "timestamp": shopchat_core::store::now_secs().to_string(), "type": kind});
    message[kind] = object;
    if let Some(c) = context {
        message["context"] = c;
    }
    json!({"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
        "messages": [message]}}]}]})
}

async fn message(t: &TestEngine, id: i64) -> MessageView {
    t.engine.message(id).await.expect("read").expect("stored")
}

#[tokio::test]
async fn an_inbound_photo_is_downloaded_verified_and_kept_by_hash() {
    let (graph, t) = live().await;
    let photo = b"\x89PNG\r\n\x1a\n not really a png, but bytes".to_vec();
    let sha = sha256_hex(&photo);
    Mock::given(method("GET"))
        .and(path("/v24.0/7001"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp", "url": format!("{}/files/7001", graph.uri()),
            "mime_type": "image/png", "sha256": sha, "file_size": photo.len(), "id": "7001"})))
        .expect(1)
        .mount(&graph)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/7001"))
        .and(header(
            "authorization",
            format!("Bearer {ACCESS_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(photo.clone(), "image/png"))
        .expect(1)
        .mount(&graph)
        .await;
    let body = inbound(
        "wamid.PHOTO1",
        "image",
        json!({"id": "7001", "mime_type": "image/png", "sha256": sha, "caption": "this one?"}),
        Some(json!({"forwarded": true})),
    );
    assert_eq!(t.post(&body).await, 200);
    let m = eventually(WAIT, "the photo downloaded", || async {
        let m = t.messages(CUSTOMER).await.into_iter().next()?;
        (m.media.as_ref()?.state == MediaState::Ready).then_some(m)
    })
    .await;
    assert_eq!(m.text.as_deref(), Some("this one?"));
    assert!(m.forwarded);
    let media = m.media.as_ref().unwrap();
    assert_eq!(media.mime_type.as_deref(), Some("image/png"));
    assert_eq!(media.size, Some(photo.len() as i64));
    let file = t.engine.media_file(m.id).await.unwrap().expect("on disk");
    assert_eq!(std::fs::read(&file.path).unwrap(), photo);
    assert!(
        file.path.to_string_lossy().contains(&sha),
        "kept by content hash: {}",
        file.path.display()
    );
    // The same webhook again (at least once): one message, one download (the mocks expect 1).
    assert_eq!(t.post(&body).await, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(t.messages(CUSTOMER).await.len(), 1);
    t.stop().await;
}

#[tokio::test]
async fn a_media_id_meta_no_longer_knows_fails_with_its_reason_and_can_be_retried() {
    let (graph, t) = live().await;
    Mock::given(method("GET"))
        .and(path("/v24.0/7002"))
        .respond_with(graph_error(
            400,
            100,
            "Unsupported get request",
            "Object with ID '7002' does not exist",
        ))
        .mount(&graph)
        .await;
    let body = inbound(
        "wamid.DOC1",
        "document",
        json!({"id": "7002", "mime_type": "application/pdf", "sha256": "00", "filename": "../../invoice.pdf"}),
        None,
    );
    assert_eq!(t.post(&body).await, 200);
    let m = eventually(WAIT, "the download failed", || async {
        let m = t.messages(CUSTOMER).await.into_iter().next()?;
        (m.media.as_ref()?.state == MediaState::Failed).then_some(m)
    })
    .await;
    let media = m.media.unwrap();
    assert!(
        media
            .error
            .as_deref()
            .unwrap_or("")
            .contains("does not exist"),
        "{media:?}"
    );
    assert_eq!(
        media.filename.as_deref(),
        Some("invoice.pdf"),
        "a name from the network is made safe"
    );
    assert!(t.engine.media_file(m.id).await.unwrap().is_none());
    // The owner asks again: due at once.
    t.engine.retry_media(m.id).await.expect("retry accepted");
    assert!(t.engine.retry_media(m.id + 1000).await.is_err());
    t.stop().await;
}

#[tokio::test]
async fn an_attached_document_is_uploaded_once_then_sent_by_its_id() {
    let (graph, t) = live().await;
    t.customer_writes(CUSTOMER, "send me the invoice").await;
    Mock::given(method("POST"))
        .and(path(format!("/v24.0/{PHONE_NUMBER_ID}/media")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "880001"})))
        .expect(1)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(
            json!({"type": "document", "to": CUSTOMER,
            "document": {"id": "880001", "filename": "invoice-42.pdf", "caption": "Your invoice"}}),
        ))
        .respond_with(accepted("wamid.OUTDOC"))
        .expect(1)
        .mount(&graph)
        .await;
    let pdf = b"%PDF-1.4\n% a small pdf\n".to_vec();
    let queued = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: None,
            what: Compose::File(Attachment {
                kind: None,
                filename: "invoice-42.pdf".into(),
                mime_type: None,
                bytes: pdf.clone(),
                caption: Some("Your invoice".into()),
            }),
        })
        .await
        .expect("queued");
    assert_eq!(queued.media.as_ref().unwrap().state, MediaState::Uploading);
    let sent = eventually(WAIT, "the document sent", || async {
        let m = message(&t, queued.id).await;
        (m.status == MessageStatus::Sent).then_some(m)
    })
    .await;
    assert_eq!(sent.wamid.as_deref(), Some("wamid.OUTDOC"));
    assert_eq!(sent.media.as_ref().unwrap().state, MediaState::Ready);
    let file = t
        .engine
        .media_file(sent.id)
        .await
        .unwrap()
        .expect("our copy");
    assert_eq!(std::fs::read(file.path).unwrap(), pdf);
    // The upload carried the file, its type and messaging_product.
    let uploads: Vec<_> = graph
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path().ends_with("/media"))
        .collect();
    let body = String::from_utf8_lossy(&uploads[0].body);
    assert!(
        body.contains("name=\"messaging_product\"") && body.contains("application/pdf"),
        "{body}"
    );
    assert!(body.contains("% a small pdf"));
    t.stop().await;
}

#[tokio::test]
async fn files_over_the_limits_and_sends_outside_the_window_are_refused_before_any_request() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&graph)
        .await;
    let big = vec![0xFFu8; 5 * 1024 * 1024 + 1];
    let file = |bytes: Vec<u8>, name: &str| SendRequest {
        to: CUSTOMER.into(),
        reply_to: None,
        what: Compose::File(Attachment {
            kind: None,
            filename: name.into(),
            mime_type: None,
            bytes,
            caption: None,
        }),
    };
    // No window yet: refused with outside_window, nothing stored.
    let err = t
        .engine
        .send(file(b"%PDF-1.4".to_vec(), "a.pdf"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, EngineError::Send(SendError::OutsideWindow { .. })),
        "{err}"
    );
    t.customer_writes(CUSTOMER, "hi there").await;
    let err = t.engine.send(file(big, "huge.jpg")).await.unwrap_err();
    assert!(err.to_string().contains("at most 5 MB"), "{err}");
    let err = t
        .engine
        .send(file(b"GIF89a".to_vec(), "x.gif"))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("document") || err.to_string().contains("not accepted"),
        "{err}"
    );
    assert_eq!(
        t.messages(CUSTOMER).await.len(),
        1,
        "only the customer's message"
    );
    t.stop().await;
}

#[tokio::test]
async fn replies_and_reactions_both_ways() {
    let (graph, t) = live().await;
    let theirs = t.customer_writes(CUSTOMER, "Do you have mugs?").await;
    let wamid = theirs.wamid.clone().unwrap();
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(json!({"type": "text", "context": {"message_id": wamid}, "text": {"body": "Yes, in blue"}})))
        .respond_with(accepted("wamid.REPLY"))
        .expect(1)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(
            json!({"type": "reaction", "reaction": {"message_id": wamid, "emoji": "👍"}}),
        ))
        .respond_with(accepted("wamid.REACT"))
        .expect(1)
        .mount(&graph)
        .await;
    let reply = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: Some(MessageRef::Id(theirs.id)),
            what: Compose::Text {
                body: "Yes, in blue".into(),
                preview_url: false,
            },
        })
        .await
        .unwrap();
    let quote = reply.reply_to.clone().expect("quoted");
    assert_eq!(
        (quote.id, quote.text.as_deref()),
        (Some(theirs.id), Some("Do you have mugs?"))
    );
    let reacted = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: None,
            what: Compose::Reaction {
                target: MessageRef::Id(theirs.id),
                emoji: "👍".into(),
            },
        })
        .await
        .unwrap();
    assert_eq!(reacted.id, theirs.id, "the reacted message comes back");
    assert_eq!(
        reacted.reactions,
        [ReactionView {
            emoji: "👍".into(),
            direction: Direction::Out
        }]
    );
    eventually(WAIT, "reply and reaction sent", || async {
        let sent = graph.received_requests().await.unwrap().len();
        (sent >= 2).then_some(())
    })
    .await;
    // The customer reacts to our reply, then takes it back.
    eventually(WAIT, "the reply's wamid", || async {
        message(&t, reply.id).await.wamid
    })
    .await;
    let react = |id: &str, emoji: &str| {
        inbound(
            id,
            "reaction",
            json!({"message_id": "wamid.REPLY", "emoji": emoji}),
            None,
        )
    };
    assert_eq!(t.post(&react("wamid.R1", "❤️")).await, 200);
    let m = eventually(WAIT, "their reaction", || async {
        let m = message(&t, reply.id).await;
        (!m.reactions.is_empty()).then_some(m)
    })
    .await;
    assert_eq!(
        m.reactions,
        [ReactionView {
            emoji: "❤️".into(),
            direction: Direction::In
        }]
    );
    assert!(
        t.messages(CUSTOMER)
            .await
            .iter()
            .all(|m| m.kind != "reaction"),
        "reactions are shown on their message, not as messages"
    );
    assert_eq!(t.post(&react("wamid.R2", "")).await, 200);
    eventually(WAIT, "their reaction removed", || async {
        message(&t, reply.id)
            .await
            .reactions
            .is_empty()
            .then_some(())
    })
    .await;
    t.stop().await;
}

#[tokio::test]
async fn locations_and_buttons_go_out_in_their_documented_shapes() {
    let (graph, t) = live().await;
    t.customer_writes(CUSTOMER, "where are you?").await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(json!({"type": "location", "location": {"latitude": 52.52, "longitude": 13.405, "name": "The shop"}})))
        .respond_with(accepted("wamid.LOC"))
        .expect(1)
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_partial_json(json!({"type": "interactive", "interactive": {"type": "button", "body": {"text": "Pick up today?"},
            "action": {"buttons": [{"type": "reply", "reply": {"id": "b1", "title": "Yes"}}, {"type": "reply", "reply": {"id": "b2", "title": "No"}}]}}})))
        .respond_with(accepted("wamid.BTN"))
        .expect(1)
        .mount(&graph)
        .await;
    let loc = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: None,
            what: Compose::Location {
                latitude: 52.52,
                longitude: 13.405,
                name: Some("The shop".into()),
                address: None,
            },
        })
        .await
        .unwrap();
    assert!(
        matches!(loc.content, Some(ContentView::Location { .. })),
        "{:?}",
        loc.content
    );
    let buttons = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: None,
            what: Compose::Buttons {
                body: "Pick up today?".into(),
                buttons: vec!["Yes".into(), "No".into()],
            },
        })
        .await
        .unwrap();
    let Some(ContentView::Interactive { options, .. }) = &buttons.content else {
        panic!("{:?}", buttons.content)
    };
    assert_eq!(options.len(), 2);
    let four = t
        .engine
        .send(SendRequest {
            to: CUSTOMER.into(),
            reply_to: None,
            what: Compose::Buttons {
                body: "?".into(),
                buttons: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            },
        })
        .await
        .unwrap_err();
    assert!(four.to_string().contains('3'), "{four}");
    for id in [loc.id, buttons.id] {
        eventually(WAIT, "sent", || async {
            (message(&t, id).await.status == MessageStatus::Sent).then_some(())
        })
        .await;
    }
    t.stop().await;
}

#[tokio::test]
async fn templates_are_synced_checked_and_sent_outside_the_window() {
    let (graph, t) = live().await;
    let template = json!({"id": "9001", "name": "order_ready", "language": "en_US", "status": "APPROVED", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Hi {{1}}, order {{2}} is ready.", "example": {"body_text": [["Ana", "#42"]]}}]});
    let pending = json!({"id": "9002", "name": "new_offer", "language": "en_US", "status": "PENDING", "category": "MARKETING",
        "components": [{"type": "BODY", "text": "Hello"}]});
    Mock::given(method("GET"))
        .and(path(format!("/v24.0/{WABA_ID}/message_templates")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": [template, pending], "paging": {"cursors": {"before": "a", "after": "b"}}})))
        .mount(&graph)
        .await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_json(json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": CUSTOMER,
            "biz_opaque_callback_data": t.callback(1),
            "type": "template", "template": {"name": "order_ready", "language": {"code": "en_US"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "#42"}]}]}})))
        .respond_with(accepted("wamid.TPL"))
        .expect(1)
        .mount(&graph)
        .await;
    let synced = t.engine.sync_templates().await.expect("synced");
    assert_eq!(synced.len(), 2);
    let ready = synced.iter().find(|t| t.name == "order_ready").unwrap();
    assert_eq!(ready.parameters, ["1", "2"]);
    let send = |params: Vec<&str>, name: &str| SendRequest {
        to: CUSTOMER.into(),
        reply_to: None,
        what: Compose::Template {
            name: name.into(),
            language: "en_US".into(),
            parameters: params.into_iter().map(str::to_owned).collect(),
        },
    };
    let err = t
        .engine
        .send(send(vec!["Ana"], "order_ready"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("takes 2 parameters"), "{err}");
    let err = t.engine.send(send(vec![], "new_offer")).await.unwrap_err();
    assert!(err.to_string().contains("PENDING"), "{err}");
    let err = t.engine.send(send(vec![], "nope")).await.unwrap_err();
    assert!(err.to_string().contains("no template"), "{err}");
    // No message from the customer: the window is closed, and a template may still go.
    let queued = t
        .engine
        .send(send(vec!["Ana", "#42"], "order_ready"))
        .await
        .expect("queued");
    assert_eq!(queued.id, 1);
    assert!(matches!(queued.content, Some(ContentView::Template { .. })));
    eventually(WAIT, "the template sent", || async {
        (message(&t, queued.id).await.status == MessageStatus::Sent).then_some(())
    })
    .await;
    t.stop().await;
}

#[tokio::test]
async fn reading_a_chat_sends_a_read_receipt_for_the_latest_message() {
    let (graph, t) = live().await;
    let theirs = t.customer_writes(CUSTOMER, "are you open?").await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .and(body_json(
            json!({"messaging_product": "whatsapp", "status": "read",
            "message_id": theirs.wamid.clone().unwrap()}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&graph)
        .await;
    t.engine.mark_read(CUSTOMER).await.expect("read");
    // Nothing unread any more: no second receipt.
    t.engine.mark_read(CUSTOMER).await.expect("read");
    eventually(WAIT, "the read receipt", || async {
        let n = graph.received_requests().await.unwrap().len();
        (n >= 1).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    t.stop().await;
}
