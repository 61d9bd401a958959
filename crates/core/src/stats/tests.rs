//! The figures on a small fixed data set, against values computed by hand (in the comments).

use jiff::tz::TimeZone;
use rusqlite::{Connection, params};

use super::*;
use crate::i18n::Lang;
use crate::store::{DB_FILE, Store};

fn secs(utc: &str) -> i64 {
    utc.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// Monday 2 and Tuesday 3 November 2026, UTC.
///   A: in 09:00, in 09:01, auto reply 09:01:30 (not a person), out 09:10 → 600 s; in 10:00,
///      out 10:05 → 300 s; a reaction on Tuesday (never counted).
///   B: in Mon 17:50, out Tue 09:20 (failed) → 55 800 s; in business hours 09:00-18:00: 1 800 s.
///   C: template "promo" Tue 08:00 (read), in 11:00 (a reply to it; unanswered).
///   Outside the range: B in Wed 4th.
async fn fixture() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().await;
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    for c in ["A", "B", "C"] {
        conn.execute(
            "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES (?1, 0, 0)",
            [c],
        )
        .unwrap();
    }
    let rows: [(&str, &str, &str, &str, &str, i64, i64); 12] = [
        (
            "A",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-02T09:00:00Z"),
            0,
        ),
        (
            "A",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-02T09:01:00Z"),
            0,
        ),
        (
            "A",
            "out",
            "text",
            "{}",
            "delivered",
            secs("2026-11-02T09:01:30Z"),
            1,
        ),
        (
            "A",
            "out",
            "text",
            "{}",
            "delivered",
            secs("2026-11-02T09:10:00Z"),
            0,
        ),
        (
            "A",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-02T10:00:00Z"),
            0,
        ),
        (
            "A",
            "out",
            "text",
            "{}",
            "read",
            secs("2026-11-02T10:05:00Z"),
            0,
        ),
        (
            "B",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-02T17:50:00Z"),
            0,
        ),
        (
            "C",
            "out",
            "template",
            r#"{"template":{"name":"promo"}}"#,
            "read",
            secs("2026-11-03T08:00:00Z"),
            0,
        ),
        (
            "B",
            "out",
            "text",
            "{}",
            "failed",
            secs("2026-11-03T09:20:00Z"),
            0,
        ),
        (
            "C",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-03T11:00:00Z"),
            0,
        ),
        (
            "A",
            "in",
            "reaction",
            "{}",
            "received",
            secs("2026-11-03T12:00:00Z"),
            0,
        ),
        (
            "B",
            "in",
            "text",
            "{}",
            "received",
            secs("2026-11-04T10:00:00Z"),
            0,
        ),
    ];
    for (i, (contact, way, kind, raw, status, at, auto)) in rows.into_iter().enumerate() {
        conn.execute(
            "INSERT INTO messages (wamid, contact, direction, type, raw, status, timestamp, auto)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                format!("wamid.{i}"),
                contact,
                way,
                kind,
                raw,
                status,
                at,
                auto
            ],
        )
        .unwrap();
    }
    // Two EUR invoices and one USD on the 2nd and 3rd; one still being issued (not counted).
    let docs = [
        ("EUR", "10.10", "issued", "2026-11-02T12:00:00Z"),
        ("EUR", "0.20", "cancelled", "2026-11-02T13:00:00Z"),
        ("USD", "5", "issued", "2026-11-03T12:00:00Z"),
        ("EUR", "99", "issuing", "2026-11-03T13:00:00Z"),
    ];
    for (i, (currency, total, status, at)) in docs.into_iter().enumerate() {
        conn.execute(
            "INSERT INTO documents (kind, number, year, seq, contact, status, currency, lang,
                                    subtotal, tax, total, data, created_at)
             VALUES ('invoice', ?1, 2026, ?2, 'A', ?3, ?4, 'en', ?5, '0', ?5, '{}', ?6)",
            params![
                format!("F-{i}"),
                i as i64 + 1,
                status,
                currency,
                total,
                secs(at) * 1000
            ],
        )
        .unwrap();
    }
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
async fn every_figure_matches_the_hand_computed_values() {
    let (_dir, conn) = fixture().await;
    let s = compute(&conn, &range(), None).unwrap();
    let days: Vec<_> = s
        .per_day
        .iter()
        .map(|d| (d.date.as_str(), d.received, d.sent))
        .collect();
    assert_eq!(days, [("2026-11-02", 4, 3), ("2026-11-03", 1, 2)]);
    // Samples 300, 600, 55 800: nearest-rank median 600, 90th 55 800.
    assert_eq!(
        s.first_response,
        FirstResponse {
            answered: 3,
            median_seconds: Some(600),
            p90_seconds: Some(55_800),
            business_hours: false
        }
    );
    assert_eq!(s.unanswered_chats, 1);
    let r = &s.rates;
    assert_eq!((r.sent, r.delivered, r.read, r.failed), (5, 4, 2, 1));
    assert_eq!(
        (r.delivery_rate, r.read_rate, r.failure_rate),
        (0.8, 0.4, 0.2)
    );
    let mut heat = vec![vec![0u64; 24]; 7];
    heat[0][9] = 2;
    heat[0][10] = 1;
    heat[0][17] = 1;
    heat[1][11] = 1;
    assert_eq!(s.busiest_hours, heat);
    assert_eq!(
        s.templates,
        [TemplateStats {
            name: "promo".into(),
            sent: 1,
            delivered: 1,
            read: 1,
            replied: 1
        }]
    );
    let docs: Vec<_> = s
        .documents
        .iter()
        .map(|d| {
            (
                d.month.as_str(),
                d.currency.as_str(),
                d.count,
                d.total.as_str(),
            )
        })
        .collect();
    assert_eq!(
        docs,
        [("2026-11", "EUR", 2, "10.30"), ("2026-11", "USD", 1, "5")]
    );
}

