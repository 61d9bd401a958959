//! The checks every payload shares, with messages a person can act on.

/// Values longer than this are not quoted back in full in an error message.
const QUOTE_UP_TO: usize = 60;

/// The number of characters the Cloud API counts in `value`.
pub(crate) fn char_len(value: &str) -> usize {
    value.chars().count()
}

/// Refuses `value` when it holds more than `max` characters:
/// `"{what} can be at most {max} characters (\"...\" has {n})"`.
pub(crate) fn at_most(what: &str, value: &str, max: usize) -> Result<(), String> {
    let n = char_len(value);
    if n <= max {
        Ok(())
    } else if n <= QUOTE_UP_TO {
        Err(format!(
            "{what} can be at most {max} characters ({value:?} has {n})"
        ))
    } else {
        Err(format!(
            "{what} can be at most {max} characters (this one has {n})"
        ))
    }
}

/// Refuses an empty or whitespace-only `value`: `"{what} cannot be empty"`.
pub(crate) fn not_blank(what: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("{what} cannot be empty"))
    } else {
        Ok(())
    }
}

/// Like [`not_blank`], for a value that may be absent.
pub(crate) fn not_blank_if_set(what: &str, value: Option<&str>) -> Result<(), String> {
    value.map_or(Ok(()), |v| not_blank(what, v))
}

/// [`not_blank`] then [`at_most`].
pub(crate) fn required(what: &str, value: &str, max: usize) -> Result<(), String> {
    not_blank(what, value)?;
    at_most(what, value, max)
}

/// Like [`required`], for a value that may be absent.
pub(crate) fn optional(what: &str, value: Option<&str>, max: usize) -> Result<(), String> {
    value.map_or(Ok(()), |v| required(what, v, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_the_value() {
        assert_eq!(
            at_most("a reply button title", "Track my order please!!", 20).unwrap_err(),
            "a reply button title can be at most 20 characters (\"Track my order please!!\" has 23)"
        );
        let long = "x".repeat(61);
        assert_eq!(
            at_most("a body", &long, 60).unwrap_err(),
            "a body can be at most 60 characters (this one has 61)"
        );
        assert!(
            at_most("a title", "ñandú", 5).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            not_blank("a footer", " \n").unwrap_err(),
            "a footer cannot be empty"
        );
        assert!(optional("a footer", None, 60).is_ok());
        assert!(optional("a footer", Some(""), 60).is_err());
    }
}
