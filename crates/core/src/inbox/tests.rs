use serde_json::{Value, json};

use super::*;
use crate::events::DomainEvent;
use crate::store::{contacts, messages, outbox as outbox_rows};
use crate::views::MessageStatus;
use fake_graph::payloads;

const WABA: &str = "1234567890";
const PNID: &str = "1122334455";
const ANA: &str = "15550100001";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        Self { _dir: dir, store }
    }

    /// Journals `body` and applies everything pending, as the server and the inbox task do.
    async fn deliver(&self, body: &Value) {
        let text = body.to_string();
        self.store
            .writer()
            .call(move |ctx| journal::insert(ctx.conn, &text))
            .await
            .unwrap();
        self.store
            .writer()
            .call(|ctx| apply_pending(ctx, 100, Some(PNID)))
            .await
            .unwrap();
    }

    async fn messages(&self, contact: &str) -> Vec<crate::views::MessageView> {
        let contact = contact.to_owned();
        self.store
            .read(move |c| messages::list_for_contact(c, &contact, 100))
            .await
            .unwrap()
    }

    async fn journal(&self) -> Vec<(Option<String>, Option<String>)> {
        self.store
            .read(|c| {
                let mut stmt =
                    c.prepare("SELECT outcome, detail FROM webhook_events ORDER BY id")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok(rows.collect::<Result<Vec<_>, _>>()?)
            })
            .await
            .unwrap()
    }

    /// An outbound message as the outbox leaves it once Meta answered with `wamid`.
    async fn sent_message(&self, wamid: &str) -> i64 {
        let wamid = wamid.to_owned();
        self.store
            .writer()
            .call(move |ctx| {
                contacts::upsert(ctx.conn, ANA, None, None)?;
                let id = messages::insert_outbound(
                    ctx.conn,
                    ANA,
                    "text",
                    Some("hello"),
                    "{}",
                    1_700_000_000,
                    None,
                )?;
                outbox_rows::insert(ctx.conn, id, ANA, "{}")?;
                messages::set_wamid(ctx.conn, id, &wamid)?;
                messages::set_status(ctx.conn, id, MessageStatus::Sent, 1_700_000_000, None)?;
                Ok(id)
            })
            .await
            .unwrap()
    }
}

fn text(wamid: &str, ts: i64, body: &str) -> Value {
    payloads::inbound_text(WABA, PNID, ANA, "Ana Souza", wamid, ts, body)
}

fn status(wamid: &str, s: &str, ts: i64) -> Value {
    payloads::status(WABA, PNID, wamid, ANA, s, ts, None)
}

#[tokio::test]
async fn a_text_message_creates_the_contact_and_the_message() {
    let f = Fixture::new();
    let mut events = f.store.subscribe();
    f.deliver(&text("wamid.A1", 1_700_000_000, "Do you have mugs?"))
        .await;

    let c = f
        .store
        .read(|c| contacts::get(c, ANA))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.name.as_deref(), Some("Ana Souza"));
    assert_eq!(c.unread, 1);
    assert_eq!(c.last_inbound_at, Some(1_700_000_000));

    let m = f.messages(ANA).await;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].wamid.as_deref(), Some("wamid.A1"));
    assert_eq!(m[0].text.as_deref(), Some("Do you have mugs?"));
    assert_eq!(m[0].status, MessageStatus::Received);
    assert_eq!(m[0].timestamp, 1_700_000_000);

    let mut received = false;
    while let Ok(e) = events.try_recv() {
        if let DomainEvent::MessageReceived { message } = e {
            assert_eq!(message.wamid.as_deref(), Some("wamid.A1"));
            received = true;
        }
    }
    assert!(
        received,
        "a MessageReceived event is published after the commit"
    );
    assert_eq!(f.journal().await, [(Some("applied".into()), None)]);
}

#[tokio::test]
async fn the_same_wamid_three_times_is_one_message() {
    let f = Fixture::new();
    for _ in 0..3 {
        f.deliver(&text("wamid.DUP", 1_700_000_000, "once")).await;
    }
    assert_eq!(f.messages(ANA).await.len(), 1);
    let c = f
        .store
        .read(|c| contacts::get(c, ANA))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.unread, 1, "a redelivery is not a new unread message");
    assert_eq!(f.journal().await.len(), 3, "every delivery is journaled");
}