#[tokio::test]
async fn business_hours_count_only_open_time() {
    let (_dir, conn) = fixture().await;
    let mut hours = BusinessHours {
        time_zone: "UTC".into(),
        ..BusinessHours::default()
    };
    let s = compute(&conn, &range(), Some(&hours)).unwrap();
    // 300, 600, 1 800 (10 minutes on Monday, 20 on Tuesday).
    assert_eq!(
        (
            s.first_response.median_seconds,
            s.first_response.p90_seconds
        ),
        (Some(600), Some(1_800))
    );
    assert!(s.first_response.business_hours);
    // A holiday on Tuesday: B's answer waited 10 minutes of open time.
    hours.holidays = vec!["2026-11-03".into()];
    let b = business_seconds_between(
        &hours,
        secs("2026-11-02T17:50:00Z"),
        secs("2026-11-03T09:20:00Z"),
    );
    assert_eq!(b, 600);
    // A span past midnight (Friday 20:00-02:00) in Madrid: Friday 23:00 to Saturday 01:30
    // local is 2 h 30 min open.
    let late = BusinessHours {
        time_zone: "Europe/Madrid".into(),
        week: [
            vec![],
            vec![],
            vec![],
            vec![],
            vec!["20:00-02:00".into()],
            vec![],
            vec![],
        ],
        holidays: vec![],
    };
    let b = business_seconds_between(
        &late,
        secs("2026-11-06T22:00:00Z"),
        secs("2026-11-07T00:30:00Z"),
    );
    assert_eq!(b, 9_000);
}

#[tokio::test]
async fn days_follow_the_time_zone() {
    let (_dir, conn) = fixture().await;
    // In Los Angeles (UTC-8), B's 17:50 UTC is 09:50 Monday and C's 08:00 template is
    // 00:00 Tuesday; the range's days move with the zone.
    let r = Range {
        tz: TimeZone::get("America/Los_Angeles").unwrap(),
        ..range()
    };
    let s = compute(&conn, &r, None).unwrap();
    assert_eq!(
        s.busiest_hours[0][1], 2,
        "A's 09:00 and 09:01 UTC are 01:00 local"
    );
    assert_eq!(s.busiest_hours[0][9], 1, "B at 09:50 local");
    assert_eq!(
        s.per_day[1].sent, 2,
        "the template at 00:00 and B's answer at 01:20"
    );
}

#[tokio::test]
async fn each_figure_exports_as_csv() {
    let (_dir, conn) = fixture().await;
    let s = compute(&conn, &range(), None).unwrap();
    let per_day = to_csv(&s, Figure::PerDay, Lang::En).unwrap();
    assert_eq!(
        per_day,
        "date,received,sent\n2026-11-02,4,3\n2026-11-03,1,2\n"
    );
    let docs = to_csv(&s, Figure::Documents, Lang::En).unwrap();
    assert_eq!(
        docs,
        "month,kind,currency,count,total\n2026-11,invoice,EUR,2,10.30\n2026-11,invoice,USD,1,5\n"
    );
    // In Spanish: the column names, the weekdays and the file's name.
    assert!(
        to_csv(&s, Figure::PerDay, Lang::Es)
            .unwrap()
            .starts_with("fecha,recibidos,enviados\n")
    );
    let hours = to_csv(&s, Figure::BusiestHours, Lang::Es).unwrap();
    assert!(hours.starts_with("día,00,01,"), "{hours}");
    assert!(
        hours.contains("\nlun,") && hours.contains("\ndom,"),
        "{hours}"
    );
    assert_eq!(
        Figure::PerDay.file_name(&s, Lang::Es),
        "mensajes-por-dia_2026-11-02_2026-11-03.csv"
    );
    for f in Figure::ALL {
        let text = to_csv(&s, f, Lang::En).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let width = reader.headers().unwrap().len();
        let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
        // This data set has no broadcast and no label: audience_tests has them.
        let empty_here = matches!(f, Figure::Broadcasts | Figure::TopLabels);
        assert!(!rows.is_empty() || empty_here, "{f:?}");
        assert!(rows.iter().all(|r| r.len() == width), "{f:?}");
        assert!(
            f.file_name(&s, Lang::En)
                .ends_with("_2026-11-02_2026-11-03.csv")
        );
    }
    let mut hostile = s.clone();
    hostile.templates[0].name = "=HYPERLINK(\"x\")".into();
    assert!(
        to_csv(&hostile, Figure::Templates, Lang::En)
            .unwrap()
            .contains("\"'=HYPERLINK(\"\"x\"\")\"")
    );
}

