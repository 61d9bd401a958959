//! The engine's account links and bot, for the app: customer records, codes, requests,
//! approvals, unlinks and the audit trail (all as the owner), and the bot's settings.

use super::{Engine, EngineError};
use crate::bot::{self, BotConfig, Explanation};
use crate::links::{
    Actor, AuditEntry, CustomerInput, CustomerView, ImportReport, LinkCode, LinkRequestView,
    LinksError, ops,
};
use crate::settings::Settings;
use crate::store::now_ms;

impl Engine {
    pub async fn customers(&self, query: Option<String>) -> Result<Vec<CustomerView>, EngineError> {
        Ok(ops::list(&self.store, query).await?)
    }

    pub async fn customer(&self, key: &str) -> Result<CustomerView, EngineError> {
        Ok(ops::find(&self.store, key).await?)
    }

    /// The record linked to a WhatsApp contact, if any (the conversation's header).
    pub async fn customer_of(&self, wa_id: &str) -> Result<Option<CustomerView>, EngineError> {
        let wa = wa_id.to_owned();
        Ok(self
            .store
            .read(move |c| crate::links::records::linked_to(c, &wa))
            .await?)
    }

    pub async fn add_customer(&self, input: CustomerInput) -> Result<CustomerView, EngineError> {
        Ok(ops::add(&self.store, input, Actor::Owner).await?)
    }

    pub async fn update_customer(
        &self,
        id: i64,
        input: CustomerInput,
    ) -> Result<CustomerView, EngineError> {
        Ok(ops::update(&self.store, id, input).await?)
    }

    pub async fn import_customers(&self, csv: String) -> Result<ImportReport, EngineError> {
        Ok(ops::import(&self.store, csv, Actor::Owner).await?)
    }

    /// A one-time code for a record, with the wa.me address for its QR code.
    pub async fn link_code(&self, key: &str) -> Result<LinkCode, EngineError> {
        let number = self.shop_number();
        Ok(ops::code(&self.store, key, Actor::Owner, number.as_deref()).await?)
    }

    pub async fn unlink_customer(&self, key: &str) -> Result<CustomerView, EngineError> {
        Ok(ops::unlink(&self.store, key, Actor::Owner).await?)
    }

    pub async fn link_requests(&self) -> Result<Vec<LinkRequestView>, EngineError> {
        Ok(ops::requests(&self.store).await?)
    }

    pub async fn approve_link_request(
        &self,
        request: i64,
        customer: i64,
    ) -> Result<CustomerView, EngineError> {
        Ok(ops::approve(&self.store, request, customer, Actor::Owner).await?)
    }

    pub async fn dismiss_link_request(&self, request: i64) -> Result<(), EngineError> {
        Ok(ops::dismiss(&self.store, request).await?)
    }

    pub async fn link_audit(
        &self,
        customer: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, EngineError> {
        Ok(ops::log(&self.store, customer, limit).await?)
    }

    pub async fn bot_config(&self) -> Result<BotConfig, EngineError> {
        Ok(self.store.read(bot::config::load).await?)
    }

    /// Checks and saves the bot's settings.
    pub async fn save_bot_config(&self, config: BotConfig) -> Result<BotConfig, EngineError> {
        if let Some(problem) = config.problem() {
            return Err(LinksError::Invalid(problem).into());
        }
        let saved = config.clone();
        self.store
            .writer()
            .call(move |ctx| bot::config::save(ctx.conn, &saved))
            .await?;
        Ok(config)
    }

    /// What would answer `text` now, with the saved settings.
    pub async fn try_bot(&self, text: String) -> Result<Explanation, EngineError> {
        let config = self.bot_config().await?;
        Ok(bot::explain(&config, &text, now_ms()))
    }

    /// Whether the bot is muted for a customer.
    pub async fn bot_muted(&self, wa_id: &str) -> Result<bool, EngineError> {
        let wa = wa_id.to_owned();
        Ok(self
            .store
            .read(move |c| bot::state::get(c, &wa))
            .await?
            .muted)
    }

    /// Mutes (or unmutes) the bot for one customer: nothing automatic goes to them.
    pub async fn set_bot_muted(&self, wa_id: &str, muted: bool) -> Result<(), EngineError> {
        let wa = wacloud::WaId::parse(wa_id)
            .map_err(|e| LinksError::Invalid(crate::compose::refusals::id_error(&e)))?
            .as_str()
            .to_owned();
        self.store
            .writer()
            .call(move |ctx| {
                crate::store::contacts::upsert(ctx.conn, &wa, None, None)?;
                bot::state::set(
                    ctx.conn,
                    &wa,
                    "muted",
                    rusqlite::types::Value::Integer(i64::from(muted)),
                )
            })
            .await?;
        Ok(())
    }

    /// The business number customers write to: the sandbox's, else the one saved when going
    /// live.
    fn shop_number(&self) -> Option<String> {
        if let Some(n) = super::sandbox_mode::display_number(self.sandbox.as_ref()) {
            return Some(n.to_owned());
        }
        Settings::load(&Settings::file(&self.data_dir))
            .ok()
            .and_then(|s| s.display_phone_number)
    }
}
