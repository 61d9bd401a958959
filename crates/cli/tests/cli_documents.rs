//! `shopchat documents`: issuing with both files, the JSON contract, bad input refused in one
//! line without taking a number, sending in the chat through a running sandbox engine, and
//! numbers that stay gapless when issuing processes are killed.

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use support::*;

/// A customer of the sandbox who has written (so the 24-hour window is open).
fn customer_writes(d: &Path) {
    let out = run(&[
        "sandbox",
        "say",
        "--data-dir",
        path_str(d),
        "--from",
        CUSTOMER,
        "--text",
        "Can I have the invoice?",
    ]);
    out.ok();
    wait_for(Duration::from_secs(5), "the customer", || {
        contacts(d, &["--sandbox"])
            .into_iter()
            .find(|c| c["wa_id"] == CUSTOMER)
    });
}

fn new_invoice(d: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "documents",
        "new",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--kind",
        "invoice",
        "--to",
        CUSTOMER,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn an_invoice_is_issued_with_both_files_and_sent_to_the_read_tick() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let _server = Server::start(d, &["--sandbox"], &[]);
    customer_writes(d);

    let doc = new_invoice(
        d,
        &[
            "--item",
            "Blue mug|3|19.99|21",
            "--item",
            "Recipe book|1|12.00|4",
            "--lang",
            "es",
            "--json",
        ],
    )
    .json();
    for field in [
        "id",
        "number",
        "kind",
        "contact",
        "currency",
        "lang",
        "lines",
        "subtotal",
        "tax",
        "total",
        "files",
        "status",
        "message_id",
    ] {
        assert!(doc.get(field).is_some(), "no {field}: {doc}");
    }
    assert_eq!(
        doc["number"],
        "INV-2026-0001".replace("2026", &doc["number"].as_str().unwrap()[4..8])
    );
    assert_eq!(doc["kind"], "invoice");
    assert_eq!(doc["contact"], CUSTOMER);
    assert_eq!(doc["lang"], "es");
    assert_eq!(doc["currency"], "EUR");
    assert_eq!(
        (
            doc["subtotal"].as_str(),
            doc["tax"].as_str(),
            doc["total"].as_str()
        ),
        (Some("71.97"), Some("13.07"), Some("85.04"))
    );
    assert_eq!(doc["lines"][0]["amount"], "59.97");
    assert_eq!(doc["status"], "issued");
    assert_eq!(doc["message_id"], Value::Null);
    for kind in ["docx", "pdf"] {
        let path = doc["files"][kind].as_str().expect("a path");
        assert!(
            path.ends_with(&format!("{}.{kind}", doc["number"].as_str().unwrap())),
            "{path}"
        );
        assert!(std::fs::metadata(path).expect("written").len() > 1000);
    }

    let number = doc["number"].as_str().unwrap().to_owned();
    let sent = run(&[
        "documents",
        "send",
        "--sandbox",
        "--data-dir",
        path_str(d),
        &number,
    ]);
    let message_id: i64 = sent.ok().trim().parse().expect("a message id");
    let read = wait_for(Duration::from_secs(15), "the read tick", || {
        let shown = run(&[
            "documents",
            "show",
            "--sandbox",
            "--data-dir",
            path_str(d),
            &number,
            "--json",
        ])
        .json();
        (shown["status"] == "read").then_some(shown)
    });
    assert_eq!(read["message_id"], message_id);
    let message = messages(d, CUSTOMER, &["--sandbox"])
        .into_iter()
        .find(|m| m["id"] == message_id)
        .expect("the message");
    assert_eq!(message["type"], "document");
    assert_eq!(message["media"]["filename"], format!("{number}.pdf"));
    assert_eq!(message["text"], format!("Factura {number}"));

    let listed = run(&[
        "documents",
        "list",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--json",
    ])
    .json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["status"], "read");
}

#[test]
fn bad_input_is_one_line_and_takes_no_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_writes(d);
    drop(server);
    let not_a_picture = d.join("logo.png");
    std::fs::write(&not_a_picture, "not a picture").unwrap();
    for (args, named) in [
        (vec!["--item", "Mug|0|19.99"], "quantity"),
        (vec!["--item", "Mug|-2|19.99"], "quantity"),
        (vec!["--item", "Mug|1|19,99"], "price"),
        (vec!["--item", "Mug|1|abc"], "price"),
        (vec!["--item", "Mug|1|5", "--currency", "EURO"], "currency"),
        (vec!["--item", "Mug|1|5|150"], "tax rate"),
        (vec!["--item", "Mug|1|5", "--tax-rate", "101"], "tax-rate"),
        (vec!["--item", "Mug|1"], "DESCRIPTION|QTY|UNIT_PRICE"),
        (vec![], "at least one --item"),
    ] {
        let line = new_invoice(d, &args).one_line_error().to_owned();
        assert!(
            line.starts_with("shopchat: ") && line.contains(named),
            "{args:?}: {line}"
        );
    }
    let unknown = run(&[
        "documents",
        "new",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--kind",
        "invoice",
        "--to",
        "15550100777",
        "--item",
        "Mug|1|5",
    ]);
    assert!(
        unknown.one_line_error().contains("not a contact"),
        "{}",
        unknown.stderr
    );
    let kind = run(&[
        "documents",
        "new",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--kind",
        "bill",
        "--to",
        CUSTOMER,
        "--item",
        "Mug|1|5",
    ]);
    assert!(
        kind.one_line_error().contains("not a kind of document"),
        "{}",
        kind.stderr
    );
    run(&[
        "--data-dir",
        path_str(d),
        "settings",
        "set",
        "shop_logo",
        path_str(&not_a_picture),
    ])
    .ok();
    let logo = new_invoice(d, &["--item", "Mug|1|5"]);
    assert!(logo.one_line_error().contains("logo"), "{}", logo.stderr);
    run(&[
        "--data-dir",
        path_str(d),
        "settings",
        "set",
        "shop_logo",
        "null",
    ])
    .ok();

    let good = new_invoice(d, &["--item", "Mug|1|5"]);
    assert!(good.ok().trim().ends_with("-0001"), "{}", good.stdout);
}

