//! `shopchat export`: a running sandbox engine's conversations, exported while it runs, read back
//! (CSV parsed, the HTML transcript escaped), and bad input refused in one line.

mod support;

use std::io::Read;
use std::time::Duration;

use support::*;

#[test]
fn a_running_engines_conversations_export_as_csv_json_and_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let _server = Server::start(d, &["--sandbox"], &[]);
    customer_says(d, "<script>alert('x')</script> do you have blue mugs?");
    customer_says(d, "=1+2");
    wait_for(Duration::from_secs(10), "both messages", || {
        (messages(d, CUSTOMER, &["--sandbox"]).len() >= 2).then_some(())
    });

    let csv_path = d.join("ana.csv");
    let out = run(&[
        "export",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--contact",
        CUSTOMER,
        "--format",
        "csv",
        "--out",
        path_str(&csv_path),
        "--json",
    ]);
    let summary = out.json();
    assert_eq!(summary["conversations"], 1);
    assert!(summary["messages"].as_u64().unwrap() >= 2);
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let texts: Vec<String> = reader
        .records()
        .map(|r| r.expect("row")[7].to_owned())
        .collect();
    assert!(texts.contains(&"<script>alert('x')</script> do you have blue mugs?".to_owned()));
    assert!(texts.contains(&"'=1+2".to_owned()), "{texts:?}");

    let json_path = d.join("all.json");
    run(&[
        "export",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--format",
        "json",
        "--out",
        path_str(&json_path),
    ])
    .ok();
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).expect("json")).expect("parse");
    assert!(!doc["conversations"].as_array().expect("array").is_empty());

    let zip_path = d.join("chats.zip");
    let out = run(&[
        "export",
        "--sandbox",
        "--data-dir",
        path_str(d),
        "--format",
        "html",
        "--lang",
        "es",
        "--out",
        path_str(&zip_path),
    ]);
    assert!(out.ok().starts_with("Wrote "), "{}", out.ok());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("zip")).expect("zip");
    let mut page = String::new();
    zip.by_name(&format!("chats/{CUSTOMER}.html"))
        .expect("the chat's page")
        .read_to_string(&mut page)
        .expect("utf-8");
    assert!(
        !page.contains("<script>alert"),
        "the customer's markup is text"
    );
    assert!(page.contains("alert(") && page.contains("Conversación con"));
}

#[test]
fn bad_export_arguments_are_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let out = run(&[
        "export",
        "--data-dir",
        path_str(d),
        "--format",
        "pdf",
        "--out",
        "x",
    ]);
    assert!(
        out.one_line_error().contains("not a format"),
        "{}",
        out.one_line_error()
    );
    let out = run(&[
        "export",
        "--data-dir",
        path_str(d),
        "--format",
        "csv",
        "--out",
        "x",
    ]);
    assert!(out.one_line_error().contains("nothing to export"));
    let out = run(&[
        "export",
        "--data-dir",
        path_str(d),
        "--format",
        "csv",
        "--out",
        "x",
        "--lang",
        "fr",
    ]);
    assert!(out.one_line_error().contains("not a language"));
}
