//! Secrets go to the keystore and to Meta, nowhere else: known values are put in the keystore,
//! a live engine is started from them (against a local fake Graph API), a customer writes, the
//! shop answers, Meta's verification handshake runs, the engine stops; then every file in the
//! data dir and every log line (captured at TRACE) is searched for each value.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fake_graph::payloads;
use serde_json::json;
use shopchat_core::config::{self, Config, LiveSettings, Mode};
use shopchat_core::secrets::{Keystore, Secret, SecretName};
use shopchat_core::settings::{Settings, TunnelChoice};
use shopchat_core::tunnel::fake::FakeTunnelProvider;
use shopchat_core::tunnel::ngrok::NgrokProvider;
use shopchat_core::tunnel::{Backoff, CallbackStatus, TunnelOptions, TunnelState};
use shopchat_core::{Engine, MessageStatus};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PHONE_NUMBER_ID: &str = "106540352242922";
const WABA_ID: &str = "102290129340398";
const CUSTOMER: &str = "15550123456";
const SECRETS: [(SecretName, &str); 4] = [
    (SecretName::AccessToken, "EAAleak-probe-access-7f3a9c"),
    (SecretName::AppSecret, "leak-probe-app-secret-51d0e2"),
    (SecretName::VerifyToken, "leak-probe-verify-93bb41"),
    (SecretName::NgrokAuthtoken, "leak-probe-ngrok-2c77aa"),
];

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("the log buffer")
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).expect("a readable file")));
            }
        }
    }
    out
}

async fn eventually<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_the_data_dir_or_the_logs() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let keystore = Keystore::in_memory();
    for (name, value) in SECRETS {
        keystore.set(name, &Secret::new(value)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        phone_number_id: Some(PHONE_NUMBER_ID.into()),
        business_account_id: Some(WABA_ID.into()),
        tunnel: TunnelChoice::Ngrok,
        ngrok_domain: Some("leak-test.ngrok.app".into()),
        ..Settings::default()
    };
    settings.save(&Settings::file(dir.path())).unwrap();

    let graph = MockServer::start().await;
    let (_, token) = SECRETS[0];
    Mock::given(method("POST"))
        .and(path(format!("/v24.0/{PHONE_NUMBER_ID}/messages")))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "messaging_product": "whatsapp",
            "contacts": [{"input": CUSTOMER, "wa_id": CUSTOMER}],
            "messages": [{"id": "wamid.leaktest1"}],
        })))
        .mount(&graph)
        .await;

    // Meta refusing to re-point its webhook (every request has an answer: wiremock logs the
    // headers of requests nothing matches, and that log is not the app's).
    Mock::given(method("POST"))
        .and(path(format!("/v24.0/{WABA_ID}/subscribed_apps")))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {
                "message": "(#100) The parameter override_callback_uri could not be validated",
                "type": "OAuthException",
                "code": 100,
                "fbtrace_id": "AleakTrace"
            }
        })))
        .mount(&graph)
        .await;

    // What the app does at start-up: settings from the file, secrets from the keystore.
    let loaded = Settings::load(&Settings::file(dir.path())).unwrap();
    let graph_url = graph.uri();
    let env = |name: &str| (name == config::env::GRAPH_URL).then(|| graph_url.clone());
    let live = LiveSettings::resolve(env, Some(&keystore), &loaded).unwrap();
    tracing::trace!(?live, "resolved live settings");
    let authtoken = keystore.get(SecretName::NgrokAuthtoken).unwrap().unwrap();
    let provider = NgrokProvider::new(authtoken, loaded.ngrok_domain.clone());
    tracing::trace!(?provider, "tunnel provider");

    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Live(live),
    );
    let engine = Engine::start(config).await.unwrap();
    let http = reqwest::Client::new();
    let webhook = format!("http://{}/webhook", engine.local_addr());

    // Meta's verification handshake, with the verify token from the keystore.
    let (_, verify) = SECRETS[2];
    let answer = http
        .get(&webhook)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", verify),
            ("hub.challenge", "challenge-42"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "challenge-42");

    // A customer writes, signed with the app secret from the keystore.
    let (_, app_secret) = SECRETS[1];
    let wamid = payloads::new_wamid();
    let body = payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        CUSTOMER,
        "Leak Test",
        &wamid,
        shopchat_core::store::now_secs(),
        "Hello, do you ship?",
    );
    let status = payloads::post_signed(&http, &webhook, app_secret.as_bytes(), &body)
        .await
        .unwrap();
    assert_eq!(status.as_u16(), 200);
    eventually("the inbound message", async || {
        let list = engine.messages(CUSTOMER, 10).await.unwrap();
        list.iter()
            .any(|m| m.wamid.as_deref() == Some(wamid.as_str()))
            .then_some(())
    })
    .await;

    // The shop answers; the Graph API only accepts the keystore's access token.
    engine
        .send_text(CUSTOMER, "Yes, worldwide.", None)
        .await
        .unwrap();
    eventually("the reply to be sent", async || {
        let list = engine.messages(CUSTOMER, 10).await.unwrap();
        list.iter()
            .any(|m| m.status == MessageStatus::Sent)
            .then_some(())
    })
    .await;

    // The tunnel opens (an in-process fake of ngrok) and Meta is re-pointed (refused here: the
    // fake Graph API has no subscription endpoint, so the error path runs too); then the
    // diagnostics report the owner copies.
    let options = TunnelOptions {
        backoff: Backoff {
            base: Duration::from_millis(5),
            max: Duration::from_millis(20),
        },
        repoint_attempts: 2,
        ..TunnelOptions::default()
    };
    engine.open_tunnel(FakeTunnelProvider::new(), options).await;
    eventually("Meta to be re-pointed, or to refuse", async || {
        matches!(
            engine.tunnel_state(),
            TunnelState::Online {
                callback: CallbackStatus::Failed { .. } | CallbackStatus::Repointed,
                ..
            }
        )
        .then_some(())
    })
    .await;
    let report = engine.diagnostics().await.unwrap().report(str::to_owned);
    tracing::info!(%report, "diagnostics");
    for (name, value) in SECRETS {
        assert!(!report.contains(value), "{name} appears in the report");
    }
    engine.shutdown().await;

    let logs = logs.0.lock().unwrap().clone();
    assert!(
        contains(&logs, "engine started"),
        "the logs were not captured"
    );
    let files = files_under(dir.path());
    assert!(
        files.iter().any(|(p, _)| p.ends_with("settings.json")),
        "no settings file in {}",
        dir.path().display()
    );
    for (name, value) in SECRETS {
        let text = String::from_utf8_lossy(&logs);
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(value)).take(3).collect();
        assert!(lines.is_empty(), "{name} appears in the logs: {lines:#?}");
        for (file, bytes) in &files {
            assert!(
                !contains(bytes, value),
                "{name} appears in {}",
                file.display()
            );
        }
    }
}
