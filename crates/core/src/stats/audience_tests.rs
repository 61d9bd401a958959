//! The top labels and the broadcasts on a small fixed data set, against values counted by hand.
//!
//! Monday 2 and Tuesday 3 November 2026, UTC. A, B and C write in the range; E last wrote in
//! October. Labels: VIP on A, B and E (2 chats of the range, 3 contacts), Wholesale on C (1, 1),
//! Dormant only on E (no chat of the range: left out), Empty on nobody.
//! Broadcasts: "Autumn" started Mon 10:00 to A, B, C, E, F: read, replied, delivered, failed,
//! skipped → 5 recipients, sent 3, delivered 3, read 2, replied 1, failed 1; "Winter" scheduled
//! for Tue 08:00, not started, no recipients yet; "Summer" started in October (left out).

use jiff::tz::TimeZone;
use rusqlite::{Connection, params};

use super::*;
use crate::i18n::Lang;
use crate::store::{DB_FILE, Store};

fn ms(utc: &str) -> i64 {
    utc.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

async fn fixture() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().await;
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    for c in ["A", "B", "C", "E", "F"] {
        conn.execute(
            "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES (?1, 0, 0)",
            [c],
        )
        .unwrap();
    }
    for (i, (contact, at)) in [
        ("A", "2026-11-02T09:00:00Z"),
        ("B", "2026-11-02T12:00:00Z"),
        ("C", "2026-11-03T23:59:59Z"),
        ("E", "2026-10-20T10:00:00Z"),
        ("F", "2026-11-04T00:00:00Z"),
    ]
    .into_iter()
    .enumerate()
    {
        conn.execute(
            "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
             VALUES (?1, ?2, 'in', 'text', 'hi', '{}', 'received', ?3)",
            params![format!("wamid.{i}"), contact, ms(at) / 1000],
        )
        .unwrap();
    }
    for (name, color, contacts) in [
        ("VIP", "#d97706", &["A", "B", "E"][..]),
        ("Wholesale", "#2563eb", &["C"][..]),
        ("Dormant", "#6b7280", &["E"][..]),
        ("Empty", "#16a34a", &[][..]),
    ] {
        conn.execute(
            "INSERT INTO labels (name, color, created_at) VALUES (?1, ?2, 0)",
            params![name, color],
        )
        .unwrap();
        for c in contacts {
            conn.execute(
                "INSERT INTO contact_labels (wa_id, label_id, added_at)
                 SELECT ?1, id, 0 FROM labels WHERE name = ?2",
                params![c, name],
            )
            .unwrap();
        }
    }
    let broadcasts = [
        (
            "Autumn",
            "completed",
            ms("2026-11-02T09:55:00Z"),
            Some(ms("2026-11-02T10:00:00Z")),
        ),
        ("Winter", "scheduled", ms("2026-11-03T08:00:00Z"), None),
        (
            "Summer",
            "completed",
            ms("2026-10-10T08:00:00Z"),
            Some(ms("2026-10-10T08:00:00Z")),
        ),
    ];
    for (name, state, start_at, started_at) in broadcasts {
        conn.execute(
            "INSERT INTO broadcasts (name, template, lang, category, audience, params, audience_check,
                                     state, start_at, rate, created_at, started_at, updated_at)
             VALUES (?1, 'promo', 'en', 'MARKETING', '{}', '[]', '{}', ?2, ?3, 80, 0, ?4, 0)",
            params![name, state, start_at, started_at],
        )
        .unwrap();
    }
    for (wa_id, state) in [
        ("A", "read"),
        ("B", "replied"),
        ("C", "delivered"),
        ("E", "failed"),
        ("F", "skipped"),
    ] {
        conn.execute(
            "INSERT INTO broadcast_recipients (broadcast_id, wa_id, params, state, updated_at)
             SELECT id, ?1, '[]', ?2, 0 FROM broadcasts WHERE name = 'Autumn'",
            params![wa_id, state],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO broadcast_recipients (broadcast_id, wa_id, params, state, updated_at)
         SELECT id, 'A', '[]', 'read', 0 FROM broadcasts WHERE name = 'Summer'",
        [],
    )
    .unwrap();
    (dir, conn)
}

fn range() -> Range {
    Range {
        from: "2026-11-02".parse().unwrap(),
        to: "2026-11-03".parse().unwrap(),
        tz: TimeZone::UTC,
    }
}

#[tokio::test]
async fn the_top_labels_count_the_chats_of_the_range() {
    let (_dir, conn) = fixture().await;
    let labels: Vec<_> = top_labels(&conn, &range())
        .unwrap()
        .into_iter()
        .map(|l| (l.name, l.color, l.chats, l.contacts))
        .collect();
    assert_eq!(
        labels,
        [
            ("VIP".into(), "#d97706".into(), 2, 3),
            ("Wholesale".into(), "#2563eb".into(), 1, 1),
        ]
    );
}

#[tokio::test]
async fn each_broadcast_of_the_range_is_counted_step_by_step() {
    let (_dir, conn) = fixture().await;
    let s = compute(&conn, &range(), None).unwrap();
    let seen: Vec<_> = s
        .broadcasts
        .iter()
        .map(|b| {
            (
                b.name.as_str(),
                b.state.as_str(),
                [
                    b.recipients,
                    b.sent,
                    b.delivered,
                    b.read,
                    b.replied,
                    b.failed,
                ],
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Winter", "scheduled", [0, 0, 0, 0, 0, 0]),
            ("Autumn", "completed", [5, 3, 3, 2, 1, 1]),
        ]
    );
    assert_eq!(s.broadcasts[1].started_at, ms("2026-11-02T10:00:00Z"));
    assert_eq!(s.top_labels.len(), 2);

    let csv = to_csv(&s, Figure::Broadcasts, Lang::En).unwrap();
    assert_eq!(
        csv.lines().nth(2),
        Some("Autumn,promo,completed,2026-11-02T10:00:00Z,5,3,3,2,1,1")
    );
    assert_eq!(
        to_csv(&s, Figure::TopLabels, Lang::Es).unwrap(),
        "etiqueta,chats,contactos\nVIP,2,3\nWholesale,1,1\n"
    );
    assert_eq!(
        Figure::TopLabels.file_name(&s, Lang::En),
        "top-labels_2026-11-02_2026-11-03.csv"
    );
}
