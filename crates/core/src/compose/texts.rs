//! What the compose code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.
//! The `compose.id.*` and `compose.media.*` rows say the Cloud API client's typed refusals
//! ([`wacloud::IdError`], [`wacloud::MediaError`]) again, their English word for word
//! ([`super::refusals`]).

use crate::i18n::{Catalogue, Lang, owner_lang};

pub const TEXTS: &Catalogue = &[
    (
        "compose.no_message",
        "there is no message {id}",
        "no hay ningún mensaje {id}",
    ),
    (
        "compose.not_on_whatsapp_yet",
        "that message has not reached WhatsApp yet, so it cannot be answered or reacted to",
        "ese mensaje todavía no llegó a WhatsApp, así que no se puede responder ni reaccionar a él",
    ),
    (
        "compose.no_caption",
        "{noun} cannot have a caption",
        "{noun} no puede llevar pie de foto",
    ),
    (
        "compose.reaction_target_unknown",
        "the message reacted to is not stored here",
        "el mensaje al que reaccionas no está guardado aquí",
    ),
    (
        "compose.no_template_sync",
        "there is no template {name} in {language}; sync the templates (shopchat templates sync) and check the name and language",
        "no hay ninguna plantilla {name} en {language}; sincroniza las plantillas (shopchat templates sync) y revisa el nombre y el idioma",
    ),
    (
        "compose.no_template",
        "there is no template {name} in {language}; sync the templates and check the name and language",
        "no hay ninguna plantilla {name} en {language}; sincroniza las plantillas y revisa el nombre y el idioma",
    ),
    (
        "compose.not_failed",
        "only a message of the shop's that failed can be sent again or deleted",
        "solo se puede volver a enviar o eliminar un mensaje de la tienda que no se pudo enviar",
    ),
    (
        "compose.never_queued",
        "this message was never queued here, so it cannot be sent again",
        "este mensaje nunca se puso en cola aquí, así que no se puede volver a enviar",
    ),
    // wacloud's IdError.
    (
        "compose.id.wa_id",
        "a WhatsApp id is the customer's phone number in international form, 7 to 15 digits (got {got})",
        "un identificador de WhatsApp es el número de teléfono del cliente en formato internacional, de 7 a 15 cifras (se recibió {got})",
    ),
    (
        "compose.id.wamid",
        "a message id (wamid) must be 1 to 512 printable characters without spaces (got {got})",
        "un identificador de mensaje (wamid) debe tener de 1 a 512 caracteres imprimibles sin espacios (se recibió {got})",
    ),
    (
        "compose.id.phone_number_id",
        "a phone number id is the numeric id Meta shows for the business number (got {got})",
        "el identificador de un número de teléfono es el identificador numérico que Meta muestra para el número de la empresa (se recibió {got})",
    ),
    // wacloud's MediaError.
    (
        "compose.media.invalid_mime",
        "{mime} is not a MIME type like image/jpeg",
        "{mime} no es un tipo MIME como image/jpeg",
    ),
    (
        "compose.media.unsupported",
        "{mime} is not accepted for {noun}; use {types}",
        "{mime} no se acepta para {noun}; usa {types}",
    ),
    (
        "compose.media.not_opus",
        "audio/ogg is accepted only with the Opus codec; this file {found}",
        "audio/ogg solo se acepta con el códec Opus; este archivo {found}",
    ),
    (
        "compose.media.declares_codecs",
        "declares codecs={codecs}",
        "declara codecs={codecs}",
    ),
    (
        "compose.media.no_opus_stream",
        "holds no Opus stream",
        "no contiene ningún flujo Opus",
    ),
    (
        "compose.media.empty",
        "{noun} cannot be an empty file",
        "{noun} no puede ser un archivo vacío",
    ),
    (
        "compose.media.too_large",
        "{noun} can be at most {limit}; this file is {size}",
        "{noun} puede pesar como máximo {limit}; este archivo pesa {size}",
    ),
    (
        "compose.media.invalid_id",
        "a media id is the id Meta gave the file: letters, digits, '.', '_' or '-' (got {got})",
        "un identificador de archivo es el que Meta le dio: letras, cifras, '.', '_' o '-' (se recibió {got})",
    ),
    ("compose.media.or", "{first} or {last}", "{first} o {last}"),
    ("compose.media.image", "an image", "una imagen"),
    ("compose.media.video", "a video", "un vídeo"),
    (
        "compose.media.audio",
        "an audio file",
        "un archivo de audio",
    ),
    ("compose.media.document", "a document", "un documento"),
    ("compose.media.sticker", "a sticker", "un sticker"),
    (
        "compose.media.animated_sticker",
        "an animated sticker",
        "un sticker animado",
    ),
];

/// `text` quoted for the owner: as Rust's `{:?}` in English (what the messages always showed),
/// between typographic quotes in Spanish.
pub(crate) fn quoted(text: &str) -> String {
    match owner_lang() {
        Lang::En => format!("{text:?}"),
        Lang::Es => format!("“{text}”"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_is_whole() {
        crate::i18n::check(super::TEXTS);
    }
}
