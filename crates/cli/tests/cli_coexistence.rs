//! Process-level test of coexistence through the `shopchat` binary: the sandbox's phone sends
//! an echo and the history import, and `messages --json` tells who sent each message
//! (`origin`: `phone`, `automation`, `app`, or null for the customer's).

mod support;

use std::time::Duration;

use support::*;

/// A seeded sandbox customer, whose past chats the sandbox's history import holds.
const ANA: &str = "15550100001";

#[test]
fn messages_json_says_where_each_message_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let _server = Server::start(d, &["--sandbox"], &[]);

    run(&[
        "sandbox",
        "say",
        "--data-dir",
        ds,
        "--from",
        ANA,
        "--text",
        "Hi shop",
    ])
    .ok();
    run(&[
        "sandbox",
        "phone-echo",
        "--data-dir",
        ds,
        "--to",
        ANA,
        "--text",
        "Hello from my phone",
    ])
    .ok();
    run(&[
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        "--to",
        ANA,
        "--text",
        "Hello from Shopchat",
    ])
    .ok();
    let out = run(&["sandbox", "history-import", "--data-dir", ds]);
    assert!(out.ok().contains("history imported"), "{}", out.ok());

    let list = wait_for(Duration::from_secs(5), "every message", || {
        let list = messages(d, ANA, &["--sandbox"]);
        let has = |t: &str| list.iter().any(|m| m["text"] == t);
        (has("Hi shop")
            && has("Hello from my phone")
            && has("Hello from Shopchat")
            && has("Great, thanks!"))
        .then_some(list)
    });
    let find = |t: &str| list.iter().find(|m| m["text"] == t).expect(t).clone();
    assert_eq!(find("Hi shop")["origin"], serde_json::Value::Null);
    assert!(find("Hi shop").as_object().unwrap().contains_key("origin"));
    let echo = find("Hello from my phone");
    assert_eq!(echo["origin"], "phone");
    assert_eq!(echo["direction"], "out");
    assert_eq!(find("Hello from Shopchat")["origin"], "app");
    // The imported history: the shop's answers from the phone, the customer's messages null.
    assert_eq!(
        find("Yes, in 2 to 3 days. Shipping is 4.90.")["origin"],
        "phone"
    );
    assert_eq!(find("Great, thanks!")["origin"], serde_json::Value::Null);
    // Shown in the order of their times: the four-month-old history comes first.
    assert_eq!(list[0]["text"], "Hello, do you ship to Valencia?");

    // Importing again adds nothing.
    let before = messages(d, ANA, &["--sandbox"]).len();
    run(&["sandbox", "history-import", "--data-dir", ds]).ok();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(messages(d, ANA, &["--sandbox"]).len(), before);

    // The text listing marks the echo too.
    let text = run(&["messages", "--sandbox", "--data-dir", ds, "--contact", ANA]);
    assert!(
        text.ok()
            .contains("Hello from my phone  (sent from the phone)"),
        "{}",
        text.ok()
    );
}
