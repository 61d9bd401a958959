//! One number on the phone and in Shopchat (coexistence with the WhatsApp Business app), through
//! a whole sandbox engine with real signed webhooks over HTTP: what the owner sends from the
//! phone is shown and never answered (the bot on, a keyword rule that would match); the history
//! import, delivered twice and out of order, adds each message once and answers nothing; the
//! phone's address book names contacts; a declined history is kept with its error.

use std::time::Duration;

use fake_graph::coexistence::{self as phone, HistoryMessage};
use fake_graph::{SANDBOX_PHONE_NUMBER_ID as NUMBER, SANDBOX_WABA_ID as WABA, payloads};
use shopchat_core::bot::{self, BotConfig, KeywordReply, KeywordRule};
use shopchat_core::config::Mode;
use shopchat_core::store::now_secs;
use shopchat_core::views::{Direction, MessageStatus, MessageView, Origin};
use shopchat_e2e::*;

const ANA: &str = "15550100001";
const BEN: &str = "15550100002";
const DAY: i64 = 24 * 60 * 60;

async fn engine_with_a_keen_bot() -> TestEngine {
    let t = TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await;
    let mut config = BotConfig {
        greeting: true,
        away: true,
        ..BotConfig::default()
    };
    config.hours.time_zone = "UTC".into();
    config.keywords.push(KeywordRule {
        phrases: vec!["opening hours".into()],
        reply: KeywordReply::Text {
            text: "Mon–Fri 9–18".into(),
        },
    });
    t.engine
        .store()
        .writer()
        .call(move |ctx| bot::config::save(ctx.conn, &config))
        .await
        .expect("bot saved");
    t
}

