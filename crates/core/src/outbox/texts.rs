//! What the outbox code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.
//! A failed message's title and details are said when the failure is recorded, and kept.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "outbox.window_closed",
        "The 24-hour window is closed ({since}): WhatsApp only lets a shop write freely within 24 hours of the customer's last message. Send an approved message template instead.",
        "La ventana de 24 horas está cerrada ({since}): WhatsApp solo deja que una tienda escriba libremente en las 24 horas siguientes al último mensaje del cliente. Envía una plantilla de mensaje aprobada en su lugar.",
    ),
    (
        "outbox.last_wrote_hours_ago",
        "this customer last wrote {hours} hours ago",
        "este cliente escribió por última vez hace {hours} horas",
    ),
    (
        "outbox.never_wrote",
        "this customer has not written to the shop yet",
        "este cliente todavía no le ha escrito a la tienda",
    ),
    (
        "outbox.interrupted",
        "Send interrupted",
        "Envío interrumpido",
    ),
    (
        "outbox.interrupted_details",
        "Shopchat stopped while this message was being sent. It may or may not have reached the customer; resend it if needed.",
        "Shopchat se detuvo mientras se enviaba este mensaje. Puede que le haya llegado al cliente o no; reenvíalo si hace falta.",
    ),
    ("outbox.uncertain", "Delivery uncertain", "Entrega incierta"),
    (
        "outbox.uncertain_details",
        "{error}. WhatsApp may or may not have accepted this message; resend it if the customer did not get it.",
        "{error}. Puede que WhatsApp haya aceptado este mensaje o no; reenvíalo si el cliente no lo recibió.",
    ),
    (
        "outbox.file_path_invalid",
        "the attached file's path {path} is not valid",
        "la ruta del archivo adjunto {path} no es válida",
    ),
    (
        "outbox.file_unreadable",
        "the attached file could not be read ({path}): {error}",
        "no se pudo leer el archivo adjunto ({path}): {error}",
    ),
    (
        "outbox.queued_unreadable",
        "the queued message could not be read: {reason}",
        "no se pudo leer el mensaje en cola: {reason}",
    ),
    (
        "outbox.database",
        "the database: {error}",
        "la base de datos: {error}",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_is_whole() {
        crate::i18n::check(super::TEXTS);
    }
}
