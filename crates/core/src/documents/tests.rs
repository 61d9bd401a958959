//! Issuing documents on a real SQLite file: numbers under concurrent creation, bad input that
//! takes no number, a crash between the record and its files, files checked and made again.

use std::collections::BTreeSet;
use std::path::Path;

use shopchat_documents::{Kind, Line};

use super::*;
use crate::store::{Store, StoreError, contacts};

const ANA: &str = "15550100001";

fn line(qty: &str, price: &str) -> Line {
    Line {
        description: "Blue mug".into(),
        quantity: qty.into(),
        unit: None,
        unit_price: price.into(),
        discount: "0".into(),
        tax_rate: "21".into(),
    }
}

fn invoice(qty: &str) -> NewDocument {
    NewDocument {
        kind: Kind::Invoice,
        to: ANA.into(),
        lines: vec![line(qty, "19.99")],
        currency: None,
        lang: None,
        notes: None,
        due_date: None,
        customer_address: None,
        customer_tax_id: None,
        cancels: None,
    }
}

fn today() -> time::Date {
    time::macros::date!(2026 - 12 - 05)
}

async fn store_with_ana(dir: &Path) -> Store {
    let store = Store::open(dir).expect("a store");
    store
        .writer()
        .call(|ctx| contacts::upsert(ctx.conn, ANA, Some("Ana Souza"), None).map(|_| ()))
        .await
        .expect("a contact");
    store
}

#[tokio::test]
async fn concurrent_issues_from_two_connections_get_every_number_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = store_with_ana(dir.path()).await;
    // A second process's store on the same database (as the CLI beside `serve`).
    let second = Store::open(dir.path()).unwrap();
    let settings = Settings::default();
    let mut tasks = Vec::new();
    for i in 0..24 {
        let store = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        let (dir, settings) = (dir.path().to_owned(), settings.clone());
        tasks.push(tokio::spawn(async move {
            issue(&store, &dir, &settings, invoice("1"), today())
                .await
                .map(|d| d.summary.number)
        }));
    }
    let mut numbers = BTreeSet::new();
    for t in tasks {
        assert!(
            numbers.insert(t.await.unwrap().expect("issued")),
            "a number twice"
        );
    }
    let expected: BTreeSet<String> = (1..=24).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(numbers, expected, "no gap, no duplicate");
    first.close().await;
    second.close().await;
}

#[tokio::test]
async fn bad_input_takes_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_ana(dir.path()).await;
    let s = Settings::default();
    for (bad, named) in [
        (invoice("0"), "quantity"),
        (
            NewDocument {
                to: "15550100777".into(),
                ..invoice("1")
            },
            "not a contact",
        ),
        (
            NewDocument {
                currency: Some("EURO".into()),
                ..invoice("1")
            },
            "currency",
        ),
        (
            NewDocument {
                lines: vec![line("1", "12,50")],
                ..invoice("1")
            },
            "price",
        ),
        (
            NewDocument {
                lines: vec![Line {
                    tax_rate: "150".into(),
                    ..line("1", "1")
                }],
                ..invoice("1")
            },
            "tax rate",
        ),
    ] {
        let e = issue(&store, dir.path(), &s, bad, today())
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains(named), "{e}");
    }
    let mut with_logo = s.clone();
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, b"this is not a picture").unwrap();
    with_logo.shop.shop_logo = Some(logo.to_string_lossy().into_owned());
    let e = issue(&store, dir.path(), &with_logo, invoice("1"), today())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("logo"), "{e}");
    let good = issue(&store, dir.path(), &s, invoice("2"), today())
        .await
        .unwrap();
    assert_eq!(good.summary.number, "INV-2026-0001");
    assert_eq!(good.summary.total, "48.38");
    store.close().await;
}

#[tokio::test]
async fn a_crash_between_the_record_and_its_files_is_finished_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_ana(dir.path()).await;
    let s = Settings::default();
    let first = issue(&store, dir.path(), &s, invoice("1"), today())
        .await
        .unwrap();
    let pdf = std::fs::read(first.summary.files.pdf.as_deref().unwrap()).unwrap();
    // What a crash right after the number's transaction leaves: the record, no files.
    let data = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(
            &store
                .read(|c| Ok(records::get(c, "1")?.unwrap().data))
                .await
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    store
        .writer()
        .call(move |ctx| {
            let with = |n: &str| Ok::<_, StoreError>(data.replace("INV-2026-0001", n));
            records::insert(
                ctx.conn,
                &records::NewDocument {
                    kind: "invoice",
                    prefix: "INV",
                    year: 2026,
                    contact: ANA,
                    currency: "EUR",
                    lang: "en",
                    subtotal: "19.99",
                    tax: "4.20",
                    total: "24.19",
                    data: &with,
                    cancels: None,
                },
            )
        })
        .await
        .unwrap();
    assert_eq!(
        show(&store, dir.path(), "INV-2026-0002")
            .await
            .unwrap()
            .summary
            .status,
        DocumentStatus::Issuing
    );
    assert_eq!(finish_pending(&store, dir.path()).await.unwrap(), 1);
    let second = show(&store, dir.path(), "INV-2026-0002").await.unwrap();
    assert_eq!(second.summary.status, DocumentStatus::Issued);
    assert!(Path::new(second.summary.files.pdf.as_deref().unwrap()).exists());
    assert_eq!(finish_pending(&store, dir.path()).await.unwrap(), 0);
    // The next one goes on from there.
    let third = issue(&store, dir.path(), &s, invoice("1"), today())
        .await
        .unwrap();
    assert_eq!(third.summary.number, "INV-2026-0003");

    // A missing or altered file is found, and made again byte for byte.
    let pdf_path = first.summary.files.pdf.clone().unwrap();
    std::fs::write(&pdf_path, b"%PDF-1.7 tampered").unwrap();
    let [_, (_, state)] = check_files(&store, dir.path(), "INV-2026-0001")
        .await
        .unwrap();
    assert_eq!(state, files::FileCheck::Altered);
    std::fs::remove_file(&pdf_path).unwrap();
    let [_, (_, state)] = check_files(&store, dir.path(), "1").await.unwrap();
    assert_eq!(state, files::FileCheck::Missing);
    write_files(&store, dir.path(), first.summary.id)
        .await
        .unwrap();
    assert_eq!(
        std::fs::read(&pdf_path).unwrap(),
        pdf,
        "regenerated byte for byte"
    );
    store.close().await;
}
