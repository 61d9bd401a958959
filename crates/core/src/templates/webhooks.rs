//! The template webhooks, applied by the inbox in the webhook's transaction:
//! `message_template_status_update` (status, and why it was rejected, paused or disabled),
//! `message_template_quality_update` and `template_category_update`. Each change emits
//! [`DomainEvent::TemplateUpdated`]. A webhook for a template not synced yet makes a row of what
//! it tells (synced with Meta by the template watcher soon after); one that names no template
//! stays in the journal with a note.

#[cfg(test)]
mod tests;

use serde_json::json;
use wacloud::webhook::{
    Change, ChangeValue, TemplateCategoryUpdate, TemplateQualityUpdate, TemplateStatusUpdate,
};

use crate::events::DomainEvent;
use crate::store::templates::{self, StoredTemplate};
use crate::store::{StoreError, WriteCtx, now_ms};

/// Applies `change` when it is a template field; returns whether it was one.
pub(crate) fn apply_change(
    ctx: &mut WriteCtx<'_>,
    change: &Change,
    notes: &mut Vec<String>,
) -> Result<bool, StoreError> {
    if !matches!(
        change.field.as_str(),
        "message_template_status_update"
            | "message_template_quality_update"
            | "template_category_update"
    ) {
        return Ok(false);
    }
    let applied = match change.parse_value() {
        ChangeValue::TemplateStatus(s) => status(ctx, &s)?,
        ChangeValue::TemplateQuality(q) => quality(ctx, &q)?,
        ChangeValue::TemplateCategory(c) => category(ctx, &c)?,
        _ => {
            notes.push(format!("a {} change could not be read", change.field));
            return Ok(true);
        }
    };
    // One for a template this app does not know and that names it only in part stays in the
    // journal ("kept in the journal", outcome ignored).
    Ok(applied)
}

/// Who a template webhook is about.
struct Subject<'a> {
    id: Option<&'a str>,
    name: Option<&'a str>,
    language: Option<&'a str>,
}

/// Finds the template, or makes a row of what the webhook tells when it names one fully; runs
/// `change` on it and saves and announces it when something differed.
fn update(
    ctx: &mut WriteCtx<'_>,
    who: Subject<'_>,
    change: impl FnOnce(&mut StoredTemplate),
) -> Result<bool, StoreError> {
    let before = templates::find(ctx.conn, who.id, who.name, who.language)?;
    let mut row = match (&before, who.id, who.name, who.language) {
        (Some(b), ..) => b.clone(),
        (None, Some(id), Some(name), Some(language)) => StoredTemplate {
            name: name.to_owned(),
            language: language.to_owned(),
            id: id.to_owned(),
            status: "PENDING".to_owned(),
            raw: json!({"id": id, "name": name, "language": language, "status": "PENDING",
                        "components": []})
            .to_string(),
            synced_at: 0,
            ..StoredTemplate::default()
        },
        _ => return Ok(false),
    };
    change(&mut row);
    row.updated_at = Some(now_ms());
    if templates::save(ctx.conn, before.as_ref(), &row)? {
        ctx.emit(DomainEvent::TemplateUpdated {
            template: super::view(&row),
            previous_status: before.map(|b| b.status),
        });
    }
    Ok(true)
}

/// Why, in Meta's words: the rejection's details, the pause's or the disabling's.
fn reason_of(s: &TemplateStatusUpdate) -> Option<String> {
    if let Some(info) = &s.rejection_info {
        let parts: Vec<&str> = [info.reason.as_deref(), info.recommendation.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if !parts.is_empty() {
            return Some(parts.join(" — "));
        }
    }
    if let Some(info) = &s.other_info {
        let parts: Vec<&str> = [info.title.as_deref(), info.description.as_deref()]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if !parts.is_empty() {
            return Some(parts.join(": "));
        }
    }
    s.reason
        .clone()
        .filter(|r| !r.trim().is_empty() && r != "NONE")
}

fn status(ctx: &mut WriteCtx<'_>, s: &TemplateStatusUpdate) -> Result<bool, StoreError> {
    let who = Subject {
        id: s.message_template_id.as_deref(),
        name: s.message_template_name.as_deref(),
        language: s.message_template_language.as_deref(),
    };
    let event = s.event.to_ascii_uppercase();
    let why = reason_of(s);
    let category = s.message_template_category.clone();
    update(ctx, who, |t| {
        // REINSTATED and UNPAUSED templates can be sent again: Meta lists them as APPROVED.
        t.status = match event.as_str() {
            "REINSTATED" | "UNPAUSED" => "APPROVED".to_owned(),
            _ => event.clone(),
        };
        t.rejected_reason = match t.status.as_str() {
            "APPROVED" | "PENDING" => None,
            _ => why.or_else(|| t.rejected_reason.clone()),
        };
        if let Some(c) = category {
            t.category = Some(c.to_ascii_uppercase());
        }
        set_raw(t, "status", json!(t.status));
    })
}

fn quality(ctx: &mut WriteCtx<'_>, q: &TemplateQualityUpdate) -> Result<bool, StoreError> {
    let who = Subject {
        id: q.message_template_id.as_deref(),
        name: q.message_template_name.as_deref(),
        language: q.message_template_language.as_deref(),
    };
    let score = q.new_quality_score.to_ascii_uppercase();
    update(ctx, who, |t| t.quality = Some(score))
}

fn category(ctx: &mut WriteCtx<'_>, c: &TemplateCategoryUpdate) -> Result<bool, StoreError> {
    let who = Subject {
        id: c.message_template_id.as_deref(),
        name: c.message_template_name.as_deref(),
        language: c.message_template_language.as_deref(),
    };
    // An impending change is only announced: the category is the new one once it happens.
    let new = (!c.is_impending())
        .then(|| c.new_category.clone())
        .flatten()
        .map(|n| n.to_ascii_uppercase());
    update(ctx, who, |t| {
        if let Some(n) = new {
            set_raw(t, "category", json!(n));
            t.category = Some(n);
        }
    })
}

/// Keeps Meta's copy in step with a column a webhook changed.
fn set_raw(t: &mut StoredTemplate, key: &str, value: serde_json::Value) {
    if let Ok(mut raw) = serde_json::from_str::<serde_json::Value>(&t.raw)
        && raw.is_object()
    {
        raw[key] = value;
        t.raw = raw.to_string();
    }
}
