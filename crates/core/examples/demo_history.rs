//! A shop's last 90 days, generated, to look at the statistics with something in them (the
//! dashboard in `docs/statistics.png`): customers write mostly around midday and in the evening,
//! more on Fridays and Saturdays; the shop answers within minutes in its opening hours (Monday to
//! Saturday, 9:00 to 20:00) and the next morning otherwise; a few sends fail; templates and three
//! broadcasts go out;
//! some customers carry labels; invoices are issued. Written into the sandbox's store of a data
//! dir, through the same tables and triggers as the engine's writes:
//!
//!     cargo run --release -p shopchat-core --example demo_history -- /tmp/demo
//!     SHOPCHAT_DATA_DIR=/tmp/demo scripts/run      # then open Statistics
//!
//! Not a test and not a benchmark: the figures it gives are whatever the seeded generator made.

use std::path::PathBuf;

use jiff::civil::Weekday;
use jiff::{Timestamp, ToSpan, tz::TimeZone};
use rand::{Rng, RngExt, SeedableRng};
use rusqlite::params;
use shopchat_core::store::Store;

const DAYS: i64 = 90;
const CUSTOMERS: usize = 400;
const FIRST: &[&str] = &[
    "Ana", "Ben", "Carmen", "David", "Elena", "Farid", "Grace", "Hugo", "Inés", "Jonas", "Kira",
    "Luis", "Marta", "Nico", "Olga", "Pablo", "Rosa", "Sam", "Teresa", "Victor",
];
const LAST: &[&str] = &[
    "García", "Smith", "López", "Müller", "Pérez", "Brown", "Sánchez", "Rossi", "Díaz", "Novak",
];
const ASKS: &[&str] = &[
    "Hi! Do you have the blue mugs in stock?",
    "Is my order ready for pickup?",
    "What time do you open on Saturday?",
    "Can I return a scarf I bought last week?",
    "Do you deliver to the city centre?",
    "Could you send me the invoice, please?",
    "Hola, ¿tenéis tallas grandes?",
    "¿Cuánto cuesta el envío?",
];
const ANSWERS: &[&str] = &[
    "Yes, 12 left! Shall we keep one for you?",
    "It is ready: come by any time before 20:00.",
    "We open at 9:00 on Saturdays.",
    "Of course, bring it with the receipt.",
    "We do, the same day for orders before noon.",
    "Sent! You will find it just above.",
    "¡Sí! Tenemos de la S a la XXL.",
    "El envío es gratis desde 30 €.",
];
const TEMPLATES: &[&str] = &["order_ready", "pickup_reminder", "weekend_offer"];
const LABELS: &[(&str, &str)] = &[
    ("VIP", "#d97706"),
    ("Wholesale", "#2563eb"),
    ("Returns", "#dc2626"),
    ("New customer", "#16a34a"),
];

struct Message {
    contact: usize,
    inbound: bool,
    kind: &'static str,
    text: String,
    raw: String,
    status: &'static str,
    at: i64,
}

/// The hour a customer writes at: mostly 11–13 and 17–20.
fn hour(rng: &mut impl Rng) -> i8 {
    const WEIGHTS: [(i8, u32); 15] = [
        (8, 2),
        (9, 4),
        (10, 7),
        (11, 10),
        (12, 12),
        (13, 10),
        (14, 6),
        (15, 5),
        (16, 6),
        (17, 9),
        (18, 11),
        (19, 10),
        (20, 7),
        (21, 4),
        (22, 2),
    ];
    let total: u32 = WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (h, w) in WEIGHTS {
        if pick < w {
            return h;
        }
        pick -= w;
    }
    12
}

fn open_at(tz: &TimeZone, second: i64) -> bool {
    let t = tz.to_datetime(Timestamp::from_second(second).expect("a time"));
    t.weekday() != Weekday::Sunday && (9..20).contains(&t.hour())
}

/// When the shop answers a message written at `asked`: minutes later when open, else soon after
/// the next opening.
fn answer_at(rng: &mut impl Rng, tz: &TimeZone, asked: i64) -> i64 {
    let mut t = asked;
    while !open_at(tz, t) {
        // The next whole hour.
        t = (t / 3600 + 1) * 3600;
    }
    // Mostly a few minutes, now and then much longer (a busy counter).
    let minutes: f64 = if rng.random_bool(0.15) {
        rng.random_range(30.0..180.0)
    } else {
        rng.random_range(1.0..25.0)
    };
    t + (minutes * 60.0) as i64
}

