//! A WhatsApp id (digits with the country code) as people write it, with `phonenumber` (the Rust
//! port of Google's libphonenumber): `15550100001` → `+1 555-010-0001`.

use phonenumber::Mode;

/// The international form of `wa_id`, or `+digits` when the library cannot place it.
pub fn format(wa_id: &str) -> String {
    let plus = format!("+{}", wa_id.trim_start_matches('+'));
    match phonenumber::parse(None, &plus) {
        Ok(number) => number.format().mode(Mode::International).to_string(),
        Err(_) => plus,
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn numbers_are_grouped_as_people_write_them() {
        assert_eq!(format("14155552671"), "+1 415-555-2671");
        assert_eq!(format("34612345678"), "+34 612 34 56 78");
        assert_eq!(format("447911123456"), "+44 7911 123456");
        // Not a number the library knows: shown as given, with a plus.
        assert_eq!(format("999"), "+999");
    }
}
