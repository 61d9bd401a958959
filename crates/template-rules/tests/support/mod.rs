//! Drafts and button makers shared by the rule tests.

#![allow(dead_code)]

use shopchat_template_rules::{Button, Category, Draft, Header, check};

pub fn ok() -> Draft {
    let mut d = Draft::new(
        "order_ready",
        "en",
        Category::Marketing,
        "Hi {{1}}, your order {{2}} is ready.",
    );
    d.body_examples = vec!["Ana".into(), "1042".into()];
    d
}

/// The (field, code) pairs `check` reports.
pub fn broken(d: &Draft) -> Vec<(String, String)> {
    check(d).into_iter().map(|p| (p.field, p.code)).collect()
}

pub fn only(d: &Draft, field: &str, code: &str) {
    let got = broken(d);
    assert_eq!(got, vec![(field.to_owned(), code.to_owned())], "{d:?}");
    assert!(!check(d)[0].message.is_empty());
}

pub fn with(f: impl FnOnce(&mut Draft)) -> Draft {
    let mut d = ok();
    f(&mut d);
    d
}

pub fn quick(t: &str) -> Button {
    Button::QuickReply { text: t.into() }
}

pub fn url(u: &str, example: Option<&str>) -> Button {
    Button::Url {
        text: "Track".into(),
        url: u.into(),
        example: example.map(Into::into),
    }
}

pub fn phone(n: &str) -> Button {
    Button::Phone {
        text: "Call us".into(),
        number: n.into(),
    }
}

pub fn copy(e: &str) -> Button {
    Button::CopyCode { example: e.into() }
}

pub fn text_header(t: &str, e: Option<&str>) -> Option<Header> {
    Some(Header::Text {
        text: t.into(),
        example: e.map(Into::into),
    })
}
pub fn auth() -> Draft {
    let mut d = Draft::new("login_code", "en", Category::Authentication, "");
    d.buttons = vec![copy("123456")];
    d
}