#[tokio::main]
async fn main() {
    let data_dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .expect("usage: demo_history DATA_DIR");
    let store_dir = shopchat_core::config::store_dir(&data_dir, true);
    std::fs::create_dir_all(&store_dir).expect("the data dir");
    let store = Store::open(&store_dir).expect("the store");
    let tz = TimeZone::system();
    let now = Timestamp::now();
    let today = tz.to_datetime(now).date();
    let mut rng = rand::rngs::StdRng::seed_from_u64(18);

    let mut messages = Vec::new();
    for back in (0..DAYS).rev() {
        let day = today.checked_sub(back.days()).expect("a day");
        let busy = match day.weekday() {
            Weekday::Friday => 1.4,
            Weekday::Saturday => 1.6,
            Weekday::Sunday => 0.5,
            _ => 1.0,
        };
        // A shop that grows a little over the quarter.
        let growth = 1.0 + (DAYS - back) as f64 / DAYS as f64 * 0.4;
        let conversations = (18.0 * busy * growth) as usize + rng.random_range(0..6);
        for _ in 0..conversations {
            let contact = rng.random_range(0..CUSTOMERS);
            let asked = day
                .at(
                    hour(&mut rng),
                    rng.random_range(0..60),
                    rng.random_range(0..60),
                    0,
                )
                .to_zoned_datetime(tz.clone())
                .expect("a local time")
                .timestamp()
                .as_second();
            if asked > now.as_second() {
                continue;
            }
            let ask = rng.random_range(0..ASKS.len());
            messages.push(Message {
                contact,
                inbound: true,
                kind: "text",
                text: ASKS[ask].to_owned(),
                raw: "{}".to_owned(),
                status: "received",
                at: asked,
            });
            // One in twelve waits for an answer (recent ones more often).
            if rng.random_bool(if back < 2 { 0.3 } else { 0.08 }) {
                continue;
            }
            let answered = answer_at(&mut rng, &tz, asked);
            if answered > now.as_second() {
                continue;
            }
            let status = match rng.random_range(0..100) {
                0..3 => "failed",
                3..10 => "sent",
                10..30 => "delivered",
                _ => "read",
            };
            messages.push(Message {
                contact,
                inbound: false,
                kind: "text",
                text: ANSWERS[ask].to_owned(),
                raw: "{}".to_owned(),
                status,
                at: answered,
            });
        }
        // Templates: order updates on weekdays, an offer on Thursdays.
        let sends = if day.weekday() == Weekday::Thursday {
            25
        } else {
            4
        };
        for i in 0..sends {
            let at = day
                .at(10 + (i % 8) as i8, rng.random_range(0..60), 0, 0)
                .to_zoned_datetime(tz.clone())
                .expect("a local time")
                .timestamp()
                .as_second();
            if at > now.as_second() {
                continue;
            }
            let name = if sends > 4 {
                TEMPLATES[2]
            } else {
                TEMPLATES[i % 2]
            };
            messages.push(Message {
                contact: rng.random_range(0..CUSTOMERS),
                inbound: false,
                kind: "template",
                text: String::new(),
                raw: format!(r#"{{"template":{{"name":"{name}"}}}}"#),
                status: ["read", "read", "delivered", "sent"][rng.random_range(0..4)],
                at,
            });
        }
    }
    messages.sort_by_key(|m| m.at);
    let count = messages.len();

    store
        .writer()
        .call(move |ctx| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(19);
            let wa_id = |c: usize| format!("3460{c:07}");
            for c in 0..CUSTOMERS {
                ctx.conn.execute(
                    "INSERT OR IGNORE INTO contacts (wa_id, name, created_at, updated_at)
                     VALUES (?1, ?2, 0, 0)",
                    params![
                        wa_id(c),
                        format!("{} {}", FIRST[c % FIRST.len()], LAST[(c / 7) % LAST.len()])
                    ],
                )?;
            }
            let mut insert = ctx.conn.prepare(
                "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut touch = ctx.conn.prepare(
                "UPDATE contacts SET last_message_at = ?2,
                        last_inbound_at = CASE WHEN ?3 THEN ?2 ELSE last_inbound_at END
                 WHERE wa_id = ?1",
            )?;
            for (i, m) in messages.iter().enumerate() {
                insert.execute(params![
                    format!("wamid.DEMO{i:07}"),
                    wa_id(m.contact),
                    if m.inbound { "in" } else { "out" },
                    m.kind,
                    (!m.text.is_empty()).then_some(&m.text),
                    m.raw,
                    m.status,
                    m.at
                ])?;
                touch.execute(params![wa_id(m.contact), m.at, m.inbound])?;
            }
            for (name, color) in LABELS {
                ctx.conn.execute(
                    "INSERT OR IGNORE INTO labels (name, color, created_at) VALUES (?1, ?2, 0)",
                    params![name, color],
                )?;
            }
            for c in 0..CUSTOMERS {
                // Fewer of the later labels: VIPs are common here, returns rare.
                for (l, (name, _)) in LABELS.iter().enumerate() {
                    if rng.random_range(0..100) < [18, 8, 4, 12][l] {
                        ctx.conn.execute(
                            "INSERT OR IGNORE INTO contact_labels (wa_id, label_id, added_at)
                             SELECT ?1, id, 0 FROM labels WHERE name = ?2",
                            params![wa_id(c), name],
                        )?;
                    }
                }
            }
            // Three broadcasts of the weekend offer, to 120 customers each.
            let now_ms = Timestamp::now().as_millisecond();
            for (n, days_ago) in [(1, 26), (2, 12), (3, 5)] {
                let at = now_ms - days_ago * 86_400_000;
                ctx.conn.execute(
                    "INSERT INTO broadcasts (name, template, lang, category, audience, params,
                                             audience_check, state, start_at, rate, created_at,
                                             started_at, finished_at, updated_at)
                     VALUES (?1, 'weekend_offer', 'en', 'MARKETING', '{\"kind\":\"all\"}', '[]',
                             '{}', 'completed', ?2, 80, ?2, ?2, ?2, ?2)",
                    params![format!("Weekend offer #{n}"), at],
                )?;
                let id = ctx.conn.last_insert_rowid();
                for c in 0..120 {
                    let state = match rng.random_range(0..100) {
                        0..4 => "failed",
                        4..12 => "sent",
                        12..40 => "delivered",
                        40..85 => "read",
                        _ => "replied",
                    };
                    ctx.conn.execute(
                        "INSERT INTO broadcast_recipients (broadcast_id, wa_id, params, state, updated_at)
                         VALUES (?1, ?2, '[]', ?3, ?4)",
                        params![id, wa_id((c * 3 + n as usize) % CUSTOMERS), state, at],
                    )?;
                }
            }
            // Invoices and receipts: a few a day, exact amounts.
            let first = Timestamp::now().as_second() - DAYS * 86_400;
            for i in 0..(DAYS * 4) {
                let at = first + i * 86_400 / 4 + rng.random_range(0..3600);
                let receipt = i % 3 == 0;
                let cents: i64 = rng.random_range(900..24_000);
                let total = format!("{}.{:02}", cents / 100, cents % 100);
                let year = TimeZone::system()
                    .to_datetime(Timestamp::from_second(at).expect("a time"))
                    .year();
                ctx.conn.execute(
                    "INSERT INTO documents (kind, number, year, seq, contact, status, currency,
                                            lang, subtotal, tax, total, data, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'issued', 'EUR', 'en', ?6, '0', ?6, '{}', ?7)",
                    params![
                        if receipt { "receipt" } else { "invoice" },
                        format!("{}-DEMO-{i:04}", if receipt { "REC" } else { "INV" }),
                        year,
                        i + 1,
                        wa_id(rng.random_range(0..CUSTOMERS)),
                        total,
                        at * 1000
                    ],
                )?;
            }
            Ok(())
        })
        .await
        .expect("the demo history");
    store.close().await;
    println!(
        "{count} messages over the last {DAYS} days for {CUSTOMERS} customers, with labels and {} documents, in {}",
        DAYS * 4,
        store_dir.display()
    );
}