#[test]
fn numbers_stay_gapless_when_issuing_processes_are_killed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_writes(d);
    drop(server);
    // Eight at once; half are killed at different moments of their run.
    let mut children: Vec<_> = (0..8)
        .map(|_| {
            command(&[
                "documents",
                "new",
                "--sandbox",
                "--data-dir",
                path_str(d),
                "--kind",
                "receipt",
                "--to",
                CUSTOMER,
                "--item",
                "Mug|1|5",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn")
        })
        .collect();
    for (i, child) in children.iter_mut().enumerate() {
        if i % 2 == 1 {
            std::thread::sleep(Duration::from_millis(15 * i as u64));
            let _ = child.kill();
        }
    }
    for mut child in children {
        let _ = child.wait();
    }
    // The next command finishes what a kill interrupted; the numbers have no gap.
    let list = run(&[
        "documents",
        "list",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--json",
    ])
    .json();
    let mut numbers: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["number"].as_str().unwrap().to_owned())
        .collect();
    numbers.sort();
    assert!(numbers.len() >= 4, "{numbers:?}");
    for (i, n) in numbers.iter().enumerate() {
        assert!(
            n.ends_with(&format!("-{:04}", i + 1)),
            "gap or duplicate: {numbers:?}"
        );
    }
    for x in list.as_array().unwrap() {
        assert_eq!(x["status"], "issued", "{x}");
        assert!(
            Path::new(x["files"]["pdf"].as_str().unwrap()).exists(),
            "{x}"
        );
    }
}

#[test]
fn a_sigkill_right_after_the_question_is_acknowledged_answers_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_writes(d);
    new_invoice(d, &["--item", "Blue mug|1|19.99|21"]).ok();
    // The question is durable once `say` returns (the engine answered 200); the engine dies at
    // once, before or while the inbox applies it.
    run(&[
        "sandbox",
        "say",
        "--data-dir",
        ds,
        "--from",
        CUSTOMER,
        "--text",
        "invoice",
    ])
    .ok();
    server.kill();
    let documents_sent = || {
        messages(d, CUSTOMER, &["--sandbox"])
            .into_iter()
            .filter(|m| m["direction"] == "out" && m["type"] == "document")
            .count()
    };
    for round in 0..2 {
        let server = Server::start(d, &["--sandbox"], &[]);
        wait_for(Duration::from_secs(10), "the answer", || {
            (documents_sent() > 0).then_some(())
        });
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(
            documents_sent(),
            1,
            "round {round}: answered more than once"
        );
        server.kill();
    }
}

#[test]
fn a_document_goes_as_a_template_s_document_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let ds = path_str(d);
    let server = Server::start(d, &["--sandbox"], &[]);
    customer_writes(d);
    run(&["templates", "sync", "--sandbox", "--data-dir", ds]).ok();
    let number = new_invoice(d, &["--item", "Blue mug|1|19.99|21"])
        .ok()
        .trim()
        .to_owned();
    // Both flags or none.
    let half = run(&[
        "documents",
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        &number,
        "--template",
        "document_ready",
    ]);
    assert_eq!(half.status.code(), Some(2), "{}", half.stderr);
    let unknown = run(&[
        "documents",
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        &number,
        "--template",
        "nope",
        "--lang",
        "en",
    ]);
    assert!(
        unknown.one_line_error().contains("no template"),
        "{}",
        unknown.stderr
    );
    let id: i64 = run(&[
        "documents",
        "send",
        "--sandbox",
        "--data-dir",
        ds,
        &number,
        "--template",
        "document_ready",
        "--lang",
        "en",
    ])
    .ok()
    .trim()
    .parse()
    .expect("the queued message's id");
    let sent = wait_for(Duration::from_secs(10), "the template read", || {
        messages(d, CUSTOMER, &["--sandbox"])
            .into_iter()
            .find(|m| m["id"] == id && m["status"] == "read")
    });
    assert_eq!(sent["type"], "template");
    let shown = run(&[
        "documents",
        "show",
        "--sandbox",
        "--data-dir",
        ds,
        &number,
        "--json",
    ])
    .json();
    assert_eq!(shown["message_id"], id);
    assert_eq!(shown["status"], "read");
    server.kill();
}
