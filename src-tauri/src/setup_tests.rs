//! The wizard's commands end to end through Tauri's IPC: a sandbox engine, the rehearsal's fake
//! Graph API and fake tunnel, an in-memory keystore; going live restarts the engine for real.

use std::time::{Duration, Instant};

use fake_graph::{
    FakeGraph, SANDBOX_ACCESS_TOKEN, SANDBOX_APP_SECRET, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID,
};
use serde_json::{Value, json};
use shopchat_core::config::SandboxSettings;
use shopchat_core::secrets::Keystore;
use shopchat_core::settings::Settings;
use shopchat_core::tunnel::fake::FakeTunnelProvider;
use tauri::Manager;
use tauri::test::mock_builder;
use tokio_util::sync::CancellationToken;

use crate::state::{AppState, Rehearsal};
use crate::tests::invoke;

const VERIFY_TOKEN: &str = "Zq3VnR8yT2mX5pLw9sD4fG7hJ1aZ6cB0";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn the_wizard_takes_the_app_live_and_disconnect_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    // Free ports for the sandbox and the live engine (the defaults could be taken here).
    Settings {
        listen_port: free_port(),
        ..Settings::default()
    }
    .save(&Settings::file(dir.path()))
    .unwrap();
    let stop = CancellationToken::new();
    let quiet = SandboxSettings {
        status_delays: [Duration::from_millis(10); 3],
        seed_customers: false,
        auto_reply: false,
    };
    let graph =
        tauri::async_runtime::block_on(FakeGraph::start(quiet, stop.child_token())).unwrap();
    let app = mock_builder()
        .invoke_handler(crate::invoke_handler())
        .build(tauri::generate_context!())
        .unwrap();
    let keystore = Keystore::in_memory();
    app.manage(
        AppState::new(Err("starting".into()), dir.path().to_owned())
            .with_keystore(Ok(keystore.clone()))
            .with_rehearsal(Some(Rehearsal {
                graph,
                tunnels: FakeTunnelProvider::new(),
                _stop: stop.drop_guard(),
            })),
    );
    tauri::async_runtime::block_on(crate::startup::launch(app.handle()));
    let window = tauri::WebviewWindowBuilder::new(
        &app,
        "main",
        tauri::WebviewUrl::External("http://localhost:5173".parse().unwrap()),
    )
    .build()
    .unwrap();
    let call = |cmd: &str, args: Value| invoke(&window, cmd, args);

    let setup = call("setup_state", json!({})).unwrap();
    assert_eq!(setup["mode"], "sandbox");
    assert_eq!(setup["rehearsal"], true);
    assert!(
        setup["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["set"] == false)
    );

    // Test connection: a wrong token is explained at its field; the right one shows the number.
    let wrong = call(
        "test_connection",
        json!({"accessToken": "EAAwrong", "phoneNumberId": SANDBOX_PHONE_NUMBER_ID, "businessAccountId": SANDBOX_WABA_ID}),
    )
    .unwrap();
    assert_eq!(wrong["result"], "problem");
    assert_eq!(wrong["problem"]["kind"], "token_rejected");
    assert_eq!(wrong["problem"]["field"], "access_token");
    let ok = call(
        "test_connection",
        json!({"accessToken": SANDBOX_ACCESS_TOKEN, "phoneNumberId": SANDBOX_PHONE_NUMBER_ID, "businessAccountId": SANDBOX_WABA_ID}),
    )
    .unwrap();
    assert_eq!(ok["result"], "ok", "{ok}");
    assert_eq!(ok["check"]["verified_name"], "Shopchat Sandbox Shop");

    let token = call("generate_verify_token", json!({})).unwrap();
    assert_eq!(token.as_str().unwrap().len(), 32);

    let request = |verify: &str| {
        json!({"request": {
            "accessToken": SANDBOX_ACCESS_TOKEN,
            "phoneNumberId": SANDBOX_PHONE_NUMBER_ID,
            "businessAccountId": SANDBOX_WABA_ID,
            "appId": null, "businessName": "Mugs & Co",
            "appSecret": SANDBOX_APP_SECRET,
            "verifyToken": verify,
            "tunnel": "ngrok", "ngrokAuthtoken": "2ngrokTOKEN", "ngrokDomain": null,
            "ownUrl": null, "repointCallback": true
        }})
    };
    // Invalid: nothing saved, the app stays in the sandbox.
    let invalid = call("go_live", request("short")).unwrap();
    assert_eq!(invalid["result"], "invalid");
    assert_eq!(invalid["problems"][0]["field"], "verify_token");
    assert_eq!(call("app_info", json!({})).unwrap()["mode"], "sandbox");

    let saved = call("go_live", request(VERIFY_TOKEN)).unwrap();
    assert_eq!(saved["result"], "saved", "{saved}");
    assert_eq!(call("app_info", json!({})).unwrap()["mode"], "live");
    // The tunnel opens and Meta (the fake) is pointed at it, the handshake passing through it.
    let deadline = Instant::now() + Duration::from_secs(10);
    let url = loop {
        let state = call("tunnel_state", json!({})).unwrap();
        if state["state"] == "online" && state["callback"]["status"] == "repointed" {
            break state["url"].as_str().unwrap().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "the tunnel never came up: {state}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let pointed = call("point_meta", json!({"ownUrl": null})).unwrap();
    assert_eq!(pointed["callback_url"], format!("{url}/webhook"));

    let report = call("diagnostics_report", json!({})).unwrap();
    let report = report.as_str().unwrap();
    assert!(report.contains("mode:               live"), "{report}");
    for secret in [
        VERIFY_TOKEN,
        SANDBOX_ACCESS_TOKEN,
        SANDBOX_APP_SECRET,
        "2ngrokTOKEN",
        SANDBOX_PHONE_NUMBER_ID,
    ] {
        assert!(!report.contains(secret), "{secret} in {report}");
    }
    let setup = call("setup_state", json!({})).unwrap();
    assert!(
        setup["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["set"] == true),
        "{setup}"
    );
    assert_eq!(setup["settings"]["business_name"], "Mugs & Co");

    // Disconnect: the keystore is emptied and the app is back in the sandbox.
    let after = call("disconnect", json!({})).unwrap();
    assert_eq!(after["mode"], "sandbox");
    assert!(
        after["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["set"] == false)
    );
    assert_eq!(call("app_info", json!({})).unwrap()["mode"], "sandbox");
    assert_eq!(call("tunnel_state", json!({})).unwrap()["state"], "off");

    let state = app.state::<AppState>();
    if let Some(engine) = state.running() {
        tauri::async_runtime::block_on(engine.shutdown());
    }
}

#[test]
fn when_live_cannot_start_the_app_opens_in_the_sandbox_and_says_why() {
    use shopchat_core::secrets::{Secret, SecretName};
    let dir = tempfile::tempdir().unwrap();
    // The live engine's port is taken by another program.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    Settings {
        listen_port: taken.local_addr().unwrap().port(),
        phone_number_id: Some(SANDBOX_PHONE_NUMBER_ID.into()),
        business_account_id: Some(SANDBOX_WABA_ID.into()),
        ..Settings::default()
    }
    .save(&Settings::file(dir.path()))
    .unwrap();
    let keystore = Keystore::in_memory();
    for (name, value) in [
        (SecretName::AccessToken, SANDBOX_ACCESS_TOKEN),
        (SecretName::AppSecret, SANDBOX_APP_SECRET),
        (SecretName::VerifyToken, VERIFY_TOKEN),
    ] {
        keystore.set(name, &Secret::new(value)).unwrap();
    }
    let app = mock_builder()
        .invoke_handler(crate::invoke_handler())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(
        AppState::new(Err("starting".into()), dir.path().to_owned()).with_keystore(Ok(keystore)),
    );
    tauri::async_runtime::block_on(crate::startup::launch(app.handle()));
    let state = app.state::<AppState>();
    let engine = state.running().expect("an engine: the sandbox");
    assert_eq!(engine.mode(), "sandbox");
    let why = state.live_error().expect("why it is not live");
    assert!(why.contains("could not start live"), "{why}");
    tauri::async_runtime::block_on(engine.shutdown());
    drop(taken);
}
