//! Each figure as CSV (a header row, then one row per value), for spreadsheets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Stats;
use super::texts::text;
use crate::i18n::Lang;

/// The figures that export on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    PerDay,
    FirstResponse,
    Unanswered,
    Rates,
    BusiestHours,
    Templates,
    Broadcasts,
    Documents,
    TopLabels,
}

impl Figure {
    pub const ALL: [Figure; 9] = [
        Figure::PerDay,
        Figure::FirstResponse,
        Figure::Unanswered,
        Figure::Rates,
        Figure::BusiestHours,
        Figure::Templates,
        Figure::Broadcasts,
        Figure::Documents,
        Figure::TopLabels,
    ];

    /// A file name for it in `lang`, like `messages-per-day_2026-11-01_2026-11-30.csv`.
    pub fn file_name(self, stats: &Stats, lang: Lang) -> String {
        let stem = text(
            lang,
            match self {
                Figure::PerDay => "file_per_day",
                Figure::FirstResponse => "file_first_response",
                Figure::Unanswered => "file_unanswered",
                Figure::Rates => "file_rates",
                Figure::BusiestHours => "file_busiest_hours",
                Figure::Templates => "file_templates",
                Figure::Broadcasts => "file_broadcasts",
                Figure::Documents => "file_documents",
                Figure::TopLabels => "file_top_labels",
            },
        );
        format!("{stem}_{}_{}.csv", stats.from, stats.to)
    }
}

/// One figure as CSV, its column names and weekdays in `lang`. Template names come from the shop's own sends but are quoted like any
/// field; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet does not run it.
pub fn to_csv(stats: &Stats, figure: Figure, lang: Lang) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let t = |key| text(lang, key);
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    match figure {
        Figure::PerDay => {
            w.write_record([t("date"), t("received"), t("sent")])?;
            for d in &stats.per_day {
                w.write_record([&d.date, &d.received.to_string(), &d.sent.to_string()])?;
            }
        }
        Figure::FirstResponse => {
            let f = &stats.first_response;
            w.write_record([
                t("answered"),
                t("median_seconds"),
                t("p90_seconds"),
                t("business_hours"),
            ])?;
            w.write_record([
                f.answered.to_string(),
                opt(f.median_seconds),
                opt(f.p90_seconds),
                t(if f.business_hours { "yes" } else { "no" }).to_owned(),
            ])?;
        }
        Figure::Unanswered => {
            w.write_record([t("from"), t("to"), t("unanswered_chats")])?;
            w.write_record([&stats.from, &stats.to, &stats.unanswered_chats.to_string()])?;
        }
        Figure::Rates => {
            let r = &stats.rates;
            w.write_record([
                t("sent"),
                t("delivered"),
                t("read"),
                t("failed"),
                t("delivery_rate"),
                t("read_rate"),
                t("failure_rate"),
            ])?;
            w.write_record([
                r.sent.to_string(),
                r.delivered.to_string(),
                r.read.to_string(),
                r.failed.to_string(),
                format!("{:.4}", r.delivery_rate),
                format!("{:.4}", r.read_rate),
                format!("{:.4}", r.failure_rate),
            ])?;
        }
        Figure::BusiestHours => {
            let mut header = vec![t("weekday").to_owned()];
            header.extend((0..24).map(|h| format!("{h:02}")));
            w.write_record(&header)?;
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(t);
            for (day, row) in names.iter().zip(&stats.busiest_hours) {
                let mut record = vec![(*day).to_owned()];
                record.extend(row.iter().map(u64::to_string));
                w.write_record(&record)?;
            }
        }
        Figure::Templates => {
            w.write_record([
                t("template"),
                t("sent"),
                t("delivered"),
                t("read"),
                t("replied"),
            ])?;
            for t in &stats.templates {
                w.write_record([
                    inert(&t.name),
                    t.sent.to_string(),
                    t.delivered.to_string(),
                    t.read.to_string(),
                    t.replied.to_string(),
                ])?;
            }
        }
        Figure::Broadcasts => {
            w.write_record([
                t("broadcast"),
                t("template"),
                t("state"),
                t("started"),
                t("recipients"),
                t("sent"),
                t("delivered"),
                t("read"),
                t("replied"),
                t("failed"),
            ])?;
            for b in &stats.broadcasts {
                let started = jiff::Timestamp::from_millisecond(b.started_at)
                    .map(|ts| ts.to_string())
                    .unwrap_or_default();
                w.write_record([
                    inert(&b.name),
                    inert(&b.template),
                    b.state.clone(),
                    started,
                    b.recipients.to_string(),
                    b.sent.to_string(),
                    b.delivered.to_string(),
                    b.read.to_string(),
                    b.replied.to_string(),
                    b.failed.to_string(),
                ])?;
            }
        }
        Figure::TopLabels => {
            w.write_record([t("label"), t("chats"), t("contacts")])?;
            for l in &stats.top_labels {
                w.write_record([inert(&l.name), l.chats.to_string(), l.contacts.to_string()])?;
            }
        }
        Figure::Documents => {
            w.write_record([t("month"), t("kind"), t("currency"), t("count"), t("total")])?;
            for d in &stats.documents {
                w.write_record([
                    d.month.clone(),
                    d.kind.clone(),
                    inert(&d.currency),
                    d.count.to_string(),
                    d.total.clone(),
                ])?;
            }
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A text a spreadsheet will not read as a formula.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}
