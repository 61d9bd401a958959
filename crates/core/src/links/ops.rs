//! Links as the app and the `shopchat` command use them, over a [`Store`]: each step one
//! writer transaction, with its audit entry and (for an approval or an unlink by the owner) the
//! message that tells the customer, queued in the same transaction.

use wacloud::WaId;

use super::audit::{self, Actor};
use super::view::{
    AuditEntry, CustomerInput, CustomerView, ImportReport, LinkCode, LinkRequestView,
};
use super::{LinksError, codes, link, records};
use crate::bot::{config as bot_config, reply, state, texts};
use crate::store::{Store, WriteCtx, now_ms};

/// Runs `f` in a writer transaction. A refusal is answered as such (the checks come before any
/// write); a storage error rolls the transaction back.
async fn write<T: Send + 'static>(
    store: &Store,
    f: impl FnOnce(&mut WriteCtx<'_>) -> Result<T, LinksError> + Send + 'static,
) -> Result<T, LinksError> {
    store
        .writer()
        .call(move |ctx| match f(ctx) {
            Err(LinksError::Store(e)) => Err(e),
            other => Ok(other),
        })
        .await?
}

/// The records whose details contain `query` (all when `None`), by name.
pub async fn list(store: &Store, query: Option<String>) -> Result<Vec<CustomerView>, LinksError> {
    Ok(store
        .read(move |c| records::list(c, query.as_deref()))
        .await?)
}

/// One record by id or reference.
pub async fn find(store: &Store, key: &str) -> Result<CustomerView, LinksError> {
    let k = key.to_owned();
    store
        .read(move |c| records::find(c, &k))
        .await?
        .ok_or_else(|| LinksError::NotFound(key.to_owned()))
}

pub async fn add(
    store: &Store,
    input: CustomerInput,
    actor: Actor,
) -> Result<CustomerView, LinksError> {
    write(store, move |ctx| records::add(ctx.conn, &input, actor)).await
}

pub async fn update(
    store: &Store,
    id: i64,
    input: CustomerInput,
) -> Result<CustomerView, LinksError> {
    write(store, move |ctx| records::update(ctx.conn, id, &input)).await
}

/// Imports a CSV file's rows in one transaction (a refused row is reported, not fatal).
pub async fn import(store: &Store, csv: String, actor: Actor) -> Result<ImportReport, LinksError> {
    write(store, move |ctx| records::import(ctx.conn, &csv, actor)).await
}

/// A one-time code for the record `key`, and the wa.me address that types it for the customer
/// when `shop_number` (the business number) is known.
pub async fn code(
    store: &Store,
    key: &str,
    actor: Actor,
    shop_number: Option<&str>,
) -> Result<LinkCode, LinksError> {
    let record = find(store, key).await?;
    let (code, expires_at) = write(store, move |ctx| {
        link::issue_code(ctx.conn, record.id, actor, now_ms())
    })
    .await?;
    Ok(LinkCode {
        wa_me_url: shop_number.map(|n| codes::wa_me_url(n, &code)),
        code,
        expires_at,
    })
}

/// Unlinks the record `key`; tells the customer when their window is open. Answers the record.
pub async fn unlink(store: &Store, key: &str, actor: Actor) -> Result<CustomerView, LinksError> {
    let record = find(store, key).await?;
    let id = record.id;
    write(store, move |ctx| {
        if let Some(wa) = link::unlink(ctx.conn, id, actor)? {
            tell(ctx, &wa, "unlinked_by_shop", None)?;
        }
        Ok(())
    })
    .await?;
    find(store, &id.to_string()).await
}

/// The requests waiting for the owner, oldest first.
pub async fn requests(store: &Store) -> Result<Vec<LinkRequestView>, LinksError> {
    Ok(store.read(link::open_requests).await?)
}

/// Links a request's sender to the record `customer_id` and tells them.
pub async fn approve(
    store: &Store,
    request_id: i64,
    customer_id: i64,
    actor: Actor,
) -> Result<CustomerView, LinksError> {
    write(store, move |ctx| {
        let wa = link::approve(ctx.conn, request_id, customer_id, actor, now_ms())?;
        let record = records::get_by_id(ctx.conn, customer_id)?
            .ok_or_else(|| LinksError::NotFound(customer_id.to_string()))?;
        tell(ctx, &wa, "approved", Some(&record))?;
        Ok(record)
    })
    .await
}

pub async fn dismiss(store: &Store, request_id: i64) -> Result<(), LinksError> {
    let dismissed = store
        .writer()
        .call(move |ctx| link::dismiss(ctx.conn, request_id, now_ms()))
        .await?;
    if dismissed {
        Ok(())
    } else {
        Err(LinksError::NotFound(format!("link request {request_id}")))
    }
}

/// The audit trail, newest first: one record's, or everyone's.
pub async fn log(
    store: &Store,
    customer: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>, LinksError> {
    Ok(store.read(move |c| audit::list(c, customer, limit)).await?)
}

/// Queues the bot's text `key` to `wa` in their language (when their window is open; else the
/// app shows the change and nothing is sent).
fn tell(
    ctx: &mut WriteCtx<'_>,
    wa: &str,
    key: &str,
    record: Option<&CustomerView>,
) -> Result<(), LinksError> {
    let Ok(to) = WaId::parse(wa) else {
        return Ok(());
    };
    let config = bot_config::load(ctx.conn)?;
    let lang = state::get(ctx.conn, wa)?.lang.unwrap_or_default();
    let mut text = texts::text(&config.texts, lang, key);
    if let Some(r) = record {
        let reference = r
            .reference
            .as_ref()
            .map_or_else(String::new, |x| format!(" ({x})"));
        text = texts::fill(&text, &[("name", &r.name), ("ref", &reference)]);
    }
    reply::send(ctx, &to, reply::text(text), now_ms())?;
    Ok(())
}
