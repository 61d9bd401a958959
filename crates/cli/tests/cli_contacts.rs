//! `shopchat contacts` verbs and `shopchat quick-replies`: the JSON contract (`labels`,
//! `pinned`, `archived`, `blocked`, `notes`, and the fields that were there before), the label
//! filter, pin order, block through the sandbox's Graph API, and one-line refusals.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use support::*;

const OTHER: &str = "15550100002";

fn say(d: &Path, from: &str, text: &str) {
    run(&[
        "sandbox",
        "say",
        "--data-dir",
        path_str(d),
        "--from",
        from,
        "--text",
        text,
    ])
    .ok();
    wait_for(Duration::from_secs(10), "the customer", || {
        contacts(d, &["--sandbox"])
            .into_iter()
            .find(|c| c["wa_id"] == from)
    });
}

fn cli(d: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--sandbox", "--data-dir", path_str(d)]);
    run(&all)
}

fn entry(d: &Path, wa_id: &str) -> Value {
    contacts(d, &["--sandbox"])
        .into_iter()
        .find(|c| c["wa_id"] == wa_id)
        .expect("the contact")
}

#[test]
fn labels_notes_pin_archive_and_block_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let server = Server::start(d, &["--sandbox"], &[]);
    say(d, CUSTOMER, "Hello!");
    say(d, OTHER, "Hi there");
    drop(server);

    cli(d, &["contacts", "label", CUSTOMER, "VIP"]).ok();
    cli(d, &["contacts", "label", OTHER, "VIP"]).ok();
    cli(d, &["contacts", "label", OTHER, "Wholesale"]).ok();
    cli(d, &["contacts", "label", OTHER, "VIP", "--remove"]).ok();
    let note = cli(d, &["contacts", "note", CUSTOMER, "Prefers pickup"])
        .ok()
        .trim()
        .to_owned();
    assert!(note.parse::<i64>().is_ok(), "{note}");

    let vip = cli(d, &["contacts", "--label", "vip", "--json"]).json();
    let vip = vip.as_array().unwrap();
    assert_eq!(vip.len(), 1);
    let ana = &vip[0];
    assert_eq!(ana["wa_id"], CUSTOMER);
    assert_eq!(ana["labels"], serde_json::json!(["VIP"]));
    assert_eq!(ana["notes"][0]["text"], "Prefers pickup");
    assert!(ana["notes"][0]["created_at"].as_i64().unwrap() > 0);

    // The statistics' top labels: both chats talked today, one carries each label.
    let stats = cli(d, &["stats", "--json"]).json();
    let top: Vec<_> = stats["top_labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["chats"].as_u64().unwrap()))
        .collect();
    assert_eq!(top, [("VIP", 1), ("Wholesale", 1)]);
    assert_eq!(stats["broadcasts"], serde_json::json!([]));
    let human = cli(d, &["stats"]).ok().to_owned();
    assert!(human.contains("Top labels"), "{human}");
    for field in ["pinned", "archived", "blocked"] {
        assert_eq!(ana[field], false, "{field}");
    }
    // The fields that were there before stay.
    for field in ["name", "unread", "last_inbound_at"] {
        assert!(ana.get(field).is_some(), "{field} missing: {ana}");
    }

    // Pinned chats come first.
    cli(d, &["contacts", "pin", CUSTOMER]).ok();
    let all = contacts(d, &["--sandbox"]);
    assert_eq!(all[0]["wa_id"], CUSTOMER);
    assert_eq!(all[0]["pinned"], true);
    cli(d, &["contacts", "unpin", CUSTOMER]).ok();
    assert_eq!(entry(d, CUSTOMER)["pinned"], false);

    cli(d, &["contacts", "archive", OTHER]).ok();
    assert_eq!(entry(d, OTHER)["archived"], true);
    let archived = cli(d, &["contacts", "--archived", "--json"]).json();
    assert_eq!(archived.as_array().unwrap().len(), 1);
    cli(d, &["contacts", "unarchive", OTHER]).ok();
    assert_eq!(entry(d, OTHER)["archived"], false);

    // Block and unblock go through the sandbox's Graph API.
    cli(d, &["contacts", "block", CUSTOMER]).ok();
    assert_eq!(entry(d, CUSTOMER)["blocked"], true);
    cli(d, &["contacts", "unblock", CUSTOMER]).ok();
    assert_eq!(entry(d, CUSTOMER)["blocked"], false);

    // Refusals: one line, the reason's code first.
    let e = cli(d, &["contacts", "label", "15559999999", "VIP"]);
    assert!(e.one_line_error().contains("no_contact"), "{}", e.stderr);
    let e = cli(d, &["contacts", "--label", "Nope"]);
    assert!(e.one_line_error().contains("no_label"), "{}", e.stderr);
    let e = cli(d, &["contacts", "pin", "not-a-number"]);
    e.one_line_error();
}

