//! What the contacts code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "contacts.no_contact",
        "no contact {number}: the number has never written or been written to",
        "no hay ningún contacto {number}: ese número nunca escribió ni recibió mensajes",
    ),
    (
        "contacts.no_label",
        "no label named {name}",
        "no hay ninguna etiqueta llamada {name}",
    ),
    (
        "contacts.no_note",
        "no note {id}",
        "no hay ninguna nota {id}",
    ),
    (
        "contacts.whatsapp_refused",
        "WhatsApp refused: {reason}",
        "WhatsApp lo rechazó: {reason}",
    ),
    (
        "contacts.with_code",
        "{text} (code {code})",
        "{text} (código {code})",
    ),
    (
        "contacts.not_recent",
        "WhatsApp only lets a business block someone who wrote to it in the last 24 hours; {number} last wrote {when}",
        "WhatsApp solo deja que una empresa bloquee a alguien que le escribió en las últimas 24 horas; {number} escribió por última vez el {when}",
    ),
    (
        "contacts.never_wrote",
        "WhatsApp only lets a business block someone who wrote to it in the last 24 hours; {number} has never written",
        "WhatsApp solo deja que una empresa bloquee a alguien que le escribió en las últimas 24 horas; {number} nunca escribió",
    ),
    (
        "contacts.label_color",
        "a label's colour is #rrggbb, like #25d366 (got {color})",
        "el color de una etiqueta es #rrggbb, como #25d366 (se recibió {color})",
    ),
    (
        "contacts.label_name",
        "a label's name is 1 to 40 characters, without control characters (got {name})",
        "el nombre de una etiqueta tiene de 1 a 40 caracteres, sin caracteres de control (se recibió {name})",
    ),
    (
        "contacts.note_length",
        "a note is 1 to 4000 characters",
        "una nota tiene de 1 a 4000 caracteres",
    ),
    (
        "contacts.label_exists",
        "there is already a label named {name}",
        "ya hay una etiqueta llamada {name}",
    ),
    (
        "contacts.custom_name",
        "a name is at most 80 characters, without control characters",
        "un nombre tiene como máximo 80 caracteres, sin caracteres de control",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_is_whole() {
        crate::i18n::check(super::TEXTS);
    }

    #[test]
    fn the_errors_are_said_in_spanish() {
        use crate::contacts::{ContactsError, checked_color};
        use crate::i18n::{Lang, with_lang};
        let es = |e: ContactsError| with_lang(Lang::Es, || e.to_string());
        assert_eq!(
            es(ContactsError::NotRecent(
                "15550100001".into(),
                "never".into()
            )),
            "WhatsApp solo deja que una empresa bloquee a alguien que le escribió en las últimas \
             24 horas; 15550100001 nunca escribió"
        );
        assert_eq!(
            es(ContactsError::NoLabel("VIP".into())),
            "no hay ninguna etiqueta llamada “VIP”"
        );
        let red = with_lang(Lang::Es, || checked_color("red")).unwrap_err();
        assert_eq!(
            es(red),
            "el color de una etiqueta es #rrggbb, como #25d366 (se recibió “red”)"
        );
        // English as it always was.
        assert_eq!(
            ContactsError::NoLabel("VIP".into()).to_string(),
            "no label named \"VIP\""
        );
    }
}
