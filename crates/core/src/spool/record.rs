//! The spool's on-disk format (little-endian throughout).
//!
//! A segment is a file of a fixed size, zero-filled when created, then reused:
//!
//! ```text
//! header (64 bytes): "SHOPSPL1" | version u32 | 0u32 | start seq u64 | crc32 of the 24 bytes before | zeros
//! record:            body length u32 | crc32 of what follows | seq u64 | received (unix ms) i64 | body
//! ```
//!
//! Records follow the header back to back, their sequence numbers consecutive from the header's
//! start seq. The first place that is not such a record (zeros, a torn write, a record of the
//! segment's earlier life with an older seq) ends the segment.

/// Bytes before the first record of a segment.
pub const SEGMENT_HEADER: u64 = 64;
/// Bytes before a record's body.
pub const RECORD_HEADER: usize = 24;

const MAGIC: &[u8; 8] = b"SHOPSPL1";
const VERSION: u32 = 1;

/// One record read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub seq: u64,
    pub received_ms: i64,
    pub body: Vec<u8>,
}

/// A segment header for records starting at `start_seq`.
pub fn encode_header(start_seq: u64) -> [u8; SEGMENT_HEADER as usize] {
    let mut h = [0u8; SEGMENT_HEADER as usize];
    h[0..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[16..24].copy_from_slice(&start_seq.to_le_bytes());
    let crc = crc32fast::hash(&h[0..24]);
    h[24..28].copy_from_slice(&crc.to_le_bytes());
    h
}

/// The start seq in a segment header, or `None` if it is not one (a torn or foreign file).
pub fn decode_header(h: &[u8]) -> Option<u64> {
    if h.len() < 28 || &h[0..8] != MAGIC || u32_at(h, 8) != VERSION {
        return None;
    }
    (crc32fast::hash(&h[0..24]) == u32_at(h, 24)).then(|| u64_at(h, 16))
}

/// The bytes a record with a body of `body_len` bytes takes.
pub fn record_len(body_len: usize) -> u64 {
    (RECORD_HEADER + body_len) as u64
}

/// Appends a record to `out`.
pub fn encode_record(out: &mut Vec<u8>, seq: u64, received_ms: i64, body: &[u8]) {
    let len = u32::try_from(body.len()).expect("a spool record's body fits in u32");
    let mut crc = crc32fast::Hasher::new();
    crc.update(&seq.to_le_bytes());
    crc.update(&received_ms.to_le_bytes());
    crc.update(body);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(&received_ms.to_le_bytes());
    out.extend_from_slice(body);
}

/// A record header read back: the body's length and what the body must check against.
#[derive(Debug, Clone, Copy)]
pub struct RecordHeader {
    pub body_len: usize,
    crc: u32,
    pub seq: u64,
    pub received_ms: i64,
}

/// Reads a record header; `None` for zeros (never a record: bodies are never empty).
pub fn decode_record_header(h: &[u8]) -> Option<RecordHeader> {
    let body_len = u32_at(h, 0) as usize;
    (body_len > 0).then(|| RecordHeader {
        body_len,
        crc: u32_at(h, 4),
        seq: u64_at(h, 8),
        received_ms: u64_at(h, 16) as i64,
    })
}

impl RecordHeader {
    /// Whether `body` is the body this header was written with.
    pub fn matches(&self, body: &[u8]) -> bool {
        let mut crc = crc32fast::Hasher::new();
        crc.update(&self.seq.to_le_bytes());
        crc.update(&self.received_ms.to_le_bytes());
        crc.update(body);
        body.len() == self.body_len && crc.finalize() == self.crc
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_round_trips_and_a_damaged_one_is_refused() {
        let h = encode_header(42);
        assert_eq!(decode_header(&h), Some(42));
        for i in 0..28 {
            let mut bad = h;
            bad[i] ^= 0x10;
            assert_eq!(decode_header(&bad), None, "byte {i} flipped");
        }
        assert_eq!(decode_header(&[0u8; 64]), None);
    }

    #[test]
    fn a_record_round_trips_and_any_flipped_bit_is_caught() {
        let mut buf = Vec::new();
        encode_record(&mut buf, 7, 1_700_000_000_123, b"{\"object\":1}");
        assert_eq!(buf.len() as u64, record_len(12));
        let h = decode_record_header(&buf[..RECORD_HEADER]).expect("header");
        assert_eq!(
            (h.seq, h.received_ms, h.body_len),
            (7, 1_700_000_000_123, 12)
        );
        assert!(h.matches(&buf[RECORD_HEADER..]));
        for i in 4..buf.len() {
            let mut bad = buf.clone();
            bad[i] ^= 0x01;
            let ok = decode_record_header(&bad[..RECORD_HEADER])
                .is_some_and(|h| h.matches(&bad[RECORD_HEADER..]));
            assert!(!ok, "byte {i} flipped went unnoticed");
        }
    }

    #[test]
    fn zeros_are_no_record() {
        assert!(decode_record_header(&[0u8; RECORD_HEADER]).is_none());
    }
}
