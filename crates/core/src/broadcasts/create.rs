//! Creating a broadcast: the template checked, the audience read and checked, the parameters
//! mapped, the messaging limit respected; then the broadcast and all its recipient rows written
//! in one transaction.

use std::collections::HashMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::audience::{self, AudienceCheck, AudienceSource, Checked, RowProblem};
use super::budget::{self, Budget};
use super::texts::TEXTS;
use super::{BroadcastError, DEFAULT_RATE};
use crate::i18n::say;
use crate::store::{WriteCtx, now_ms, templates};

/// What the owner asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewBroadcast {
    pub name: String,
    pub template: String,
    pub lang: String,
    pub audience: AudienceSource,
    /// For each template parameter in order: the CSV column (or contact field: `name`,
    /// `customer_name`, `customer_ref`, `phone`) that fills it.
    pub params: Vec<String>,
    /// When to start (unix ms); `None`: now.
    #[ts(type = "number | null")]
    pub start_at: Option<i64>,
    /// Messages per second (80; 20 for a number also on the WhatsApp Business app).
    pub rate: Option<u32>,
    /// A country for numbers written without one (`MX`, `ES`...), from the settings.
    pub default_country: Option<String>,
    /// Allowed past the messaging limit: it waits for the budget and goes on over days.
    pub spread: bool,
    /// Only check: nothing is written.
    pub dry_run: bool,
}

/// A created (or checked) broadcast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Created {
    /// `None` for a dry run.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub check: AudienceCheck,
    pub budget: Budget,
    pub category: String,
    /// The first few recipients' messages, as they will read them.
    pub preview: Vec<Preview>,
}

/// One recipient's message, filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preview {
    pub wa_id: String,
    pub params: Vec<String>,
    pub body: Option<String>,
}

