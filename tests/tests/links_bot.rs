//! Account links and the bot through a whole sandbox engine, with signed webhooks: every
//! command in English and Spanish, a replayed webhook answered once, two numbers racing one
//! code, an expired code, the lockout, wrong and used codes answered alike, and the automations
//! (greeting, away, keywords, takeover, rate limit, stale backlog, the switch).

use std::time::Duration;

use fake_graph::payloads;
use serde_json::Value;
use shopchat_core::bot::{self, BotConfig, KeywordReply, KeywordRule};
use shopchat_core::config::Mode;
use shopchat_core::links::{self, Actor, CustomerInput, link, ops};
use shopchat_core::views::MessageView;
use shopchat_e2e::*;

const ANA: &str = "15550100001";
const BEN: &str = "15550100002";

async fn engine() -> TestEngine {
    TestEngine::start(Mode::Sandbox(quick_sandbox(false)), fast_outbox()).await
}

/// A signed inbound text from `from`, written `age_secs` ago.
fn inbound(from: &str, text: &str, age_secs: i64) -> (String, Value) {
    let wamid = payloads::new_wamid();
    let body = payloads::inbound_text(
        fake_graph::SANDBOX_WABA_ID,
        fake_graph::SANDBOX_PHONE_NUMBER_ID,
        from,
        "Test Customer",
        &wamid,
        shopchat_core::store::now_secs() - age_secs,
        text,
    );
    (wamid, body)
}

/// The bot's replies to `wa`, oldest first.
async fn replies(t: &TestEngine, wa: &str) -> Vec<MessageView> {
    t.messages(wa)
        .await
        .into_iter()
        .filter(|m| m.auto)
        .collect()
}

/// The customer writes; returns the text of the bot's new reply, if one came.
async fn say(t: &TestEngine, wa: &str, text: &str) -> Option<String> {
    let before = replies(t, wa).await.len();
    t.customer_writes(wa, text).await;
    // The reply is queued in the transaction that stored the message: it is there already.
    let after = replies(t, wa).await;
    assert!(after.len() <= before + 1, "one message, one reply at most");
    after.get(before).map(|m| {
        let mut shown = m.text.clone().unwrap_or_default();
        if let Some(content) = &m.content {
            shown.push_str(&serde_json::to_string(content).unwrap_or_default());
        }
        shown
    })
}

async fn record(t: &TestEngine, name: &str, reference: &str) -> links::CustomerView {
    ops::add(
        t.engine.store(),
        CustomerInput {
            name: name.into(),
            reference: Some(reference.into()),
            ..Default::default()
        },
        Actor::Cli,
    )
    .await
    .expect("a record")
}

