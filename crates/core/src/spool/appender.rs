//! The appender: [`THREADS`] thread(s) taking turns at the channel. The one whose turn it is takes
//! every request waiting, writes their records into the active segment in one write, hands the
//! turn on, and only then flushes, so that with more than one thread the next batch is written
//! while this one's `fdatasync` is in flight (see [`flusher`](super::flusher) for why overlapping
//! flushes are safe, and [`THREADS`] for why there is one). Requests are answered once a flush
//! covering their record has returned.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use tokio::sync::mpsc;
use tracing::error;

use super::flusher::{Flush, Reply, ToFlush, Written};
use super::record::{self, SEGMENT_HEADER};
use super::segment::SegmentMeta;
use super::{Shared, SpoolError};

/// Threads taking turns. One: two overlapping flushes measured no faster here, and they would
/// share a file descriptor, on which Linux reports a failed writeback to one `fdatasync` only,
/// so the other could acknowledge records that never reached the disk. More threads need a
/// descriptor of their own for each segment.
pub const THREADS: usize = 1;

/// Requests written at once at the most.
const MAX_BATCH: usize = 4096;
/// Bytes written at once at the most (more are left for the next batch).
const MAX_BATCH_BYTES: usize = 8 << 20;

pub(super) struct Append {
    pub body: Bytes,
    pub received_ms: i64,
    pub reply: Reply,
}

pub(super) enum Msg {
    Append(Append),
    /// Write what came before, then stop.
    Stop,
}

struct Active {
    file: Arc<File>,
    meta: Arc<SegmentMeta>,
    /// Where the next record goes.
    offset: u64,
}

/// The threads' shared turn: the channel and everything about writing.
pub(super) struct Appender {
    turn: Mutex<Turn>,
    flush: Arc<Flush>,
}

struct Turn {
    rx: mpsc::Receiver<Msg>,
    stopping: bool,
    writer: Writer,
}

struct Writer {
    shared: Arc<Shared>,
    active: Option<Active>,
    next_seq: u64,
    buf: Vec<u8>,
    /// Segments written in this batch, with the last seq written in each.
    touched: Vec<(Arc<File>, Arc<SegmentMeta>, u64)>,
}

impl Appender {
    pub fn new(
        shared: Arc<Shared>,
        flush: Arc<Flush>,
        rx: mpsc::Receiver<Msg>,
        next_seq: u64,
    ) -> Arc<Self> {
        Arc::new(Self {
            turn: Mutex::new(Turn {
                rx,
                stopping: false,
                writer: Writer {
                    shared,
                    active: None,
                    next_seq,
                    buf: Vec::with_capacity(1 << 20),
                    touched: Vec::new(),
                },
            }),
            flush,
        })
    }

    /// One of the threads: until the channel closes or says stop.
    pub fn run(&self) {
        let mut batch: Vec<Append> = Vec::with_capacity(64);
        loop {
            let to_flush = {
                let mut turn = self.turn.lock().unwrap_or_else(|e| e.into_inner());
                if turn.stopping {
                    return;
                }
                turn.receive(&mut batch);
                if batch.is_empty() {
                    turn.stopping = true;
                }
                let to_flush = turn.writer.append(&self.flush, &mut batch);
                if turn.stopping
                    && let Some(active) = turn.writer.active.take()
                {
                    active.meta.seal(turn.writer.next_seq - 1);
                }
                to_flush
            };
            if let Some(to) = to_flush {
                self.flush.flush(to);
            }
        }
    }
}

impl Turn {
    /// Waits for requests and takes all that are waiting; sets `stopping` when told to stop
    /// (or the channel is closed), after the requests sent before.
    fn receive(&mut self, batch: &mut Vec<Append>) {
        match self.rx.blocking_recv() {
            Some(Msg::Append(a)) => batch.push(a),
            Some(Msg::Stop) | None => {
                self.stopping = true;
                return;
            }
        }
        let mut bytes = batch[0].body.len();
        while batch.len() < MAX_BATCH && bytes < MAX_BATCH_BYTES {
            match self.rx.try_recv() {
                Ok(Msg::Append(a)) => {
                    bytes += a.body.len();
                    batch.push(a);
                }
                Ok(Msg::Stop) => {
                    self.stopping = true;
                    break;
                }
                Err(_) => break,
            }
        }
    }
}