/// Checks and (unless a dry run) writes the broadcast, in the writer's transaction.
pub fn create(ctx: &mut WriteCtx<'_>, req: &NewBroadcast) -> Result<Created, BroadcastError> {
    let bad = |m: String| BroadcastError::Invalid(m);
    if req.name.trim().is_empty() {
        return Err(bad(say(TEXTS, "broadcasts.needs_name", &[])));
    }
    // The audience first: a file that cannot be read, or labels on a version without them, is
    // the owner's first problem.
    let candidates = audience::candidates(ctx.conn, &req.audience)?;
    let stored = templates::get(ctx.conn, &req.template, &req.lang)?.ok_or_else(|| {
        bad(say(
            TEXTS,
            "broadcasts.no_template",
            &[("name", &req.template), ("language", &req.lang)],
        ))
    })?;
    if stored.status != "APPROVED" {
        return Err(bad(say(
            TEXTS,
            "broadcasts.template_not_approved",
            &[("name", &stored.name), ("status", &stored.status)],
        )));
    }
    let view = crate::templates::view(&stored);
    if view.parameters.len() != req.params.len() {
        return Err(bad(say(
            TEXTS,
            "broadcasts.param_count",
            &[
                ("name", &stored.name),
                ("takes", &view.parameters.len().to_string()),
                ("names", &view.parameters.join(", ")),
                ("given", &req.params.len().to_string()),
            ],
        )));
    }
    let category = stored
        .category
        .clone()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let country = match req
        .default_country
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        Some(c) => Some(
            super::phone::country(c)
                .ok_or_else(|| bad(say(TEXTS, "broadcasts.bad_country", &[("code", c)])))?,
        ),
        None => None,
    };
    if let (Some(first), AudienceSource::Csv { .. }) = (candidates.first(), &req.audience) {
        for p in &req.params {
            if !first.values.contains_key(p) {
                return Err(bad(say(
                    TEXTS,
                    "broadcasts.param_no_column",
                    &[("column", p)],
                )));
            }
        }
    } else if let AudienceSource::Contacts { .. } = &req.audience {
        for p in &req.params {
            if !audience::CONTACT_FIELDS.contains(&p.as_str()) {
                return Err(bad(say(
                    TEXTS,
                    "broadcasts.not_contact_field",
                    &[
                        ("field", p),
                        ("fields", &audience::CONTACT_FIELDS.join(", ")),
                    ],
                )));
            }
        }
    }
    let (mut check, checked) =
        audience::check(ctx.conn, candidates, country, category == "MARKETING")?;
    // A parameter Meta would refuse (empty) makes the row invalid.
    let mut rows = Vec::with_capacity(checked.len());
    for c in checked {
        let values = param_values(&req.params, &c.values);
        if c.skip.is_none()
            && let Some(i) = values.iter().position(|v| v.trim().is_empty())
        {
            check.recipients -= 1;
            check.invalid.push(RowProblem {
                row: c.row,
                value: c.wa_id.clone(),
                reason: say(
                    TEXTS,
                    "broadcasts.column_empty",
                    &[("column", &req.params[i])],
                ),
                first_row: None,
            });
            continue;
        }
        rows.push((c, values));
    }
    let budget = budget::current(ctx.conn)?;
    if let (Some(left), Some(limit)) = (budget.left, budget.limit)
        && check.business_initiated > left
        && !req.spread
    {
        return Err(BroadcastError::OverBudget {
            needed: check.business_initiated,
            left,
            limit,
        });
    }
    let preview = rows
        .iter()
        .filter(|(c, _)| c.skip.is_none())
        .take(3)
        .map(|(c, values)| Preview {
            wa_id: c.wa_id.clone(),
            body: view
                .body
                .as_ref()
                .map(|b| fill(b, &view.parameters, values)),
            params: values.clone(),
        })
        .collect();
    if req.dry_run {
        return Ok(Created {
            id: None,
            check,
            budget,
            category,
            preview,
        });
    }
    if check.recipients == 0 {
        return Err(bad(say(TEXTS, "broadcasts.nobody", &[])));
    }
    let now = now_ms();
    let start_at = req.start_at.unwrap_or(now);
    let state = if start_at > now {
        "scheduled"
    } else {
        "running"
    };
    let rate = req.rate.unwrap_or(DEFAULT_RATE).clamp(1, 1000);
    let audience_json = serde_json::to_string(&req.audience).unwrap_or_default();
    let params_json = serde_json::to_string(&req.params).unwrap_or_default();
    let check_json = serde_json::to_string(&check).unwrap_or_default();
    ctx.conn.execute(
        "INSERT INTO broadcasts (name, template, lang, category, audience, params, audience_check,
             state, start_at, rate, created_at, started_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11)",
        params![
            req.name.trim(),
            stored.name,
            stored.language,
            category,
            audience_json,
            params_json,
            check_json,
            state,
            start_at,
            rate,
            now,
            (state == "running").then_some(now)
        ],
    )?;
    let id = ctx.conn.last_insert_rowid();
    let mut insert = ctx.conn.prepare_cached(
        "INSERT INTO broadcast_recipients (broadcast_id, row_no, wa_id, params, state, reason, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (c, values) in &rows {
        let Checked {
            row, wa_id, skip, ..
        } = c;
        insert.execute(params![
            id,
            row,
            wa_id,
            serde_json::to_string(values).unwrap_or_default(),
            if skip.is_some() { "skipped" } else { "pending" },
            skip,
            now
        ])?;
    }
    Ok(Created {
        id: Some(id),
        check,
        budget,
        category,
        preview,
    })
}

fn param_values(params: &[String], values: &HashMap<String, String>) -> Vec<String> {
    params
        .iter()
        .map(|p| values.get(p).cloned().unwrap_or_default())
        .collect()
}

/// The body with `{{1}}` / `{{name}}` replaced by the values, in one pass: a value holding
/// `{{2}}` (a customer's name, a CSV cell) is shown as written, as Meta would send it.
fn fill(body: &str, names: &[String], values: &[String]) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let value = after.find("}}").and_then(|close| {
            let name = &after[..close];
            names
                .iter()
                .position(|n| n == name)
                .and_then(|i| values.get(i))
                .map(|v| (v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod fill_tests {
    #[test]
    fn fills_each_parameter_once() {
        let names = ["1".to_owned(), "2".to_owned()];
        let values = ["{{2}} Ana".to_owned(), "12".to_owned()];
        assert_eq!(
            super::fill("Hi {{1}}, {{2}} mugs left {{3}} {{", &names, &values),
            "Hi {{2}} Ana, 12 mugs left {{3}} {{"
        );
        let named = ["name".to_owned()];
        assert_eq!(
            super::fill("Hola {{name}}", &named, &["Ana".to_owned()]),
            "Hola Ana"
        );
    }
}
