//! Reactions are shown under their message only; the chat list names them in words
//! ("You reacted 👍 to “…”"), and a customer's reaction moves their chat up too (issue 21).

use std::time::Duration;

use serde_json::{Value, json};
use shopchat_core::DomainEvent;
use shopchat_core::compose::{Compose, MessageRef, SendRequest};
use shopchat_core::views::{ChatSummary, ContentView, Direction};
use shopchat_e2e::*;
use wiremock::Mock;
use wiremock::matchers::{method, path};

const WAIT: Duration = Duration::from_secs(10);

fn reaction(wamid: &str, target: &str, emoji: &str) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": WABA_ID, "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Ana"}, "wa_id": CUSTOMER}],
        "messages": [{"from": CUSTOMER, "id": wamid, "timestamp": shopchat_core::store::now_secs().to_string(),
            "type": "reaction", "reaction": {"message_id": target, "emoji": emoji}}]}}]}]})
}

async fn chat(t: &TestEngine) -> ChatSummary {
    t.engine
        .chats()
        .await
        .expect("chats")
        .into_iter()
        .find(|c| c.wa_id == CUSTOMER)
        .expect("the customer's chat")
}

fn reaction_of(c: &ChatSummary) -> Option<(Direction, String, Option<String>)> {
    let m = c.last_message.as_ref()?;
    match &m.content {
        Some(ContentView::Reaction {
            emoji, target_text, ..
        }) => Some((m.direction, emoji.clone(), target_text.clone())),
        _ => None,
    }
}

#[tokio::test]
async fn the_chat_list_names_reactions_both_ways() {
    let (graph, t) = live().await;
    Mock::given(method("POST"))
        .and(path(SEND_PATH))
        .respond_with(accepted("wamid.REACT"))
        .mount(&graph)
        .await;
    let theirs = t.customer_writes(CUSTOMER, "Do you have mugs?").await;
    let mut events = t.engine.subscribe();
    t.engine
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
    // The window learns of it with the words the chat list needs.
    let queued = loop {
        match tokio::time::timeout(WAIT, events.recv()).await {
            Ok(Ok(DomainEvent::MessageQueued { message })) => break message,
            Ok(Ok(_)) => continue,
            other => panic!("no queued event: {other:?}"),
        }
    };
    assert!(
        matches!(&queued.content, Some(ContentView::Reaction { emoji, target_text: Some(t), .. })
            if emoji == "👍" && t == "Do you have mugs?"),
        "{queued:?}"
    );
    // ...and so does the chat list read from the store (after a restart).
    assert_eq!(
        reaction_of(&chat(&t).await),
        Some((
            Direction::Out,
            "👍".into(),
            Some("Do you have mugs?".into())
        ))
    );
    assert!(
        t.messages(CUSTOMER)
            .await
            .iter()
            .all(|m| m.kind != "reaction"),
        "never a bubble"
    );

    // The customer reacts to their own message: their chat shows it, named.
    let target = theirs.wamid.clone().unwrap();
    assert_eq!(t.post(&reaction("wamid.R1", &target, "❤️")).await, 200);
    let c = eventually(WAIT, "their reaction in the chat list", || async {
        let c = chat(&t).await;
        reaction_of(&c)
            .is_some_and(|(d, _, _)| d == Direction::In)
            .then_some(c)
    })
    .await;
    assert_eq!(
        reaction_of(&c),
        Some((Direction::In, "❤️".into(), Some("Do you have mugs?".into())))
    );
    assert!(
        t.messages(CUSTOMER)
            .await
            .iter()
            .all(|m| m.kind != "reaction"),
        "never a bubble"
    );
    t.stop().await;
}
