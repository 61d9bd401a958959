//! The command wiring, through Tauri's mock runtime and IPC, with a real sandbox engine behind it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shopchat_core::config::{Config, Mode, SandboxSettings};
use shopchat_core::{Engine, bindings};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

use crate::state::AppState;

/// The app's own origin, which the capability is limited to: the dev server in debug builds
/// (tests), the embedded assets in release.
fn local_url() -> tauri::WebviewUrl {
    if cfg!(feature = "custom-protocol") {
        tauri::WebviewUrl::App("index.html".into())
    } else {
        tauri::WebviewUrl::External("http://localhost:5173".parse().unwrap())
    }
}

pub(crate) struct Harness {
    _dir: tempfile::TempDir,
    pub(crate) engine: Arc<Engine>,
    pub(crate) window: WebviewWindow<tauri::test::MockRuntime>,
    _app: tauri::App<tauri::test::MockRuntime>,
}

pub(crate) fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let settings = SandboxSettings {
        status_delays: [
            Duration::from_millis(10),
            Duration::from_millis(20),
            Duration::from_millis(30),
        ],
        seed_customers: false,
        auto_reply: false,
    };
    let config = Config::new(
        dir.path().to_owned(),
        "127.0.0.1:0".parse().unwrap(),
        Mode::Sandbox(settings),
    );
    let engine = Arc::new(tauri::async_runtime::block_on(Engine::start(config)).unwrap());
    let app = mock_builder()
        .invoke_handler(crate::invoke_handler())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(AppState::new(Ok(engine.clone()), dir.path().to_owned()));
    crate::events::forward(
        app.handle().clone(),
        engine.clone(),
        tokio_util::sync::CancellationToken::new(),
    );
    let window = tauri::WebviewWindowBuilder::new(&app, "main", local_url())
        .build()
        .unwrap();
    Harness {
        _dir: dir,
        engine,
        window,
        _app: app,
    }
}

/// Calls `cmd` from `window` through the real IPC path, as the UI does.
pub(crate) fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let response = get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "http://localhost:5173".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    );
    response.map(|b| b.deserialize::<Value>().unwrap())
}

/// A raw-body command's request, as api.ts sends one: `body` is the file's bytes, `meta` (JSON)
/// rides URI-encoded in the details header.
pub(crate) fn raw_request(cmd: &str, body: &[u8], meta: &str) -> InvokeRequest {
    let encoded: String = meta
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let mut headers = tauri::http::HeaderMap::new();
    headers.insert(
        crate::commands::media::META_HEADER,
        encoded.parse().unwrap(),
    );
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "http://localhost:5173".parse().unwrap(),
        body: InvokeBody::Raw(body.to_vec()),
        headers,
        invoke_key: INVOKE_KEY.to_string(),
    }
}

