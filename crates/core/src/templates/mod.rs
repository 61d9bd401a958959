//! Message templates: synced from Meta (`GET /{waba-id}/message_templates`, every page), kept in
//! the database, shown in the template picker, and checked before a template message is queued
//! (approved, and the parameters the approved body expects: a mismatch is Meta's error 132000).

use wacloud::GraphClient;
use wacloud::WabaId;
use wacloud::send::TemplateMessage;
use wacloud::templates::{HeaderParameter, Template, TemplateParameters};

mod fields;
pub mod library;
pub mod notice;
mod rule_texts;
pub mod studio;
pub(crate) mod texts;
pub mod watch;
pub mod webhooks;
pub use fields::{fields, render, unsendable};

use crate::i18n::say;
use crate::store::templates::{self, StoredTemplate};
use crate::store::{Store, StoreError, now_ms};
use crate::views::{TemplateFieldKind, TemplateView};
use texts::TEXTS;

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{}", say(TEXTS, "templates.fetch_failed", &[("error", &.0.to_string())]))]
    Graph(#[from] wacloud::GraphError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", say(TEXTS, "templates.bad_account", &[("id", .0), ("error", .1)]))]
    BadAccount(String, String),
}

/// Fetches every template of the business account and replaces the stored ones (emitting
/// [`crate::events::DomainEvent::TemplateUpdated`] for each that changed, in the same
/// transaction); returns how many there are.
pub async fn sync(
    graph: &GraphClient,
    waba_id: &str,
    store: &Store,
) -> Result<usize, TemplateError> {
    let waba = WabaId::parse(waba_id)
        .map_err(|e| TemplateError::BadAccount(waba_id.to_owned(), e.to_string()))?;
    let fetched = graph.list_templates(&waba).await?;
    let now = now_ms();
    let rows: Vec<StoredTemplate> = fetched.iter().map(|t| stored_from(t, now)).collect();
    let count = rows.len();
    store
        .writer()
        .call(move |ctx| {
            for changed in templates::replace_all(ctx.conn, &rows)? {
                ctx.emit(crate::events::DomainEvent::TemplateUpdated {
                    template: view(&changed.now),
                    previous_status: changed.before,
                });
            }
            Ok::<_, StoreError>(())
        })
        .await?;
    Ok(count)
}

/// The row for a template as Meta lists it.
pub fn stored_from(t: &Template, now: i64) -> StoredTemplate {
    StoredTemplate {
        name: t.name.clone(),
        language: t.language.clone(),
        id: t.id.clone(),
        status: t.status.as_str().to_owned(),
        category: t.category.as_ref().map(|c| c.as_str().to_owned()),
        raw: serde_json::to_string(t).unwrap_or_else(|_| "{}".to_owned()),
        synced_at: now,
        quality: t.quality_score.as_ref().map(|q| q.score.clone()),
        rejected_reason: t
            .rejected_reason
            .clone()
            .filter(|r| !r.is_empty() && r != "NONE"),
        updated_at: None,
    }
}

fn parsed(stored: &StoredTemplate) -> Option<Template> {
    serde_json::from_str(&stored.raw).ok()
}

/// A stored template as the picker shows it.
pub fn view(stored: &StoredTemplate) -> TemplateView {
    let t = parsed(stored);
    let fields = t.as_ref().map(fields::fields).unwrap_or_default();
    let text_of = |c: Option<&wacloud::templates::Component>| c.and_then(|c| c.text.clone());
    TemplateView {
        id: (!stored.id.is_empty()).then(|| stored.id.clone()),
        name: stored.name.clone(),
        language: stored.language.clone(),
        status: stored.status.clone(),
        category: stored.category.clone(),
        header_format: t.as_ref().and_then(header_format),
        header_text: t
            .as_ref()
            .and_then(|t| t.header())
            .filter(|h| h.format.as_ref().is_none_or(|f| f.as_str() == "TEXT"))
            .and_then(|h| h.text.clone()),
        body: text_of(t.as_ref().and_then(|t| t.body())),
        footer: text_of(t.as_ref().and_then(|t| t.footer())),
        buttons: t
            .as_ref()
            .map(|t| t.buttons().iter().filter_map(|b| b.text.clone()).collect())
            .unwrap_or_default(),
        parameters: fields.iter().map(|f| f.name.clone()).collect(),
        fields,
        unsendable: match &t {
            Some(t) => fields::unsendable(t),
            None => Some(say(TEXTS, "templates.unreadable_copy", &[])),
        },
        rejected_reason: stored.rejected_reason.clone(),
        quality: stored.quality.clone(),
        updated_at: stored.updated_at,
    }
}

