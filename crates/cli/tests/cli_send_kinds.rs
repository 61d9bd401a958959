//! `shopchat send` with every kind, and `shopchat templates sync|list`, against the sandbox: the
//! real binary, a real engine (`serve --sandbox`) sending through its fake Graph API, which
//! answers with signed status webhooks.

mod support;

use std::time::Duration;

use serde_json::Value;
use support::*;

const READ: Duration = Duration::from_secs(15);

#[test]
fn every_kind_of_send_reaches_the_customer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let server = Server::start(d, &["--sandbox"], &[]);
    // The customer writes first: their 24-hour window opens.
    run(&[
        "sandbox",
        "say",
        "--data-dir",
        ds,
        "--from",
        CUSTOMER,
        "--text",
        "Hi, a question",
    ])
    .ok();
    let theirs = wait_for(Duration::from_secs(5), "the customer's message", || {
        messages(d, CUSTOMER, &["--sandbox"])
            .into_iter()
            .find(|m| m["text"] == "Hi, a question")
    });
    let their_wamid = theirs["wamid"].as_str().expect("a wamid").to_owned();

    let files = tempfile::tempdir().expect("tempdir");
    let photo = files.path().join("mug.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n a tiny image").unwrap();
    let pdf = files.path().join("invoice.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% invoice 42\n").unwrap();

    let send = |extra: &[&str]| -> i64 {
        let mut args = vec!["send", "--sandbox", "--data-dir", ds, "--to", CUSTOMER];
        args.extend_from_slice(extra);
        run(&args)
            .ok()
            .trim()
            .parse()
            .expect("send prints the message id")
    };
    let sent = [
        (
            "image",
            send(&["--image", path_str(&photo), "--caption", "The blue mug"]),
        ),
        (
            "document",
            send(&["--document", path_str(&pdf), "--filename", "Invoice 42.pdf"]),
        ),
        (
            "location",
            send(&["--location", "52.5200,13.4050", "--name", "The shop"]),
        ),
        (
            "interactive",
            send(&["--text", "Pick up today?", "--buttons", "Yes|No|Later"]),
        ),
        (
            "text",
            send(&["--text", "Yes, we have it", "--reply-to", &their_wamid]),
        ),
    ];
    for (kind, id) in sent {
        let m = wait_status(d, CUSTOMER, &["--sandbox"], id, "read", READ);
        assert_eq!(m["type"], kind, "{m}");
        match kind {
            "image" => {
                assert_eq!(m["text"], "The blue mug");
                assert_eq!(m["media"]["state"], "ready", "uploaded: {m}");
                assert_eq!(m["media"]["mime_type"], "image/png");
            }
            "document" => assert_eq!(m["media"]["filename"], "Invoice 42.pdf"),
            "location" => assert_eq!(m["content"]["kind"], "location"),
            "interactive" => assert_eq!(m["content"]["options"].as_array().map(Vec::len), Some(3)),
            _ => assert_eq!(m["reply_to"]["wamid"], their_wamid.as_str()),
        }
    }
    // A reaction shows on the message it reacts to, not as a message of its own.
    send(&["--react", &their_wamid, "👍"]);
    let reacted = wait_for(READ, "the reaction", || {
        messages(d, CUSTOMER, &["--sandbox"])
            .into_iter()
            .find(|m| m["wamid"] == their_wamid.as_str() && m["reactions"][0]["emoji"] == "👍")
    });
    assert_eq!(reacted["reactions"][0]["direction"], "out");

    // Templates: synced from the sandbox's Graph API, listed, sent with their parameters.
    let synced = run(&["templates", "sync", "--sandbox", "--data-dir", ds, "--json"]).json();
    let synced = synced.as_array().expect("a list");
    assert!(synced.len() >= 5, "{synced:?}");
    let ready = synced
        .iter()
        .find(|t| t["name"] == "order_ready" && t["language"] == "en_US")
        .expect("order_ready");
    assert_eq!(ready["parameters"], serde_json::json!(["header", "1", "2"]));
    let listed = run(&["templates", "list", "--sandbox", "--data-dir", ds])
        .ok()
        .to_owned();
    assert!(
        listed.contains("order_ready") && listed.contains("APPROVED"),
        "{listed}"
    );
    let wrong = run(&[
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        "--to",
        CUSTOMER,
        "--template",
        "order_ready",
        "--lang",
        "en_US",
        "--param",
        "Ana",
    ]);
    let line = wrong.one_line_error();
    assert!(line.contains("takes 3 parameters"), "{line}");
    let id = send(&[
        "--template",
        "order_ready",
        "--lang",
        "en_US",
        "--param",
        "#1042",
        "--param",
        "Ana",
        "--param",
        "#1042",
    ]);
    let m = wait_status(d, CUSTOMER, &["--sandbox"], id, "read", READ);
    assert_eq!(m["content"]["kind"], "template");
    assert_eq!(
        m["content"]["parameters"],
        serde_json::json!(["#1042", "Ana", "#1042"])
    );
    drop(server);
}

#[test]
fn bad_sends_fail_with_a_one_line_reason_and_store_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let files = tempfile::tempdir().expect("tempdir");
    let big = files.path().join("big.jpg");
    std::fs::write(&big, vec![0u8; 5 * 1024 * 1024 + 10]).unwrap();
    let gif = files.path().join("anim.gif");
    std::fs::write(&gif, b"GIF89a....").unwrap();
    let send = |extra: &[&str]| {
        let mut args = vec!["send", "--sandbox", "--data-dir", ds, "--to", CUSTOMER];
        args.extend_from_slice(extra);
        run(&args)
    };
    let cases: [(&[&str], &str); 6] = [
        (&["--image", path_str(&big)], "at most 5 MB"),
        (&["--image", path_str(&gif)], "image/gif is not accepted"),
        (&["--image", "/nonexistent/x.jpg"], "/nonexistent/x.jpg"),
        (&["--location", "91,0"], "latitude"),
        (&["--text", "?", "--buttons", "a|b|c|d"], "3"),
        (&["--template", "nope", "--lang", "en_US"], "no template"),
    ];
    for (args, expected) in cases {
        let out = send(args);
        let line = out.one_line_error();
        assert!(line.contains(expected), "{args:?}: {line}");
    }
    // Two kinds at once are refused by the argument parser.
    let out = send(&["--text", "a", "--image", path_str(&big)]);
    assert!(!out.status.success());
    let listed: Value = run(&[
        "messages",
        "--sandbox",
        "--data-dir",
        ds,
        "--contact",
        CUSTOMER,
        "--json",
    ])
    .json();
    assert_eq!(listed, Value::Array(vec![]));
}
