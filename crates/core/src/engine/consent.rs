//! The owner's own opt-in / opt-out switch on the contact panel: a contact opted out is left out
//! of marketing broadcasts, whoever opted them out (their STOP, Meta's 131050, or the owner).

use super::{Engine, EngineError};
use crate::broadcasts::consent;
use crate::contacts::ContactsError;
use crate::contacts::panel::ContactPanel;
use crate::events::DomainEvent;
use crate::store::now_ms;

impl Engine {
    /// Opts `wa_id` out of the shop's broadcasts (`opted_out`, recorded as the owner's doing,
    /// now) or back in; returns the contact's panel. Setting what already is changes nothing
    /// (an opt-out keeps its first date and how it came).
    pub async fn set_opted_out(
        &self,
        wa_id: String,
        opted_out: bool,
    ) -> Result<ContactPanel, EngineError> {
        let wa = wa_id.clone();
        let known = self
            .store
            .writer()
            .call(move |ctx| {
                if crate::store::contacts::get(ctx.conn, &wa)?.is_none() {
                    return Ok(false);
                }
                let changed = if opted_out {
                    consent::opt_out(ctx.conn, &wa, consent::VIA_OWNER, now_ms())?
                } else {
                    consent::opt_in(ctx.conn, &wa)?
                };
                if changed && let Some(contact) = crate::store::contacts::get(ctx.conn, &wa)? {
                    ctx.emit(DomainEvent::ContactUpdated { contact });
                }
                Ok(true)
            })
            .await?;
        if !known {
            return Err(ContactsError::NoContact(wa_id).into());
        }
        self.contact_panel(wa_id).await
    }
}
