//! A message in words for the owner (a notification, a terminal line), in English and Spanish.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "summary.reacted",
        "{who} reacted {emoji} to {target}",
        "{who} reaccionó con {emoji} a {target}",
    ),
    (
        "summary.unreacted",
        "{who} removed a reaction to {target}",
        "{who} quitó una reacción a {target}",
    ),
    ("summary.quoted", "“{text}”", "“{text}”"),
    ("summary.a_message", "a message", "un mensaje"),
    ("kind.image", "Photo", "Foto"),
    ("kind.video", "Video", "Vídeo"),
    ("kind.audio", "Audio", "Audio"),
    ("kind.document", "Document", "Documento"),
    ("kind.sticker", "Sticker", "Sticker"),
    ("kind.location", "Location", "Ubicación"),
    ("kind.contacts", "Contact card", "Contacto"),
    (
        "kind.interactive",
        "Interactive message",
        "Mensaje interactivo",
    ),
    ("kind.button", "Button reply", "Respuesta de botón"),
    ("kind.template", "Template", "Plantilla"),
    ("kind.order", "Order", "Pedido"),
    ("kind.reaction", "Reaction", "Reacción"),
    ("kind.system", "System message", "Mensaje del sistema"),
    ("kind.message", "Message", "Mensaje"),
];

/// A message type in a word or two, in the owner's language ("Photo", "Foto"); never `[type]`.
pub fn readable_kind(kind: &str) -> String {
    let key = match kind {
        "image" => "kind.image",
        "video" => "kind.video",
        "audio" => "kind.audio",
        "document" => "kind.document",
        "sticker" => "kind.sticker",
        "location" => "kind.location",
        "contacts" => "kind.contacts",
        "interactive" => "kind.interactive",
        "button" => "kind.button",
        "template" => "kind.template",
        "order" => "kind.order",
        "reaction" => "kind.reaction",
        "system" => "kind.system",
        _ => "kind.message",
    };
    crate::i18n::say(TEXTS, key, &[])
}
