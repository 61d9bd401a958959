//! Broadcasts against a real SQLite file: the audience check, queuing exactly once, pause and
//! cancel taking the waiting sends back, the messaging limit, opt-outs from the chat and from
//! Meta, statuses and replies on the recipients, the report and the export.

use std::io::Write;

use serde_json::{Value, json};

use super::*;
use crate::store::templates::{StoredTemplate, replace_all};
use crate::store::{Store, contacts, journal};
use fake_graph::payloads;

const WABA: &str = "1234567890";
const PNID: &str = "1122334455";

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
}

fn template(category: &str) -> StoredTemplate {
    let raw = json!({
        "name": "spring_sale", "language": "es_MX", "status": "APPROVED", "category": category,
        "id": "9001",
        "components": [{"type": "BODY", "text": "Hola {{1}}, tu código es {{2}}",
                        "example": {"body_text": [["Ana", "X1"]]}}]
    });
    StoredTemplate {
        name: "spring_sale".into(),
        language: "es_MX".into(),
        id: "9001".into(),
        status: "APPROVED".into(),
        category: Some(category.into()),
        raw: raw.to_string(),
        synced_at: 0,
        ..Default::default()
    }
}

impl Fixture {
    async fn new(category: &'static str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .writer()
            .call(move |ctx| replace_all(ctx.conn, &[template(category)]))
            .await
            .unwrap();
        Self { dir, store }
    }

    fn csv(&self, text: &str) -> std::path::PathBuf {
        let path = self.dir.path().join("list.csv");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        path
    }

    fn request(&self, csv: &str) -> NewBroadcast {
        NewBroadcast {
            name: "Sale".into(),
            template: "spring_sale".into(),
            lang: "es_MX".into(),
            audience: AudienceSource::Csv {
                path: self.csv(csv),
                phone_column: None,
            },
            params: vec!["name".into(), "code".into()],
            start_at: None,
            rate: None,
            default_country: Some("MX".into()),
            spread: false,
            dry_run: false,
        }
    }

    async fn create(&self, req: NewBroadcast) -> Result<Created, BroadcastError> {
        self.store
            .writer()
            .call(move |ctx| Ok(create::create(ctx, &req)))
            .await
            .unwrap()
    }

    async fn sql<T: rusqlite::types::FromSql + Send + 'static>(&self, q: &'static str) -> T {
        self.store
            .read(move |c| Ok(c.query_row(q, [], |r| r.get(0))?))
            .await
            .unwrap()
    }

    async fn deliver(&self, body: Value) {
        let text = body.to_string();
        self.store
            .writer()
            .call(move |ctx| journal::insert(ctx.conn, &text))
            .await
            .unwrap();
        self.store
            .writer()
            .call(|ctx| crate::inbox::apply_pending(ctx, 100, Some(PNID)))
            .await
            .unwrap();
    }

    async fn queue(&self, id: i64, max: usize, window: i64) -> usize {
        self.store
            .writer()
            .call(move |ctx| runner::queue_batch(ctx, id, max, window))
            .await
            .unwrap()
    }
}

fn rows(n: usize) -> String {
    let mut s = String::from("phone,name,code\n");
    for i in 0..n {
        s.push_str(&format!(
            "+52 55 {:04} {:04},Cliente {i},C{i}\n",
            1000 + i / 10_000,
            i % 10_000
        ));
    }
    s
}

#[tokio::test]
async fn the_audience_check_reports_invalid_rows_duplicates_and_the_same_mexican_customer() {
    let f = Fixture::new("UTILITY").await;
    let csv = "Teléfono,name,code\n\
               +52 1 55 1234 5678,Ana,A1\n\
               55 1234 5678,Ana again,A2\n\
               hello,Bad,B1\n\
               3.46E+10,Sci,S1\n\
               +1 201 555 0123,Bob,U1\n\
               +52 55 8765 4321,,E1\n\
               525587654322,Carla,C1\n";
    let created = f.create(f.request(csv)).await.unwrap();
    let c = &created.check;
    assert_eq!(c.duplicates.len(), 1, "{c:?}");
    assert_eq!(c.duplicates[0].row, Some(3));
    assert_eq!(c.duplicates[0].first_row, Some(2));
    let invalid: Vec<_> = c
        .invalid
        .iter()
        .map(|p| (p.row, p.value.as_str()))
        .collect();
    assert_eq!(
        invalid,
        vec![
            (Some(4), "hello"),
            (Some(5), "3.46E+10"),
            (Some(7), "525587654321")
        ],
        "{c:?}"
    );
    assert!(c.invalid[2].reason.contains("\"name\" is empty"), "{c:?}");
    assert_eq!(c.recipients, 3);
    assert_eq!(c.us_numbers, 1);
    assert_eq!(c.stripped_prefix, 0);
    assert_eq!(
        created.preview[0].body.as_deref(),
        Some("Hola Ana, tu código es A1")
    );
    assert_eq!(created.preview[0].wa_id, "525512345678");
}

