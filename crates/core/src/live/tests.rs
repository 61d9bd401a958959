//! Going live, against the sandbox's fake Graph API on loopback and the in-process fake tunnel.

use std::time::Duration;

use secrecy::SecretString;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::Engine;
use crate::config::{Config, Mode, SandboxSettings};
use crate::events::DomainEvent;
use crate::tunnel::fake::FakeTunnelProvider;
use crate::tunnel::{Backoff, CallbackStatus, TunnelError, TunnelOptions, TunnelState};
use fake_graph::{
    FakeGraph, SANDBOX_ACCESS_TOKEN, SANDBOX_PHONE_NUMBER_ID, SANDBOX_VERIFY_TOKEN, SANDBOX_WABA_ID,
};

fn quiet() -> SandboxSettings {
    SandboxSettings {
        status_delays: [Duration::from_millis(10); 3],
        seed_customers: false,
        auto_reply: false,
    }
}

fn account(url: String, token: &str, phone: &str, waba: Option<&str>) -> WhatsAppAccount {
    WhatsAppAccount {
        graph_url: url,
        api_version: wacloud::DEFAULT_API_VERSION.to_owned(),
        access_token: SecretString::from(token.to_owned()),
        phone_number_id: phone.to_owned(),
        business_account_id: waba.map(str::to_owned),
    }
}

#[tokio::test]
async fn test_connection_shows_the_number_or_says_what_is_wrong() {
    let stop = CancellationToken::new();
    let fake = FakeGraph::start(quiet(), stop.clone())
        .await
        .expect("the fake");
    let good = account(
        fake.url(),
        SANDBOX_ACCESS_TOKEN,
        SANDBOX_PHONE_NUMBER_ID,
        Some(SANDBOX_WABA_ID),
    );
    let check = test_connection(&good).await.expect("the sandbox's number");
    assert_eq!(check.verified_name, "Shopchat Sandbox Shop");
    assert_eq!(check.display_phone_number, "+1 555-010-0000");
    assert_eq!(check.quality_rating.as_deref(), Some("GREEN"));
    assert_eq!(check.business_account_id.as_deref(), Some(SANDBOX_WABA_ID));

    let cases = [
        (
            account(fake.url(), "EAAexpired", SANDBOX_PHONE_NUMBER_ID, None),
            ProblemKind::TokenRejected,
            Some("access_token"),
        ),
        (
            account(fake.url(), SANDBOX_ACCESS_TOKEN, "999999999", None),
            ProblemKind::WrongPhoneNumberId,
            Some("phone_number_id"),
        ),
        (
            account(
                fake.url(),
                SANDBOX_ACCESS_TOKEN,
                SANDBOX_PHONE_NUMBER_ID,
                Some("888888888"),
            ),
            ProblemKind::WrongBusinessAccountId,
            Some("business_account_id"),
        ),
        (
            account(fake.url(), "", SANDBOX_PHONE_NUMBER_ID, None),
            ProblemKind::Invalid,
            Some("access_token"),
        ),
        (
            account(fake.url(), SANDBOX_ACCESS_TOKEN, "+1 555 0100", None),
            ProblemKind::Invalid,
            Some("phone_number_id"),
        ),
        (
            // Nothing listens there: what "no network" looks like.
            account(
                closed_port_url().await,
                SANDBOX_ACCESS_TOKEN,
                SANDBOX_PHONE_NUMBER_ID,
                None,
            ),
            ProblemKind::NoNetwork,
            None,
        ),
    ];
    for (account, kind, field) in cases {
        let problem = test_connection(&account).await.expect_err("a problem");
        assert_eq!(problem.kind, kind, "{problem:?}");
        assert_eq!(problem.field.as_deref(), field, "{problem:?}");
        assert!(!problem.message.is_empty());
        assert!(!problem.message.contains(SANDBOX_ACCESS_TOKEN));
    }
    stop.cancel();
}

async fn closed_port_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

#[test]
fn verify_tokens_are_long_random_and_plain() {
    let a = generate_verify_token();
    let b = generate_verify_token();
    assert_eq!(a.len(), VERIFY_TOKEN_LEN);
    assert_ne!(a, b);
    assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()), "{a}");
}

#[test]
fn ids_are_shortened_to_their_last_four_digits() {
    assert_eq!(redact_id("100000000001234"), "•••••••••••1234");
    assert_eq!(redact_id("123"), "123");
}

