//! The background task that moves a running broadcast's recipients into the outbox: a few at a
//! time, at most its rate per second (half of it for a minute after Meta said too fast), never
//! more than about a second of sends waiting in the outbox (so a pause stops the requests at
//! once), within the messaging limit. Each recipient is marked queued in the transaction that
//! writes its outbox row: after a crash a recipient is either queued (and the outbox owns it) or
//! pending (and is queued now), never both, never neither.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use rusqlite::{OptionalExtension, params};
use tokio_util::sync::CancellationToken;
use tracing::{info, warn};
use wacloud::send::{Content, OutgoingMessage};
use wacloud::{GraphClient, PhoneNumberId, WaId};

use super::progress::Progress;
use super::{budget, consent};
use crate::outbox::worker::OutboxSignal;
use crate::store::{Store, StoreError, WriteCtx, now_ms, now_secs, templates};

/// How often the runner looks.
const TICK: Duration = Duration::from_millis(50);
/// Progress events to the UI at most this often (a few per second, whatever the rate; see
/// [`Progress`]).
const PROGRESS_EVERY: Duration = Duration::from_millis(300);
/// How often the messaging limit is read from Meta.
const LIMIT_EVERY: Duration = Duration::from_secs(3600);

pub struct Runner {
    pub store: Store,
    pub signal: OutboxSignal,
    pub graph: GraphClient,
    pub phone_number_id: PhoneNumberId,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Runner {
    pub async fn run(self, stop: CancellationToken) {
        let mut buckets: HashMap<i64, Bucket> = HashMap::new();
        let mut limit_read: Option<Instant> = None;
        let mut last_progress: Option<Instant> = None;
        let mut progress = Progress::default();
        loop {
            match self.store.read(running).await {
                Ok(list) => {
                    // Meta's messaging limit, read while a broadcast runs (no request at all
                    // while none does), at most every LIMIT_EVERY.
                    if !list.is_empty() && limit_read.is_none_or(|at| at.elapsed() > LIMIT_EVERY) {
                        limit_read = Some(Instant::now());
                        refresh_limit(&self.graph, &self.phone_number_id, &self.store).await;
                    }
                    if last_progress.is_none_or(|at| at.elapsed() >= PROGRESS_EVERY) {
                        last_progress = Some(Instant::now());
                        progress.publish(&self.store).await;
                    }
                    buckets.retain(|id, _| list.iter().any(|(b, _)| b == id));
                    for (id, rate) in list {
                        let b = buckets.entry(id).or_insert(Bucket {
                            tokens: 1.0,
                            last: Instant::now(),
                        });
                        let now = Instant::now();
                        let burst = (f64::from(rate) / 10.0).max(1.0);
                        b.tokens = (b.tokens + b.last.elapsed().as_secs_f64() * f64::from(rate))
                            .min(burst);
                        b.last = now;
                        let take = b.tokens.floor() as usize;
                        if take == 0 {
                            continue;
                        }
                        let window = i64::from(rate).max(10);
                        match self
                            .store
                            .writer()
                            .call(move |ctx| queue_batch(ctx, id, take, window))
                            .await
                        {
                            Ok(n) => {
                                b.tokens -= n as f64;
                                if n > 0 {
                                    self.signal.notify();
                                }
                            }
                            Err(e) => {
                                warn!(broadcast = id, error = %e, "broadcast: could not queue")
                            }
                        }
                    }
                }
                Err(e) => warn!(error = %e, "broadcast: could not read the running broadcasts"),
            }
            tokio::select! {
                _ = tokio::time::sleep(TICK) => {}
                _ = stop.cancelled() => break,
            }
        }
    }
}

/// Reads the business portfolio's messaging limit from the phone number (the newer
/// `whatsapp_business_manager_messaging_limit`, else the deprecated `messaging_limit_tier`) and
/// remembers it for the budget; a failure is logged and the last known limit kept.
pub async fn refresh_limit(graph: &GraphClient, phone_number_id: &PhoneNumberId, store: &Store) {
    match graph.phone_number(phone_number_id).await {
        Ok(number) => {
            let limit = number
                .whatsapp_business_manager_messaging_limit
                .as_ref()
                .and_then(budget::parse_limit)
                .or_else(|| {
                    number
                        .messaging_limit_tier
                        .map(serde_json::Value::String)
                        .as_ref()
                        .and_then(budget::parse_limit)
                });
            if let Some(limit) = limit {
                info!(?limit, "broadcast: messaging limit read from Meta");
                let _ = store
                    .writer()
                    .call(move |ctx| budget::remember(ctx.conn, limit))
                    .await;
            }
        }
        Err(e) => warn!(error = %e, "broadcast: the messaging limit could not be read"),
    }
}

/// Running broadcasts (scheduled ones whose time came are started first) and their rate now.
fn running(conn: &rusqlite::Connection) -> Result<Vec<(i64, u32)>, StoreError> {
    let now = now_ms();
    let mut stmt = conn.prepare_cached(
        "SELECT id, rate, coalesce(slowed_until, 0) > ?1, state FROM broadcasts
         WHERE state = 'running' OR (state = 'scheduled' AND confirmed = 1 AND start_at <= ?1)",
    )?;
    let rows = stmt.query_map([now], |r| {
        let rate: u32 = r.get(1)?;
        let slowed: bool = r.get(2)?;
        Ok((r.get(0)?, if slowed { (rate / 2).max(1) } else { rate }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Queues up to `max` pending recipients of broadcast `id`, keeping at most `window` waiting in
/// the outbox; completes it when nothing is left. Returns how many were queued.
pub fn queue_batch(
    ctx: &mut WriteCtx<'_>,
    id: i64,
    max: usize,
    window: i64,
) -> Result<usize, StoreError> {
    let now = now_ms();
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET state = 'running', started_at = coalesce(started_at, ?2), updated_at = ?2
             WHERE id = ?1 AND state = 'scheduled' AND confirmed = 1 AND start_at <= ?2",
        )?
        .execute(params![id, now])?;
    let Some((template, lang, category)): Option<(String, String, String)> = ctx
        .conn
        .prepare_cached(
            "SELECT template, lang, category FROM broadcasts WHERE id = ?1 AND state = 'running'",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
    else {
        return Ok(0);
    };
    let waiting: i64 = ctx
        .conn
        .prepare_cached(
            "SELECT count(*) FROM broadcast_recipients r JOIN outbox o ON o.message_id = r.message_id
             WHERE r.broadcast_id = ?1 AND r.state = 'queued' AND o.state IN ('pending', 'in_flight')",
        )?
        .query_row([id], |r| r.get(0))?;
    let room = (window - waiting).max(0) as usize;
    let batch: Vec<(i64, String, String)> = ctx
        .conn
        .prepare_cached(
            "SELECT id, wa_id, params FROM broadcast_recipients
             WHERE broadcast_id = ?1 AND state = 'pending' ORDER BY id LIMIT ?2",
        )?
        .query_map(params![id, max.min(room) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    if batch.is_empty() {
        if waiting == 0 && room > 0 && max > 0 {
            finish_if_done(ctx, id, now)?;
        }
        return Ok(0);
    }
    let Some(stored) =
        templates::get(ctx.conn, &template, &lang)?.filter(|t| t.status == "APPROVED")
    else {
        set_paused(
            ctx,
            id,
            &super::reasons::stored(
                "broadcasts.reason.no_longer_approved",
                &[("name", &template), ("language", &lang)],
            ),
        )?;
        return Ok(0);
    };
    let marketing = category == "MARKETING";
    let mut left = budget::current(ctx.conn)?.left;
    let mut queued = 0;
    for (rid, wa, params_json) in batch {
        if marketing && consent::is_opted_out(ctx.conn, &wa)? {
            mark(ctx, rid, "skipped", Some("opted out"))?;
            continue;
        }
        let last_in: Option<i64> = ctx
            .conn
            .prepare_cached("SELECT last_inbound_at FROM contacts WHERE wa_id = ?1")?
            .query_row([&wa], |r| r.get(0))
            .optional()?
            .flatten();
        let outside = !crate::outbox::window_open(last_in, now_secs());
        if outside && !budget::already_counted(ctx.conn, &wa)? {
            match left.as_mut() {
                Some(0) => {
                    ctx.conn
                        .prepare_cached("UPDATE broadcasts SET reason = ?2 WHERE id = ?1")?
                        .execute(params![
                            id,
                            "waiting for the messaging limit (rolling 24 hours)"
                        ])?;
                    break;
                }
                Some(n) => *n -= 1,
                None => {}
            }
        }
        let values: Vec<String> = serde_json::from_str(&params_json).unwrap_or_default();
        let message = match (
            WaId::parse(&wa),
            crate::templates::message_for(&stored, &values),
        ) {
            (Ok(to), Ok(t)) => OutgoingMessage::new(to, Content::template(t)),
            (Err(e), _) => {
                mark(ctx, rid, "failed", Some(&e.to_string()))?;
                continue;
            }
            (_, Err(e)) => {
                mark(ctx, rid, "failed", Some(&e))?;
                continue;
            }
        };
        let text = crate::templates::text_for(&stored, &values);
        let view = crate::outbox::enqueue_with_text(ctx, &message, text.as_deref())?;
        ctx.conn
            .prepare_cached(
                "UPDATE broadcast_recipients SET state = 'queued', message_id = ?2, queued_at = ?3,
                     business_initiated = ?4, updated_at = ?3 WHERE id = ?1",
            )?
            .execute(params![rid, view.id, now, outside])?;
        queued += 1;
    }
    Ok(queued)
}

fn mark(
    ctx: &mut WriteCtx<'_>,
    rid: i64,
    state: &str,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    ctx.conn
        .prepare_cached("UPDATE broadcast_recipients SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![rid, state, reason, now_ms()])?;
    Ok(())
}

fn set_paused(ctx: &mut WriteCtx<'_>, id: i64, reason: &str) -> Result<(), StoreError> {
    ctx.conn
        .prepare_cached(
            "UPDATE broadcasts SET state = 'paused', reason = ?2, updated_at = ?3 WHERE id = ?1",
        )?
        .execute(params![id, reason, now_ms()])?;
    Ok(())
}

fn finish_if_done(ctx: &mut WriteCtx<'_>, id: i64, now: i64) -> Result<(), StoreError> {
    let open: i64 = ctx
        .conn
        .prepare_cached(
            "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = ?1 AND state = 'pending'",
        )?
        .query_row([id], |r| r.get(0))?;
    if open == 0 {
        ctx.conn
            .prepare_cached(
                "UPDATE broadcasts SET state = 'completed', reason = NULL, finished_at = ?2, updated_at = ?2
                 WHERE id = ?1 AND state = 'running'",
            )?
            .execute(params![id, now])?;
    }
    Ok(())
}