/// The text the customer reads for `stored` sent with `parameters` (as [`message_for`] takes
/// them), for the chat to show instead of the template's name; `None` when it cannot be told.
pub fn text_for(stored: &StoredTemplate, parameters: &[String]) -> Option<String> {
    let t = parsed(stored)?;
    let fields = fields::fields(&t);
    let values: Vec<(String, String)> = fields
        .iter()
        .zip(parameters)
        .map(|(f, given)| {
            let value = match given.split_once('=') {
                Some((k, v)) if k.trim() == f.name => v,
                _ => given.as_str(),
            };
            (f.name.clone(), value.trim().to_owned())
        })
        .collect();
    fields::render(&t, &values)
}

/// A kind of file in the owner's words (`image`, `imagen`).
fn media_word(kind: wacloud::MediaKind) -> String {
    match kind {
        wacloud::MediaKind::Image => say(TEXTS, "templates.media.image", &[]),
        wacloud::MediaKind::Video => say(TEXTS, "templates.media.video", &[]),
        wacloud::MediaKind::Document => say(TEXTS, "templates.media.document", &[]),
        wacloud::MediaKind::Audio => say(TEXTS, "templates.media.audio", &[]),
        wacloud::MediaKind::Sticker => say(TEXTS, "templates.media.sticker", &[]),
    }
}

/// The header's format when the header needs a parameter.
fn header_format(t: &Template) -> Option<String> {
    Some(
        match t.header_parameter()? {
            HeaderParameter::Text { .. } => "TEXT",
            HeaderParameter::Image => "IMAGE",
            HeaderParameter::Video => "VIDEO",
            HeaderParameter::Document => "DOCUMENT",
            HeaderParameter::Location => "LOCATION",
            HeaderParameter::Other { format } => return Some(format),
        }
        .to_owned(),
    )
}

/// The message for `stored` with the owner's `parameters`: in order for positional templates,
/// `name=value` (or in order) for named ones. Refuses what Meta would refuse.
pub fn message_for(
    stored: &StoredTemplate,
    parameters: &[String],
) -> Result<TemplateMessage, String> {
    message_with_header(stored, parameters, None)
}

/// A file for a template's media header: its kind, where it is, its file name (documents).
pub struct HeaderFile {
    pub kind: wacloud::MediaKind,
    pub source: wacloud::send::MediaSource,
    pub filename: Option<String>,
}

