//! What the quick replies code tells the owner (errors and problems the app shows), in English and
//! Spanish: `(key, English, Spanish)` rows said with [`crate::i18n::say`] in the owner's language.

use crate::i18n::Catalogue;

pub const TEXTS: &Catalogue = &[
    (
        "quick_replies.shortcut",
        "a shortcut is 1 to 32 letters, digits, - or _, like /hours (got {input})",
        "un atajo tiene de 1 a 32 letras, cifras, - o _, como /horario (se recibió {input})",
    ),
    (
        "quick_replies.text_length",
        "a quick reply's text is 1 to 4096 characters",
        "el texto de una respuesta rápida tiene de 1 a 4096 caracteres",
    ),
    (
        "quick_replies.exists",
        "there is already a quick reply /{shortcut}",
        "ya hay una respuesta rápida /{shortcut}",
    ),
    (
        "quick_replies.not_found",
        "no quick reply /{shortcut}",
        "no hay ninguna respuesta rápida /{shortcut}",
    ),
    (
        "quick_replies.file",
        "the file cannot be used: {reason}",
        "no se puede usar el archivo: {reason}",
    ),
];

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, with_lang};
    use crate::quick_replies::{QuickReplyError, checked_shortcut};

    #[test]
    fn the_catalogue_is_whole() {
        crate::i18n::check(super::TEXTS);
    }

    #[test]
    fn the_errors_are_said_in_spanish() {
        let es = |e: QuickReplyError| with_lang(Lang::Es, || e.to_string());
        assert_eq!(
            es(QuickReplyError::Exists("hours".into())),
            "ya hay una respuesta rápida /hours"
        );
        let bad = with_lang(Lang::Es, || checked_shortcut("a b")).unwrap_err();
        assert_eq!(
            es(bad),
            "un atajo tiene de 1 a 32 letras, cifras, - o _, como /horario (se recibió “a b”)"
        );
        let empty = wacloud::media::check_media(wacloud::MediaKind::Image, "image/png", 0, false)
            .unwrap_err();
        let refused = with_lang(Lang::Es, || {
            QuickReplyError::File(crate::compose::refusals::media_error(&empty)).to_string()
        });
        assert_eq!(
            refused,
            "no se puede usar el archivo: Una imagen no puede ser un archivo vacío"
        );
        assert_eq!(
            QuickReplyError::NotFound("hours".into()).to_string(),
            "no quick reply /hours"
        );
    }
}
