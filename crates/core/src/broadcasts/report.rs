//! A broadcast's report: the funnel (sent → delivered → read → replied), failures by reason, the
//! replies' classes, and every recipient exported as CSV (values a customer or a file could have
//! written are neutralised against spreadsheet formulas).

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::BroadcastError;
use super::reasons;
use super::texts::TEXTS;
use super::view::{self, RecipientCounts};
use crate::i18n::say;
use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Report {
    pub counts: RecipientCounts,
    /// Reached at least this far: each step counts the later ones too.
    pub funnel: Funnel,
    pub failures: Vec<Count>,
    pub skipped: Vec<Count>,
    /// The replies' classes (from the reply classifier), `unknown` when not classified.
    pub reply_classes: Vec<Count>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Funnel {
    pub sent: i64,
    pub delivered: i64,
    pub read: i64,
    pub replied: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

fn grouped(conn: &Connection, sql: &str, id: i64) -> Result<Vec<Count>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| {
        Ok(Count {
            key: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn report(conn: &Connection, id: i64) -> Result<Report, BroadcastError> {
    view::get(conn, id)?.ok_or(BroadcastError::NotFound(id))?;
    let counts = view::counts(conn, id)?;
    let funnel = Funnel {
        replied: counts.replied,
        read: counts.read + counts.replied,
        delivered: counts.delivered + counts.read + counts.replied,
        sent: counts.sent + counts.delivered + counts.read + counts.replied,
    };
    // The reasons in the owner's language; the exported CSV keeps them as stored.
    let said = |counts: Vec<Count>| -> Vec<Count> {
        counts
            .into_iter()
            .map(|c| Count {
                key: reasons::said(&c.key),
                count: c.count,
            })
            .collect()
    };
    let failures = grouped(
        conn,
        "SELECT coalesce(reason, 'failed'), count(*) FROM broadcast_recipients
         WHERE broadcast_id = ?1 AND state = 'failed' GROUP BY 1 ORDER BY 2 DESC",
        id,
    )?;
    let skipped = grouped(
        conn,
        "SELECT coalesce(reason, 'skipped'), count(*) FROM broadcast_recipients
         WHERE broadcast_id = ?1 AND state = 'skipped' GROUP BY 1 ORDER BY 2 DESC",
        id,
    )?;
    let reply_classes = grouped(
        conn,
        "SELECT coalesce(m.class, 'unknown'), count(*) FROM broadcast_recipients r
         JOIN messages m ON m.id = r.reply_id
         WHERE r.broadcast_id = ?1 GROUP BY 1 ORDER BY 2 DESC",
        id,
    )?;
    Ok(Report {
        counts,
        funnel,
        failures: said(failures),
        skipped: said(skipped),
        reply_classes,
    })
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe.
fn inert(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean
    }
}

/// Writes every recipient of broadcast `id` to `path` as CSV. Returns the rows written.
pub fn export_csv(conn: &Connection, id: i64, path: &Path) -> Result<usize, BroadcastError> {
    view::get(conn, id)?.ok_or(BroadcastError::NotFound(id))?;
    let failed = |e: &dyn std::fmt::Display| {
        BroadcastError::Invalid(say(
            TEXTS,
            "broadcasts.export_failed",
            &[
                ("path", &path.display().to_string()),
                ("error", &e.to_string()),
            ],
        ))
    };
    let io = |e: csv::Error| failed(&e);
    let mut w = csv::Writer::from_path(path).map_err(io)?;
    w.write_record([
        "row",
        "phone",
        "name",
        "state",
        "error_code",
        "reason",
        "reply",
        "reply_class",
    ])
    .map_err(io)?;
    let mut stmt = conn.prepare(
        "SELECT r.row_no, r.wa_id, coalesce(c.name, ''), r.state, r.error_code, coalesce(r.reason, ''),
                coalesce(m.text, ''), coalesce(m.class, '')
         FROM broadcast_recipients r
         LEFT JOIN contacts c ON c.wa_id = r.wa_id
         LEFT JOIN messages m ON m.id = r.reply_id
         WHERE r.broadcast_id = ?1 ORDER BY r.id",
    )?;
    let mut rows = stmt.query([id])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let row: Option<i64> = r.get(0)?;
        let code: Option<i64> = r.get(4)?;
        let record = [
            row.map(|x| x.to_string()).unwrap_or_default(),
            format!("+{}", r.get::<_, String>(1)?),
            inert(&r.get::<_, String>(2)?),
            r.get::<_, String>(3)?,
            code.map(|x| x.to_string()).unwrap_or_default(),
            inert(&r.get::<_, String>(5)?),
            inert(&r.get::<_, String>(6)?),
            r.get::<_, String>(7)?,
        ];
        w.write_record(&record).map_err(io)?;
        n += 1;
    }
    w.flush().map_err(|e| failed(&e))?;
    Ok(n)
}
