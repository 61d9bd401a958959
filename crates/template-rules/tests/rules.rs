//! One test per rule of the name, language, header, body and footer: a draft that breaks exactly
//! that rule, and the {field, code} it is reported at; plus drafts that break none.

#![allow(clippy::unwrap_used)]

mod support;

use shopchat_template_rules::{Header, MediaKind};
use support::*;

#[test]
fn a_full_draft_breaks_no_rule() {
    let d = with(|d| {
        d.header = Some(Header::Text {
            text: "Order {{1}}".into(),
            example: Some("1042".into()),
        });
        d.footer = Some("Shop Ana".into());
        d.buttons = vec![
            quick("Thanks"),
            quick("Stop promos"),
            url("https://shop.example/o/{{1}}", Some("1042")),
            url("https://shop.example/", None),
            phone("+5215512345678"),
            copy("SAVE10"),
        ];
    });
    assert_eq!(broken(&d), vec![]);
    let named = with(|d| {
        d.body = "Hi {{first_name}}, order {{order_id}} is ready.".into();
    });
    assert_eq!(broken(&named), vec![]);
    let media = with(|d| {
        d.header = Some(Header::Media {
            media: MediaKind::Document,
            handle: "4::aGVsbG8=:ARb".into(),
        })
    });
    assert_eq!(broken(&media), vec![]);
}

#[test]
fn name_empty() {
    only(&with(|d| d.name.clear()), "name", "name_empty");
}

#[test]
fn name_too_long() {
    only(&with(|d| d.name = "a".repeat(513)), "name", "name_too_long");
    assert_eq!(broken(&with(|d| d.name = "a".repeat(512))), vec![]);
}

#[test]
fn name_charset() {
    for bad in [
        "Order_ready",
        "order-ready",
        "order ready",
        "pedido_listo_ñ",
    ] {
        only(&with(|d| d.name = bad.into()), "name", "name_charset");
    }
}

#[test]
fn language_invalid() {
    for bad in ["", "english", "EN", "en-US", "e"] {
        only(
            &with(|d| d.language = bad.into()),
            "language",
            "language_invalid",
        );
    }
    for good in ["es", "es_MX", "en_US", "pt_BR", "fil"] {
        assert_eq!(broken(&with(|d| d.language = good.into())), vec![]);
    }
}

#[test]
fn header_empty() {
    only(
        &with(|d| d.header = text_header("  ", None)),
        "header",
        "header_empty",
    );
}

#[test]
fn header_too_long() {
    only(
        &with(|d| d.header = text_header(&"x".repeat(61), None)),
        "header",
        "header_too_long",
    );
    assert_eq!(
        broken(&with(|d| d.header = text_header(&"é".repeat(60), None))),
        vec![]
    );
}

#[test]
fn header_too_many_params() {
    let d = with(|d| d.header = text_header("{{1}} and {{2}}", Some("a")));
    only(&d, "header", "header_too_many_params");
}

#[test]
fn header_param_name_invalid() {
    only(
        &with(|d| d.header = text_header("Order {{2}}", Some("1"))),
        "header",
        "param_name_invalid",
    );
}

#[test]
fn header_example_missing() {
    only(
        &with(|d| d.header = text_header("Order {{1}}", None)),
        "header.example",
        "example_missing",
    );
}

#[test]
fn header_handle_missing() {
    let d = with(|d| {
        d.header = Some(Header::Media {
            media: MediaKind::Image,
            handle: String::new(),
        })
    });
    only(&d, "header.handle", "header_handle_missing");
}

#[test]
fn body_empty() {
    only(
        &with(|d| {
            d.body = " ".into();
            d.body_examples.clear();
        }),
        "body",
        "body_empty",
    );
}

#[test]
fn body_too_long() {
    only(
        &with(|d| {
            d.body = "x".repeat(1025);
            d.body_examples.clear();
        }),
        "body",
        "body_too_long",
    );
}

#[test]
fn param_malformed() {
    only(
        &with(|d| d.body = "Hi {{1}}, order {{2}} is ready}}.".into()),
        "body",
        "param_malformed",
    );
}

#[test]
fn params_mixed() {
    only(
        &with(|d| d.body = "Hi {{1}}, order {{order}} is ready.".into()),
        "body",
        "params_mixed",
    );
}

#[test]
fn params_not_in_order() {
    only(
        &with(|d| d.body = "Hi {{2}}, order {{1}} is ready.".into()),
        "body",
        "params_not_in_order",
    );
    only(
        &with(|d| d.body = "Hi {{1}}, order {{3}} is ready.".into()),
        "body",
        "params_not_in_order",
    );
}

#[test]
fn param_name_invalid() {
    only(
        &with(|d| d.body = "Hi {{First}}, order {{o}} is ready.".into()),
        "body",
        "param_name_invalid",
    );
}

#[test]
fn param_at_start() {
    only(
        &with(|d| d.body = " {{1}}, your order {{2}} is ready.".into()),
        "body",
        "param_at_start",
    );
}

#[test]
fn param_at_end() {
    only(
        &with(|d| d.body = "Hi {{1}}, your order is {{2}}\n".into()),
        "body",
        "param_at_end",
    );
}

#[test]
fn params_adjacent() {
    only(
        &with(|d| d.body = "Hi {{1}} {{2}}, your order is ready.".into()),
        "body",
        "params_adjacent",
    );
}

#[test]
fn body_example_missing() {
    only(
        &with(|d| d.body_examples = vec!["Ana".into()]),
        "body.examples[1]",
        "example_missing",
    );
    only(
        &with(|d| d.body_examples = vec!["Ana".into(), " ".into()]),
        "body.examples[1]",
        "example_missing",
    );
}

#[test]
fn examples_extra() {
    only(
        &with(|d| d.body_examples.push("x".into())),
        "body.examples",
        "examples_extra",
    );
}

#[test]
fn footer_too_long() {
    only(
        &with(|d| d.footer = Some("x".repeat(61))),
        "footer",
        "footer_too_long",
    );
}

#[test]
fn footer_has_param() {
    only(
        &with(|d| d.footer = Some("Shop {{1}}".into())),
        "footer",
        "footer_has_param",
    );
}
