//! The Cloud API client's typed refusals ([`IdError`], [`MediaError`]) said in the owner's
//! language: `wacloud` stays free of the engine's catalogues, so its sentences are said again
//! here, the English word for word (a test holds them to it).

use wacloud::media::{KB, MB, accepted_types};
use wacloud::{IdError, MediaError, MediaKind};

use super::texts::{TEXTS, quoted};
use crate::i18n::{Lang, owner_lang, say};

/// Why an identifier was refused.
pub(crate) fn id_error(e: &IdError) -> String {
    match e {
        IdError::WaId(got) => say(TEXTS, "compose.id.wa_id", &[("got", &quoted(got))]),
        IdError::Wamid(got) => say(TEXTS, "compose.id.wamid", &[("got", &quoted(got))]),
        IdError::PhoneNumberId(got) => say(
            TEXTS,
            "compose.id.phone_number_id",
            &[("got", &quoted(got))],
        ),
    }
}

/// Why a file cannot be sent as media of its kind.
pub(crate) fn media_error(e: &MediaError) -> String {
    match e {
        MediaError::InvalidMime { mime } => say(
            TEXTS,
            "compose.media.invalid_mime",
            &[("mime", &quoted(mime))],
        ),
        MediaError::UnsupportedType { kind, mime } => say(
            TEXTS,
            "compose.media.unsupported",
            &[
                ("mime", mime),
                ("noun", &media_noun(*kind, false)),
                ("types", &or_list(accepted_types(*kind))),
            ],
        ),
        MediaError::NotOpus { found } => {
            let found = match found.strip_prefix("declares codecs=") {
                Some(codecs) => say(
                    TEXTS,
                    "compose.media.declares_codecs",
                    &[("codecs", codecs)],
                ),
                None if found == "holds no Opus stream" => {
                    say(TEXTS, "compose.media.no_opus_stream", &[])
                }
                None => found.clone(),
            };
            say(TEXTS, "compose.media.not_opus", &[("found", &found)])
        }
        MediaError::Empty { kind } => say(
            TEXTS,
            "compose.media.empty",
            &[("noun", &capitalised(&media_noun(*kind, false)))],
        ),
        MediaError::TooLarge {
            kind,
            animated,
            limit,
            size,
        } => say(
            TEXTS,
            "compose.media.too_large",
            &[
                ("noun", &media_noun(*kind, *animated)),
                ("limit", &shown_size(*limit, *limit, false)),
                ("size", &shown_size(*size, *limit, true)),
            ],
        ),
        MediaError::InvalidId(got) => {
            say(TEXTS, "compose.media.invalid_id", &[("got", &quoted(got))])
        }
    }
}

/// "an image", "an animated sticker", ... in the owner's language.
pub(crate) fn media_noun(kind: MediaKind, animated: bool) -> String {
    let key = match kind {
        MediaKind::Image => "compose.media.image",
        MediaKind::Video => "compose.media.video",
        MediaKind::Audio => "compose.media.audio",
        MediaKind::Document => "compose.media.document",
        MediaKind::Sticker if animated => "compose.media.animated_sticker",
        MediaKind::Sticker => "compose.media.sticker",
    };
    say(TEXTS, key, &[])
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "a", "a or b", "a, b or c".
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => say(
            TEXTS,
            "compose.media.or",
            &[("first", &rest.join(", ")), ("last", last)],
        ),
    }
}

/// `bytes` in the unit of `limit` (MB or KB), to a tenth; rounded up when `round_up`, so a file
/// over the limit never shows as equal to it. A decimal comma in Spanish.
fn shown_size(bytes: u64, limit: u64, round_up: bool) -> String {
    let (unit, name) = if limit >= MB { (MB, "MB") } else { (KB, "KB") };
    if bytes.is_multiple_of(unit) {
        return format!("{} {name}", bytes / unit);
    }
    let (scaled, unit) = (u128::from(bytes) * 10, u128::from(unit));
    let tenths = if round_up {
        scaled.div_ceil(unit)
    } else {
        scaled / unit
    };
    let point = match owner_lang() {
        Lang::En => '.',
        Lang::Es => ',',
    };
    format!("{}{point}{} {name}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use wacloud::media::check_media;
    use wacloud::{WaId, Wamid};

    use super::*;
    use crate::i18n::with_lang;

    fn media_errors() -> Vec<MediaError> {
        let mut all = vec![
            check_media(MediaKind::Image, "image", 10, false).unwrap_err(),
            check_media(MediaKind::Image, "image/gif", 10, false).unwrap_err(),
            check_media(MediaKind::Video, "image/png", 10, false).unwrap_err(),
            check_media(MediaKind::Audio, "audio/ogg; codecs=vorbis", 10, false).unwrap_err(),
            check_media(MediaKind::Document, "application/pdf", 0, false).unwrap_err(),
            check_media(MediaKind::Video, "video/mp4", 17 * MB + MB / 5, false).unwrap_err(),
            check_media(MediaKind::Sticker, "image/webp", 600 * KB, true).unwrap_err(),
            check_media(MediaKind::Sticker, "image/webp", 100 * KB + 1, false).unwrap_err(),
            MediaError::InvalidId("a b".into()),
        ];
        all.push(
            wacloud::media::check_media_file(MediaKind::Audio, "audio/ogg", b"OggS and no head")
                .unwrap_err(),
        );
        all
    }

    #[test]
    fn the_english_is_the_clients_own() {
        let ids = [
            WaId::parse("12").unwrap_err(),
            Wamid::parse("").unwrap_err(),
            wacloud::PhoneNumberId::parse("x").unwrap_err(),
        ];
        with_lang(Lang::En, || {
            for e in &ids {
                assert_eq!(id_error(e), e.to_string());
            }
            for e in &media_errors() {
                assert_eq!(media_error(e), e.to_string());
            }
        });
    }

    #[test]
    fn the_refusals_are_said_in_spanish() {
        let es = |e: &MediaError| with_lang(Lang::Es, || media_error(e));
        let errors = media_errors();
        assert_eq!(
            es(&errors[5]),
            "un vídeo puede pesar como máximo 16 MB; este archivo pesa 17,2 MB"
        );
        assert_eq!(
            es(&errors[1]),
            "image/gif no se acepta para una imagen; usa image/jpeg o image/png"
        );
        assert_eq!(es(&errors[4]), "Un documento no puede ser un archivo vacío");
        assert_eq!(
            es(&errors[3]),
            "audio/ogg solo se acepta con el códec Opus; este archivo declara codecs=vorbis"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let voice = crate::compose::Attachment {
            kind: Some(MediaKind::Audio),
            filename: "note.mp3".into(),
            mime_type: Some("audio/mpeg".into()),
            bytes: vec![1, 2, 3],
            caption: Some("listen".into()),
        };
        let refused = with_lang(Lang::Es, || {
            crate::compose::prepare_file_now(dir.path(), voice).map(|_| ())
        });
        assert_eq!(
            refused.unwrap_err().to_string(),
            "un archivo de audio no puede llevar pie de foto"
        );
        let wa_id = with_lang(Lang::Es, || id_error(&WaId::parse("12").unwrap_err()));
        assert_eq!(
            wa_id,
            "un identificador de WhatsApp es el número de teléfono del cliente en formato \
             internacional, de 7 a 15 cifras (se recibió “12”)"
        );
    }
}
