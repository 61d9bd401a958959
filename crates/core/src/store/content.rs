//! A message's [`ContentView`] and forwarded flag, read from its raw JSON: the inbound message
//! object as Meta sent it, or the outbound payload as the outbox sends it. Lenient: a field that
//! is missing or has an odd shape is left out, never an error.

use serde_json::Value;

use crate::views::{ContactCardView, ContentView, OptionView};

/// The content of a message of type `kind` with raw JSON `raw`; `None` for kinds shown by their
/// text or media alone (text, image, ...).
pub fn content_of(kind: &str, raw: &Value) -> Option<ContentView> {
    let Some(body) = raw.get(kind) else {
        return fallback(kind, raw);
    };
    match kind {
        "location" => location(body),
        "contacts" => Some(ContentView::Contacts {
            cards: body.as_array()?.iter().map(card).collect(),
        }),
        "interactive" => interactive(body),
        "button" => Some(ContentView::InteractiveReply {
            id: str_of(body, "payload"),
            title: str_of(body, "text")?,
            description: None,
        }),
        "template" => Some(template(body)),
        "order" => Some(ContentView::Order {
            items: body
                .get("product_items")
                .and_then(Value::as_array)
                .map_or(0, |a| {
                    a.iter()
                        .map(|i| i.get("quantity").and_then(Value::as_i64).unwrap_or(1))
                        .sum()
                }),
            text: str_of(body, "text"),
        }),
        "reaction" => Some(ContentView::Reaction {
            emoji: str_of(body, "emoji").unwrap_or_default(),
            target_wamid: str_of(body, "message_id")?,
            target_text: None,
            target_kind: None,
        }),
        "system" => Some(ContentView::System {
            body: str_of(body, "body").unwrap_or_else(|| "System message".to_owned()),
        }),
        _ => None,
    }
    .or_else(|| fallback(kind, raw))
}

/// For kinds without their own object (`unsupported`), and referrals riding on any message.
fn fallback(kind: &str, raw: &Value) -> Option<ContentView> {
    if kind == "unsupported" {
        let reason = raw
            .get("errors")
            .and_then(Value::as_array)
            .and_then(|e| e.first())
            .and_then(|e| {
                e.pointer("/error_data/details")
                    .or_else(|| e.get("title"))
                    .or_else(|| e.get("message"))
            })
            .and_then(Value::as_str)
            .unwrap_or("WhatsApp could not pass this message on")
            .to_owned();
        return Some(ContentView::Unsupported { reason });
    }
    let referral = raw.get("referral")?;
    Some(ContentView::Referral {
        headline: str_of(referral, "headline"),
        source_url: str_of(referral, "source_url"),
    })
}

