//! What the bot says, one catalogue per language. The owner may replace any text in the app's
//! Automations page (kept in the bot's settings as `"<lang>.<key>"`); placeholders in braces
//! (`{name}`, `{ref}`, `{since}`, `{until}`) are filled in when it is sent.

use std::collections::BTreeMap;

pub use crate::i18n::Lang;

/// Every text key, with its English and Spanish defaults.
pub const CATALOGUE: &crate::i18n::Catalogue = &[
    (
        "welcome",
        "Hi! This is the shop's assistant. You can link your WhatsApp to your customer account, check it, or ask for help.",
        "¡Hola! Soy el asistente de la tienda. Puedes vincular tu WhatsApp a tu cuenta de cliente, consultarla o pedir ayuda.",
    ),
    (
        "help",
        "Write:\n• link CODE: link this WhatsApp to your customer account (ask the shop for a code)\n• status: see your link\n• unlink: remove it\n• invoice, receipt, quote or my documents: get your documents",
        "Escribe:\n• vincular CÓDIGO: vincula este WhatsApp a tu cuenta de cliente (pide un código en la tienda)\n• estado: consulta tu vínculo\n• desvincular: quítalo\n• factura, recibo, presupuesto o mis documentos: recibe tus documentos",
    ),
    (
        "link_how",
        "To link your account, ask the shop for a code (at the counter or by phone), then send: link CODE. We have let the shop know you asked.",
        "Para vincular tu cuenta, pide un código en la tienda (en el mostrador o por teléfono) y envía: vincular CÓDIGO. Hemos avisado a la tienda de que lo pediste.",
    ),
    (
        "link_ok",
        "Done: this WhatsApp is now linked to the account of {name}{ref}.",
        "Listo: este WhatsApp ya está vinculado a la cuenta de {name}{ref}.",
    ),
    (
        "link_failed",
        "That code did not work. Codes are valid for 15 minutes and only once: ask the shop for a new one.",
        "Ese código no ha funcionado. Los códigos valen 15 minutos y una sola vez: pide uno nuevo en la tienda.",
    ),
    (
        "link_locked",
        "Too many codes that did not work. For your security, linking from this number is paused until {until}.",
        "Demasiados códigos que no han funcionado. Por tu seguridad, vincular desde este número queda en pausa hasta las {until}.",
    ),
    (
        "link_already",
        "This WhatsApp is already linked to the account of {name}{ref}. Write unlink first to link another one.",
        "Este WhatsApp ya está vinculado a la cuenta de {name}{ref}. Escribe desvincular antes de vincular otra.",
    ),
    (
        "approved",
        "The shop has linked this WhatsApp to the account of {name}{ref}.",
        "La tienda ha vinculado este WhatsApp a la cuenta de {name}{ref}.",
    ),
    (
        "status_linked",
        "This WhatsApp is linked to the account of {name}{ref} since {since}.",
        "Este WhatsApp está vinculado a la cuenta de {name}{ref} desde el {since}.",
    ),
    (
        "status_none",
        "This WhatsApp is not linked to a customer account. Write link to find out how.",
        "Este WhatsApp no está vinculado a ninguna cuenta de cliente. Escribe vincular para saber cómo.",
    ),
    (
        "unlink_confirm",
        "Do you want to unlink this WhatsApp from the account of {name}? Answer yes or no.",
        "¿Quieres desvincular este WhatsApp de la cuenta de {name}? Responde sí o no.",
    ),
    (
        "unlink_done",
        "Done: this WhatsApp is no longer linked to your customer account.",
        "Listo: este WhatsApp ya no está vinculado a tu cuenta de cliente.",
    ),
    (
        "unlink_kept",
        "All right, your link stays as it is.",
        "De acuerdo, tu vínculo sigue como está.",
    ),
    (
        "unlinked_by_shop",
        "The shop has unlinked this WhatsApp from your customer account.",
        "La tienda ha desvinculado este WhatsApp de tu cuenta de cliente.",
    ),
    (
        "greeting",
        "Hello and welcome! How can we help you?",
        "¡Hola y bienvenido! ¿En qué podemos ayudarte?",
    ),
    (
        "away",
        "Thanks for your message! We are closed right now and will answer as soon as we open.",
        "¡Gracias por tu mensaje! Ahora estamos cerrados y te responderemos en cuanto abramos.",
    ),
    ("button_link", "Link my account", "Vincular cuenta"),
    ("button_status", "My link", "Mi vínculo"),
    ("button_help", "Help", "Ayuda"),
    ("button_yes", "Yes, unlink", "Sí, desvincular"),
    ("button_no", "No", "No"),
    (
        "opted_out",
        "Done: you will not get promotional messages from us any more. Write START to receive them again.",
        "Listo: ya no recibirás mensajes promocionales nuestros. Escribe ALTA para volver a recibirlos.",
    ),
    (
        "opted_in",
        "Welcome back: you will receive our messages again. Write STOP at any time to stop them.",
        "De nuevo contigo: volverás a recibir nuestros mensajes. Escribe BAJA cuando quieras para dejar de recibirlos.",
    ),
];

/// A text in `lang`: the owner's, else the default. Unknown keys give the key itself.
pub fn text(overrides: &BTreeMap<String, String>, lang: Lang, key: &str) -> String {
    if let Some(own) = overrides
        .get(&format!("{}.{key}", lang.code()))
        .filter(|t| !t.trim().is_empty())
    {
        return own.clone();
    }
    crate::i18n::lookup(CATALOGUE, lang, key)
        .unwrap_or(key)
        .to_owned()
}

pub use crate::i18n::fill;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_the_owner_can_replace_one() {
        crate::i18n::check(CATALOGUE);
        let mut own = BTreeMap::new();
        own.insert("es.greeting".to_owned(), "¡Buenas!".to_owned());
        assert_eq!(text(&own, Lang::Es, "greeting"), "¡Buenas!");
        assert!(text(&own, Lang::En, "greeting").starts_with("Hello"));
        assert_eq!(
            fill(
                "Linked to {name}{ref}.",
                &[("name", "Ana"), ("ref", " (C-7)")]
            ),
            "Linked to Ana (C-7)."
        );
    }
}
