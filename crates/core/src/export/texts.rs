//! The words an export shows people, one catalogue per language.

pub use crate::bot::texts::Lang;

/// Every key with its English and Spanish text.
const CATALOGUE: &[(&str, &str, &str)] = &[
    ("you", "You", "Tú"),
    ("customer", "Customer", "Cliente"),
    (
        "title_all",
        "WhatsApp conversations",
        "Conversaciones de WhatsApp",
    ),
    (
        "title_one",
        "Conversation with {name}",
        "Conversación con {name}",
    ),
    ("exported", "Exported on {date}", "Exportado el {date}"),
    ("messages", "{count} messages", "{count} mensajes"),
    ("no_messages", "No messages.", "Sin mensajes."),
    ("back", "All conversations", "Todas las conversaciones"),
    ("image", "Photo", "Foto"),
    ("video", "Video", "Vídeo"),
    ("audio", "Audio", "Audio"),
    ("voice", "Voice message", "Mensaje de voz"),
    ("document", "Document", "Documento"),
    ("sticker", "Sticker", "Sticker"),
    ("location", "Location", "Ubicación"),
    ("contacts", "Contact card", "Tarjeta de contacto"),
    ("interactive", "Buttons", "Botones"),
    ("template", "Template {name}", "Plantilla {name}"),
    (
        "order",
        "Order of {items} items",
        "Pedido de {items} artículos",
    ),
    ("referral", "Came from an ad", "Llegó desde un anuncio"),
    ("system", "System message", "Mensaje del sistema"),
    (
        "unsupported",
        "A message WhatsApp could not show",
        "Un mensaje que WhatsApp no pudo mostrar",
    ),
    ("message", "Message", "Mensaje"),
    ("reply_to", "In reply to", "En respuesta a"),
    ("forwarded", "Forwarded", "Reenviado"),
    ("automatic", "Sent automatically", "Enviado automáticamente"),
    ("reactions", "Reactions", "Reacciones"),
    (
        "file_missing",
        "(file not downloaded)",
        "(archivo no descargado)",
    ),
    ("failed", "Not sent: {reason}", "No enviado: {reason}"),
    ("status_queued", "queued", "en cola"),
    ("status_sending", "sending", "enviando"),
    ("status_sent", "sent", "enviado"),
    ("status_delivered", "delivered", "entregado"),
    ("status_read", "read", "leído"),
    ("status_played", "played", "reproducido"),
    ("status_failed", "failed", "fallido"),
    ("status_received", "received", "recibido"),
];

/// The text of `key` in `lang`; the key itself when it is not in the catalogue (a test makes sure
/// every key used is).
pub fn text(lang: Lang, key: &str) -> &'static str {
    CATALOGUE
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, es)| match lang {
            Lang::En => *en,
            Lang::Es => *es,
        })
        .unwrap_or("")
}

/// The text of `key` with `{name}`-style placeholders filled in.
pub fn fill(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    let mut out = text(lang, key).to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_the_same_placeholders() {
        let placeholders = |s: &str| {
            let mut found: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            found.sort();
            found
        };
        for (key, en, es) in CATALOGUE {
            assert!(
                !en.is_empty() && !es.is_empty(),
                "{key} is empty in a language"
            );
            assert_eq!(
                placeholders(en),
                placeholders(es),
                "{key}'s placeholders differ"
            );
        }
        let mut keys: Vec<_> = CATALOGUE.iter().map(|(k, _, _)| k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), CATALOGUE.len(), "a key is listed twice");
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill(Lang::Es, "title_one", &[("name", "Ana")]),
            "Conversación con Ana"
        );
        assert_eq!(text(Lang::En, "nope"), "");
    }
}
