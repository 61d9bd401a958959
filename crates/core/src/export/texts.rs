//! The words an export shows people, one catalogue per language.

pub use crate::i18n::Lang;

/// Every key with its English and Spanish text.
const CATALOGUE: &crate::i18n::Catalogue = &[
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
    ("reacted", "Reacted {emoji}", "Reaccionó {emoji}"),
    ("unreacted", "Removed a reaction", "Quitó una reacción"),
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

/// The text of `key` in `lang` (empty for a key not in the catalogue: a test keeps every key
/// used in it).
pub fn text(lang: Lang, key: &str) -> &'static str {
    crate::i18n::lookup(CATALOGUE, lang, key).unwrap_or("")
}

/// The text of `key` with `{name}`-style placeholders filled in.
pub fn fill(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    crate::i18n::fill(text(lang, key), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages_and_the_same_placeholders() {
        crate::i18n::check(CATALOGUE);
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

/// What exporting and importing tell the owner (errors the app shows), in the owner's language
/// with [`crate::i18n::say`]; the catalogue above is the export files' own words.
pub const TEXTS: &crate::i18n::Catalogue = &[
    (
        "export.no_conversation",
        "no conversation with {number}",
        "no hay ninguna conversación con {number}",
    ),
    (
        "export.cannot_write",
        "cannot write {path}: {error}",
        "no se puede escribir {path}: {error}",
    ),
    (
        "export.cannot_write_file",
        "cannot write the file: {error}",
        "no se puede escribir el archivo: {error}",
    ),
    (
        "export.needs_phone_column",
        "the file needs a \"phone\" column (and optionally \"name\")",
        "el archivo necesita una columna “teléfono” o “phone” (y, si quieres, “nombre” o “name”)",
    ),
    (
        "export.row_unreadable",
        "not readable: {error}",
        "no se puede leer: {error}",
    ),
    ("export.no_number", "no number", "sin número"),
    (
        "export.not_a_country",
        "{country} is not a country code",
        "{country} no es un código de país",
    ),
    (
        "export.not_a_phone",
        "not a phone number: {error}",
        "no es un número de teléfono: {error}",
    ),
    (
        "export.invalid_phone",
        "not a valid phone number",
        "no es un número de teléfono válido",
    ),
];

#[cfg(test)]
mod owner_tests {
    use super::TEXTS;
    use crate::export::ExportError;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn the_owner_catalogue_is_whole() {
        crate::i18n::check(TEXTS);
    }

    #[test]
    fn the_errors_are_said_in_spanish() {
        let es = |e: &ExportError| with_lang(Lang::Es, || e.to_string());
        let unknown = ExportError::UnknownContact("15550100001".into());
        assert_eq!(es(&unknown), "no hay ninguna conversación con 15550100001");
        assert_eq!(unknown.to_string(), "no conversation with 15550100001");
        let no_phone = with_lang(Lang::Es, || {
            crate::export::contacts::import_csv(
                &rusqlite::Connection::open_in_memory().unwrap(),
                "name\nAna\n",
                None,
            )
        })
        .unwrap_err();
        assert_eq!(
            es(&no_phone),
            "el archivo necesita una columna “teléfono” o “phone” (y, si quieres, “nombre” o “name”)"
        );
        let refused = with_lang(Lang::Es, || {
            crate::export::contacts::normalise("55 1234 5678", Some("XX"))
        });
        assert_eq!(refused, Err("“XX” no es un código de país".to_owned()));
        assert_eq!(
            with_lang(Lang::Es, || crate::export::contacts::normalise(" ", None)),
            Err("sin número".to_owned())
        );
    }
}
