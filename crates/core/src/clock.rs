//! The wall clock, in the units the database keeps.

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Now, in unix seconds.
pub fn now_secs() -> i64 {
    now_ms() / 1000
}

/// Today's date where the shop is: the computer's time zone (a document issued at 00:30 on the
/// 1st is dated the 1st, not the UTC day before).
pub fn local_today() -> time::Date {
    date_of(jiff::ZonedDateTime::now().date())
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
}

/// `YYYY-MM-DD`, as a date.
pub fn parse_date(text: &str) -> Option<time::Date> {
    date_of(text.trim().parse().ok()?)
}

fn date_of(d: jiff::civil::Date) -> Option<time::Date> {
    let month = time::Month::try_from(d.month() as u8).ok()?;
    time::Date::from_calendar_date(d.year().into(), month, d.day() as u8).ok()
}
