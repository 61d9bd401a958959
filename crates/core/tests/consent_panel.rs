//! The contact panel's opt-in / opt-out: what it shows (since when, how) and the owner's own
//! switch, through a running sandbox engine on a real SQLite file.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use shopchat_core::broadcasts::consent;
use shopchat_core::config::{Config, Mode, SandboxSettings};
use shopchat_core::contacts::{ContactFilter, ContactsError};
use shopchat_core::engine::EngineError;
use shopchat_core::store::contacts as base;
use shopchat_core::{DomainEvent, Engine};

const ANA: &str = "15550100001";

async fn engine() -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let settings = SandboxSettings {
        status_delays: [Duration::from_millis(10); 3],
        seed_customers: false,
        auto_reply: false,
    };
    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Sandbox(settings),
    );
    let engine = Engine::start(config).await.unwrap();
    engine
        .store()
        .writer()
        .call(|ctx| base::upsert(ctx.conn, ANA, Some("Ana"), None).map(|_| ()))
        .await
        .unwrap();
    (engine, dir)
}

#[tokio::test]
async fn the_owner_opts_a_contact_out_and_back_in_and_the_panel_says_since_when_and_how() {
    let (engine, _dir) = engine().await;
    let p = engine.contact_panel(ANA.into()).await.unwrap();
    assert!(!p.entry.contact.opted_out);
    assert_eq!((p.opted_out_at, p.opted_out_via.as_deref()), (None, None));

    let mut events = engine.subscribe();
    let before = shopchat_core::store::now_ms();
    let p = engine.set_opted_out(ANA.into(), true).await.unwrap();
    assert!(p.entry.contact.opted_out);
    assert_eq!(p.opted_out_via.as_deref(), Some("owner"));
    let at = p.opted_out_at.unwrap();
    assert!(at >= before && at <= shopchat_core::store::now_ms(), "{at}");
    let event = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if let Ok(DomainEvent::ContactUpdated { contact }) = events.recv().await
                && contact.wa_id == ANA
            {
                return contact;
            }
        }
    })
    .await
    .unwrap();
    assert!(event.opted_out);
    // The list (and `shopchat contacts --json`) says so too.
    let entries = engine
        .contact_entries(ContactFilter::default())
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.contact.wa_id == ANA && e.contact.opted_out)
    );

    // Again: nothing changes, the first opt-out's date stays.
    let again = engine.set_opted_out(ANA.into(), true).await.unwrap();
    assert_eq!(again.opted_out_at, Some(at));

    // Back in: nothing left of it.
    let p = engine.set_opted_out(ANA.into(), false).await.unwrap();
    assert!(!p.entry.contact.opted_out);
    assert_eq!((p.opted_out_at, p.opted_out_via.as_deref()), (None, None));
    engine.shutdown().await;
}

#[tokio::test]
async fn a_customers_own_stop_shows_as_a_keyword_and_an_unknown_number_is_refused() {
    let (engine, _dir) = engine().await;
    engine
        .store()
        .writer()
        .call(|ctx| consent::opt_out(ctx.conn, ANA, consent::VIA_KEYWORD, 1_700_000_000_000))
        .await
        .unwrap();
    let p = engine.contact_panel(ANA.into()).await.unwrap();
    assert!(p.entry.contact.opted_out);
    assert_eq!(p.opted_out_at, Some(1_700_000_000_000));
    assert_eq!(p.opted_out_via.as_deref(), Some("keyword"));
    // The owner can opt them back in by hand.
    let p = engine.set_opted_out(ANA.into(), false).await.unwrap();
    assert!(!p.entry.contact.opted_out);

    let unknown = engine.set_opted_out("15559999999".into(), true).await;
    assert!(
        matches!(
            unknown,
            Err(EngineError::Contacts(ContactsError::NoContact(_)))
        ),
        "{unknown:?}"
    );
    engine.shutdown().await;
}