/// The quarter-hour counts (`message_stats`) follow every insert, status change and deletion of
/// a message, in the same transaction: they always equal a count of the messages themselves.
#[tokio::test]
async fn the_quarter_hour_counts_follow_every_change_of_the_messages() {
    let (_dir, conn) = fixture().await;
    type Rows = Vec<(i64, String, String, i64)>;
    let counted = |conn: &Connection| -> (Rows, Rows) {
        let rows = |sql: &str| {
            let mut stmt = conn.prepare(sql).unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap()
        };
        (
            rows(
                "SELECT bucket, direction, status, n FROM message_stats WHERE n != 0 ORDER BY 1, 2, 3",
            ),
            rows(
                "SELECT timestamp / 900, direction, status, count(*) FROM messages
                 WHERE type != 'reaction' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            ),
        )
    };
    let (kept, direct) = counted(&conn);
    assert_eq!(kept, direct);
    assert!(!kept.is_empty());

    // Statuses move on, a message is deleted, one changes time, a reaction comes and goes.
    conn.execute(
        "UPDATE messages SET status = 'read' WHERE status = 'delivered'",
        [],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM messages WHERE id = (SELECT min(id) FROM messages WHERE direction = 'in')",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE messages SET timestamp = timestamp + 3600 WHERE id = (SELECT max(id) FROM messages)",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE messages SET type = 'text' WHERE type = 'reaction'",
        [],
    )
    .unwrap();
    let (kept, direct) = counted(&conn);
    assert_eq!(kept, direct);
    let r = rates(&conn, &range()).unwrap();
    assert_eq!(r.read, r.delivered, "{r:?}");
}

/// A bot's reply is stored, then marked automatic in the same transaction: the customer is still
/// waiting, and the next message by a person ends the wait. The waits the migration finds in the
/// messages already stored are the ones the triggers keep as messages arrive.
#[tokio::test]
async fn waits_end_at_a_person_and_the_backfill_finds_the_same_ones() {
    let (_dir, conn) = fixture().await;
    conn.execute(
        "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES ('D', 0, 0)",
        [],
    )
    .unwrap();
    let at = secs("2026-11-03T12:00:00Z");
    let insert = |direction: &str, t: i64| {
        conn.execute(
            "INSERT INTO messages (contact, direction, type, text, raw, status, timestamp)
             VALUES ('D', ?1, 'text', 'x', '{}', ?2, ?3)",
            params![
                direction,
                if direction == "in" {
                    "received"
                } else {
                    "sent"
                },
                t
            ],
        )
        .unwrap();
        conn.last_insert_rowid()
    };
    insert("in", at);
    let bot = insert("out", at + 5);
    conn.execute("UPDATE messages SET auto = 1 WHERE id = ?1", [bot])
        .unwrap();
    insert("in", at + 50);
    let waits = |conn: &Connection| -> Vec<(String, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT contact, asked_at, answered_at FROM response_waits ORDER BY 1, 2")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    // An answer taken back (deleted) gives the wait back; the next one ends it.
    let taken_back = insert("out", at + 80);
    conn.execute("DELETE FROM messages WHERE id = ?1", [taken_back])
        .unwrap();
    insert("out", at + 100);
    let kept = waits(&conn);
    assert!(kept.contains(&("D".to_owned(), at, at + 100)), "{kept:?}");
    let waiting = |conn: &Connection| -> Vec<(String, i64)> {
        let mut stmt = conn
            .prepare("SELECT contact, since FROM stats_waiting ORDER BY 1")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let still = waiting(&conn);

    // The migration's own statements, before its triggers, on the same messages.
    let migration = include_str!("../../../../migrations/0020_response_waits.sql");
    let backfill = &migration[..migration.find("CREATE TRIGGER").unwrap()];
    conn.execute_batch("DROP TABLE response_waits; DROP TABLE stats_waiting;")
        .unwrap();
    conn.execute_batch(backfill).unwrap();
    assert_eq!(waits(&conn), kept);
    assert_eq!(waiting(&conn), still);
}
