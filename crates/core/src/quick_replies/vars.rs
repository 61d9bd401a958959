//! A quick reply's variables: `{{name}}`, `{{first_name}}`, `{{number}}`.

/// What the variables stand for in one chat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variables {
    /// The name the owner gave, else the profile name.
    pub name: Option<String>,
    /// The number as people write it.
    pub number: String,
}

/// `text` with its variables filled. A name that is not known becomes an empty string, and the
/// space or comma before it goes with it (`Hi {{name}}!` → `Hi!`); unknown `{{...}}` stay.
pub fn render(text: &str, vars: &Variables) -> String {
    let name = vars.name.as_deref().map(str::trim).unwrap_or("");
    let first = name.split_whitespace().next().unwrap_or("");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let key = rest[start + 2..start + len].trim().to_lowercase();
        let value = match key.as_str() {
            "name" => Some(name),
            "first_name" => Some(first),
            "number" => Some(vars.number.as_str()),
            _ => None,
        };
        out.push_str(&rest[..start]);
        match value {
            Some("") => {
                while out.ends_with([' ', ',']) {
                    out.pop();
                }
            }
            Some(v) => out.push_str(v),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: Option<&str>) -> Variables {
        Variables {
            name: name.map(str::to_owned),
            number: "+1 555-010-0001".to_owned(),
        }
    }

    #[test]
    fn variables_are_filled() {
        let v = vars(Some("Ana Lima"));
        assert_eq!(render("Hi {{name}}!", &v), "Hi Ana Lima!");
        assert_eq!(
            render("Hi {{ first_name }}, call {{number}}", &v),
            "Hi Ana, call +1 555-010-0001"
        );
        assert_eq!(render("{{unknown}} stays", &v), "{{unknown}} stays");
        assert_eq!(render("broken {{name", &v), "broken {{name");
    }

    #[test]
    fn an_unknown_name_leaves_no_gap() {
        assert_eq!(
            render("Hi {{name}}! We open at 9.", &vars(None)),
            "Hi! We open at 9."
        );
        assert_eq!(render("Thanks, {{first_name}}.", &vars(None)), "Thanks.");
    }
}