/// Waits until the inbox has applied everything posted so far.
async fn settled(t: &TestEngine) {
    eventually(
        Duration::from_secs(5),
        "the inbox applied the webhooks",
        || async {
            let pending: i64 = t
                .engine
                .store()
                .read(|c| {
                    Ok(c.query_row(
                        "SELECT count(*) FROM webhook_events WHERE applied_at IS NULL",
                        [],
                        |r| r.get(0),
                    )?)
                })
                .await
                .expect("the store");
            (pending == 0).then_some(())
        },
    )
    .await;
    // The spool hands events to the journal asynchronously: one more look after a pause.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

fn texts(list: &[MessageView]) -> Vec<String> {
    list.iter()
        .map(|m| m.text.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn an_echo_from_the_phone_is_the_shops_message_and_is_never_answered() {
    let t = engine_with_a_keen_bot().await;
    let wamid = payloads::new_wamid();
    let echo = phone::echo_text(
        WABA,
        NUMBER,
        ANA,
        &wamid,
        now_secs(),
        "Our opening hours are 9 to 18",
    );
    assert_eq!(t.post(&echo).await, 200);
    let shown = eventually(Duration::from_secs(5), "the echo", || async {
        t.messages(ANA)
            .await
            .into_iter()
            .find(|m| m.wamid.as_deref() == Some(&wamid))
    })
    .await;
    assert_eq!(shown.direction, Direction::Out);
    assert_eq!(shown.origin, Some(Origin::Phone));
    assert_eq!(shown.status, MessageStatus::Sent);
    assert!(!shown.auto);

    // Delivered again (at least once means sometimes twice): still one message.
    assert_eq!(t.post(&echo).await, 200);
    settled(&t).await;
    let list = t.messages(ANA).await;
    assert_eq!(list.len(), 1, "{:?}", texts(&list));
    assert!(list.iter().all(|m| !m.auto), "the bot answered an echo");
    let ana = t.engine.contact(ANA).await.unwrap().expect("a contact");
    assert_eq!(ana.unread, 0, "an echo is not a customer's message");
    assert_eq!(
        ana.last_inbound_at, None,
        "an echo does not open the 24-hour window"
    );
    // Nothing was queued for sending.
    let queued: i64 = t
        .engine
        .store()
        .read(|c| Ok(c.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(queued, 0);

    // The owner answering from the phone has taken Ana's chat over: the bot's automations stay
    // quiet there, as they do when the owner writes from Shopchat. Ben, whom nobody answered,
    // gets the keyword rule's reply (so the bot was on); his message came after Ana's, so by
    // then Ana's was handled too.
    t.customer_writes(ANA, "what are your opening hours?").await;
    t.customer_writes(BEN, "what are your opening hours?").await;
    let auto = eventually(
        Duration::from_secs(5),
        "the bot's answer to Ben",
        || async { t.messages(BEN).await.into_iter().find(|m| m.auto) },
    )
    .await;
    assert_eq!(auto.origin, Some(Origin::Automation));
    settled(&t).await;
    assert!(
        t.messages(ANA).await.iter().all(|m| !m.auto),
        "the bot answered in a chat the owner had taken over from the phone"
    );
}

fn history(now: i64) -> (serde_json::Value, serde_json::Value) {
    let m = |id: &str, from_customer, age: i64, body: &str| HistoryMessage {
        wamid: format!("wamid.HISTORYTEST{id}"),
        from_customer,
        timestamp: now - age,
        body: body.into(),
        status: "READ",
    };
    let older = phone::history_chunk(
        WABA,
        NUMBER,
        2,
        1,
        100,
        &[(
            ANA.into(),
            vec![
                m("A1", true, 100 * DAY, "what are your opening hours?"),
                m("A2", false, 100 * DAY - 60, "9 to 18, Monday to Friday"),
            ],
        )],
    );
    let newer = phone::history_chunk(
        WABA,
        NUMBER,
        1,
        1,
        60,
        &[
            (ANA.into(), vec![m("A3", true, 10 * DAY, "Hello again")]),
            (BEN.into(), vec![m("B1", true, 5 * DAY, "opening hours?")]),
        ],
    );
    (older, newer)
}

#[tokio::test]
async fn the_history_import_twice_and_out_of_order_adds_each_message_once_and_answers_nothing() {
    let t = engine_with_a_keen_bot().await;
    // A live conversation first; the history, older, arrives after it.
    t.customer_writes(ANA, "good morning").await;
    settled(&t).await;
    let answered_before = t.messages(ANA).await.iter().filter(|m| m.auto).count();

    let (older, newer) = history(now_secs());
    for body in [&newer, &older, &older, &newer] {
        assert_eq!(t.post(body).await, 200);
    }
    settled(&t).await;

    let ana = t.messages(ANA).await;
    let imported: Vec<_> = ana
        .iter()
        .filter(|m| {
            m.wamid
                .as_deref()
                .is_some_and(|w| w.contains("HISTORYTEST"))
        })
        .collect();
    assert_eq!(imported.len(), 3, "{:?}", texts(&ana));
    assert_eq!(
        ana.iter().filter(|m| m.auto).count(),
        answered_before,
        "the history was answered"
    );
    // In the order of their times: the history before the live chat.
    assert_eq!(ana[0].text.as_deref(), Some("what are your opening hours?"));
    assert_eq!(ana[1].origin, Some(Origin::Phone));
    assert_eq!(ana[1].status, MessageStatus::Read);
    assert_eq!(ana[2].text.as_deref(), Some("Hello again"));
    assert_eq!(ana[0].origin, None);

    // Ben wrote only in the history: his chat exists, unanswered, nothing unread.
    let ben = t.messages(BEN).await;
    assert_eq!(texts(&ben), vec!["opening hours?".to_owned()]);
    let ben_contact = t
        .engine
        .contact(BEN)
        .await
        .unwrap()
        .expect("Ben is a contact");
    assert_eq!(ben_contact.unread, 0);

    // The chat list still shows Ana's live message as her latest.
    let chats = t.engine.chats().await.unwrap();
    let ana_chat = chats.iter().find(|c| c.wa_id == ANA).expect("Ana's chat");
    let latest = ana_chat.last_message.as_ref().expect("a latest message");
    assert!(
        !latest
            .wamid
            .as_deref()
            .unwrap_or("")
            .contains("HISTORYTEST"),
        "{latest:?}"
    );

    let outbox: i64 = t
        .engine
        .store()
        .read(move |c| {
            Ok(c.query_row(
                "SELECT count(*) FROM outbox WHERE contact = ?1",
                [BEN],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(outbox, 0, "nothing was sent for the history");

    let status = t.engine.history_status().await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].progress, 100);
    assert_eq!(status[0].messages, 4, "replays are not counted");
    assert_eq!(status[0].error_code, None);
}

#[tokio::test]
async fn a_declined_history_is_kept_with_its_error() {
    let t = engine_with_a_keen_bot().await;
    assert_eq!(t.post(&phone::history_declined(WABA, NUMBER)).await, 200);
    settled(&t).await;
    let status = t.engine.history_status().await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].error_code, Some(2593109));
    assert_eq!(status[0].messages, 0);
}

async fn name(t: &TestEngine) -> Option<String> {
    t.engine
        .contact(ANA)
        .await
        .expect("the store")
        .expect("Ana")
        .name
}

#[tokio::test]
async fn the_phones_address_book_names_contacts() {
    let t = engine_with_a_keen_bot().await;
    t.customer_writes(ANA, "hi").await;
    let profile = t.engine.contact(ANA).await.unwrap().unwrap().name;
    assert_eq!(profile.as_deref(), Some("Test Customer"));
    let now = now_secs();

    assert_eq!(
        t.post(&phone::address_book(
            WABA,
            NUMBER,
            ANA,
            Some("Ana from the market"),
            now
        ))
        .await,
        200
    );
    settled(&t).await;
    assert_eq!(name(&t).await.as_deref(), Some("Ana from the market"));
    // The profile name Meta sends with her next message does not undo it.
    t.customer_writes(ANA, "hello").await;
    assert_eq!(name(&t).await.as_deref(), Some("Ana from the market"));
    // An older change (a replay, out of order) changes nothing.
    assert_eq!(
        t.post(&phone::address_book(
            WABA,
            NUMBER,
            ANA,
            Some("Old name"),
            now - 60
        ))
        .await,
        200
    );
    settled(&t).await;
    assert_eq!(name(&t).await.as_deref(), Some("Ana from the market"));
    // An edit, then a removal: back to the profile name.
    assert_eq!(
        t.post(&phone::address_book(
            WABA,
            NUMBER,
            ANA,
            Some("Ana Lima"),
            now + 1
        ))
        .await,
        200
    );
    settled(&t).await;
    assert_eq!(name(&t).await.as_deref(), Some("Ana Lima"));
    assert_eq!(
        t.post(&phone::address_book(WABA, NUMBER, ANA, None, now + 2))
            .await,
        200
    );
    settled(&t).await;
    assert_eq!(name(&t).await.as_deref(), Some("Test Customer"));

    // Someone in the address book who never wrote is not an empty chat.
    assert_eq!(
        t.post(&phone::address_book(
            WABA,
            NUMBER,
            "15550109999",
            Some("Plumber"),
            now
        ))
        .await,
        200
    );
    settled(&t).await;
    assert!(t.engine.contact("15550109999").await.unwrap().is_none());
}

#[test]
fn a_number_on_the_business_app_makes_the_outbox_send_twenty_a_second() {
    let mut settings = shopchat_core::settings::Settings::default();
    let rate = |s: &shopchat_core::settings::Settings| {
        shopchat_core::live::launch::outbox_settings(|_| None, s)
            .unwrap()
            .rate_per_second
            .map(|r| r.get())
    };
    assert_eq!(rate(&settings), Some(80));
    settings.on_business_app = true;
    assert_eq!(rate(&settings), Some(20));
}
