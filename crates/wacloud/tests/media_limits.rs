//! The media limits: which MIME types each kind of message takes, the size limits and how
//! their errors read, what the bytes of a sticker or an Ogg file say, and MIME guessing.

#![allow(clippy::unwrap_used)]

use wacloud::MediaKind;
use wacloud::media::{
    KB, MB, MediaError, MediaId, canonical_mime, check_media, check_media_file, guess_mime,
    kind_for_mime,
};

// ---------------------------------------------------------------------------------------------
// Limits.
// ---------------------------------------------------------------------------------------------

#[test]
fn limits_name_the_limit_and_the_size() {
    let err = check_media(MediaKind::Video, "video/mp4", 17 * MB + MB / 5, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a video can be at most 16 MB; this file is 17.2 MB"
    );
    // One byte over still shows as over the limit.
    let err = check_media(MediaKind::Image, "image/png", 5 * MB + 1, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an image can be at most 5 MB; this file is 5.1 MB"
    );
    assert!(check_media(MediaKind::Image, "image/png", 5 * MB, false).is_ok());
    let err = check_media(MediaKind::Sticker, "image/webp", 150 * KB, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a sticker can be at most 100 KB; this file is 150 KB"
    );
    assert!(check_media(MediaKind::Sticker, "image/webp", 150 * KB, true).is_ok());
    let err = check_media(MediaKind::Sticker, "image/webp", 501 * KB, true).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an animated sticker can be at most 500 KB; this file is 501 KB"
    );
    assert!(check_media(MediaKind::Document, "application/pdf", 100 * MB, false).is_ok());
    assert!(matches!(
        check_media(MediaKind::Document, "application/pdf", 100 * MB + 1, false),
        Err(MediaError::TooLarge { limit, .. }) if limit == 100 * MB
    ));
    assert!(check_media(MediaKind::Audio, "audio/aac", 16 * MB, false).is_ok());
    assert_eq!(
        check_media(MediaKind::Audio, "audio/aac", 0, false)
            .unwrap_err()
            .to_string(),
        "An audio file cannot be an empty file"
    );
}

#[test]
fn limits_check_the_type_for_the_kind() {
    let err = check_media(MediaKind::Image, "image/gif", 1000, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "image/gif is not accepted for an image; use image/jpeg or image/png"
    );
    let err = check_media(MediaKind::Document, "application/zip", 1000, false).unwrap_err();
    assert!(err.to_string().starts_with(
        "application/zip is not accepted for a document; use application/pdf, text/plain, "
    ));
    // Case and parameters do not matter; aliases are accepted.
    assert!(check_media(MediaKind::Audio, "Audio/OGG; codecs=\"opus\"", 10, false).is_ok());
    assert!(check_media(MediaKind::Image, "IMAGE/JPG", 10, false).is_ok());
    assert!(check_media(MediaKind::Video, "video/3gp", 10, false).is_ok());
    assert!(check_media(MediaKind::Audio, "audio/x-m4a", 10, false).is_ok());
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    assert!(check_media(MediaKind::Document, docx, 10, false).is_ok());
    // An image is not a document, and a WebP is a sticker, not an image.
    assert!(check_media(MediaKind::Document, "image/png", 10, false).is_err());
    assert!(check_media(MediaKind::Image, "image/webp", 10, false).is_err());
    // Ogg with another codec.
    let err = check_media(MediaKind::Audio, "audio/ogg; codecs=vorbis", 10, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "audio/ogg is accepted only with the Opus codec; this file declares codecs=vorbis"
    );
    assert!(matches!(
        check_media(MediaKind::Image, "jpeg", 10, false),
        Err(MediaError::InvalidMime { .. })
    ));
}

#[test]
fn file_checks_look_at_the_bytes() {
    // A WebP with the VP8X animation flag is an animated sticker (500 KB allowed).
    let mut animated = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\x02\0\0\0".to_vec();
    animated.resize(300 * 1024, 0);
    assert_eq!(
        check_media_file(MediaKind::Sticker, "image/webp", &animated).unwrap(),
        "image/webp"
    );
    let mut still = b"RIFF\0\0\0\0WEBPVP8 ".to_vec();
    still.resize(300 * 1024, 0);
    assert!(matches!(
        check_media_file(MediaKind::Sticker, "image/webp", &still),
        Err(MediaError::TooLarge {
            animated: false,
            ..
        })
    ));
    // An Ogg file holding Vorbis, not Opus.
    let mut vorbis = b"OggS\0\x02".to_vec();
    vorbis.resize(28, 0);
    vorbis.extend_from_slice(b"\x01vorbis\0\0\0\0");
    let err = check_media_file(MediaKind::Audio, "audio/ogg", &vorbis).unwrap_err();
    assert_eq!(
        err.to_string(),
        "audio/ogg is accepted only with the Opus codec; this file holds no Opus stream"
    );
    let mut opus = b"OggS\0\x02".to_vec();
    opus.resize(28, 0);
    opus.extend_from_slice(b"OpusHead\x01\x01");
    assert_eq!(
        check_media_file(MediaKind::Audio, "audio/ogg; codecs=opus", &opus).unwrap(),
        "audio/ogg"
    );
    assert_eq!(
        check_media_file(MediaKind::Video, "Video/3GP", b"....ftyp3gp4").unwrap(),
        "video/3gpp"
    );
}

#[test]
fn mime_from_names_and_kinds_from_mime() {
    assert_eq!(
        guess_mime("Report.DOCX"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    );
    assert_eq!(
        guess_mime("prices.xlsx"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    assert_eq!(guess_mime("voice.ogg"), Some("audio/ogg"));
    assert_eq!(guess_mime("voice.opus"), Some("audio/ogg"));
    assert_eq!(guess_mime("song.m4a"), Some("audio/mp4"));
    assert_eq!(guess_mime("clip.3gp"), Some("video/3gpp"));
    assert_eq!(guess_mime("photo.JPG"), Some("image/jpeg"));
    assert_eq!(guess_mime("list.csv"), Some("text/csv"));
    assert_eq!(guess_mime("README"), None);
    assert_eq!(kind_for_mime("image/jpeg"), Some(MediaKind::Image));
    assert_eq!(kind_for_mime("image/webp"), Some(MediaKind::Sticker));
    assert_eq!(
        kind_for_mime("audio/ogg; codecs=opus"),
        Some(MediaKind::Audio)
    );
    assert_eq!(kind_for_mime("video/3gp"), Some(MediaKind::Video));
    assert_eq!(kind_for_mime("text/plain"), Some(MediaKind::Document));
    assert_eq!(kind_for_mime("application/zip"), None);
    assert_eq!(
        canonical_mime(" Text/Plain ; charset=UTF-8").unwrap(),
        "text/plain"
    );
    assert!(MediaId::parse("../me").is_err());
    assert!(MediaId::parse("").is_err());
}