impl Harness {
    pub(crate) fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke(&self.window, cmd, args)
    }

    pub(crate) fn eventually(&self, what: &str, mut check: impl FnMut(&Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !check(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        tauri::async_runtime::block_on(self.engine.shutdown());
    }
}

#[test]
fn app_info_reports_the_sandbox() {
    let h = harness();
    let info = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(info["mode"], "sandbox");
    assert!(info["webhook_url"].as_str().unwrap().ends_with("/webhook"));
    assert_eq!(
        h.invoke("sandbox_customers", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        h.invoke("outbox_counts", json!({})).unwrap(),
        json!({"pending": 0, "in_flight": 0, "failed": 0, "unknown": 0})
    );
}

#[test]
fn a_customer_writes_and_the_owner_replies() {
    let h = harness();
    h.invoke(
        "sandbox_say",
        json!({"from": "15550100002", "text": "Is my order ready?", "name": null}),
    )
    .unwrap();
    h.eventually("the chat", |h| {
        h.invoke("list_chats", json!({}))
            .unwrap()
            .as_array()
            .unwrap()
            .len()
            == 1
    });
    let chats = h.invoke("list_chats", json!({})).unwrap();
    assert_eq!(chats[0]["wa_id"], "15550100002");
    assert_eq!(chats[0]["unread"], 1);
    assert_eq!(chats[0]["last_message"]["text"], "Is my order ready?");

    h.invoke("mark_read", json!({"contact": "15550100002"}))
        .unwrap();
    assert_eq!(h.invoke("list_chats", json!({})).unwrap()[0]["unread"], 0);

    let sent = h
        .invoke(
            "send_text",
            json!({"to": "15550100002", "text": "Yes, come by!", "replyTo": null}),
        )
        .unwrap();
    assert_eq!(sent["status"], "queued");
    h.eventually("the read tick", |h| {
        let page = h
            .invoke(
                "list_messages",
                json!({"contact": "15550100002", "beforeId": null, "limit": 50}),
            )
            .unwrap();
        page.as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == sent["id"] && m["status"] == "read")
    });
    // Paging: the page before the reply holds only the customer's message.
    let older = h
        .invoke(
            "list_messages",
            json!({"contact": "15550100002", "beforeId": sent["id"], "limit": 50}),
        )
        .unwrap();
    assert_eq!(older.as_array().unwrap().len(), 1);
    assert_eq!(older[0]["direction"], "in");
}

#[test]
fn errors_reach_the_ui_as_code_and_message() {
    let h = harness();
    let err = h
        .invoke(
            "send_text",
            json!({"to": "not a number", "text": "hi", "replyTo": null}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert!(
        err["message"].as_str().unwrap().contains("phone number"),
        "{err}"
    );
    // Nobody who has not written may be written to freely.
    let err = h
        .invoke(
            "send_text",
            json!({"to": "15550109999", "text": "hi", "replyTo": null}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "outside_window");
    assert!(
        err["message"].as_str().unwrap().contains("template"),
        "{err}"
    );
    let err = h
        .invoke(
            "list_messages",
            json!({"contact": "15550100002", "beforeId": null, "limit": 0}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    let err = h
        .invoke(
            "sandbox_say",
            json!({"from": "15550100002", "text": "  ", "name": null}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn an_engine_that_could_not_start_is_explained() {
    let app = mock_builder()
        .invoke_handler(crate::invoke_handler())
        .build(tauri::generate_context!())
        .unwrap();
    app.manage(AppState::new(
        Err("another Shopchat engine is already running".into()),
        Default::default(),
    ));
    let window = tauri::WebviewWindowBuilder::new(&app, "main", local_url())
        .build()
        .unwrap();
    let err = get_ipc_response(
        &window,
        InvokeRequest {
            cmd: "list_chats".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "http://localhost:5173".parse().unwrap(),
            body: InvokeBody::Json(json!({})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .unwrap_err();
    assert_eq!(err["code"], "internal");
    assert!(err["message"].as_str().unwrap().contains("already running"));
}

#[test]
fn messages_are_searched_across_chats() {
    let h = harness();
    h.invoke(
        "sandbox_say",
        json!({"from": "15550100002", "text": "Is the blue scarf back in stock?", "name": null}),
    )
    .unwrap();
    // Any case, the last word as a prefix.
    h.eventually("the search hit", |h| {
        let hits = h
            .invoke("search_messages", json!({"query": "SCARF bl", "limit": 10}))
            .unwrap();
        !hits.as_array().unwrap().is_empty()
    });
    let hits = h
        .invoke("search_messages", json!({"query": "scarf", "limit": 10}))
        .unwrap();
    assert_eq!(hits[0]["message"]["contact"], "15550100002");
    assert_eq!(
        hits[0]["message"]["text"],
        "Is the blue scarf back in stock?"
    );
    assert_eq!(
        h.invoke("search_messages", json!({"query": "\"*\"", "limit": 10}))
            .unwrap(),
        json!([])
    );
    let err = h
        .invoke("search_messages", json!({"query": "scarf", "limit": 0}))
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
}

#[test]
fn outbox_health_and_resume_are_wired() {
    let h = harness();
    assert_eq!(
        h.invoke("outbox_health", json!({})).unwrap(),
        json!({"state": "running"})
    );
    assert_eq!(
        h.invoke("resume_outbox", json!({})).unwrap(),
        json!({"state": "running"})
    );
}

#[test]
fn the_capability_grants_nothing_beyond_the_apps_commands() {
    let h = harness();
    for cmd in [
        "plugin:store|load",
        "plugin:notification|notify",
        "plugin:window|close",
    ] {
        let err = h.invoke(cmd, json!({})).unwrap_err();
        assert!(
            err.as_str().unwrap_or_default().contains("not allowed"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    bindings::export::<crate::error::ApiError>(dir.path());
    bindings::export::<crate::commands::app::AppInfo>(dir.path());
    bindings::export::<crate::commands::sandbox::SandboxCustomer>(dir.path());
    bindings::export::<shopchat_core::engine::SandboxPhone>(dir.path());
    bindings::export::<shopchat_core::coexistence::history::HistoryStatus>(dir.path());
    bindings::export::<crate::commands::links::LinkCodeView>(dir.path());
    bindings::export::<crate::commands::templates::TemplateFileMeta>(dir.path());
    bindings::check_against_committed(dir.path());
}

/// Every command the app registers is also declared to tauri-build (so it gets its `allow-…`
/// permission) and granted by the window's capability, and nothing else is: a command missing
/// from either is refused at run time with "not allowed", which no other test would notice.
#[test]
fn every_registered_command_is_declared_and_granted() {
    fn quoted(text: &str, prefix: &str) -> std::collections::BTreeSet<String> {
        text.split('"')
            .skip(1)
            .step_by(2)
            .filter_map(|s| s.strip_prefix(prefix))
            .filter(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
            })
            .map(|s| s.replace('-', "_"))
            .collect()
    }
    let lib = include_str!("lib.rs");
    let registered: std::collections::BTreeSet<String> = lib
        .split("commands::")
        .skip(1)
        .filter_map(|rest| {
            let (_, after) = rest.split_once("::")?;
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            after[name.len()..].starts_with(',').then_some(name)
        })
        .collect();
    let build = include_str!("../build.rs");
    let body = build
        .split_once(".commands(&[")
        .and_then(|(_, rest)| rest.split_once("])"))
        .expect("build.rs lists the commands")
        .0;
    let declared = quoted(body, "");
    let granted = quoted(include_str!("../capabilities/default.json"), "allow-");
    assert!(registered.len() > 50, "{registered:?}");
    assert_eq!(
        registered, declared,
        "lib.rs's handlers against build.rs's list"
    );
    assert_eq!(
        declared, granted,
        "build.rs's list against the capability's permissions"
    );
}
