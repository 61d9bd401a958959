//! The data-scale benchmark: 1,000,000 messages over 10,000 contacts and two years (generated),
//! then the time to load the chat list, to open a conversation (its latest 50 messages) and to
//! search (targets: 20 ms, 10 ms and 50 ms), and each statistics figure over the last 30 days
//! and over the last year (target: 100 ms). Not part of the test command:
//!
//!     cargo run --release -p shopchat-core --example bench_scale
//!     BENCH_CONTACTS=1000 BENCH_PER_CONTACT=100 cargo run --release -p shopchat-core --example bench_scale
//!     BENCH_WRITES_ONLY=1 cargo run --release -p shopchat-core --example bench_scale

use std::time::{Duration, Instant};

use rand::{Rng, RngExt, SeedableRng};
use rusqlite::params;
use shopchat_core::store::{Store, contacts, messages, search};

const WORDS: &[&str] = &[
    "order", "ready", "pickup", "delivery", "price", "stock", "blue", "red", "green", "mug",
    "scarf", "shoes", "size", "return", "refund", "thanks", "hello", "tomorrow", "today",
    "saturday", "opening", "hours", "address", "invoice", "payment", "card", "cash", "gift",
    "wrap", "discount", "coupon", "late", "early", "parcel", "tracking", "number", "please",
    "could", "would", "when", "where", "how", "much", "many", "yes", "no", "maybe", "great",
    "perfect", "sorry",
];

fn sentence(rng: &mut impl Rng, i: usize) -> String {
    let n = rng.random_range(4..12);
    let mut words: Vec<&str> = (0..n)
        .map(|_| WORDS[rng.random_range(0..WORDS.len())])
        .collect();
    // A rare word now and then, to search for something that is not everywhere.
    if i.is_multiple_of(997) {
        words.push("zanzibar");
    }
    words.join(" ")
}

/// The generated messages' first second (2023-11-14) and how long they span (two years).
const BASE: i64 = 1_700_000_000;
const SPAN: i64 = 2 * 365 * 86_400;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let p50 = samples[samples.len() / 2];
    let p95 = samples[(samples.len() * 95 / 100).min(samples.len() - 1)];
    (p50, p95)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    // Only what the statistics' triggers cost the writes.
    if std::env::var_os("BENCH_WRITES_ONLY").is_some() {
        rollup_cost().await;
        return;
    }
    let n_contacts = env_usize("BENCH_CONTACTS", 10_000);
    let per_contact = env_usize("BENCH_PER_CONTACT", 100);
    let dir = tempfile::tempdir().expect("temp dir");
    println!(
        "data scale: {} messages over {n_contacts} contacts (generated in {})",
        n_contacts * per_contact,
        dir.path().display()
    );
    let store = Store::open(dir.path()).expect("open");
    let started = Instant::now();
    store
        .writer()
        .call(move |ctx| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(7);
            let mut contact = ctx.conn.prepare(
                "INSERT INTO contacts (wa_id, name, unread, last_inbound_at, last_message_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4, 0, 0)",
            )?;
            let mut message = ctx.conn.prepare(
                "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
                 VALUES (?1, ?2, ?3, 'text', ?4, '{}', ?5, ?6)",
            )?;
            let total = (per_contact * n_contacts).max(1) as i64;
            // Messages interleaved across contacts, as they arrive in real life, over two years.
            let at = |i: usize| BASE + i as i64 * SPAN / total;
            for c in 0..n_contacts {
                let last = at(per_contact * n_contacts - 1);
                contact.execute(params![
                    format!("1555{c:07}"),
                    format!("Customer {c}"),
                    (c % 3) as i64,
                    last
                ])?;
            }
            for i in 0..per_contact * n_contacts {
                let c = i % n_contacts;
                // Each customer writes and the shop answers, in turn; one in ten customers
                // wrote last (an unanswered chat).
                let round = i / n_contacts + usize::from(c.is_multiple_of(10));
                let inbound = round.is_multiple_of(2);
                message.execute(params![
                    format!("wamid.SCALE{i:09}"),
                    format!("1555{c:07}"),
                    if inbound { "in" } else { "out" },
                    sentence(&mut rng, i),
                    if inbound { "received" } else { "read" },
                    at(i)
                ])?;
            }
            Ok(())
        })
        .await
        .expect("generate");
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());

    let runs = 30;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let mut list = Vec::new();
    let mut open = Vec::new();
    let mut common = Vec::new();
    let mut rare = Vec::new();
    let mut prefix = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let chats = store.read(contacts::chats).await.expect("chats");
        list.push(t.elapsed());
        assert_eq!(chats.len(), n_contacts);

        let who = format!("1555{:07}", rng.random_range(0..n_contacts));
        let t = Instant::now();
        let page = store
            .read(move |c| messages::list_for_contact(c, &who, 50))
            .await
            .expect("conversation");
        open.push(t.elapsed());
        assert_eq!(page.len(), 50.min(per_contact));

        for (query, into) in [
            ("order ready", &mut common),
            ("zanzibar", &mut rare),
            ("deliv", &mut prefix),
        ] {
            let t = Instant::now();
            let hits = store
                .read(move |c| search::search(c, query, 50))
                .await
                .expect("search");
            into.push(t.elapsed());
            assert!(!hits.is_empty(), "{query}");
        }
    }
    println!("{runs} runs each, p50 / p95 (target):");
    let show = |what: &str, samples: Vec<Duration>, target: u64| {
        let (p50, p95) = stats(samples);
        println!(
            "  {what:<44} {:>10} / {:>10}  ({target} ms)",
            ms(p50),
            ms(p95)
        );
    };
    show("chat list (every contact + last message)", list, 20);
    show("open a conversation (latest 50)", open, 10);
    show("search \"order ready\" (common words, 50)", common, 50);
    show("search \"zanzibar\" (rare word)", rare, 50);
    show("search \"deliv\" (prefix, as you type)", prefix, 50);
    stats_figures(&store, n_contacts).await;
    store.close().await;
    rollup_cost().await;
}

