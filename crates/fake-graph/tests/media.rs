//! Upload, describe, download and delete files; send them by id.

#![allow(clippy::unwrap_used)] // Test helpers outside #[test] functions.

use sha2::{Digest, Sha256};
use wacloud::media::{MB, MediaId};
use wacloud::send::{Content, MediaSource, OutgoingMessage};
use wacloud::{ErrorKind, MediaKind, WaId, Wamid};

mod support;

use fake_graph::SANDBOX_ACCESS_TOKEN;
use support::{client_for, error_code, phone, start};

/// Bytes that are not all alike, so a mix-up would show.
fn sample_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn customer() -> WaId {
    WaId::parse("15550100001").expect("a customer")
}

#[tokio::test]
async fn upload_info_download_round_trip() {
    let f = start().await;
    let bytes = sample_bytes(300_000);
    let id = f
        .client
        .upload_media(
            &phone(),
            MediaKind::Image,
            bytes.clone(),
            "image/jpeg",
            "mug.jpg",
        )
        .await
        .expect("the upload is taken");
    let info = f
        .client
        .media_info(&id)
        .await
        .expect("the file is described");
    assert_eq!(info.id, id);
    assert_eq!(info.mime_type, "image/jpeg");
    assert_eq!(info.file_size, bytes.len() as u64);
    assert_eq!(info.sha256, hex::encode(Sha256::digest(&bytes)));
    assert!(info.url.starts_with(&f.fake.url()), "{}", info.url);

    let file = f
        .client
        .download_media(&id, 10 * MB)
        .await
        .expect("the download checks out");
    assert_eq!(file.bytes, bytes);
    assert_eq!(file.sha256, info.sha256);
    assert_eq!(file.mime_type, "image/jpeg");

    // The download address needs the token and a valid link token.
    let no_bearer = f.http.get(&info.url).send().await.expect("answered");
    assert_eq!(error_code(no_bearer).await, (401, 190));
    let forged = info.url.replace("token=", "token=0");
    let refused = f.get(&forged).send().await.expect("answered");
    assert_eq!(error_code(refused).await, (404, 100));

    f.client.delete_media(&id).await.expect("deleted");
    let gone = f
        .client
        .media_info(&id)
        .await
        .expect_err("deleted files are gone");
    assert_eq!(gone.code, Some(100));
    let again = f
        .client
        .delete_media(&id)
        .await
        .expect_err("already deleted");
    assert_eq!(again.code, Some(100));
}

#[tokio::test]
async fn files_over_the_limits_are_refused() {
    let f = start().await;
    let too_big = sample_bytes((5 * MB + 1) as usize);
    // The client refuses before any request ...
    let local = f
        .client
        .upload_media(
            &phone(),
            MediaKind::Image,
            too_big.clone(),
            "image/png",
            "big.png",
        )
        .await
        .expect_err("over 5 MB");
    assert_eq!(local.kind, ErrorKind::MediaLimit);
    // ... and the fake refuses as Meta does when a client does not check.
    let upload = |bytes: Vec<u8>, mime: &'static str| {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name("file")
            .mime_str(mime)
            .expect("a MIME type");
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime)
            .part("file", part);
        f.http
            .post(f.url(&format!("{}/media", phone())))
            .bearer_auth(SANDBOX_ACCESS_TOKEN)
            .multipart(form)
            .send()
    };
    let over = upload(too_big, "image/png").await.expect("answered");
    assert_eq!(error_code(over).await, (400, 131053));
    let sticker = upload(sample_bytes(101 * 1024), "image/webp")
        .await
        .expect("answered");
    assert_eq!(error_code(sticker).await, (400, 131053));
    let gif = upload(sample_bytes(1000), "image/gif")
        .await
        .expect("answered");
    assert_eq!(error_code(gif).await, (400, 100));
    let fine = upload(sample_bytes(1000), "image/png")
        .await
        .expect("answered");
    assert_eq!(fine.status(), 200);

    // Without messaging_product.
    let form = reqwest::multipart::Form::new()
        .text("type", "image/png")
        .part(
            "file",
            reqwest::multipart::Part::bytes(sample_bytes(10)).file_name("a.png"),
        );
    let bare = f
        .http
        .post(f.url(&format!("{}/media", phone())))
        .bearer_auth(SANDBOX_ACCESS_TOKEN)
        .multipart(form)
        .send()
        .await
        .expect("answered");
    assert_eq!(error_code(bare).await, (400, 100));
}

#[tokio::test]
async fn media_is_sent_by_an_id_the_fake_issued() {
    let f = start().await;
    let id = f
        .client
        .upload_media(
            &phone(),
            MediaKind::Image,
            sample_bytes(2000),
            "image/png",
            "a.png",
        )
        .await
        .expect("uploaded");
    let photo = OutgoingMessage::new(
        customer(),
        Content::image(MediaSource::from(id.clone()), Some("The blue one".into())),
    );
    f.client
        .send_message(&phone(), &photo)
        .await
        .expect("an uploaded id is accepted");
    assert_eq!(f.fake.accepted(), 1);

    let unknown = OutgoingMessage::new(
        customer(),
        Content::image(MediaSource::id("123456789"), None),
    );
    let err = f
        .client
        .send_message(&phone(), &unknown)
        .await
        .expect_err("an id the fake did not issue");
    assert_eq!(err.code, Some(100));
    assert!(
        err.details.as_deref().unwrap_or_default().contains("media"),
        "{err:?}"
    );

    // A PDF cannot go out as an image.
    let pdf = f
        .client
        .upload_media(
            &phone(),
            MediaKind::Document,
            b"%PDF-1.4".to_vec(),
            "application/pdf",
            "a.pdf",
        )
        .await
        .expect("uploaded");
    let wrong_kind = OutgoingMessage::new(customer(), Content::image(MediaSource::from(pdf), None));
    let err = f
        .client
        .send_message(&phone(), &wrong_kind)
        .await
        .expect_err("a PDF is not an image");
    assert_eq!(err.code, Some(131053));
    assert_eq!(f.fake.accepted(), 1);

    // Links are taken as they are.
    let linked = OutgoingMessage::new(
        customer(),
        Content::image(MediaSource::link("https://example.com/mug.jpg"), None),
    );
    f.client
        .send_message(&phone(), &linked)
        .await
        .expect("a link");
}

#[tokio::test]
async fn read_receipts_and_stored_files() {
    let f = start().await;
    let received = Wamid::parse("wamid.SANDBOX.TEST").expect("a wamid");
    f.client
        .mark_read(&phone(), &received, true)
        .await
        .expect("marked read with the typing indicator");
    f.client
        .mark_read(&phone(), &received, false)
        .await
        .expect("marked read");

    let stored = f
        .fake
        .store_media(
            MediaKind::Audio,
            b"OggS....OpusHead....".to_vec(),
            "audio/ogg; codecs=opus",
        )
        .expect("a voice note");
    assert_eq!(stored.mime_type, "audio/ogg");
    let id = MediaId::parse(&stored.id).expect("a media id");
    let file = f
        .client
        .download_media(&id, MB)
        .await
        .expect("downloadable");
    assert_eq!(file.sha256, stored.sha256);
    assert!(
        f.fake
            .store_media(MediaKind::Image, b"GIF89a".to_vec(), "image/gif")
            .is_err()
    );

    // A wrong token is refused everywhere.
    let stranger = client_for(&f.fake, "not-the-token");
    let err = stranger.media_info(&id).await.expect_err("a wrong token");
    assert_eq!((err.code, err.kind), (Some(190), ErrorKind::Auth));
}
