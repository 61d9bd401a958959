//! Printing lists for people (a table) or programs (`--json`).

use serde::Serialize;
use shopchat_core::{MessageView, SearchHit};

pub(crate) fn print_json<T: Serialize>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn time(secs: i64) -> String {
    // UTC, so the output is the same wherever it runs.
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn arrow(direction: shopchat_core::Direction) -> &'static str {
    match direction {
        shopchat_core::Direction::In => "<-",
        shopchat_core::Direction::Out => "->",
    }
}

pub fn messages(list: &[MessageView], json: bool) -> Result<(), String> {
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("No messages.");
        return Ok(());
    }
    for m in list {
        let who = if m.direction == shopchat_core::views::Direction::Out {
            "You"
        } else {
            "They"
        };
        let text = m.summary(who);
        print!(
            "#{:<6} {} {} {:<9} {}",
            m.id,
            time(m.timestamp),
            arrow(m.direction),
            m.status.as_str(),
            text
        );
        if m.origin == Some(shopchat_core::views::Origin::Phone) {
            print!("  (sent from the phone)");
        }
        if let Some(e) = &m.error {
            print!(
                "  (error{}: {}{})",
                e.code.map(|c| format!(" {c}")).unwrap_or_default(),
                e.title,
                e.details
                    .as_deref()
                    .map(|d| format!(" — {d}"))
                    .unwrap_or_default()
            );
        }
        println!();
    }
    Ok(())
}

pub fn search(hits: &[SearchHit], json: bool) -> Result<(), String> {
    if json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        println!("Nothing found.");
        return Ok(());
    }
    for h in hits {
        let m = &h.message;
        let who = match &h.contact_name {
            Some(name) => format!("{name} ({})", m.contact),
            None => m.contact.clone(),
        };
        println!(
            "#{:<6} {} {} {} {}",
            m.id,
            time(m.timestamp),
            arrow(m.direction),
            who,
            m.text.as_deref().unwrap_or_default()
        );
    }
    Ok(())
}

/// `shopchat … | head`: once the reader has gone, stop quietly, as other command-line tools do,
/// instead of the panic Rust's print macros raise on a closed pipe.
pub(crate) fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_times() {
        assert_eq!(super::time(0), "1970-01-01 00:00");
        assert_eq!(super::time(1_700_000_000), "2023-11-14 22:13");
        assert_eq!(super::time(951_782_400), "2000-02-29 00:00");
    }
}