#[tokio::test]
async fn every_command_in_both_languages() {
    let t = engine().await;
    let welcome = say(&t, ANA, "Hi!").await.unwrap();
    assert!(
        welcome.contains("assistant") && welcome.contains("Link my account"),
        "{welcome}"
    );
    let hola = say(&t, BEN, "¡HOLA!").await.unwrap();
    assert!(
        hola.contains("asistente") && hola.contains("Vincular cuenta"),
        "{hola}"
    );
    assert!(say(&t, ANA, "help").await.unwrap().contains("link CODE"));
    assert!(
        say(&t, BEN, "Ayuda")
            .await
            .unwrap()
            .contains("vincular CÓDIGO")
    );
    assert!(say(&t, ANA, "status").await.unwrap().contains("not linked"));
    assert!(
        say(&t, BEN, "estado")
            .await
            .unwrap()
            .contains("no está vinculado")
    );

    // "link" alone: how to get a code, and a request in the app.
    assert!(
        say(&t, ANA, "link")
            .await
            .unwrap()
            .contains("ask the shop for a code")
    );
    let waiting = ops::requests(t.engine.store()).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].wa_id, ANA);
    assert_eq!(waiting[0].masked, "+155•••••001");

    let ana = record(&t, "Ana Lima", "C-0001").await;
    let code = ops::code(
        t.engine.store(),
        "C-0001",
        Actor::Cli,
        Some("+1 555-010-0000"),
    )
    .await
    .unwrap();
    assert_eq!(
        code.wa_me_url.as_deref(),
        Some(format!("https://wa.me/15550100000?text=LINK%20{}", code.code).as_str())
    );
    // Typed by hand: lower case, a dash.
    let typed = format!(
        "link {}-{}",
        &code.code[..5].to_lowercase(),
        &code.code[5..]
    );
    let ok = say(&t, ANA, &typed).await.unwrap();
    assert_eq!(
        ok,
        "Done: this WhatsApp is now linked to the account of Ana Lima (C-0001)."
    );
    let linked = ops::find(t.engine.store(), "C-0001").await.unwrap();
    assert_eq!(linked.wa_id.as_deref(), Some(ANA));
    assert!(
        ops::requests(t.engine.store()).await.unwrap().is_empty(),
        "the request is resolved"
    );
    let status = say(&t, ANA, "Status?").await.unwrap();
    assert!(
        status.starts_with("This WhatsApp is linked to the account of Ana Lima (C-0001) since "),
        "{status}"
    );

    // Unlink asks first; "no" keeps it, "yes" removes it.
    assert!(
        say(&t, ANA, "unlink")
            .await
            .unwrap()
            .contains("Answer yes or no")
    );
    assert_eq!(
        say(&t, ANA, "no").await.unwrap(),
        "All right, your link stays as it is."
    );
    assert!(say(&t, ANA, "UNLINK").await.is_some());
    assert!(
        say(&t, ANA, "yes")
            .await
            .unwrap()
            .contains("no longer linked")
    );
    assert_eq!(
        ops::find(t.engine.store(), "C-0001").await.unwrap().wa_id,
        None
    );
    // A "yes" with nothing asked is not for the bot.
    assert_eq!(say(&t, ANA, "yes").await, None);

    // In Spanish, the same flow.
    let ben = record(&t, "Ben Okafor", "C-0002").await;
    let code = ops::code(t.engine.store(), &ben.id.to_string(), Actor::Cli, None)
        .await
        .unwrap();
    assert!(code.wa_me_url.is_none());
    assert!(
        say(&t, BEN, &format!("vincular {}", code.code))
            .await
            .unwrap()
            .starts_with("Listo")
    );
    assert!(
        say(&t, BEN, "desvincular")
            .await
            .unwrap()
            .contains("Responde sí o no")
    );
    assert!(
        say(&t, BEN, "Sí")
            .await
            .unwrap()
            .contains("ya no está vinculado")
    );

    let trail: Vec<String> = ops::log(t.engine.store(), Some(ana.id), 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{}/{}", e.event, e.actor))
        .collect();
    assert_eq!(
        trail,
        [
            "unlinked/customer",
            "linked/customer",
            "code_issued/cli",
            "created/cli"
        ],
        "newest first"
    );
    // The audit trail never holds a code.
    let everything =
        serde_json::to_string(&ops::log(t.engine.store(), None, 500).await.unwrap()).unwrap();
    assert!(!everything.contains(&code.code));
    t.stop().await;
}

