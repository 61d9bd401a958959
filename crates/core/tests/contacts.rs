//! The contacts workspace on a real SQLite file: labels (on many at once, all or nothing),
//! notes, the owner's name, pin order, archive until the customer writes again, mark unread,
//! block and unblock through the sandbox's fake Graph API (and the 24-hour rule before it),
//! the panel; and quick replies with their variables and file.

#![allow(clippy::unwrap_used)]

use shopchat_core::clock::now_secs;
use shopchat_core::contacts::store::Flag;
use shopchat_core::contacts::{ContactFilter, ContactsError, block, ops};
use shopchat_core::quick_replies::{QuickReplyError, store as replies};
use shopchat_core::store::{Store, contacts as base};
use tokio_util::sync::CancellationToken;
use wacloud::{GraphClient, GraphConfig, PhoneNumberId};

const ANA: &str = "15550100001";
const BEN: &str = "15550100002";

async fn store_with(contacts: &[(&str, Option<&str>, Option<i64>)]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let rows: Vec<(String, Option<String>, Option<i64>)> = contacts
        .iter()
        .map(|(w, n, at)| ((*w).to_owned(), n.map(str::to_owned), *at))
        .collect();
    store
        .writer()
        .call(move |ctx| {
            for (wa_id, name, at) in &rows {
                base::upsert(ctx.conn, wa_id, name.as_deref(), None)?;
                if let Some(at) = at {
                    base::note_inbound(ctx.conn, wa_id, *at)?;
                }
            }
            Ok(())
        })
        .await
        .unwrap();
    (dir, store)
}

async fn customer_writes(store: &Store, wa_id: &str) {
    let w = wa_id.to_owned();
    store
        .writer()
        .call(move |ctx| base::note_inbound(ctx.conn, &w, now_secs()))
        .await
        .unwrap();
}