#[test]
fn contacts_export_as_csv_and_vcard_and_import_from_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let server = Server::start(d, &["--sandbox"], &[]);
    say(d, CUSTOMER, "Hello!");
    drop(server);
    cli(d, &["contacts", "label", CUSTOMER, "VIP"]).ok();
    cli(d, &["contacts", "name", CUSTOMER, "Ana (=bakery)"]).ok();

    let csv_path = d.join("contacts.csv");
    let summary = cli(
        d,
        &["contacts", "export", "--csv", path_str(&csv_path), "--json"],
    )
    .json();
    assert_eq!(summary["path"], path_str(&csv_path));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "wa_id");
    assert_eq!(headers.iter().next_back(), Some("labels"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ana = rows.iter().find(|r| &r[0] == CUSTOMER).expect("Ana's row");
    assert_eq!(&ana[2], "Ana (=bakery)", "the owner's name for the contact");
    assert_eq!(&ana[8], "VIP");

    let vcf = d.join("contacts.vcf");
    cli(d, &["contacts", "export", "--vcard", path_str(&vcf)]).ok();
    let cards = std::fs::read_to_string(&vcf).unwrap();
    assert!(
        cards.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"),
        "{cards}"
    );
    assert!(
        cards.contains(&format!("TEL;TYPE=CELL:+{CUSTOMER}")),
        "{cards}"
    );

    // In: a new number written the Mexican way, a bad row and a repeated one, by line.
    let import = d.join("import.csv");
    std::fs::write(
        &import,
        "name,phone\nLuis,55 1234 5678\nNobody,12\nLuis again,+52 55 1234 5678\n",
    )
    .unwrap();
    let report = cli(
        d,
        &[
            "contacts",
            "import",
            path_str(&import),
            "--country",
            "MX",
            "--json",
        ],
    )
    .json();
    assert_eq!(report["added"], 1, "{report}");
    assert_eq!(report["refused"][0]["line"], 3, "{report}");
    assert_eq!(report["duplicates"][0]["line"], 4, "{report}");
    assert_eq!(report["duplicates"][0]["first_line"], 2, "{report}");
    let luis = entry(d, "525512345678");
    assert_eq!(luis["name"], "Luis");

    let e = cli(d, &["contacts", "export"]);
    e.one_line_error();
    let e = cli(d, &["contacts", "import", path_str(&d.join("missing.csv"))]);
    assert!(e.one_line_error().contains("cannot read"), "{}", e.stderr);
}

#[test]
fn quick_replies_add_list_remove() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    assert_eq!(
        cli(d, &["quick-replies", "list"]).ok().trim(),
        "No quick replies."
    );
    assert_eq!(
        cli(
            d,
            &[
                "quick-replies",
                "add",
                "/hours",
                "Hi {{name}}, we open 9-18."
            ]
        )
        .ok()
        .trim(),
        "/hours"
    );
    let e = cli(d, &["quick-replies", "add", "hours", "again"]);
    assert!(e.one_line_error().contains("exists"), "{}", e.stderr);
    let e = cli(d, &["quick-replies", "add", "two words", "x"]);
    assert!(e.one_line_error().contains("shortcut"), "{}", e.stderr);
    let list = cli(d, &["quick-replies", "list", "--json"]).json();
    assert_eq!(list[0]["shortcut"], "hours");
    assert_eq!(list[0]["text"], "Hi {{name}}, we open 9-18.");
    assert_eq!(list[0]["file"], Value::Null);
    cli(d, &["quick-replies", "remove", "hours"]).ok();
    let e = cli(d, &["quick-replies", "remove", "hours"]);
    assert!(e.one_line_error().contains("not_found"), "{}", e.stderr);
}
