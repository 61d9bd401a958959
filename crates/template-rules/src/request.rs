//! The exact `POST /{waba-id}/message_templates` request a checked draft becomes.

use serde_json::{Map, Value, json};
use wacloud::templates::{
    Button as WaButton, ButtonKind, Component, ComponentExample, ComponentKind, HeaderFormat,
    NamedParamExample, NewTemplate, ParameterFormat, TemplateCategory,
};

use crate::placeholders::{distinct, placeholders};
use crate::{Button, Category, Draft, Header, MediaKind, Problem, check};

impl Draft {
    /// The request that submits this draft, or every broken rule (nothing is sent then).
    pub fn to_request(&self) -> Result<NewTemplate, Vec<Problem>> {
        let problems = check(self);
        if !problems.is_empty() {
            return Err(problems);
        }
        let category = match self.category {
            Category::Marketing => TemplateCategory::Marketing,
            Category::Utility => TemplateCategory::Utility,
            Category::Authentication => TemplateCategory::Authentication,
        };
        if self.category == Category::Authentication {
            return Ok(NewTemplate {
                name: self.name.clone(),
                language: self.language.clone(),
                category,
                parameter_format: None,
                allow_category_change: None,
                components: authentication_components(),
            });
        }
        let body_names = distinct(&placeholders(&self.body));
        let named = body_names
            .first()
            .is_some_and(|n| n.parse::<usize>().is_err())
            || self
                .header_param()
                .is_some_and(|n| n.parse::<usize>().is_err());
        let mut components = Vec::new();
        if let Some(h) = &self.header {
            components.push(self.header_component(h, named));
        }
        let mut example = ComponentExample::default();
        if !body_names.is_empty() {
            if named {
                example.body_text_named_params = body_names
                    .iter()
                    .zip(&self.body_examples)
                    .map(|(n, e)| NamedParamExample {
                        param_name: n.clone(),
                        example: e.clone(),
                    })
                    .collect();
            } else {
                example.body_text = vec![self.body_examples.clone()];
            }
        }
        components.push(component(
            ComponentKind::Body,
            None,
            Some(self.body.clone()),
            (!body_names.is_empty()).then_some(example),
        ));
        if let Some(f) = self.footer.as_ref().filter(|f| !f.trim().is_empty()) {
            components.push(component(
                ComponentKind::Footer,
                None,
                Some(f.clone()),
                None,
            ));
        }
        if !self.buttons.is_empty() {
            let mut c = component(ComponentKind::Buttons, None, None, None);
            c.buttons = self.buttons.iter().map(button).collect();
            components.push(c);
        }
        let has_params = !body_names.is_empty() || self.header_param().is_some();
        Ok(NewTemplate {
            name: self.name.clone(),
            language: self.language.clone(),
            category,
            parameter_format: has_params.then_some(if named {
                ParameterFormat::Named
            } else {
                ParameterFormat::Positional
            }),
            allow_category_change: None,
            components,
        })
    }

    fn header_param(&self) -> Option<String> {
        match &self.header {
            Some(Header::Text { text, .. }) => placeholders(text).first().map(|p| p.name.clone()),
            _ => None,
        }
    }

    fn header_component(&self, header: &Header, named: bool) -> Component {
        match header {
            Header::Text { text, example } => {
                let sample = self.header_param().zip(example.clone()).map(|(name, e)| {
                    let mut ex = ComponentExample::default();
                    if named {
                        ex.header_text_named_params = vec![NamedParamExample {
                            param_name: name,
                            example: e,
                        }];
                    } else {
                        ex.header_text = vec![e];
                    }
                    ex
                });
                component(
                    ComponentKind::Header,
                    Some(HeaderFormat::Text),
                    Some(text.clone()),
                    sample,
                )
            }
            Header::Media { media, handle } => {
                let format = match media {
                    MediaKind::Image => HeaderFormat::Image,
                    MediaKind::Video => HeaderFormat::Video,
                    MediaKind::Document => HeaderFormat::Document,
                };
                let example = ComponentExample {
                    header_handle: vec![handle.clone()],
                    ..ComponentExample::default()
                };
                component(ComponentKind::Header, Some(format), None, Some(example))
            }
        }
    }
}

fn component(
    kind: ComponentKind,
    format: Option<HeaderFormat>,
    text: Option<String>,
    example: Option<ComponentExample>,
) -> Component {
    Component {
        kind,
        format,
        text,
        example,
        buttons: Vec::new(),
        extra: Map::new(),
    }
}

fn wa_button(kind: ButtonKind, text: Option<&str>) -> WaButton {
    WaButton {
        kind,
        text: text.map(str::to_owned),
        url: None,
        phone_number: None,
        example: Vec::new(),
        extra: Map::new(),
    }
}

fn button(b: &Button) -> WaButton {
    match b {
        Button::QuickReply { text } => wa_button(ButtonKind::QuickReply, Some(text)),
        Button::Url { text, url, example } => {
            let mut w = wa_button(ButtonKind::Url, Some(text));
            w.url = Some(url.clone());
            if let (Some(p), Some(e)) = (placeholders(url).first(), example) {
                w.example = vec![format!("{}{e}", &url[..p.start])];
            }
            w
        }
        Button::Phone { text, number } => {
            let mut w = wa_button(ButtonKind::PhoneNumber, Some(text));
            w.phone_number = Some(number.clone());
            w
        }
        Button::CopyCode { example } => {
            // Meta writes a copy-code example as one string, not a list.
            let mut w = wa_button(ButtonKind::CopyCode, None);
            w.extra
                .insert("example".into(), Value::String(example.clone()));
            w
        }
    }
}

/// Meta's preset authentication template: the code with the security recommendation, and the
/// copy-code button.
fn authentication_components() -> Vec<Component> {
    let mut body = component(ComponentKind::Body, None, None, None);
    body.extra
        .insert("add_security_recommendation".into(), json!(true));
    let mut buttons = component(ComponentKind::Buttons, None, None, None);
    let mut otp = wa_button(ButtonKind::Otp, None);
    otp.extra.insert("otp_type".into(), json!("COPY_CODE"));
    buttons.buttons = vec![otp];
    vec![body, buttons]
}