/// What the statistics' triggers (the quarter-hour counts and the waits) cost the writes: the
/// same 100,000 messages (a customer's, then the shop's answer marked read) inserted 1,000 per
/// transaction in fresh stores with and without the triggers, alternately, three times each;
/// the best of each is compared.
async fn rollup_cost() {
    let n = 100_000usize;
    let mut best = [f64::MAX; 2];
    for round in 0..6 {
        let with = round % 2 == 0;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        store
            .writer()
            .call(move |ctx| {
                if !with {
                    let drop = std::env::var("BENCH_DROP").unwrap_or_else(|_| {
                        "message_stats_insert message_stats_update message_stats_delete \
                         response_waits_asked response_waits_answered response_waits_automatic \
                         response_waits_deleted"
                            .to_owned()
                    });
                    for t in drop.split_whitespace() {
                        ctx.conn.execute_batch(&format!("DROP TRIGGER {t}"))?;
                    }
                }
                for c in 0..1000 {
                    ctx.conn.execute(
                        "INSERT INTO contacts (wa_id, created_at, updated_at) VALUES (?1, 0, 0)",
                        [format!("1555{c:07}")],
                    )?;
                }
                Ok(())
            })
            .await
            .expect("setup");
        let t = Instant::now();
        for chunk in 0..n / 1000 {
            store
                .writer()
                .call(move |ctx| {
                    for i in chunk * 1000..(chunk + 1) * 1000 {
                        let inbound = i % 2 == 0;
                        // Prepared once, as the engine's statements are (a statement carries its
                        // triggers' programs: preparing it each time would time their compiling).
                        ctx.conn
                            .prepare_cached(
                                "INSERT INTO messages (wamid, contact, direction, type, text, raw, status, timestamp)
                                 VALUES (?1, ?2, ?3, 'text', 'hello', '{}', ?4, ?5)",
                            )?
                            .execute(params![
                                format!("wamid.COST{i:09}"),
                                format!("1555{:07}", (i / 2) % 1000),
                                if inbound { "in" } else { "out" },
                                if inbound { "received" } else { "sent" },
                                BASE + i as i64 * 60
                            ])?;
                        if !inbound {
                            ctx.conn
                                .prepare_cached("UPDATE messages SET status = 'read' WHERE wamid = ?1")?
                                .execute([format!("wamid.COST{i:09}")])?;
                        }
                    }
                    Ok(())
                })
                .await
                .expect("writes");
        }
        let secs = t.elapsed().as_secs_f64();
        store.close().await;
        let k = usize::from(!with);
        best[k] = best[k].min(secs);
    }
    let rate = |s: f64| n as f64 / s;
    println!(
        "writes (a message, or an answer then marked read; 1,000 per transaction), best of 3: {:.0}/s with the statistics' triggers, {:.0}/s without ({:.1}% of the rate without)",
        rate(best[0]),
        rate(best[1]),
        rate(best[0]) / rate(best[1]) * 100.0
    );
}

