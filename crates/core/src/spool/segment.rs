//! Segment files: creating them (zero-filled, so that appending never changes the file's size
//! and one `fdatasync` flushes just the data), reading records back, and scanning after a crash.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::record::{self, RECORD_HEADER, Record, SEGMENT_HEADER};

const EXTENSION: &str = "seg";
const OPEN: u64 = u64::MAX;

/// A segment in the chain the mover follows.
#[derive(Debug)]
pub struct SegmentMeta {
    pub id: u64,
    pub path: PathBuf,
    /// The seq of its first record.
    pub start_seq: u64,
    /// The seq of its last record once the appender has moved on (`OPEN` until then).
    last_seq: AtomicU64,
}

impl SegmentMeta {
    pub fn new(id: u64, path: PathBuf, start_seq: u64) -> Self {
        Self {
            id,
            path,
            start_seq,
            last_seq: AtomicU64::new(OPEN),
        }
    }

    /// Its last record's seq, if the appender has moved on (`start_seq - 1`: none).
    pub fn sealed_last(&self) -> Option<u64> {
        match self.last_seq.load(Ordering::Acquire) {
            OPEN => None,
            last => Some(last),
        }
    }

    /// Ends it after `last_seq` (or earlier, if it was already ended earlier: a failed flush
    /// can cut a segment short, never lengthen one).
    pub fn seal(&self, last_seq: u64) {
        self.last_seq.fetch_min(last_seq, Ordering::AcqRel);
    }
}

/// The file name of segment `id`.
pub fn path_of(dir: &Path, id: u64) -> PathBuf {
    dir.join(format!("{id:010}.{EXTENSION}"))
}

/// The segment ids in `dir` (files that are not segments are left alone; half-created ones are
/// removed).
pub fn list(dir: &Path) -> io::Result<Vec<u64>> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".tmp") {
            let _ = std::fs::remove_file(&path);
            continue;
        }
        if let Some(id) = name
            .strip_suffix(&format!(".{EXTENSION}"))
            .and_then(|s| s.parse::<u64>().ok())
        {
            ids.push(id);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// Zeros written between two flushes while a segment is made (see [`create`]).
const ZERO_CHUNK: usize = 256 << 10;

/// Creates segment `id`: zero-filled to `size` bytes and on disk (file and directory entry)
/// before it is returned. Written aside and renamed, so a crash never leaves half a segment.
///
/// The zeros go out a chunk at a time, each flushed before the next is written. A flush waits
/// for everything the disk has been given and not yet stored, whoever wrote it: megabytes of
/// zeros sent at once would hold up the spool's next `fdatasync`, and with it every webhook
/// waiting for its 200, for tens of milliseconds (up to 95 ms measured here, against 5-8 ms with
/// chunks; see the README's inbound section).
pub fn create(dir: &Path, id: u64, size: u64) -> io::Result<PathBuf> {
    let path = path_of(dir, id);
    let partial = path.with_extension(format!("{EXTENSION}.tmp"));
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&partial)?;
    let zeros = vec![0u8; ZERO_CHUNK];
    let mut left = size;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        file.sync_data()?;
        left -= n as u64;
    }
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, &path)?;
    sync_dir(dir)?;
    Ok(path)
}