#[tokio::test]
async fn other_message_types_keep_their_type_and_raw_json() {
    let f = Fixture::new();
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": WABA, "changes": [{"field": "messages", "value": {
    "messaging_product": "whatsapp",
    "metadata": {"display_phone_number": "15550001111", "phone_number_id": PNID},
    "contacts": [{"profile": {"name": "Ana Souza"}, "wa_id": ANA}],
    "messages": [
        {"from": ANA, "id": "wamid.IMG", "timestamp": "1700000001", "type": "image",
         "image": {"id": "media-1", "mime_type": "image/jpeg", "sha256": "abc", "caption": "This one"}},
        {"from": ANA, "id": "wamid.LOC", "timestamp": "1700000002", "type": "location",
         "location": {"latitude": 38.7, "longitude": -9.1, "name": "Shop"}},
        {"from": ANA, "id": "wamid.POLL", "timestamp": "1700000003", "type": "poll", "poll": {"q": "?"}}
    ]}}]}]});
    f.deliver(&body).await;
    let m = f.messages(ANA).await;
    let kinds: Vec<_> = m
        .iter()
        .map(|m| (m.kind.as_str(), m.text.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("image", Some("This one")),
            ("location", None),
            ("poll", None)
        ]
    );
    let raw: String = f
        .store
        .read(|c| {
            Ok(c.query_row(
                "SELECT raw FROM messages WHERE wamid = 'wamid.POLL'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    let raw: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(raw["poll"]["q"], "?");
}

#[tokio::test]
async fn statuses_never_move_backwards() {
    let f = Fixture::new();
    let id = f.sent_message("wamid.OUT1").await;
    // Out of order: `read` first, then a duplicate, then the older `sent` and `delivered` last.
    for s in ["read", "read", "sent", "delivered"] {
        f.deliver(&status("wamid.OUT1", s, 1_700_000_100)).await;
    }
    let m = f.store.read(move |c| messages::get(c, id)).await.unwrap();
    assert_eq!(m.status, MessageStatus::Read);
}

#[tokio::test]
async fn a_failed_status_keeps_its_error() {
    let f = Fixture::new();
    let id = f.sent_message("wamid.OUT2").await;
    let body = payloads::status(
        WABA,
        PNID,
        "wamid.OUT2",
        ANA,
        "failed",
        1_700_000_100,
        Some((
            131047,
            "Re-engagement message",
            "More than 24 hours have passed",
        )),
    );
    f.deliver(&body).await;
    // A late `delivered` cannot undo the failure.
    f.deliver(&status("wamid.OUT2", "delivered", 1_700_000_050))
        .await;
    let m = f.store.read(move |c| messages::get(c, id)).await.unwrap();
    assert_eq!(m.status, MessageStatus::Failed);
    let e = m.error.unwrap();
    assert_eq!(e.code, Some(131047));
    assert_eq!(e.title, "Re-engagement message");
    assert_eq!(e.details.as_deref(), Some("More than 24 hours have passed"));
}

#[tokio::test]
async fn a_status_before_the_wamid_is_known_is_applied_later() {
    let f = Fixture::new();
    // `delivered` arrives before the send's answer was recorded.
    f.deliver(&status("wamid.EARLY", "delivered", 1_700_000_100))
        .await;
    let id = f.sent_message("wamid.EARLY").await;
    f.store
        .writer()
        .call(move |ctx| crate::delivery::apply_recorded(ctx, id, "wamid.EARLY"))
        .await
        .unwrap();
    let m = f.store.read(move |c| messages::get(c, id)).await.unwrap();
    assert_eq!(m.status, MessageStatus::Delivered);
}

#[tokio::test]
async fn events_the_app_cannot_apply_are_kept_with_the_reason() {
    let f = Fixture::new();
    f.deliver(&json!({"object": "page", "entry": []})).await;
    f.deliver(&json!({"hello": "world"})).await;
    f.deliver(&json!({"object": "whatsapp_business_account", "entry": [{"id": WABA, "changes": [
        {"field": "message_template_status_update", "value": {"event": "APPROVED", "message_template_name": "order_ready"}}]}]}))
        .await;
    // One bad message next to a good one: the good one is stored, the bad one noted.
    let mut mixed = text("wamid.GOOD", 1_700_000_000, "fine");
    mixed["entry"][0]["changes"][0]["value"]["messages"]
        .as_array_mut()
        .unwrap()
        .push(json!({"from": "not a number", "id": "wamid.BAD", "timestamp": "x", "type": "text"}));
    f.deliver(&mixed).await;

    let j = f.journal().await;
    assert_eq!(j[0].0.as_deref(), Some("ignored"));
    assert_eq!(j[1].0.as_deref(), Some("error"));
    assert!(
        j[1].1
            .as_deref()
            .unwrap()
            .contains("not a webhook notification"),
        "{j:?}"
    );
    assert_eq!(j[2].0.as_deref(), Some("ignored"));
    assert!(
        j[2].1
            .as_deref()
            .unwrap()
            .contains("message_template_status_update")
    );
    assert_eq!(j[3].0.as_deref(), Some("applied"));
    assert!(
        j[3].1
            .as_deref()
            .unwrap()
            .contains("a message could not be read")
    );
    assert_eq!(f.messages(ANA).await.len(), 1);
    let (total, pending) = f.store.read(journal::counts).await.unwrap();
    assert_eq!(
        (total, pending),
        (4, 0),
        "nothing is lost, nothing left pending"
    );
}

#[tokio::test]
async fn pending_events_are_applied_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let body = text("wamid.CRASH", 1_700_000_000, "written before the crash").to_string();
        store
            .writer()
            .call(move |ctx| journal::insert(ctx.conn, &body))
            .await
            .unwrap();
        store.close().await;
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.read(journal::counts).await.unwrap(), (1, 1));
    let stop = CancellationToken::new();
    let inbox = Inbox::new();
    let task = tokio::spawn(inbox.run(store.clone(), stop.clone()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while store.read(journal::counts).await.unwrap().1 > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the pending event was not applied"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    stop.cancel();
    task.await.unwrap();
    let m = store
        .read(|c| messages::list_for_contact(c, ANA, 10))
        .await
        .unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text.as_deref(), Some("written before the crash"));
    store.close().await;
}

#[tokio::test]
async fn changes_for_another_number_of_the_account_are_kept_not_applied() {
    let f = Fixture::new();
    // The account's other number: its customers are not this app's to answer.
    f.deliver(&payloads::inbound_text(
        WABA,
        "9988776655",
        ANA,
        "Ana Souza",
        "wamid.OTHER",
        1_700_000_000,
        "for the other shop",
    ))
    .await;
    f.deliver(&text("wamid.OURS", 1_700_000_001, "for us"))
        .await;
    let m = f.messages(ANA).await;
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].text.as_deref(), Some("for us"));
    let j = f.journal().await;
    assert!(j[0].1.as_deref().unwrap().contains("9988776655"), "{j:?}");
    let (total, pending) = f.store.read(journal::counts).await.unwrap();
    assert_eq!((total, pending), (2, 0));
}