#[tokio::test]
async fn a_replayed_webhook_is_answered_once() {
    let t = engine().await;
    let (wamid, body) = inbound(ANA, "hello", 0);
    assert_eq!(t.post(&body).await, 200);
    assert_eq!(t.post(&body).await, 200);
    assert_eq!(t.post(&body).await, 200);
    eventually(Duration::from_secs(5), "the message", || async {
        t.messages(ANA)
            .await
            .into_iter()
            .find(|m| m.wamid.as_deref() == Some(&wamid))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(replies(&t, ANA).await.len(), 1);
    t.stop().await;
}

#[tokio::test]
async fn two_numbers_racing_one_code_one_wins() {
    let t = engine().await;
    // Both have written before, so both are contacts with open windows.
    t.customer_writes(ANA, "hey there, question").await;
    t.customer_writes(BEN, "hey there, question").await;
    record(&t, "Ana Lima", "C-1").await;
    let code = ops::code(t.engine.store(), "C-1", Actor::Owner, None)
        .await
        .unwrap();
    let (_, a) = inbound(ANA, &format!("link {}", code.code), 0);
    let (_, b) = inbound(BEN, &format!("LINK {}", code.code), 0);
    let (sa, sb) = tokio::join!(t.post(&a), t.post(&b));
    assert_eq!((sa, sb), (200, 200));
    let linked = eventually(Duration::from_secs(5), "both answered", || async {
        let (ra, rb) = (replies(&t, ANA).await, replies(&t, BEN).await);
        (ra.len() == 1 && rb.len() == 1)
            .then(|| (ra[0].text.clone().unwrap(), rb[0].text.clone().unwrap()))
    })
    .await;
    let wins = [&linked.0, &linked.1]
        .iter()
        .filter(|r| r.starts_with("Done"))
        .count();
    assert_eq!(wins, 1, "{linked:?}");
    let record = ops::find(t.engine.store(), "C-1").await.unwrap();
    assert!(record.wa_id.as_deref() == Some(ANA) || record.wa_id.as_deref() == Some(BEN));
    t.stop().await;
}

#[tokio::test]
async fn expired_wrong_and_used_codes_are_answered_alike_then_the_number_is_locked_out() {
    let t = engine().await;
    let store = t.engine.store();
    let ana = record(&t, "Ana Lima", "C-1").await;
    let ben = record(&t, "Ben Okafor", "C-2").await;
    // A code issued 16 minutes ago (the clock is given to the code's issue).
    let sixteen_min_ago = shopchat_core::store::now_ms() - 16 * 60 * 1000;
    let (old, _) = store
        .writer()
        .call(move |ctx| {
            Ok(link::issue_code(
                ctx.conn,
                ana.id,
                Actor::Cli,
                sixteen_min_ago,
            ))
        })
        .await
        .unwrap()
        .unwrap();
    let expired = say(&t, ANA, &format!("link {old}")).await.unwrap();
    let wrong = say(&t, ANA, "link ZZZZZZZZZZ").await.unwrap();
    let garbage = say(&t, ANA, "link 12").await.unwrap();
    // A used code: Ben links with it, then Ana tries it.
    let fresh = ops::code(store, "C-2", Actor::Cli, None).await.unwrap();
    assert!(
        say(&t, BEN, &format!("link {}", fresh.code))
            .await
            .unwrap()
            .starts_with("Done")
    );
    let used = say(&t, ANA, &format!("link {}", fresh.code)).await.unwrap();
    assert_eq!(expired, wrong);
    assert_eq!(wrong, garbage);
    assert_eq!(garbage, used, "nothing tells which records exist");
    assert_eq!(
        ops::find(store, &ben.id.to_string())
            .await
            .unwrap()
            .wa_id
            .as_deref(),
        Some(BEN)
    );

    // The fifth failure within the hour locks the number out; then even a good code is refused.
    let locked = say(&t, ANA, "link YYYYYYYYYY").await.unwrap();
    assert!(locked.contains("paused until"), "{locked}");
    let good = ops::code(store, "C-1", Actor::Cli, None).await.unwrap();
    let refused = say(&t, ANA, &format!("link {}", good.code)).await.unwrap();
    assert!(refused.contains("paused until"), "{refused}");
    assert_eq!(ops::find(store, "C-1").await.unwrap().wa_id, None);
    let events: Vec<String> = ops::log(store, None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(events.iter().filter(|e| *e == "failed_attempt").count(), 5);
    assert_eq!(events.iter().filter(|e| *e == "locked").count(), 1);
    t.stop().await;
}

async fn configure(t: &TestEngine, config: BotConfig) {
    t.engine
        .store()
        .writer()
        .call(move |ctx| bot::config::save(ctx.conn, &config))
        .await
        .expect("saved");
}

#[tokio::test]
async fn greeting_away_keywords_and_the_rules_that_keep_a_bot_polite() {
    let t = engine().await;
    let mut config = BotConfig {
        greeting: true,
        away: true,
        rate_limit_minutes: 3,
        ..BotConfig::default()
    };
    // Open every minute of every day: no away message yet.
    config.hours.time_zone = "UTC".into();
    config.hours.week = std::array::from_fn(|_| vec!["00:00-24:00".into()]);
    config.keywords.push(KeywordRule {
        phrases: vec!["opening hours".into(), "horario".into()],
        reply: KeywordReply::Text {
            text: "Mon–Fri 9–18".into(),
        },
    });
    configure(&t, config.clone()).await;

    // A first message: the greeting. The second, soon after: nothing (the rate limit).
    assert!(
        say(&t, ANA, "good morning")
            .await
            .unwrap()
            .contains("welcome")
    );
    assert_eq!(say(&t, ANA, "what are your opening hours?").await, None);

    // A keyword, for another customer (first message, but the keyword wins).
    assert_eq!(
        say(&t, BEN, "¿Cuál es el HORARIO?").await.as_deref(),
        Some("Mon–Fri 9–18")
    );

    // Closed all week: the away message, once per rate-limit period.
    config.hours.week = Default::default();
    configure(&t, config.clone()).await;
    let chloe = "15550100003";
    assert!(
        say(&t, chloe, "are you there")
            .await
            .unwrap()
            .contains("closed")
    );
    assert_eq!(say(&t, chloe, "hello?? anyone").await, None);
    // Commands are still answered.
    assert!(say(&t, chloe, "help").await.is_some());

    // A stale backlog: no away message for a message two hours old; a command is answered.
    let uma = "15550100004";
    let (_, old) = inbound(uma, "anyone?", 2 * 3600);
    assert_eq!(t.post(&old).await, 200);
    let (_, old_command) = inbound(uma, "status", 2 * 3600);
    assert_eq!(t.post(&old_command).await, 200);
    let got = eventually(Duration::from_secs(5), "the answer", || async {
        let r = replies(&t, uma).await;
        (!r.is_empty()).then_some(r)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(replies(&t, uma).await.len(), 1);
    assert!(got[0].text.as_deref().unwrap().contains("not linked"));

    // The owner wrote to the customer: the human has taken over, nothing automatic (with no
    // rate limit, so only the takeover can be what stops it).
    config.rate_limit_minutes = 0;
    configure(&t, config.clone()).await;
    let dan = "15550100005";
    assert!(
        say(&t, dan, "is anyone there")
            .await
            .unwrap()
            .contains("closed")
    );
    let sent = shopchat_core::queue_text(t.engine.store(), dan, "Hi Dan, I'm here", None)
        .await
        .unwrap();
    assert!(!sent.auto);
    assert_eq!(say(&t, dan, "you open today?").await, None);

    // The switch: off, nothing at all.
    config.enabled = false;
    configure(&t, config).await;
    assert_eq!(say(&t, "15550100006", "hello").await, None);
    t.stop().await;
}

#[tokio::test]
async fn a_loop_with_another_bot_is_cut() {
    let t = engine().await;
    let mut config = BotConfig {
        rate_limit_minutes: 0,
        ..BotConfig::default()
    };
    config.keywords.push(KeywordRule {
        phrases: vec!["thanks".into()],
        reply: KeywordReply::Text {
            text: "You're welcome!".into(),
        },
    });
    configure(&t, config).await;
    for _ in 0..bot::LOOP_MAX + 5 {
        t.customer_writes(ANA, "thanks").await;
    }
    assert_eq!(replies(&t, ANA).await.len() as i64, bot::LOOP_MAX);
    t.stop().await;
}

#[tokio::test]
async fn replies_are_classed_as_they_are_stored() {
    let t = engine().await;
    let cases = [
        ("No me interesa, gracias", "not_interested"),
        ("Sí, me interesa", "interested"),
        ("¿Cuánto cuesta?", "question"),
        ("ok thanks", "unknown"),
    ];
    for (text, class) in cases {
        let m = t.customer_writes(ANA, text).await;
        assert_eq!(m.class.as_deref(), Some(class), "{text}");
    }
    let chats = t.engine.chats().await.expect("chats");
    let ana = chats.iter().find(|c| c.wa_id == ANA).expect("Ana's chat");
    assert_eq!(ana.last_class.as_deref(), Some("unknown"));
    t.stop().await;
}

#[tokio::test]
async fn a_muted_customer_gets_nothing_automatic() {
    let t = engine().await;
    assert!(say(&t, ANA, "help").await.is_some());
    t.engine.set_bot_muted(ANA, true).await.expect("muted");
    assert_eq!(say(&t, ANA, "help").await, None);
    t.engine.set_bot_muted(ANA, false).await.expect("unmuted");
    assert!(say(&t, ANA, "help").await.is_some());
    t.stop().await;
}
