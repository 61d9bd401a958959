//! The UI's view of the broadcasts as they move: `broadcast://progress` events, a few per second
//! at most, whatever the rate. A running broadcast is published every time (its rate and time
//! left move even when nothing else does); any other one — scheduled, paused, or finished within
//! the reply window, whose recipients still turn delivered, read and replied for days — only when
//! it or one of its recipients changed. Its last change (completed, cancelled, paused) is never
//! lost, however quickly it came.

use std::collections::HashMap;

use crate::events::DomainEvent;
use crate::store::{Store, StoreError, now_ms};

use super::track::REPLY_WINDOW_MS;

/// A change this recent is looked at again next time: two changes in the same millisecond, one
/// before and one after a look, would otherwise leave the same marker.
const SETTLE_MS: i64 = 1_000;

/// When a broadcast last changed: its own row's `updated_at`, its recipients' latest.
type Marker = (i64, i64);

struct Watched {
    id: i64,
    running: bool,
    marker: Marker,
}

#[derive(Default)]
pub(super) struct Progress {
    last: HashMap<i64, Marker>,
}

impl Progress {
    /// Publishes the broadcasts that moved since the last call.
    pub(super) async fn publish(&mut self, store: &Store) {
        let now = now_ms();
        let Ok(watched) = store.read(move |c| watched(c, now)).await else {
            return;
        };
        let mut due = Vec::new();
        for w in &watched {
            let recent = w.marker.0.max(w.marker.1) >= now - SETTLE_MS;
            if w.running || recent || self.last.get(&w.id) != Some(&w.marker) {
                due.push(w.id);
            }
        }
        self.last = watched.iter().map(|w| (w.id, w.marker)).collect();
        if due.is_empty() {
            return;
        }
        let views = store
            .read(move |c| {
                due.into_iter()
                    .filter_map(|id| super::get(c, id).transpose())
                    .collect::<Result<Vec<_>, _>>()
            })
            .await;
        for broadcast in views.into_iter().flatten() {
            store.publish(DomainEvent::BroadcastProgress { broadcast });
        }
    }
}

/// The broadcasts that can still move, with when each last changed.
fn watched(conn: &rusqlite::Connection, now: i64) -> Result<Vec<Watched>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.state = 'running', b.updated_at,
                coalesce((SELECT max(r.updated_at) FROM broadcast_recipients r
                          WHERE r.broadcast_id = b.id), 0)
         FROM broadcasts b
         WHERE b.state IN ('scheduled', 'running', 'paused') OR b.finished_at > ?1",
    )?;
    let rows = stmt.query_map([now - REPLY_WINDOW_MS], |r| {
        Ok(Watched {
            id: r.get(0)?,
            running: r.get(1)?,
            marker: (r.get(2)?, r.get(3)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