impl Writer {
    /// Writes `batch` into the page cache; returns the flush that makes it durable.
    fn append(&mut self, flush: &Flush, batch: &mut Vec<Append>) -> Option<ToFlush> {
        if batch.is_empty() {
            return None;
        }
        if let Some(durable) = flush.take_abandon() {
            self.leave_segment(durable);
        }
        let first = self.next_seq;
        // Taken for good, even if the write fails: a seq is never written twice.
        self.next_seq += batch.len() as u64;
        if let Err(e) = self.write(batch, first) {
            error!(error = %e, requests = batch.len(), "could not write to the spool");
            // What came before this batch may still be flushed; this batch is not.
            self.leave_segment(first - 1);
            let e = Arc::new(e);
            flush.answer(
                batch
                    .drain(..)
                    .map(|a| (a.reply, Err(SpoolError::Write(e.clone()))))
                    .collect(),
            );
            return None;
        }
        let written = Written {
            segments: std::mem::take(&mut self.touched),
            replies: batch
                .drain(..)
                .enumerate()
                .map(|(i, a)| (first + i as u64, a.reply))
                .collect(),
        };
        let touched: Vec<Arc<SegmentMeta>> = written
            .segments
            .iter()
            .map(|(_, meta, _)| meta.clone())
            .collect();
        match flush.written(written) {
            Ok(to) => Some(to),
            Err(durable) => {
                for meta in touched {
                    meta.seal(durable.max(meta.start_seq - 1));
                }
                self.active = None;
                None
            }
        }
    }

    fn write(&mut self, batch: &[Append], first: u64) -> io::Result<()> {
        self.touched.clear();
        self.buf.clear();
        for (i, a) in batch.iter().enumerate() {
            let seq = first + i as u64;
            let len = record::record_len(a.body.len());
            let fits = self.active.as_ref().is_some_and(|active| {
                active.offset + self.buf.len() as u64 + len <= self.shared.segment_bytes
            });
            if !fits {
                self.flush_buf(seq - 1)?;
                self.rotate(seq)?;
            }
            record::encode_record(&mut self.buf, seq, a.received_ms, &a.body);
        }
        self.flush_buf(first + batch.len() as u64 - 1)
    }

    /// Writes the records gathered so far (the last one `last`) at the end of the active segment.
    fn flush_buf(&mut self, last: u64) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let active = self
            .active
            .as_mut()
            .ok_or_else(|| io::Error::other("spool records without a segment"))?;
        (&*active.file).seek(SeekFrom::Start(active.offset))?;
        (&*active.file).write_all(&self.buf)?;
        active.offset += self.buf.len() as u64;
        self.buf.clear();
        self.touched
            .push((active.file.clone(), active.meta.clone(), last));
        Ok(())
    }

    /// Seals the active segment after the record before `start_seq` and starts a free one with
    /// `start_seq`. Its header is flushed with the batch's records.
    fn rotate(&mut self, start_seq: u64) -> io::Result<()> {
        if let Some(old) = self.active.take() {
            old.meta.seal(start_seq - 1);
        }
        let (id, path) = self.shared.pool.take()?;
        let opened = OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut file| {
                file.write_all(&record::encode_header(start_seq))?;
                Ok(file)
            });
        let file = match opened {
            Ok(file) => file,
            Err(e) => {
                self.shared.pool.give_back(id, path);
                return Err(e);
            }
        };
        let meta = Arc::new(SegmentMeta::new(id, path, start_seq));
        self.shared.push_segment(meta.clone());
        // A segment with its header and no record yet still needs flushing with the batch.
        let file = Arc::new(file);
        self.touched
            .push((file.clone(), meta.clone(), start_seq - 1));
        self.active = Some(Active {
            file,
            meta,
            offset: SEGMENT_HEADER,
        });
        Ok(())
    }

    /// Ends the segments written since `durable` there (the records after it are lost), and
    /// starts the next batch in a new segment.
    fn leave_segment(&mut self, durable: u64) {
        for (_, meta, _) in self.touched.drain(..) {
            meta.seal(durable.max(meta.start_seq - 1));
        }
        if let Some(active) = self.active.take() {
            active.meta.seal(durable.max(active.meta.start_seq - 1));
        }
    }
}