/// Makes a directory's entries (a created, renamed or removed file) durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The start seq in a segment's header, `None` when it has none (never used, or torn).
pub fn read_header(path: &Path) -> io::Result<Option<u64>> {
    let mut h = [0u8; SEGMENT_HEADER as usize];
    let mut file = File::open(path)?;
    match file.read_exact(&mut h) {
        Ok(()) => Ok(record::decode_header(&h)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads records from one segment, through a window so that small records cost no system call.
pub struct SegmentReader {
    file: File,
    size: u64,
    window: Vec<u8>,
    /// The file offset of `window[0]`.
    window_at: u64,
}

const WINDOW: usize = 1 << 20;

impl SegmentReader {
    pub fn open(path: &Path) -> io::Result<Self> {
        let file = File::open(path)?;
        let size = file.metadata()?.len();
        Ok(Self {
            file,
            size,
            window: Vec::new(),
            window_at: 0,
        })
    }

    /// The bytes `[at, at + len)`, or `None` past the end of the file. From the window when it
    /// holds them, unless `fresh`: the file may have been written since the window was read.
    fn bytes(&mut self, at: u64, len: usize, fresh: bool) -> io::Result<Option<&[u8]>> {
        if at + len as u64 > self.size {
            return Ok(None);
        }
        let inside =
            at >= self.window_at && at + len as u64 <= self.window_at + self.window.len() as u64;
        if fresh || !inside {
            let want = (len.max(WINDOW) as u64).min(self.size - at) as usize;
            self.window.resize(want, 0);
            self.file.seek(SeekFrom::Start(at))?;
            self.file.read_exact(&mut self.window)?;
            self.window_at = at;
        }
        let from = (at - self.window_at) as usize;
        Ok(Some(&self.window[from..from + len]))
    }

    /// The record at `at` if there is a valid one with seq `expected`, and where the next one
    /// starts. What is not such a record in the window is read again from the file before the
    /// answer is no: the appender may have written it after the window was read.
    pub fn record_at(&mut self, at: u64, expected: u64) -> io::Result<Option<(Record, u64)>> {
        match self.record_in(at, expected, false)? {
            Some(found) => Ok(Some(found)),
            None => self.record_in(at, expected, true),
        }
    }

    fn record_in(
        &mut self,
        at: u64,
        expected: u64,
        fresh: bool,
    ) -> io::Result<Option<(Record, u64)>> {
        let Some(h) = self
            .bytes(at, RECORD_HEADER, fresh)?
            .and_then(record::decode_record_header)
        else {
            return Ok(None);
        };
        if h.seq != expected {
            return Ok(None);
        }
        let body_at = at + RECORD_HEADER as u64;
        let Some(body) = self.bytes(body_at, h.body_len, false)? else {
            return Ok(None);
        };
        if !h.matches(body) {
            return Ok(None);
        }
        let record = Record {
            seq: h.seq,
            received_ms: h.received_ms,
            body: body.to_vec(),
        };
        Ok(Some((record, body_at + h.body_len as u64)))
    }

    /// Where a segment starting at `start_seq` ends: the seq of its last valid record
    /// (`start_seq - 1` when it has none) and the offset after it. Reads the whole segment.
    pub fn scan(&mut self, start_seq: u64) -> io::Result<(u64, u64)> {
        let (mut at, mut seq) = (SEGMENT_HEADER, start_seq);
        while let Some((_, next)) = self.record_at(at, seq)? {
            at = next;
            seq += 1;
        }
        Ok((seq - 1, at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_at(path: &Path, at: u64, bytes: &[u8]) {
        let mut f = OpenOptions::new().write(true).open(path).expect("open");
        f.seek(SeekFrom::Start(at)).expect("seek");
        f.write_all(bytes).expect("write");
    }

    #[test]
    fn a_new_segment_is_zeroed_has_no_header_and_no_record() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = create(dir.path(), 3, 4096).expect("create");
        assert_eq!(path.metadata().expect("meta").len(), 4096);
        assert_eq!(read_header(&path).expect("header"), None);
        assert_eq!(list(dir.path()).expect("list"), vec![3]);
        let mut r = SegmentReader::open(&path).expect("reader");
        assert_eq!(r.scan(1).expect("scan"), (0, SEGMENT_HEADER));
    }

    #[test]
    fn a_segment_of_several_chunks_and_a_part_is_all_zeros_and_exactly_its_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let size = 2 * ZERO_CHUNK as u64 + 100;
        let path = create(dir.path(), 4, size).expect("create");
        let bytes = std::fs::read(&path).expect("read");
        assert_eq!(bytes.len() as u64, size);
        assert!(bytes.iter().all(|b| *b == 0));
        // Only the finished segment is left: the partial file was renamed.
        assert_eq!(list(dir.path()).expect("list"), vec![4]);
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn a_scan_stops_at_a_torn_record_a_stale_seq_or_the_end_of_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = create(dir.path(), 1, 400).expect("create");
        let mut buf = Vec::new();
        for seq in 10..14 {
            record::encode_record(&mut buf, seq, 5, b"0123456789");
        }
        write_at(&path, 0, &record::encode_header(10));
        write_at(&path, SEGMENT_HEADER, &buf);
        let rec = record::record_len(10);
        let mut r = SegmentReader::open(&path).expect("reader");
        assert_eq!(r.scan(10).expect("scan"), (13, SEGMENT_HEADER + 4 * rec));

        // The third record torn: the segment ends after the second, whatever follows.
        write_at(&path, SEGMENT_HEADER + 2 * rec + 30, b"X");
        let mut r = SegmentReader::open(&path).expect("reader");
        assert_eq!(r.scan(10).expect("scan"), (11, SEGMENT_HEADER + 2 * rec));

        // A record from an earlier life of the segment (an older seq) is no continuation.
        let mut r = SegmentReader::open(&path).expect("reader");
        assert_eq!(r.scan(20).expect("scan"), (19, SEGMENT_HEADER));

        // A record running past the end of the file is none.
        let small = create(dir.path(), 2, SEGMENT_HEADER + rec - 1).expect("create");
        write_at(&small, SEGMENT_HEADER, &buf[..rec as usize - 1]);
        let mut r = SegmentReader::open(&small).expect("reader");
        assert_eq!(r.scan(10).expect("scan"), (9, SEGMENT_HEADER));
    }

    #[test]
    fn a_record_written_after_the_reader_looked_is_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = create(dir.path(), 1, 4096).expect("create");
        let mut r = SegmentReader::open(&path).expect("reader");
        // The reader's window now holds zeros where the record will be.
        assert!(r.record_at(SEGMENT_HEADER, 1).expect("read").is_none());
        let mut buf = Vec::new();
        record::encode_record(&mut buf, 1, 0, b"late");
        write_at(&path, SEGMENT_HEADER, &buf);
        let (record, _) = r
            .record_at(SEGMENT_HEADER, 1)
            .expect("read")
            .expect("found");
        assert_eq!(record.body, b"late");
    }

    #[test]
    fn records_larger_than_the_window_are_read_whole() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = vec![b'x'; WINDOW + 100];
        let mut buf = Vec::new();
        record::encode_record(&mut buf, 1, 0, b"small");
        record::encode_record(&mut buf, 2, 0, &big);
        let path = create(dir.path(), 1, SEGMENT_HEADER + buf.len() as u64 + 64).expect("create");
        write_at(&path, SEGMENT_HEADER, &buf);
        let mut r = SegmentReader::open(&path).expect("reader");
        let (first, next) = r
            .record_at(SEGMENT_HEADER, 1)
            .expect("read")
            .expect("first");
        assert_eq!(first.body, b"small");
        let (second, _) = r.record_at(next, 2).expect("read").expect("second");
        assert_eq!(second.body, big);
    }
}