/// Whether an inbound message was forwarded.
pub fn forwarded(raw: &Value) -> bool {
    let flag = |k| {
        raw.pointer(&format!("/context/{k}"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    flag("forwarded") || flag("frequently_forwarded")
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn number(v: &Value, key: &str) -> Option<f64> {
    match v.get(key)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn location(body: &Value) -> Option<ContentView> {
    let latitude = number(body, "latitude")?;
    let longitude = number(body, "longitude")?;
    Some(ContentView::Location {
        latitude,
        longitude,
        name: str_of(body, "name"),
        address: str_of(body, "address"),
        map_url: format!(
            "https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=17/{latitude}/{longitude}"
        ),
    })
}

fn card(c: &Value) -> ContactCardView {
    let name = c.get("name");
    let formatted = name.and_then(|n| str_of(n, "formatted_name")).or_else(|| {
        let parts: Vec<String> = ["first_name", "last_name"]
            .into_iter()
            .filter_map(|k| name.and_then(|n| str_of(n, k)))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    let list = |key: &str, field: &str| -> Vec<String> {
        c.get(key)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| str_of(x, field)).collect())
            .unwrap_or_default()
    };
    ContactCardView {
        name: formatted.unwrap_or_else(|| "Contact".to_owned()),
        phones: list("phones", "phone"),
        emails: list("emails", "email"),
        organization: c.get("org").and_then(|o| str_of(o, "company")),
    }
}

fn interactive(body: &Value) -> Option<ContentView> {
    // The customer's answer.
    for key in ["button_reply", "list_reply"] {
        if let Some(r) = body.get(key) {
            return Some(ContentView::InteractiveReply {
                id: str_of(r, "id"),
                title: str_of(r, "title")?,
                description: str_of(r, "description"),
            });
        }
    }
    if let Some(r) = body.get("nfm_reply") {
        return Some(ContentView::InteractiveReply {
            id: str_of(r, "name"),
            title: str_of(r, "body").unwrap_or_else(|| "Form answered".to_owned()),
            description: None,
        });
    }
    // What the shop sent.
    let action = body.get("action")?;
    let options: Vec<OptionView> = if let Some(buttons) = action.get("buttons") {
        buttons
            .as_array()?
            .iter()
            .filter_map(|b| {
                let reply = b.get("reply")?;
                Some(OptionView {
                    id: str_of(reply, "id")?,
                    title: str_of(reply, "title")?,
                    description: None,
                })
            })
            .collect()
    } else {
        action
            .get("sections")?
            .as_array()?
            .iter()
            .filter_map(|s| s.get("rows").and_then(Value::as_array))
            .flatten()
            .filter_map(|r| {
                Some(OptionView {
                    id: str_of(r, "id")?,
                    title: str_of(r, "title")?,
                    description: str_of(r, "description"),
                })
            })
            .collect()
    };
    Some(ContentView::Interactive {
        header: body.get("header").and_then(|h| str_of(h, "text")),
        body: body
            .get("body")
            .and_then(|b| str_of(b, "text"))
            .unwrap_or_default(),
        footer: body.get("footer").and_then(|f| str_of(f, "text")),
        button: str_of(action, "button"),
        options,
    })
}

fn template(body: &Value) -> ContentView {
    let parameters = body
        .get("components")
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c.get("parameters").and_then(Value::as_array))
                .flatten()
                .filter_map(parameter_text)
                .collect()
        })
        .unwrap_or_default();
    ContentView::Template {
        name: str_of(body, "name").unwrap_or_default(),
        language: body
            .pointer("/language/code")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        parameters,
    }
}

/// A template parameter as a person reads it.
fn parameter_text(p: &Value) -> Option<String> {
    let kind = p.get("type").and_then(Value::as_str)?;
    match kind {
        "text" => str_of(p, "text"),
        "payload" => str_of(p, "payload"),
        "coupon_code" => str_of(p, "coupon_code"),
        "currency" => p.get("currency").and_then(|c| str_of(c, "fallback_value")),
        "date_time" => p.get("date_time").and_then(|c| str_of(c, "fallback_value")),
        "image" => Some("a photo".to_owned()),
        "video" => Some("a video".to_owned()),
        "document" => Some("a document".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn location_with_a_map_link() {
        let raw = json!({"type":"location","location":{"latitude":52.52,"longitude":"13.405","name":"Shop"}});
        let Some(ContentView::Location {
            latitude,
            longitude,
            name,
            map_url,
            ..
        }) = content_of("location", &raw)
        else {
            panic!("not a location")
        };
        assert_eq!((latitude, longitude), (52.52, 13.405));
        assert_eq!(name.as_deref(), Some("Shop"));
        assert!(map_url.contains("mlat=52.52&mlon=13.405"), "{map_url}");
    }

    #[test]
    fn contact_cards() {
        let raw = json!({"contacts":[{"name":{"first_name":"Ana","last_name":"Lima"},
            "phones":[{"phone":"+1 555 0100","type":"CELL"}],"emails":[{"email":"a@x.org"}],
            "org":{"company":"Bakery"}}]});
        assert_eq!(
            content_of("contacts", &raw),
            Some(ContentView::Contacts {
                cards: vec![ContactCardView {
                    name: "Ana Lima".into(),
                    phones: vec!["+1 555 0100".into()],
                    emails: vec!["a@x.org".into()],
                    organization: Some("Bakery".into()),
                }]
            })
        );
    }

    #[test]
    fn interactive_sent_and_answered() {
        let sent = json!({"interactive":{"type":"button","body":{"text":"Pick up?"},
            "action":{"buttons":[{"type":"reply","reply":{"id":"y","title":"Yes"}},
                                 {"type":"reply","reply":{"id":"n","title":"No"}}]}}});
        let Some(ContentView::Interactive { body, options, .. }) = content_of("interactive", &sent)
        else {
            panic!("not interactive")
        };
        assert_eq!(body, "Pick up?");
        assert_eq!(
            options.iter().map(|o| o.title.as_str()).collect::<Vec<_>>(),
            ["Yes", "No"]
        );
        let list = json!({"interactive":{"type":"list","body":{"text":"Menu"},"action":{"button":"See",
            "sections":[{"title":"A","rows":[{"id":"1","title":"Bread","description":"Fresh"}]}]}}});
        let Some(ContentView::Interactive {
            button, options, ..
        }) = content_of("interactive", &list)
        else {
            panic!("not a list")
        };
        assert_eq!(button.as_deref(), Some("See"));
        assert_eq!(options[0].description.as_deref(), Some("Fresh"));
        let answer =
            json!({"interactive":{"type":"list_reply","list_reply":{"id":"1","title":"Bread"}}});
        assert_eq!(
            content_of("interactive", &answer),
            Some(ContentView::InteractiveReply {
                id: Some("1".into()),
                title: "Bread".into(),
                description: None
            })
        );
    }

    #[test]
    fn template_parameters_and_unsupported() {
        let raw = json!({"template":{"name":"order_ready","language":{"code":"en_US"},"components":[
            {"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},
            {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#42"}]},
            {"type":"button","sub_type":"copy_code","index":"0","parameters":[{"type":"coupon_code","coupon_code":"SAVE"}]}]}});
        assert_eq!(
            content_of("template", &raw),
            Some(ContentView::Template {
                name: "order_ready".into(),
                language: "en_US".into(),
                parameters: vec!["a photo".into(), "Ana".into(), "#42".into(), "SAVE".into()],
            })
        );
        let raw = json!({"type":"unsupported","errors":[{"code":131051,"title":"Message type unknown",
            "error_data":{"details":"Message type is currently not supported."}}]});
        assert_eq!(
            content_of("unsupported", &raw),
            Some(ContentView::Unsupported {
                reason: "Message type is currently not supported.".into()
            })
        );
        assert_eq!(content_of("text", &json!({"text":{"body":"hi"}})), None);
    }

    #[test]
    fn forwarded_flags() {
        assert!(forwarded(&json!({"context":{"forwarded":true}})));
        assert!(forwarded(&json!({"context":{"frequently_forwarded":true}})));
        assert!(!forwarded(&json!({"context":{"id":"wamid.X"}})));
    }
}
