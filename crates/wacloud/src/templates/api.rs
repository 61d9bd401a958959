//! `GET`, `POST` and `DELETE /{waba-id}/message_templates`.

use serde::{Deserialize, Serialize};
use tracing::debug;

use super::{Component, ParameterFormat, Template, TemplateCategory, TemplateStatus};
use crate::account::WabaId;
use crate::client::{GraphClient, Success};
use crate::error::{ErrorKind, GraphError};
use crate::observe::Endpoint;

/// Templates asked for per page.
const PAGE_LIMIT: &str = "100";
/// More pages than this means the paging is going round in circles.
const MAX_PAGES: usize = 500;
/// The longest template name.
const MAX_NAME_LEN: usize = 512;

/// A template to submit for review: `POST /{waba-id}/message_templates`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewTemplate {
    /// Lowercase letters, digits and underscores, at most 512 characters.
    pub name: String,
    /// The language code (`en_US`).
    pub language: String,
    /// What it is for.
    pub category: TemplateCategory,
    /// `{{1}}` (default) or `{{name}}` variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_format: Option<ParameterFormat>,
    /// Let Meta move it to the category it finds right instead of rejecting it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_category_change: Option<bool>,
    /// Header, body (required), footer, buttons, each with samples for its variables.
    pub components: Vec<Component>,
}

/// Meta's answer to a new template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedTemplate {
    /// The new template's id.
    pub id: String,
    /// Usually `PENDING` (some are approved at once).
    pub status: TemplateStatus,
    /// The category Meta gave it (it may differ from the one asked for).
    pub category: TemplateCategory,
}

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    data: Vec<Template>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    cursors: Option<Cursors>,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct Cursors {
    #[serde(default)]
    after: Option<String>,
}

impl GraphClient {
    /// Every template of the account: `GET /{waba-id}/message_templates?limit=100`, following
    /// the `after` cursor while the answer has a `paging.next` page. The next page is asked of
    /// the configured Graph URL with the cursor (the `next` address itself is not followed).
    pub async fn list_templates(&self, waba_id: &WabaId) -> Result<Vec<Template>, GraphError> {
        let path = format!("{waba_id}/message_templates");
        let mut templates = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut query = vec![("limit", PAGE_LIMIT)];
            if let Some(cursor) = after.as_deref() {
                query.push(("after", cursor));
            }
            let page: Page = self.get_json(Endpoint::Templates, &path, &query).await?;
            debug!(count = page.data.len(), "template page");
            templates.extend(page.data);
            let next = match page.paging {
                Some(paging) => next_cursor(paging)?,
                None => None,
            };
            match next {
                Some(cursor) if after.as_deref() != Some(cursor.as_str()) => after = Some(cursor),
                Some(_) => return Err(paging_error("the same cursor came back twice")),
                None => return Ok(templates),
            }
        }
        Err(paging_error("more than 500 pages"))
    }

    /// Submits a template for review: `POST /{waba-id}/message_templates`. The name is checked
    /// first ([`ErrorKind::InvalidParameter`], no request).
    pub async fn create_template(
        &self,
        waba_id: &WabaId,
        template: &NewTemplate,
    ) -> Result<CreatedTemplate, GraphError> {
        check_name(&template.name)?;
        if template.components.is_empty() {
            return Err(GraphError::local(
                ErrorKind::InvalidParameter,
                "a template needs at least a body component",
            ));
        }
        self.post_json(
            Endpoint::Templates,
            &format!("{waba_id}/message_templates"),
            Some(template),
        )
        .await
    }

    /// Deletes a template: `DELETE /{waba-id}/message_templates?name=..` (every language), or
    /// with `hsm_id` only the template with that id.
    pub async fn delete_template(
        &self,
        waba_id: &WabaId,
        name: &str,
        hsm_id: Option<&str>,
    ) -> Result<(), GraphError> {
        check_name(name)?;
        let mut query = vec![("name", name)];
        if let Some(id) = hsm_id {
            query.push(("hsm_id", id));
        }
        let answer: Success = self
            .delete_json(
                Endpoint::Templates,
                &format!("{waba_id}/message_templates"),
                &query,
            )
            .await?;
        answer.into_result("the template deletion")
    }
}

/// The cursor of the next page, when there is one: `paging.next` says there is; the cursor is
/// `paging.cursors.after`, or the `after` of the `next` address.
fn next_cursor(paging: Paging) -> Result<Option<String>, GraphError> {
    let Some(next) = paging.next else {
        return Ok(None);
    };
    paging
        .cursors
        .and_then(|c| c.after)
        .filter(|a| !a.is_empty())
        .or_else(|| {
            url::Url::parse(&next).ok().and_then(|url| {
                url.query_pairs()
                    .find(|(k, _)| k == "after")
                    .map(|(_, v)| v.into_owned())
            })
        })
        .map(Some)
        .ok_or_else(|| paging_error("a next page without an `after` cursor"))
}

fn paging_error(why: &str) -> GraphError {
    let mut err = GraphError::local(
        ErrorKind::Decode,
        format!("the template list paging is broken: {why}"),
    );
    err.http_status = Some(200);
    err
}

fn check_name(name: &str) -> Result<(), GraphError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(GraphError::local(
            ErrorKind::InvalidParameter,
            format!(
                "a template name is 1 to {MAX_NAME_LEN} lowercase letters, digits and underscores (got {name:?})"
            ),
        ))
    }
}
