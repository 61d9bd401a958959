//! One test per rule of the buttons and of authentication templates.

#![allow(clippy::unwrap_used)]

mod support;

use shopchat_template_rules::{Button, Category};
use support::*;

#[test]
fn buttons_too_many() {
    let mut b: Vec<Button> = (0..10).map(|i| quick(&format!("q{i}"))).collect();
    b.push(phone("+5215512345678"));
    only(&with(|d| d.buttons = b), "buttons", "buttons_too_many");
}

#[test]
fn quick_reply_too_many() {
    let b: Vec<Button> = (0..11).map(|i| quick(&format!("q{i}"))).collect();
    let got = broken(&with(|d| d.buttons = b));
    assert!(
        got.contains(&("buttons".into(), "quick_reply_too_many".into())),
        "{got:?}"
    );
}

#[test]
fn url_too_many() {
    let b = vec![url("https://a.example/", None); 3];
    only(&with(|d| d.buttons = b), "buttons", "url_too_many");
}

#[test]
fn phone_too_many() {
    only(
        &with(|d| d.buttons = vec![phone("+5215512345678"), phone("+34911234567")]),
        "buttons",
        "phone_too_many",
    );
}

#[test]
fn copy_code_too_many() {
    only(
        &with(|d| d.buttons = vec![copy("A1"), copy("B2")]),
        "buttons",
        "copy_code_too_many",
    );
}

#[test]
fn buttons_not_grouped() {
    let b = vec![quick("Yes"), phone("+5215512345678"), quick("No")];
    only(&with(|d| d.buttons = b), "buttons", "buttons_not_grouped");
    let grouped = vec![phone("+5215512345678"), quick("Yes"), quick("No")];
    assert_eq!(broken(&with(|d| d.buttons = grouped)), vec![]);
}

#[test]
fn button_text_empty() {
    only(
        &with(|d| d.buttons = vec![quick(" ")]),
        "buttons[0].text",
        "button_text_empty",
    );
}

#[test]
fn button_text_too_long() {
    only(
        &with(|d| d.buttons = vec![quick(&"x".repeat(26))]),
        "buttons[0].text",
        "button_text_too_long",
    );
}

#[test]
fn button_text_has_param() {
    only(
        &with(|d| d.buttons = vec![quick("Hi {{1}}")]),
        "buttons[0].text",
        "button_text_has_param",
    );
}

#[test]
fn url_invalid() {
    for bad in [
        "shop.example",
        "ftp://x.example",
        "https://a b.example",
        "https://",
    ] {
        only(
            &with(|d| d.buttons = vec![url(bad, None)]),
            "buttons[0].url",
            "url_invalid",
        );
    }
}

#[test]
fn url_too_long() {
    let long = format!("https://shop.example/{}", "a".repeat(2000));
    only(
        &with(|d| d.buttons = vec![url(&long, None)]),
        "buttons[0].url",
        "url_too_long",
    );
}

#[test]
fn url_param_not_at_end() {
    for bad in [
        "https://s.example/{{1}}/x",
        "https://s.example/{{2}}",
        "https://s.example/{{1}}{{1}}",
    ] {
        only(
            &with(|d| d.buttons = vec![url(bad, Some("1"))]),
            "buttons[0].url",
            "url_param_not_at_end",
        );
    }
}

#[test]
fn url_example_missing() {
    only(
        &with(|d| d.buttons = vec![url("https://s.example/o/{{1}}", None)]),
        "buttons[0].example",
        "example_missing",
    );
}

#[test]
fn phone_invalid() {
    for bad in [
        "5512345678",
        "+55 1234 5678",
        "+1",
        "+123456789012345678901",
    ] {
        only(
            &with(|d| d.buttons = vec![phone(bad)]),
            "buttons[0].number",
            "phone_invalid",
        );
    }
}

#[test]
fn copy_code_invalid() {
    for bad in ["", "SIXTEEN_CHARS_XX", "SAVE 10"] {
        only(
            &with(|d| d.buttons = vec![copy(bad)]),
            "buttons[0].example",
            "copy_code_invalid",
        );
    }
}

#[test]
fn copy_code_not_allowed_in_utility() {
    let d = with(|d| {
        d.category = Category::Utility;
        d.buttons = vec![copy("SAVE10")];
    });
    only(&d, "buttons[0]", "copy_code_not_allowed");
}

#[test]
fn authentication_rules() {
    assert_eq!(broken(&auth()), vec![]);
    let mut d = auth();
    d.body = "Your code is {{1}}.".into();
    only(&d, "body", "body_preset");
    let mut d = auth();
    d.header = text_header("Code", None);
    only(&d, "header", "header_not_allowed");
    let mut d = auth();
    d.footer = Some("x".into());
    only(&d, "footer", "footer_not_allowed");
    let mut d = auth();
    d.buttons = vec![quick("Ok")];
    only(&d, "buttons", "auth_buttons");
}

#[test]
fn every_broken_rule_is_reported_together() {
    let d = with(|d| {
        d.name = "Bad Name".into();
        d.body = "{{1}} ready {{2}}".into();
        d.body_examples.clear();
        d.footer = Some("x".repeat(70));
    });
    let codes: Vec<String> = broken(&d).into_iter().map(|(_, c)| c).collect();
    for c in [
        "name_charset",
        "param_at_start",
        "param_at_end",
        "example_missing",
        "footer_too_long",
    ] {
        assert!(codes.contains(&c.to_owned()), "{codes:?}");
    }
    assert!(d.to_request().is_err());
}
