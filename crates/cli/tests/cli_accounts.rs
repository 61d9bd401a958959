//! `shopchat accounts` and `shopchat bot`: the JSON contract, an import with its refused rows,
//! a code sent as `link CODE` through a running sandbox engine linking the record, the audit
//! trail, the bot's switch, and a SIGKILL right after a command is acknowledged answered
//! exactly once after restarts.

mod support;

use std::path::Path;
use std::time::Duration;

use support::*;

fn accounts(d: &Path, args: &[&str]) -> Output {
    let mut all = vec!["accounts", "--sandbox", "--data-dir", path_str(d)];
    all.extend_from_slice(args);
    run(&all)
}

/// The bot's replies to the customer, oldest first.
fn bot_replies(d: &Path) -> Vec<serde_json::Value> {
    messages(d, CUSTOMER, &["--sandbox"])
        .into_iter()
        .filter(|m| m["direction"] == "out" && m["auto"] == true)
        .collect()
}

#[test]
fn records_codes_a_link_from_the_chat_and_the_audit_trail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let added = accounts(
        d,
        &[
            "add",
            "--name",
            "Ana Lima",
            "--ref",
            "C-0042",
            "--email",
            "ana@example.com",
            "--json",
        ],
    )
    .json();
    for field in ["id", "name", "ref", "email", "phone", "wa_id", "linked_at"] {
        assert!(added.get(field).is_some(), "{field} missing: {added}");
    }
    assert_eq!(added["ref"], "C-0042");
    assert_eq!(added["wa_id"], serde_json::Value::Null);
    let plain = accounts(d, &["add", "--name", "Ben"]);
    assert!(
        plain.ok().trim().parse::<i64>().is_ok(),
        "prints the id: {}",
        plain.stdout
    );

    // Bad input: one line, nothing added.
    let dup = accounts(d, &["add", "--name", "Other", "--ref", "c-0042"]);
    assert!(dup.one_line_error().contains("reference"), "{}", dup.stderr);
    let bad = accounts(d, &["add", "--name", "X", "--email", "not-an-email"]);
    assert!(bad.one_line_error().contains("email"), "{}", bad.stderr);

    let csv = d.join("customers.csv");
    std::fs::write(
        &csv,
        "Name,Ref,Email\nChloé Martin,C-1,chloe@example.com\n,C-2,\nDan,C-0042,\nEve,C-3,eve@\n",
    )
    .unwrap();
    let report = accounts(d, &["import", path_str(&csv), "--json"]).json();
    assert_eq!(report["added"], 1);
    let refused: Vec<i64> = report["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_i64().unwrap())
        .collect();
    assert_eq!(refused, [3, 4, 5], "{report}");
    assert_eq!(
        accounts(d, &["list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let server = Server::start(d, &["--sandbox"], &[]);
    customer_says(d, "hello there, a question");
    let code = accounts(d, &["code", "C-0042", "--json"]).json();
    let text = code["code"].as_str().unwrap();
    assert_eq!(text.len(), 10);
    assert!(code["expires_at"].as_i64().unwrap() > now_secs() * 1000);
    assert_eq!(
        code["wa_me_url"].as_str().unwrap(),
        format!("https://wa.me/15550100000?text=LINK%20{text}")
    );
    customer_says(d, &format!("LINK {text}"));
    let linked = wait_for(Duration::from_secs(10), "the link", || {
        accounts(d, &["list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ref"] == "C-0042" && r["wa_id"] == CUSTOMER)
            .cloned()
    });
    assert!(linked["linked_at"].as_i64().is_some());
    wait_for(Duration::from_secs(10), "the bot's answer", || {
        bot_replies(d).into_iter().find(|m| {
            m["text"]
                .as_str()
                .unwrap_or("")
                .contains("Ana Lima (C-0042)")
        })
    });
    accounts(d, &["unlink", "C-0042"]).ok();
    let log = accounts(d, &["log", "--record", "C-0042", "--json"]).json();
    let events: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["unlinked", "linked", "code_issued", "created"]);
    // The code itself is nowhere in the trail, nor in the logs' JSON.
    assert!(!accounts(d, &["log", "--json"]).stdout.contains(text));
    server.kill();
}

#[test]
fn the_bot_switch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let bot = |verb: &str| run(&["bot", verb, "--sandbox", "--data-dir", path_str(d)]);
    assert!(bot("status").ok().contains("the bot is on"));
    assert!(bot("off").ok().contains("off"));
    let status = run(&[
        "bot",
        "status",
        "--json",
        "--sandbox",
        "--data-dir",
        path_str(d),
    ])
    .json();
    assert_eq!(status["enabled"], false);
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_says(d, "help");
    std::thread::sleep(Duration::from_millis(800));
    assert!(bot_replies(d).is_empty(), "the bot is off");
    bot("on").ok();
    customer_says(d, "help");
    wait_for(Duration::from_secs(10), "the answer", || {
        bot_replies(d).first().cloned()
    });
    server.kill();
}

#[test]
fn a_sigkill_right_after_a_command_is_acknowledged_answers_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_says(d, "good morning");
    // Durable once `say` returns (the engine answered 200); the engine dies at once.
    customer_says(d, "status");
    server.kill();
    let answers = || {
        bot_replies(d)
            .into_iter()
            .filter(|m| m["text"].as_str().unwrap_or("").contains("not linked"))
            .count()
    };
    for round in 0..2 {
        let server = Server::start(d, &["--sandbox"], &[]);
        wait_for(Duration::from_secs(10), "the answer", || {
            (answers() > 0).then_some(())
        });
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(answers(), 1, "round {round}: answered more than once");
        server.kill();
    }
}