/// [`message_for`], with the file an image, video or document header takes.
pub fn message_with_header(
    stored: &StoredTemplate,
    parameters: &[String],
    file: Option<HeaderFile>,
) -> Result<TemplateMessage, String> {
    if stored.status != "APPROVED" {
        return Err(say(
            TEXTS,
            "templates.not_approved",
            &[
                ("name", &stored.name),
                ("language", &stored.language),
                ("status", &stored.status),
            ],
        ));
    }
    let name = [("name", stored.name.as_str())];
    let t = parsed(stored).ok_or_else(|| say(TEXTS, "templates.copy_unreadable", &name))?;
    let wanted = |kind: wacloud::MediaKind| match &file {
        Some(f) if f.kind == kind => Ok(()),
        Some(f) => Err(say(
            TEXTS,
            "templates.wrong_file",
            &[
                name[0],
                ("header", &media_word(kind)),
                ("file", &media_word(f.kind)),
            ],
        )),
        None => Err(say(
            TEXTS,
            "templates.needs_file",
            &[name[0], ("header", &media_word(kind))],
        )),
    };
    let (header_text, media) = match t.header_parameter() {
        None => (None, false),
        Some(HeaderParameter::Text { name }) => (Some(name), false),
        Some(HeaderParameter::Image) => (None, wanted(wacloud::MediaKind::Image).map(|()| true)?),
        Some(HeaderParameter::Video) => (None, wanted(wacloud::MediaKind::Video).map(|()| true)?),
        Some(HeaderParameter::Document) => {
            (None, wanted(wacloud::MediaKind::Document).map(|()| true)?)
        }
        Some(_) => {
            return Err(say(
                TEXTS,
                "templates.header_not_sent",
                &[
                    name[0],
                    (
                        "format",
                        &header_format(&t).unwrap_or_default().to_lowercase(),
                    ),
                ],
            ));
        }
    };
    if !media && file.is_some() {
        return Err(say(TEXTS, "templates.no_media_header", &name));
    }
    if let Some(why) = fields::unsendable(&t) {
        return Err(say(
            TEXTS,
            "templates.cannot_send",
            &[name[0], ("why", &why)],
        ));
    }
    let fields = fields::fields(&t);
    let all: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    if parameters.len() != all.len() {
        let names = all
            .iter()
            .map(|p| format!("{{{{{p}}}}}"))
            .collect::<Vec<_>>()
            .join(", ");
        let values = [
            name[0],
            ("takes", &all.len().to_string()),
            ("names", &names),
            ("given", &parameters.len().to_string()),
        ];
        return Err(if all.len() == 1 {
            say(TEXTS, "templates.param_count_one", &values)
        } else {
            say(TEXTS, "templates.param_count", &values)
        });
    }
    // `name=value` or just the value, in the template's order.
    let value_of = |name: &str, given: &str| -> Result<String, String> {
        let value = match given.split_once('=') {
            Some((k, v)) if all.iter().any(|e| e == k.trim()) => {
                if k.trim() != name {
                    return Err(say(
                        TEXTS,
                        "templates.param_order",
                        &[("names", &all.join(", "))],
                    ));
                }
                v
            }
            _ => given,
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(say(
                TEXTS,
                "templates.param_empty",
                &[("param", &format!("{{{{{name}}}}}"))],
            ));
        }
        Ok(value.to_owned())
    };
    let mut message = TemplateMessage::new(&stored.name, &stored.language);
    if let Some(f) = file {
        message = match f.kind {
            wacloud::MediaKind::Image => message.header_image(f.source),
            wacloud::MediaKind::Video => message.header_video(f.source),
            _ => message.header_document(f.source, f.filename),
        };
    }
    let body_params = t.body_parameters();
    let named = matches!(body_params, TemplateParameters::Named(_));
    let mut body = Vec::new();
    for (given, field) in parameters.iter().zip(&fields) {
        let value = value_of(&field.name, given)?;
        // Button fields are named `button_N`, N the button's position from 1.
        let button = || {
            field
                .name
                .strip_prefix("button_")
                .and_then(|n| n.parse::<u8>().ok())
                .map_or(0, |n| n.saturating_sub(1))
        };
        message = match field.kind {
            TemplateFieldKind::Header => match header_text.clone().flatten() {
                Some(n) => message.named_header_text(n, value),
                None => message.header_text(value),
            },
            TemplateFieldKind::Body => {
                body.push((field.name.clone(), value));
                message
            }
            TemplateFieldKind::UrlSuffix | TemplateFieldKind::Passcode => {
                message.url_button(button(), value)
            }
            TemplateFieldKind::CouponCode => message.copy_code_button(button(), value),
        };
    }
    if named {
        for (name, value) in body {
            message = message.named_body_param(name, value);
        }
    } else if !body.is_empty() {
        message = message.body_params(body.into_iter().map(|(_, v)| v));
    }
    Ok(message)
}