#[tokio::test]
async fn labels_go_on_many_contacts_at_once_and_filter_the_list() {
    let (_d, store) =
        store_with(&[(ANA, Some("Ana"), Some(100)), (BEN, Some("Ben"), Some(200))]).await;
    let changed = ops::set_label(&store, vec![ANA.into(), BEN.into()], "VIP".into(), true)
        .await
        .unwrap();
    assert_eq!(changed, 2);
    // The same label again changes nothing; case aside it is the same label.
    assert_eq!(
        ops::set_label(&store, vec![ANA.into()], "vip".into(), true)
            .await
            .unwrap(),
        0
    );
    let labels = ops::labels(&store).await.unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!((labels[0].name.as_str(), labels[0].count), ("VIP", 2));
    assert!(labels[0].color.starts_with('#') && labels[0].color.len() == 7);

    ops::set_label(&store, vec![BEN.into()], "VIP".into(), false)
        .await
        .unwrap();
    let vip = ops::entries(
        &store,
        ContactFilter {
            label: Some("vip".into()),
            archived: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        vip.iter()
            .map(|e| e.contact.wa_id.as_str())
            .collect::<Vec<_>>(),
        [ANA]
    );
    assert_eq!(vip[0].labels, ["VIP"]);

    // An unknown contact refuses the whole change: nothing is labelled, no label is made.
    let e = ops::set_label(
        &store,
        vec![BEN.into(), "15559999999".into()],
        "Wholesale".into(),
        true,
    )
    .await
    .unwrap_err();
    assert!(matches!(e, ContactsError::NoContact(_)), "{e}");
    assert_eq!(ops::labels(&store).await.unwrap().len(), 1);
    // Filtering by a label that does not exist says so.
    let e = ops::entries(
        &store,
        ContactFilter {
            label: Some("Nope".into()),
            archived: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "no_label");
    assert!(
        ops::save_label(&store, "Bad".into(), Some("red".into()))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn notes_are_timestamped_and_editable_and_the_owners_name_overrides() {
    let (_d, store) = store_with(&[(ANA, Some("Ana"), Some(100))]).await;
    let note = ops::add_note(&store, ANA.into(), "  Prefers pickup  ".into())
        .await
        .unwrap();
    assert_eq!(note.text, "Prefers pickup");
    assert_eq!(note.created_at, note.updated_at);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    ops::edit_note(&store, note.id, "Prefers delivery".into())
        .await
        .unwrap();
    ops::set_custom_name(&store, ANA.into(), Some("Ana (the baker)".into()))
        .await
        .unwrap();
    let e = ops::entry(&store, ANA.into()).await.unwrap();
    assert_eq!(e.notes.len(), 1);
    assert_eq!(e.notes[0].text, "Prefers delivery");
    assert!(e.notes[0].updated_at > e.notes[0].created_at);
    assert_eq!(e.custom_name.as_deref(), Some("Ana (the baker)"));
    assert_eq!(e.contact.name.as_deref(), Some("Ana"));
    assert_eq!(e.number, "+1 555-010-0001");
    assert!(
        ops::add_note(&store, ANA.into(), "   ".into())
            .await
            .is_err()
    );
    ops::delete_note(&store, note.id).await.unwrap();
    assert!(matches!(
        ops::delete_note(&store, note.id).await,
        Err(ContactsError::NoNote(_))
    ));
    ops::set_custom_name(&store, ANA.into(), None)
        .await
        .unwrap();
    assert_eq!(
        ops::entry(&store, ANA.into()).await.unwrap().custom_name,
        None
    );
}

#[tokio::test]
async fn pinned_chats_come_first_and_an_archived_chat_returns_when_the_customer_writes() {
    let (_d, store) = store_with(&[(ANA, None, Some(100)), (BEN, None, Some(200))]).await;
    let order = |list: Vec<shopchat_core::contacts::ContactEntry>| {
        list.into_iter()
            .map(|e| e.contact.wa_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(
            ops::entries(&store, ContactFilter::default())
                .await
                .unwrap()
        ),
        [BEN, ANA]
    );
    assert!(
        ops::set_flag(&store, ANA, Flag::Pinned, true)
            .await
            .unwrap()
    );
    assert!(
        !ops::set_flag(&store, ANA, Flag::Pinned, true)
            .await
            .unwrap()
    );
    assert_eq!(
        order(
            ops::entries(&store, ContactFilter::default())
                .await
                .unwrap()
        ),
        [ANA, BEN]
    );

    ops::set_flag(&store, BEN, Flag::Archived, true)
        .await
        .unwrap();
    let live = ContactFilter {
        label: None,
        archived: Some(false),
    };
    let archived = ContactFilter {
        label: None,
        archived: Some(true),
    };
    assert_eq!(
        order(ops::entries(&store, live.clone()).await.unwrap()),
        [ANA]
    );
    assert_eq!(
        order(ops::entries(&store, archived.clone()).await.unwrap()),
        [BEN]
    );
    customer_writes(&store, BEN).await;
    assert_eq!(order(ops::entries(&store, live).await.unwrap()), [ANA, BEN]);
    assert!(order(ops::entries(&store, archived).await.unwrap()).is_empty());
}

#[tokio::test]
async fn marked_unread_holds_until_the_chat_is_read() {
    let (_d, store) = store_with(&[(ANA, None, Some(100))]).await;
    store
        .writer()
        .call(|ctx| base::mark_read(ctx.conn, ANA))
        .await
        .unwrap();
    ops::set_flag(&store, ANA, Flag::MarkedUnread, true)
        .await
        .unwrap();
    assert!(ops::entry(&store, ANA.into()).await.unwrap().marked_unread);
    store
        .writer()
        .call(|ctx| base::mark_read(ctx.conn, ANA))
        .await
        .unwrap();
    assert!(!ops::entry(&store, ANA.into()).await.unwrap().marked_unread);
}

#[tokio::test]
async fn block_and_unblock_go_through_the_fake_graph_api() {
    let (_d, store) = store_with(&[(ANA, Some("Ana"), None), (BEN, Some("Ben"), Some(1000))]).await;
    customer_writes(&store, ANA).await;
    let stop = CancellationToken::new();
    let _guard = stop.clone().drop_guard();
    let fake = fake_graph::FakeGraph::start(fake_graph::Settings::default(), stop.child_token())
        .await
        .unwrap();
    let graph = GraphClient::new(GraphConfig {
        base_url: fake.url(),
        ..GraphConfig::new(fake_graph::SANDBOX_ACCESS_TOKEN.to_owned().into())
    })
    .unwrap();
    let phone = PhoneNumberId::parse(fake_graph::SANDBOX_PHONE_NUMBER_ID).unwrap();

    let entry = block::set_blocked(&store, &graph, &phone, ANA, true)
        .await
        .unwrap();
    assert!(entry.blocked);
    // Ben last wrote long ago: refused before any request, with Meta's rule in words.
    let e = block::set_blocked(&store, &graph, &phone, BEN, true)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "not_recent");
    assert!(e.to_string().contains("24 hours"), "{e}");
    assert!(!ops::entry(&store, BEN.into()).await.unwrap().blocked);
    // An unknown number is refused without a request too.
    assert_eq!(
        block::set_blocked(&store, &graph, &phone, "15559999999", true)
            .await
            .unwrap_err()
            .code(),
        "no_contact"
    );
    let entry = block::set_blocked(&store, &graph, &phone, ANA, false)
        .await
        .unwrap();
    assert!(!entry.blocked);
}

#[tokio::test]
async fn a_block_meta_refuses_leaves_the_contact_unblocked() {
    // The business's own number: the fake refuses it as Meta would (139100).
    let own = fake_graph::payloads::SANDBOX_DISPLAY_NUMBER;
    let (_d, store) = store_with(&[(own, None, None)]).await;
    customer_writes(&store, own).await;
    let stop = CancellationToken::new();
    let _guard = stop.clone().drop_guard();
    let fake = fake_graph::FakeGraph::start(fake_graph::Settings::default(), stop.child_token())
        .await
        .unwrap();
    let graph = GraphClient::new(GraphConfig {
        base_url: fake.url(),
        ..GraphConfig::new(fake_graph::SANDBOX_ACCESS_TOKEN.to_owned().into())
    })
    .unwrap();
    let phone = PhoneNumberId::parse(fake_graph::SANDBOX_PHONE_NUMBER_ID).unwrap();
    let e = block::set_blocked(&store, &graph, &phone, own, true)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "graph");
    assert!(e.to_string().contains("139100"), "{e}");
    assert!(!ops::entry(&store, own.into()).await.unwrap().blocked);
}

#[tokio::test]
async fn the_panel_gathers_the_contact() {
    let (_d, store) = store_with(&[(ANA, Some("Ana Lima"), Some(100))]).await;
    ops::set_label(&store, vec![ANA.into()], "VIP".into(), true)
        .await
        .unwrap();
    let p = ops::panel(&store, ANA.into()).await.unwrap();
    assert_eq!(p.entry.labels, ["VIP"]);
    assert_eq!(p.message_count, 0);
    assert!(p.customer.is_none());
    assert!(p.documents.is_empty());
    assert!(matches!(
        ops::panel(&store, "15559999999".into()).await,
        Err(ContactsError::NoContact(_))
    ));
}

#[tokio::test]
async fn quick_replies_are_saved_filled_for_the_customer_and_carry_a_copied_file() {
    let (dir, store) =
        store_with(&[(ANA, Some("Ana Lima"), Some(100)), (BEN, None, Some(100))]).await;
    let media = dir.path().join("media");
    let saved = replies::save(
        &store,
        media.clone(),
        "/Hours",
        "Hi {{first_name}}, we open 9-18.",
        None,
        false,
    )
    .await
    .unwrap();
    assert_eq!(saved.shortcut, "hours");
    let again = replies::save(&store, media.clone(), "hours", "x", None, false)
        .await
        .unwrap_err();
    assert!(matches!(again, QuickReplyError::Exists(_)));
    assert!(
        replies::save(&store, media.clone(), "two words", "x", None, false)
            .await
            .is_err()
    );

    let ana = replies::render_for(&store, media.clone(), "hours", ANA)
        .await
        .unwrap();
    assert_eq!(ana.text, "Hi Ana, we open 9-18.");
    let ben = replies::render_for(&store, media.clone(), "hours", BEN)
        .await
        .unwrap();
    assert_eq!(ben.text, "Hi, we open 9-18.");
    ops::set_custom_name(&store, BEN.into(), Some("Benito".into()))
        .await
        .unwrap();
    let ben = replies::render_for(&store, media.clone(), "hours", BEN)
        .await
        .unwrap();
    assert_eq!(ben.text, "Hi Benito, we open 9-18.");

    // A file: checked, copied into the media dir under its content hash.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let file = replies::NewFile {
        name: "price\u{202e}list.pdf".into(),
        bytes: pdf.clone(),
    };
    let with_file = replies::save(
        &store,
        media.clone(),
        "prices",
        "Our prices",
        Some(Some(file)),
        false,
    )
    .await
    .unwrap();
    let f = with_file.file.unwrap();
    assert_eq!(f.mime_type, "application/pdf");
    assert!(!f.name.contains('\u{202e}'), "{}", f.name);
    assert!(f.path.starts_with(media.to_str().unwrap()));
    assert_eq!(std::fs::read(&f.path).unwrap(), pdf);

    let list = replies::list(&store, media.clone()).await.unwrap();
    assert_eq!(
        list.iter().map(|r| r.shortcut.as_str()).collect::<Vec<_>>(),
        ["hours", "prices"]
    );
    replies::remove(&store, "hours").await.unwrap();
    assert!(matches!(
        replies::remove(&store, "hours").await,
        Err(QuickReplyError::NotFound(_))
    ));
}