/// The statistics (crates/core/src/stats) over the whole data set: 2% of the shop's messages
/// become templates, 1,000 documents are issued, 20 labels go on a third of the contacts and 100
/// broadcasts of 500 recipients each are spread over the two years, then each figure is timed.
async fn stats_figures(store: &Store, n_contacts: usize) {
    use shopchat_core::stats::{self, BusinessHours, Range};
    let started = Instant::now();
    store
        .writer()
        .call(move |ctx| {
            ctx.conn.execute(
                "UPDATE messages SET type = 'template',
                        raw = '{\"template\":{\"name\":\"promo_' || (id % 7) || '\"}}'
                 WHERE direction = 'out' AND id % 50 = 0",
                [],
            )?;
            // 20 labels, each on every 30th contact from its own offset: a third of the contacts.
            for l in 0..20i64 {
                ctx.conn.execute(
                    "INSERT INTO labels (name, color, created_at) VALUES (?1, '#2563eb', 0)",
                    [format!("label {l}")],
                )?;
            }
            ctx.conn.execute(
                "INSERT INTO contact_labels (wa_id, label_id, added_at)
                 SELECT c.wa_id, l.id, 0 FROM contacts c JOIN labels l
                 WHERE (CAST(substr(c.wa_id, 5) AS INTEGER) + l.id) % 30 = 0",
                [],
            )?;
            let mut broadcast = ctx.conn.prepare(
                "INSERT INTO broadcasts (name, template, lang, category, audience, params,
                                         audience_check, state, start_at, rate, created_at,
                                         started_at, updated_at)
                 VALUES (?1, 'promo_1', 'en', 'MARKETING', '{}', '[]', '{}', 'completed', ?2, 80,
                         ?2, ?2, ?2)",
            )?;
            let mut recipient = ctx.conn.prepare(
                "INSERT INTO broadcast_recipients (broadcast_id, wa_id, params, state, updated_at)
                 VALUES (?1, ?2, '[]', ?3, 0)",
            )?;
            const STATES: [&str; 6] = ["sent", "delivered", "read", "read", "replied", "failed"];
            for b in 0..100i64 {
                broadcast.execute(params![
                    format!("broadcast {b}"),
                    (BASE + b * (SPAN / 100)) * 1000
                ])?;
                let id = ctx.conn.last_insert_rowid();
                for r in 0..500i64 {
                    let contact = (b * 97 + r) as usize % n_contacts;
                    recipient.execute(params![
                        id,
                        format!("1555{contact:07}"),
                        STATES[(r % 6) as usize]
                    ])?;
                }
            }
            let mut doc = ctx.conn.prepare(
                "INSERT INTO documents (kind, number, year, seq, contact, status, currency, lang,
                                        subtotal, tax, total, data, created_at)
                 VALUES ('invoice', ?1, 2023, ?2, ?3, 'issued', ?4, 'en', ?5, '0', ?5, '{}', ?6)",
            )?;
            for i in 0..1000i64 {
                doc.execute(params![
                    format!("INV-{i}"),
                    i + 1,
                    format!("1555{:07}", i as usize % n_contacts),
                    if i % 3 == 0 { "USD" } else { "EUR" },
                    format!("{}.{:02}", 10 + i, i % 100),
                    (BASE + i * (SPAN / 1000)) * 1000
                ])?;
            }
            Ok(())
        })
        .await
        .expect("templates and documents");
    println!(
        "templates, documents, labels and broadcasts added in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // The dashboard's default (the last 30 days of the data set) and a whole year.
    let last_day = jiff::tz::TimeZone::system()
        .to_datetime(jiff::Timestamp::from_second(BASE + SPAN).expect("a time"))
        .date();
    let before = |days: i64| {
        last_day
            .checked_sub(jiff::Span::new().days(days))
            .expect("a date")
    };
    let ranges = [
        ("the last 30 days", Range::local(before(29), last_day)),
        ("the last year", Range::local(before(364), last_day)),
    ];
    let hours = BusinessHours::default();
    let runs = 5;
    type Figure = (
        &'static str,
        fn(&rusqlite::Connection, &Range, &BusinessHours) -> usize,
    );
    let figures: [Figure; 9] = [
        ("stats: messages per day + busiest hours", |c, r, _| {
            stats::per_day_and_hours(c, r).expect("per day").0.len()
        }),
        ("stats: first response (calendar time)", |c, r, _| {
            stats::first_response(c, r, None)
                .expect("first response")
                .answered as usize
        }),
        ("stats: first response (business hours)", |c, r, h| {
            stats::first_response(c, r, Some(h))
                .expect("first response")
                .answered as usize
        }),
        ("stats: unanswered chats", |c, r, _| {
            stats::unanswered(c, r).expect("unanswered") as usize
        }),
        ("stats: delivery / read / failure rates", |c, r, _| {
            stats::rates(c, r).expect("rates").sent as usize
        }),
        ("stats: templates (sent..replied)", |c, r, _| {
            stats::templates(c, r).expect("templates").len()
        }),
        ("stats: documents per month", |c, r, _| {
            stats::documents_per_month(c, r).expect("documents").len()
        }),
        ("stats: broadcasts (sent..replied)", |c, r, _| {
            stats::broadcasts(c, r).expect("broadcasts").len()
        }),
        ("stats: top labels", |c, r, _| {
            stats::top_labels(c, r).expect("top labels").len()
        }),
    ];
    for (name, range) in ranges {
        let (from, to) = range.bounds();
        let in_range: i64 = store
            .read(move |c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM messages WHERE timestamp >= ?1 AND timestamp < ?2",
                    [from, to],
                    |r| r.get(0),
                )?)
            })
            .await
            .expect("count");
        println!("{runs} runs each, p50 / p95 (target), over {name} ({in_range} messages):");
        for (what, figure) in figures {
            let mut samples = Vec::new();
            for _ in 0..runs {
                let (range, hours) = (range.clone(), hours.clone());
                let t = Instant::now();
                let n = store
                    .read(move |c| Ok(figure(c, &range, &hours)))
                    .await
                    .expect("figure");
                samples.push(t.elapsed());
                assert!(n > 0, "{what} over {name}");
            }
            let (p50, p95) = stats(samples);
            println!("  {what:<44} {:>10} / {:>10}  (100 ms)", ms(p50), ms(p95));
        }
    }
}