async fn sandbox_engine() -> (Engine, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Sandbox(quiet()),
    );
    (Engine::start(config).await.expect("the engine"), dir)
}

async fn until(engine: &Engine, what: &str, pick: impl Fn(&TunnelState) -> bool) -> TunnelState {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let state = engine.tunnel_state();
        if pick(&state) {
            return state;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never {what}; last {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

fn quick_options() -> TunnelOptions {
    TunnelOptions {
        backoff: Backoff {
            base: Duration::from_millis(10),
            max: Duration::from_millis(40),
        },
        ..TunnelOptions::default()
    }
}

#[tokio::test]
async fn the_engine_tunnel_follows_its_url_and_meta_is_repointed_each_time() {
    let (engine, _dir) = sandbox_engine().await;
    let mut events = engine.subscribe();
    let provider = FakeTunnelProvider::new();
    provider.fail_next(2, TunnelError::Connect("no route".into()));
    engine.open_tunnel(provider.clone(), quick_options()).await;

    let online = until(&engine, "re-pointed", |s| {
        matches!(
            s,
            TunnelState::Online {
                callback: CallbackStatus::Repointed,
                ..
            }
        )
    })
    .await;
    let TunnelState::Online { url: first, .. } = online else {
        unreachable!()
    };
    assert_eq!(provider.connects(), 3, "two failures, then online");
    // The fake Graph API checked the handshake through the tunnel and kept the URL.
    let fake = engine.fake_graph().unwrap();
    assert_eq!(
        fake.webhook_target().as_deref(),
        Some(format!("{first}/webhook").as_str())
    );
    // Through the tunnel: the health check, but nothing that is not public.
    let http = reqwest::Client::new();
    assert!(
        http.get(format!("{first}/healthz"))
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    assert_eq!(
        http.get(format!("{first}/nope"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Lost: a new URL, and Meta follows it.
    assert!(provider.lose("session closed"));
    let again = until(&engine, "back online elsewhere", |s| {
        matches!(s, TunnelState::Online { url, callback: CallbackStatus::Repointed } if *url != first)
    })
    .await;
    let TunnelState::Online { url: second, .. } = again else {
        unreachable!()
    };
    assert_eq!(
        fake.webhook_target().as_deref(),
        Some(format!("{second}/webhook").as_str())
    );
    let diagnostics = engine.diagnostics().await.unwrap();
    assert_eq!(
        diagnostics.public_webhook_url,
        Some(format!("{second}/webhook"))
    );
    assert_eq!(diagnostics.mode, "sandbox");

    // The changes were published for the window (a watch channel: quick ones may coalesce).
    let mut seen = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let DomainEvent::Tunnel { state } = event {
            seen.push(state);
        }
    }
    assert!(
        seen.iter()
            .any(|s| matches!(s, TunnelState::Offline { .. })),
        "{seen:?}"
    );

    engine.close_tunnel().await;
    assert_eq!(engine.tunnel_state(), TunnelState::Off);
    assert!(engine.public_webhook_url().is_none());
    engine.shutdown().await;
}

#[tokio::test]
async fn point_meta_at_an_own_url_is_checked_and_read_back() {
    let (engine, _dir) = sandbox_engine().await;
    // No tunnel and no URL: nothing to point at.
    let err = engine.point_meta(None).await.unwrap_err();
    assert!(err.to_string().contains("no public address"), "{err}");
    // Meta checks the handshake: the engine's own server answers it.
    let own = format!("http://{}", engine.local_addr());
    let pointed = engine.point_meta(Some(&own)).await.expect("pointed");
    assert_eq!(pointed.callback_url, format!("{own}/webhook"));
    assert_eq!(
        engine.fake_graph().unwrap().webhook_target().as_deref(),
        Some(pointed.callback_url.as_str())
    );
    // A URL that does not answer the handshake is refused, with Meta's reason.
    let err = engine
        .point_meta(Some(&closed_port_url().await))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("could not be pointed here"),
        "{err}"
    );
    engine.shutdown().await;
}

#[tokio::test]
async fn the_report_has_no_full_id_and_no_secret() {
    let (engine, _dir) = sandbox_engine().await;
    engine
        .sandbox_say("15550100001", "hello", Some("Ana"))
        .await
        .unwrap();
    let d = engine.diagnostics().await.unwrap();
    assert_eq!(d.webhooks_received, 1);
    assert_eq!(d.webhooks_refused_signature, 0);
    assert!(d.last_webhook_at.is_some());
    let report = d.report(|text| text.replace(SANDBOX_VERIFY_TOKEN, "[redacted]"));
    assert!(report.contains("mode:               sandbox"), "{report}");
    assert!(report.contains("webhooks received:  1"), "{report}");
    assert!(!report.contains(SANDBOX_PHONE_NUMBER_ID), "{report}");
    assert!(!report.contains(SANDBOX_WABA_ID), "{report}");
    assert!(report.contains(&SANDBOX_PHONE_NUMBER_ID[11..]), "{report}");

    // Signed with another app's secret (a wrong app secret saved): counted, and the report says
    // what to check.
    let body = fake_graph::payloads::inbound_text(
        SANDBOX_WABA_ID,
        SANDBOX_PHONE_NUMBER_ID,
        "15550100001",
        "Ana",
        &fake_graph::payloads::new_wamid(),
        crate::store::now_secs(),
        "signed by someone else",
    );
    let status = fake_graph::payloads::post_signed(
        &reqwest::Client::new(),
        &engine.webhook_url(),
        b"another-apps-secret",
        &body,
    )
    .await
    .unwrap();
    assert_eq!(status.as_u16(), 403);
    let d = engine.diagnostics().await.unwrap();
    assert_eq!((d.webhooks_received, d.webhooks_refused_signature), (1, 1));
    let report = d.report(str::to_owned);
    assert!(
        report.contains("bad signatures:     1 (check the app secret)"),
        "{report}"
    );
    engine.shutdown().await;
}

#[test]
fn the_settings_give_the_port_and_rate_and_the_environment_wins() {
    use crate::settings::{Settings, TunnelChoice};
    let settings = Settings {
        listen_port: 9100,
        outbox_rate: Some(200),
        tunnel: TunnelChoice::Ngrok,
        ..Settings::default()
    };
    let none = |_: &str| None::<String>;
    assert_eq!(launch::listen_addr(none, &settings).unwrap().port(), 9100);
    let env = |k: &str| match k {
        "SHOPCHAT_LISTEN" => Some("127.0.0.1:0".to_owned()),
        "SHOPCHAT_OUTBOX_RATE" => Some("off".to_owned()),
        _ => None,
    };
    assert_eq!(launch::listen_addr(env, &settings).unwrap().port(), 0);
    let rate = |o: crate::config::OutboxSettings| o.rate_per_second.map(|r| r.get());
    assert_eq!(
        rate(launch::outbox_settings(none, &settings).unwrap()),
        Some(200)
    );
    assert_eq!(rate(launch::outbox_settings(env, &settings).unwrap()), None);

    // ngrok without an authtoken anywhere: a clear error; with one in the keystore: planned.
    let keystore = crate::secrets::Keystore::in_memory();
    let err = launch::TunnelPlan::from_settings(none, Some(&keystore), &settings)
        .err()
        .unwrap();
    assert!(err.contains("ngrok-authtoken"), "{err}");
    keystore
        .set(
            crate::secrets::SecretName::NgrokAuthtoken,
            &crate::secrets::Secret::new("2abcTOKEN"),
        )
        .unwrap();
    assert!(matches!(
        launch::TunnelPlan::from_settings(none, Some(&keystore), &settings),
        Ok(launch::TunnelPlan::Ngrok { .. })
    ));
    let off = Settings::default();
    assert!(matches!(
        launch::TunnelPlan::from_settings(none, None, &off),
        Ok(launch::TunnelPlan::None)
    ));
}

fn go_live_request(token: &str) -> GoLive {
    serde_json::from_value(serde_json::json!({
        "accessToken": token,
        "phoneNumberId": SANDBOX_PHONE_NUMBER_ID,
        "businessAccountId": SANDBOX_WABA_ID,
        "appId": null,
        "businessName": "Mugs & Co",
        "appSecret": "0123456789abcdef0123456789abcdef",
        "verifyToken": "kq3VnR8yT2mX5pLw9sD4fG7hJ1aZ6cB0",
        "tunnel": "ngrok",
        "ngrokAuthtoken": "2ngrokTOKENvalue",
        "ngrokDomain": "mugs.ngrok.app",
        "ownUrl": null,
        "repointCallback": true
    }))
    .expect("the window's request")
}

#[tokio::test]
async fn going_live_saves_nothing_until_everything_is_valid_and_meta_agrees() {
    use crate::secrets::{Keystore, SecretName};
    use crate::settings::Settings;
    let stop = CancellationToken::new();
    let fake = FakeGraph::start(quiet(), stop.clone())
        .await
        .expect("the fake");
    let dir = tempfile::tempdir().unwrap();
    let file = Settings::file(dir.path());
    let keystore = Keystore::in_memory();

    // Invalid fields: named, nothing saved, no request needed.
    let mut bad = go_live_request(SANDBOX_ACCESS_TOKEN);
    bad.phone_number_id = "+1 555".into();
    bad.verify_token = Some(crate::secrets::Secret::new("short"));
    bad.tunnel = crate::settings::TunnelChoice::None;
    bad.own_url = Some("http://shop.example.com".into());
    let GoLiveOutcome::Invalid { problems } =
        bad.save(&keystore, &file, &fake.url()).await.unwrap()
    else {
        panic!("invalid")
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["phone_number_id", "verify_token", "own_url"],
        "{problems:?}"
    );
    assert!(!file.exists());
    assert!(!keystore.is_set(SecretName::AppSecret).unwrap());

    // Meta refuses the token: nothing saved either.
    let outcome = go_live_request("EAAexpired")
        .save(&keystore, &file, &fake.url())
        .await
        .unwrap();
    assert!(
        matches!(&outcome, GoLiveOutcome::Connection { problem } if problem.kind == ProblemKind::TokenRejected),
        "{outcome:?}"
    );
    assert!(!file.exists());
    assert!(!keystore.is_set(SecretName::AccessToken).unwrap());

    // All good: secrets in the keystore, the rest in the settings file, no secret in it.
    let outcome = go_live_request(SANDBOX_ACCESS_TOKEN)
        .save(&keystore, &file, &fake.url())
        .await
        .unwrap();
    assert!(
        matches!(outcome, GoLiveOutcome::Saved { .. }),
        "{outcome:?}"
    );
    for name in SecretName::ALL {
        assert!(keystore.is_set(name).unwrap(), "{name}");
    }
    let saved = Settings::load(&file).unwrap();
    assert_eq!(
        saved.phone_number_id.as_deref(),
        Some(SANDBOX_PHONE_NUMBER_ID)
    );
    assert_eq!(saved.ngrok_domain.as_deref(), Some("mugs.ngrok.app"));
    assert_eq!(saved.business_name.as_deref(), Some("Mugs & Co"));
    let text = std::fs::read_to_string(&file).unwrap();
    for secret in [
        SANDBOX_ACCESS_TOKEN,
        "0123456789abcdef",
        "kq3VnR8y",
        "2ngrokTOKEN",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }

    // Later changes keep the saved secrets when none are given.
    let mut later = go_live_request("");
    later.access_token = None;
    later.app_secret = None;
    later.verify_token = None;
    later.ngrok_authtoken = None;
    later.tunnel = crate::settings::TunnelChoice::None;
    later.own_url = Some("https://shop.example.com/webhook".into());
    let outcome = later.save(&keystore, &file, &fake.url()).await.unwrap();
    assert!(
        matches!(outcome, GoLiveOutcome::Saved { .. }),
        "{outcome:?}"
    );
    let saved = Settings::load(&file).unwrap();
    assert_eq!(
        saved.public_url.as_deref(),
        Some("https://shop.example.com")
    );
    assert_eq!(
        keystore
            .get(SecretName::AccessToken)
            .unwrap()
            .unwrap()
            .expose(),
        SANDBOX_ACCESS_TOKEN
    );
    stop.cancel();
}

#[tokio::test]
async fn a_number_from_another_business_account_is_refused() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let meta = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v24.0/1111111111"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "1111111111", "display_phone_number": "+44 7700 900123",
            "verified_name": "Mugs & Co"
        })))
        .mount(&meta)
        .await;
    Mock::given(method("GET"))
        .and(path("/v24.0/2222222222/phone_numbers"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": [{"id": "3333333333", "display_phone_number": "+1 555-010-9999",
                      "verified_name": "Another shop"}]
        })))
        .mount(&meta)
        .await;
    let problem = test_connection(&account(
        meta.uri(),
        "EAAtoken",
        "1111111111",
        Some("2222222222"),
    ))
    .await
    .unwrap_err();
    assert_eq!(problem.kind, ProblemKind::WrongBusinessAccountId);
    assert_eq!(problem.field.as_deref(), Some("business_account_id"));
    assert!(
        problem.message.contains("+44 7700 900123"),
        "{}",
        problem.message
    );
}
