//! `shopchat stats`: the statistics over a date range, for people or (`--json`) programs.

use shopchat_core::stats::{self, Range, Stats};

use crate::{Common, open_store, output::print_json};

pub async fn run(
    common: &Common,
    from: Option<String>,
    to: Option<String>,
    json: bool,
) -> Result<(), String> {
    let range = Range::parse(from.as_deref(), to.as_deref())?;
    let store = open_store(common).await?;
    let result = store
        .read(move |c| {
            let hours = stats::business_hours(c)?;
            stats::compute(c, &range, hours.as_ref())
        })
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    let s = result?;
    if json {
        return print_json(&s);
    }
    print!("{}", human(&s));
    Ok(())
}

fn duration(secs: Option<u64>) -> String {
    match secs {
        None => "-".to_owned(),
        Some(s) if s < 60 => format!("{s} s"),
        Some(s) if s < 3600 => format!("{} min", s / 60),
        Some(s) => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

fn human(s: &Stats) -> String {
    let mut out = format!("Statistics from {} to {}\n\n", s.from, s.to);
    let (rin, rout) = s
        .per_day
        .iter()
        .fold((0, 0), |(a, b), d| (a + d.received, b + d.sent));
    out += &format!("Messages: {rin} received, {rout} sent\n");
    let f = &s.first_response;
    out += &format!(
        "First response{}: median {}, 90th percentile {} ({} answered)\n",
        if f.business_hours {
            " (business hours)"
        } else {
            ""
        },
        duration(f.median_seconds),
        duration(f.p90_seconds),
        f.answered
    );
    out += &format!("Unanswered chats: {}\n", s.unanswered_chats);
    let r = &s.rates;
    out += &format!(
        "Sent {}: delivered {:.1}%, read {:.1}%, failed {:.1}%\n",
        r.sent,
        r.delivery_rate * 100.0,
        r.read_rate * 100.0,
        r.failure_rate * 100.0
    );
    let busiest = s
        .busiest_hours
        .iter()
        .enumerate()
        .flat_map(|(d, row)| row.iter().enumerate().map(move |(h, n)| (*n, d, h)))
        .max();
    if let Some((n, d, h)) = busiest.filter(|b| b.0 > 0) {
        let days = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        out += &format!(
            "Busiest hour: {} {h:02}:00 ({n} messages received)\n",
            days[d]
        );
    }
    if !s.templates.is_empty() {
        out += "\nTemplates (sent, delivered, read, replied):\n";
        for t in &s.templates {
            out += &format!(
                "  {}  {} {} {} {}\n",
                t.name.escape_debug(),
                t.sent,
                t.delivered,
                t.read,
                t.replied
            );
        }
    }
    if !s.broadcasts.is_empty() {
        out += "\nBroadcasts (recipients, sent, delivered, read, replied, failed):\n";
        for b in &s.broadcasts {
            out += &format!(
                "  {}  {} {} {} {} {} {}  ({})\n",
                b.name.escape_debug(),
                b.recipients,
                b.sent,
                b.delivered,
                b.read,
                b.replied,
                b.failed,
                b.state
            );
        }
    }
    if !s.top_labels.is_empty() {
        out += "\nTop labels (chats in the range, contacts with the label):\n";
        for l in &s.top_labels {
            out += &format!("  {}  {} {}\n", l.name.escape_debug(), l.chats, l.contacts);
        }
    }
    if !s.documents.is_empty() {
        out += "\nDocuments issued (month, kind, count, total):\n";
        for d in &s.documents {
            out += &format!(
                "  {}  {}  {}  {} {}\n",
                d.month, d.kind, d.count, d.total, d.currency
            );
        }
    }
    out
}
