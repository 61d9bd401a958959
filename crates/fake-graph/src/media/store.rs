//! The fake's files, in memory: at most [`MEMORY_CAP`] bytes in all, the oldest going first
//! when a new one needs the room. The sample photo is always there.

use std::collections::{HashMap, VecDeque};
use std::time::Instant;

use axum::body::Bytes;
use sha2::{Digest, Sha256};

use crate::ids::new_object_id;

/// The most file bytes the fake holds at once.
pub(crate) const MEMORY_CAP: u64 = 256 << 20;
/// The id of the sample photo the fake always holds (what seeded customers send).
pub const SAMPLE_MEDIA_ID: &str = "990000000000001";
/// The sample photo: a 16×16 PNG of a blue dot on cream.
pub const SAMPLE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x91, 0x68,
    0x36, 0x00, 0x00, 0x00, 0x37, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xf8, 0xfa, 0xfa, 0x3a,
    0x49, 0x88, 0x81, 0x0a, 0x1a, 0x34, 0xa2, 0x4e, 0xc0, 0x11, 0x01, 0x0d, 0xc8, 0x4a, 0x71, 0x69,
    0x63, 0x20, 0xa8, 0x1a, 0x4d, 0x0f, 0xb9, 0x1a, 0xf0, 0xab, 0x46, 0xd6, 0x33, 0x78, 0x35, 0xd0,
    0x3e, 0x94, 0xc8, 0x89, 0x38, 0x72, 0x92, 0x06, 0x4d, 0x52, 0x2b, 0x00, 0xb0, 0x6d, 0x17, 0x6f,
    0x29, 0xef, 0xc7, 0xdc, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A file the fake holds, as [`FakeGraph::store_media`](crate::FakeGraph::store_media)
/// describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMedia {
    /// The media id (`GET /{id}` describes it; a message can send it by id).
    pub id: String,
    /// The MIME type without parameters, as declared to Meta.
    pub mime_type: String,
    /// The file's SHA-256, lowercase hex.
    pub sha256: String,
    pub file_size: u64,
}

impl StoredMedia {
    /// The SHA-256 in base64, as webhooks carry it.
    pub fn sha256_base64(&self) -> String {
        let digest = hex::decode(&self.sha256).unwrap_or_default();
        crate::payloads::base64(&digest)
    }
}

/// A file and what the fake tells of it.
pub(crate) struct Blob {
    pub(crate) bytes: Bytes,
    pub(crate) info: StoredMedia,
    /// Download tokens handed out, with when each stops working.
    pub(crate) tokens: Vec<(String, Instant)>,
    /// Never evicted to make room (the sample photo).
    pinned: bool,
}

/// The files, oldest first.
pub(crate) struct MediaStore {
    pub(crate) blobs: HashMap<String, Blob>,
    order: VecDeque<String>,
    held: u64,
    /// The most bytes held at once ([`MEMORY_CAP`]).
    cap: u64,
}

impl MediaStore {
    /// A store of at most `cap` bytes, holding only the sample photo.
    pub(crate) fn with_sample(cap: u64) -> Self {
        let mut store = Self {
            blobs: HashMap::new(),
            order: VecDeque::new(),
            held: 0,
            cap,
        };
        store.insert(
            SAMPLE_MEDIA_ID.to_owned(),
            Bytes::from_static(SAMPLE_PNG),
            "image/png",
            true,
        );
        store
    }

    /// Keeps `bytes` under a new id, evicting the oldest files as needed.
    pub(crate) fn add(&mut self, bytes: Bytes, mime: &str) -> StoredMedia {
        let size = bytes.len() as u64;
        while self.held + size > self.cap {
            let Some(oldest) = self.order.iter().position(|id| !self.blobs[id].pinned) else {
                break;
            };
            if let Some(id) = self.order.remove(oldest) {
                self.remove(&id);
            }
        }
        let id = loop {
            let id = new_object_id().to_string();
            if !self.blobs.contains_key(&id) {
                break id;
            }
        };
        self.insert(id, bytes, mime, false)
    }

    fn insert(&mut self, id: String, bytes: Bytes, mime: &str, pinned: bool) -> StoredMedia {
        let info = StoredMedia {
            id: id.clone(),
            mime_type: mime.to_owned(),
            sha256: hex::encode(Sha256::digest(&bytes)),
            file_size: bytes.len() as u64,
        };
        self.held += info.file_size;
        self.order.push_back(id.clone());
        self.blobs.insert(
            id,
            Blob {
                bytes,
                info: info.clone(),
                tokens: Vec::new(),
                pinned,
            },
        );
        info
    }

    pub(crate) fn remove(&mut self, id: &str) -> bool {
        let Some(blob) = self.blobs.remove(id) else {
            return false;
        };
        self.held -= blob.info.file_size;
        self.order.retain(|o| o != id);
        true
    }

    /// The file `id`, if the fake holds it.
    /// The bytes of file `id` and its MIME type, if held.
    pub(crate) fn file(&self, id: &str) -> Option<(Vec<u8>, String)> {
        let blob = self.blobs.get(id)?;
        Some((blob.bytes.to_vec(), blob.info.mime_type.clone()))
    }

    pub(crate) fn get(&self, id: &str) -> Option<&StoredMedia> {
        self.blobs.get(id).map(|b| &b.info)
    }

    /// Bytes held now.
    #[cfg(test)]
    fn held(&self) -> u64 {
        self.held
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wacloud::MediaKind;
    use wacloud::media::check_media_file;

    #[test]
    fn the_oldest_files_make_room() {
        let cap = 4096;
        let mut store = MediaStore::with_sample(cap);
        let sample = store.held();
        let chunk = (cap / 4) as usize;
        let ids: Vec<String> = (0..4)
            .map(|_| {
                store
                    .add(Bytes::from(vec![0u8; chunk]), "application/pdf")
                    .id
            })
            .collect();
        // The sample and three chunks fit; the fourth pushed the first chunk out.
        assert!(store.get(&ids[0]).is_none());
        assert!(ids[1..].iter().all(|id| store.get(id).is_some()));
        assert!(store.get(SAMPLE_MEDIA_ID).is_some(), "the sample is pinned");
        assert_eq!(store.held(), sample + 3 * chunk as u64);
        assert!(store.held() <= cap);
        assert!(store.remove(&ids[1]));
        assert!(!store.remove(&ids[1]));
        assert_eq!(store.held(), sample + 2 * chunk as u64);
    }

    #[test]
    fn the_sample_is_a_png_with_its_digest() {
        let store = MediaStore::with_sample(MEMORY_CAP);
        let sample = store.get(SAMPLE_MEDIA_ID).unwrap();
        assert_eq!(sample.mime_type, "image/png");
        assert!(SAMPLE_PNG.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(SAMPLE_PNG.ends_with(b"IEND\xae\x42\x60\x82"));
        assert_eq!(sample.sha256, hex::encode(Sha256::digest(SAMPLE_PNG)));
        assert!(check_media_file(MediaKind::Image, "image/png", SAMPLE_PNG).is_ok());
    }
}
