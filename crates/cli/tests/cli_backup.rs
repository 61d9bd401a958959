//! `shopchat backup` and `shopchat restore` as processes: a backup while `serve` runs, a restore
//! refused while it runs, a damaged archive refused, the current data kept aside.

mod support;

use std::time::Duration;

use fake_graph::payloads;
use serde_json::Value;
use support::*;

fn inbound(from: &str, wamid: &str, text: &str) -> Value {
    payloads::inbound_text(
        WABA_ID,
        PHONE_NUMBER_ID,
        from,
        "Backup Tester",
        wamid,
        now_secs(),
        text,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_serving_then_restore_once_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = tempfile::tempdir().expect("tempdir");
    let archive = out.path().join("shop.zip");
    let env = crash_env();
    let server = Server::start(d, &[], &env);
    let http = http();
    for i in 0..5 {
        let body = inbound(
            "15550700001",
            &format!("wamid.BK{i}"),
            &format!("before {i}"),
        );
        let status =
            payloads::post_signed(&http, &server.webhook_url(), APP_SECRET.as_bytes(), &body)
                .await
                .expect("posted");
        assert!(status.is_success());
    }
    wait_for(Duration::from_secs(10), "the messages applied", || {
        (messages(d, "15550700001", &[]).len() == 5).then_some(())
    });

    let report = run(&[
        "backup",
        "--data-dir",
        path_str(d),
        path_str(&archive),
        "--json",
    ])
    .json();
    assert_eq!(report["path"], path_str(&archive));
    assert!(report["bytes"].as_u64().unwrap() > 0);
    assert!(report["files"].as_u64().unwrap() >= 1);

    let refused = run(&["restore", "--data-dir", path_str(d), path_str(&archive)]);
    let reason = refused.one_line_error();
    assert!(reason.contains("engine is running"), "{reason}");

    let body = inbound("15550700001", "wamid.AFTER", "after the backup");
    payloads::post_signed(&http, &server.webhook_url(), APP_SECRET.as_bytes(), &body)
        .await
        .expect("posted");
    wait_for(Duration::from_secs(10), "the later message", || {
        (messages(d, "15550700001", &[]).len() == 6).then_some(())
    });
    let stopped = server.terminate(Duration::from_secs(20));
    assert!(stopped.status.success(), "{}", stopped.stderr);

    let restored = run(&[
        "restore",
        "--data-dir",
        path_str(d),
        path_str(&archive),
        "--json",
    ])
    .json();
    let aside = restored["kept_aside"]
        .as_str()
        .expect("the old data kept aside");
    assert!(std::path::Path::new(aside).join("shopchat.db").exists());
    let texts: Vec<String> = messages(d, "15550700001", &[])
        .iter()
        .map(|m| m["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(texts.len(), 5, "{texts:?}");
    assert!(!texts.iter().any(|t| t == "after the backup"));

    // The restored data serves again.
    let server = Server::start(d, &[], &env);
    drop(server);

    // A damaged archive: refused, nothing moved.
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 3;
    bytes[middle] ^= 0xff;
    let damaged = out.path().join("damaged.zip");
    std::fs::write(&damaged, &bytes).unwrap();
    let refused = run(&["restore", "--data-dir", path_str(d), path_str(&damaged)]);
    let reason = refused.one_line_error();
    assert!(
        reason.contains("damaged") || reason.contains("cannot be read"),
        "{reason}"
    );
    assert_eq!(messages(d, "15550700001", &[]).len(), 5);
}

#[test]
fn backup_without_a_database_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let archive = out.path().join("x.zip");
    let failed = run(&[
        "backup",
        "--data-dir",
        path_str(dir.path()),
        path_str(&archive),
    ]);
    assert!(failed.one_line_error().contains("no database"));
    assert!(!archive.exists());
}