#[tokio::test]
async fn marketing_skips_opted_out_contacts_and_us_numbers_and_counts_them() {
    let f = Fixture::new("MARKETING").await;
    f.store
        .writer()
        .call(|ctx| {
            contacts::upsert(ctx.conn, "525512345678", None, None)?;
            consent::opt_out(ctx.conn, "525512345678", consent::VIA_OWNER, 1)?;
            Ok(())
        })
        .await
        .unwrap();
    let csv =
        "phone,name,code\n+52 55 1234 5678,Ana,A\n+1 201 555 0123,Bob,B\n+52 55 1111 2222,Eva,E\n";
    let created = f.create(f.request(csv)).await.unwrap();
    assert_eq!(created.check.opted_out, 1);
    assert_eq!(created.check.us_numbers, 1);
    assert_eq!(created.check.recipients, 1);
    let id = created.id.unwrap();
    assert_eq!(f.queue(id, 100, 100).await, 1);
    let skipped: i64 = f
        .sql("SELECT count(*) FROM broadcast_recipients WHERE state = 'skipped'")
        .await;
    assert_eq!(skipped, 2);
    let outbox: i64 = f.sql("SELECT count(*) FROM outbox").await;
    assert_eq!(outbox, 1);
}

#[tokio::test]
async fn each_recipient_is_queued_once_within_the_window_and_pause_takes_the_waiting_back() {
    let f = Fixture::new("UTILITY").await;
    let id = f.create(f.request(&rows(50))).await.unwrap().id.unwrap();
    f.store
        .writer()
        .call(|ctx| budget::remember(ctx.conn, None))
        .await
        .unwrap();
    assert_eq!(
        f.queue(id, 30, 20).await,
        20,
        "at most the window waits in the outbox"
    );
    assert_eq!(f.queue(id, 30, 20).await, 0);
    // The outbox sends five (claimed, then done).
    f.store
        .writer()
        .call(|ctx| {
            ctx.conn.execute(
                "UPDATE outbox SET state = 'done' WHERE message_id IN (SELECT message_id FROM outbox ORDER BY message_id LIMIT 5)",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(f.queue(id, 30, 20).await, 5);
    f.store
        .writer()
        .call(move |ctx| Ok(pause(ctx, id)))
        .await
        .unwrap()
        .unwrap();
    let waiting: i64 = f
        .sql("SELECT count(*) FROM outbox WHERE state = 'pending'")
        .await;
    assert_eq!(waiting, 0, "a pause takes back what has not been sent");
    assert_eq!(
        f.queue(id, 30, 20).await,
        0,
        "a paused broadcast queues nothing"
    );
    let pending: i64 = f
        .sql("SELECT count(*) FROM broadcast_recipients WHERE state = 'pending'")
        .await;
    assert_eq!(pending, 45);
    f.store
        .writer()
        .call(move |ctx| Ok(resume(ctx, id)))
        .await
        .unwrap()
        .unwrap();
    let mut total = 0;
    loop {
        f.store
            .writer()
            .call(|ctx| {
                Ok(ctx.conn.execute(
                    "UPDATE outbox SET state = 'done' WHERE state = 'pending'",
                    [],
                )?)
            })
            .await
            .unwrap();
        let n = f.queue(id, 100, 20).await;
        if n == 0 {
            break;
        }
        total += n;
    }
    assert_eq!(total, 45);
    let (messages, distinct): (i64, i64) = f
        .store
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*), count(DISTINCT contact) FROM outbox",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        (messages, distinct),
        (50, 50),
        "each recipient exactly once"
    );
    let state: String = f.sql("SELECT state FROM broadcasts").await;
    assert_eq!(state, "completed");
}

#[tokio::test]
async fn cancel_stops_everything_not_yet_sent() {
    let f = Fixture::new("UTILITY").await;
    f.store
        .writer()
        .call(|ctx| budget::remember(ctx.conn, None))
        .await
        .unwrap();
    let id = f.create(f.request(&rows(10))).await.unwrap().id.unwrap();
    assert_eq!(f.queue(id, 4, 100).await, 4);
    f.store
        .writer()
        .call(move |ctx| Ok(cancel(ctx, id)))
        .await
        .unwrap()
        .unwrap();
    let outbox: i64 = f.sql("SELECT count(*) FROM outbox").await;
    assert_eq!(outbox, 0);
    let skipped: i64 = f
        .sql("SELECT count(*) FROM broadcast_recipients WHERE state = 'skipped'")
        .await;
    assert_eq!(skipped, 10);
    assert_eq!(f.queue(id, 4, 100).await, 0);
}

#[tokio::test]
async fn a_broadcast_past_the_messaging_limit_is_refused_and_the_runner_keeps_within_it() {
    let f = Fixture::new("UTILITY").await;
    f.store
        .writer()
        .call(|ctx| budget::remember(ctx.conn, Some(3)))
        .await
        .unwrap();
    let err = f.create(f.request(&rows(5))).await.unwrap_err();
    assert!(
        matches!(
            err,
            BroadcastError::OverBudget {
                needed: 5,
                left: 3,
                limit: 3
            }
        ),
        "{err}"
    );
    let mut spread = f.request(&rows(5));
    spread.spread = true;
    let id = f.create(spread).await.unwrap().id.unwrap();
    assert_eq!(
        f.queue(id, 100, 100).await,
        3,
        "the rest waits for the rolling 24 hours"
    );
    let b = f.store.read(move |c| get(c, id)).await.unwrap().unwrap();
    assert!(b.reason.unwrap().contains("messaging limit"));
    assert_eq!(f.store.read(budget::current).await.unwrap().left, Some(0));
}

#[tokio::test]
async fn stop_and_baja_opt_out_in_the_message_transaction_answered_once_and_start_opts_back_in() {
    let f = Fixture::new("MARKETING").await;
    let ana = "5215512345678";
    let now = crate::store::now_secs();
    let say =
        |wamid: &str, text: &str| payloads::inbound_text(WABA, PNID, ana, "Ana", wamid, now, text);
    f.deliver(say("wamid.1", "STOP")).await;
    let c = f
        .store
        .read(move |c| contacts::get(c, ana))
        .await
        .unwrap()
        .unwrap();
    assert!(c.opted_out);
    let answers: i64 = f.sql("SELECT count(*) FROM outbox").await;
    assert_eq!(answers, 1, "one confirmation");
    // A replay and a second STOP: nothing more.
    f.deliver(say("wamid.1", "STOP")).await;
    f.deliver(say("wamid.2", "baja")).await;
    let answers: i64 = f.sql("SELECT count(*) FROM outbox").await;
    assert_eq!(answers, 1);
    f.deliver(say("wamid.3", "ALTA")).await;
    let c = f
        .store
        .read(move |c| contacts::get(c, ana))
        .await
        .unwrap()
        .unwrap();
    assert!(!c.opted_out);
    let text: String = f
        .sql("SELECT text FROM messages WHERE direction = 'out' ORDER BY id DESC LIMIT 1")
        .await;
    assert!(text.starts_with("De nuevo contigo"), "{text}");
}

#[tokio::test]
async fn statuses_replies_and_meta_opt_outs_update_the_recipients_and_the_report() {
    let f = Fixture::new("UTILITY").await;
    f.store
        .writer()
        .call(|ctx| budget::remember(ctx.conn, None))
        .await
        .unwrap();
    let csv =
        "phone,name,code\n+52 55 1000 0001,A,1\n+52 55 1000 0002,B,2\n+52 55 1000 0003,=cmd(),3\n";
    let id = f.create(f.request(csv)).await.unwrap().id.unwrap();
    assert_eq!(f.queue(id, 10, 10).await, 3);
    // The outbox records a wamid for each.
    f.store
        .writer()
        .call(|ctx| {
            let ids: Vec<(i64, String)> = ctx
                .conn
                .prepare("SELECT message_id, contact FROM outbox ORDER BY message_id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (id, to) in ids {
                crate::store::messages::set_wamid(ctx.conn, id, &format!("wamid.{to}"))?;
                crate::delivery::advance(ctx, id, crate::views::MessageStatus::Sent, 1, None)?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let now = crate::store::now_secs();
    f.deliver(payloads::status(
        WABA,
        PNID,
        "wamid.525510000001",
        "525510000001",
        "read",
        now,
        None,
    ))
    .await;
    f.deliver(payloads::inbound_text(
        WABA,
        PNID,
        "525510000001",
        "A",
        "wamid.in1",
        now,
        "¿Cuánto cuesta?",
    ))
    .await;
    f.deliver(payloads::status(
        WABA,
        PNID,
        "wamid.525510000002",
        "525510000002",
        "failed",
        now,
        Some((131050, "User stopped marketing", "")),
    ))
    .await;
    f.deliver(payloads::status(
        WABA,
        PNID,
        "wamid.525510000003",
        "525510000003",
        "failed",
        now,
        Some((131026, "Undeliverable", "")),
    ))
    .await;
    let rep = f
        .store
        .read(move |c| Ok(report::report(c, id)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rep.funnel.sent, 1);
    assert_eq!(rep.funnel.read, 1);
    assert_eq!(rep.funnel.replied, 1);
    assert_eq!(rep.counts.failed, 2);
    assert_eq!(rep.reply_classes.len(), 1);
    assert!(rep.failures.iter().any(|c| c.key.contains("131026")));
    let b = f
        .store
        .read(|c| contacts::get(c, "525510000002"))
        .await
        .unwrap()
        .unwrap();
    assert!(b.opted_out, "131050 is recorded as an opt-out");
    let out = f.dir.path().join("out.csv");
    let path = out.clone();
    let n = f
        .store
        .read(move |c| Ok(report::export_csv(c, id, &path)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(n, 3);
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.contains("replied"), "{text}");
    assert!(!text.contains(",=cmd"), "{text}");
}

#[tokio::test]
async fn a_scheduled_broadcast_missed_while_closed_waits_for_confirmation() {
    let f = Fixture::new("UTILITY").await;
    let mut req = f.request(&rows(2));
    req.start_at = Some(crate::store::now_ms() + 50);
    let id = f.create(req).await.unwrap().id.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(80)).await;
    let held = f.store.writer().call(hold_missed).await.unwrap();
    assert_eq!(held, 1);
    assert_eq!(f.queue(id, 10, 10).await, 0);
    let b = f.store.read(move |c| get(c, id)).await.unwrap().unwrap();
    assert!(b.needs_confirmation);
    f.store
        .writer()
        .call(move |ctx| Ok(resume(ctx, id)))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(f.queue(id, 10, 10).await, 2);
}

#[tokio::test]
async fn an_audience_by_label_takes_the_labelled_contacts_and_never_a_blocked_one() {
    use crate::contacts::{ops, store::Flag};
    let f = Fixture::new("UTILITY").await;
    f.store
        .writer()
        .call(|ctx| {
            for wa in ["525512345678", "525511112222", "525533334444"] {
                contacts::upsert(ctx.conn, wa, Some("Cliente"), None)?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let vip = |wa: &str| vec![wa.to_owned()];
    for wa in ["525512345678", "525511112222"] {
        ops::set_label(&f.store, vip(wa), "VIP".into(), true)
            .await
            .unwrap();
    }
    ops::set_flag(&f.store, "525511112222", Flag::Blocked, true)
        .await
        .unwrap();
    let audience = |label: &str| {
        let filter = AudienceFilter::Label {
            label: label.to_owned(),
        };
        let store = f.store.clone();
        async move {
            store
                .read(move |c| {
                    Ok(audience::candidates(
                        c,
                        &AudienceSource::Contacts { filter },
                    ))
                })
                .await
                .unwrap()
        }
    };
    let found = audience("vip").await.unwrap();
    let phones: Vec<&str> = found.iter().map(|c| c.phone.as_str()).collect();
    assert_eq!(
        phones,
        ["+525512345678"],
        "labelled, case aside, not blocked"
    );
    match audience("Wholesale").await {
        Err(BroadcastError::Invalid(why)) => assert!(why.contains("Wholesale"), "{why}"),
        other => panic!("an unknown label is refused: {:?}", other.map(|c| c.len())),
    }
}