#[tokio::test]
async fn an_unreadable_change_does_not_stop_the_others_in_its_event() {
    let f = Fixture::new();
    let mut body = text("wamid.GOOD2", 1_700_000_000, "still here");
    let good = body["entry"][0]["changes"][0].clone();
    body["entry"][0]["changes"] = json!([
        {"field": "messages", "value": {"messages": "not a list"}},
        good
    ]);
    f.deliver(&body).await;
    let m = f.messages(ANA).await;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].text.as_deref(), Some("still here"));
    let j = f.journal().await;
    assert_eq!(j[0].0.as_deref(), Some("applied"));
    assert!(
        j[0].1
            .as_deref()
            .unwrap()
            .contains("a messages change could not be read"),
        "{j:?}"
    );
}

#[tokio::test]
async fn messages_are_found_by_their_words_across_chats() {
    let f = Fixture::new();
    f.deliver(&text(
        "wamid.S1",
        1_700_000_000,
        "Do you have the red café mug?",
    ))
    .await;
    f.deliver(&payloads::inbound_text(
        WABA,
        PNID,
        "15550100002",
        "Ben Okafor",
        "wamid.S2",
        1_700_000_100,
        "Is the RED scarf in stock?",
    ))
    .await;
    f.deliver(&text("wamid.S3", 1_700_000_200, "thanks!")).await;
    let find = |q: &'static str| {
        let store = f.store.clone();
        async move {
            store
                .read(move |c| crate::store::search::search(c, q, 10))
                .await
                .unwrap()
                .into_iter()
                .map(|h| h.message.wamid.unwrap())
                .collect::<Vec<_>>()
        }
    };
    // Across chats, newest first, case-insensitive.
    assert_eq!(find("red").await, ["wamid.S2", "wamid.S1"]);
    // Every word must match; diacritics do not matter; the last word is a prefix.
    assert_eq!(find("red cafe").await, ["wamid.S1"]);
    assert_eq!(find("red sca").await, ["wamid.S2"]);
    // Query syntax is just text.
    assert_eq!(find("\"red\" AND").await, Vec::<String>::new());
    assert_eq!(find("NEAR(red").await, Vec::<String>::new());
    assert_eq!(find("*").await, Vec::<String>::new());
    let hit = f
        .store
        .read(|c| crate::store::search::search(c, "scarf", 10))
        .await
        .unwrap();
    assert_eq!(hit[0].contact_name.as_deref(), Some("Ben Okafor"));
    assert_eq!(hit[0].message.contact, "15550100002");
}
