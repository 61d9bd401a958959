//! Flushing: what the appender threads have written, made durable and answered.
//!
//! A flush (`fdatasync`) that starts once seq `s` is written covers every record up to `s`,
//! whichever of the flushes in flight finishes first; so the durable seq only moves forward, and
//! each request is answered when a flush covering it has returned. If a flush fails, nothing
//! written since the last durable seq can be trusted (the kernel may have dropped those pages):
//! those requests are refused, the segments holding them end at the durable seq, and the next
//! batch starts a new segment.

use std::collections::VecDeque;
use std::fs::File;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::mpsc;
use tracing::error;

use super::segment::SegmentMeta;
use super::{Shared, SpoolError};

pub(super) type Reply = tokio::sync::oneshot::Sender<Result<u64, SpoolError>>;
type Answer = (Reply, Result<u64, SpoolError>);

/// Who tells the requests their answers. Waking a task from a plain thread costs a system call
/// and a trip through the runtime's shared queue, for each request; handing the answers of a
/// flush to one task on the runtime ([`complete`]) costs that once, and that task wakes the
/// requests from inside the runtime.
pub(super) type Answers = mpsc::UnboundedSender<Vec<Answer>>;

/// Answers each request of each flush.
pub(super) async fn complete(mut flushes: mpsc::UnboundedReceiver<Vec<Answer>>) {
    while let Some(answers) = flushes.recv().await {
        for (reply, result) in answers {
            let _ = reply.send(result);
        }
    }
}

/// A segment with records not known to be on disk yet.
struct Unflushed {
    file: Arc<File>,
    meta: Arc<SegmentMeta>,
    /// Its last record's seq.
    last: u64,
}

struct State {
    /// The last seq written into the page cache.
    written: u64,
    /// The last seq on disk (or burnt by a failed write: never used again).
    durable: u64,
    /// After a failed flush, records up to here are lost: a flush that was in flight when it
    /// failed does not make them durable.
    lost_upto: u64,
    /// A flush failed: the appender must leave its segment.
    abandon: bool,
    files: Vec<Unflushed>,
    /// Requests waiting for their flush, in seq order.
    waiting: VecDeque<(u64, Reply)>,
}

pub(super) struct Flush {
    shared: Arc<Shared>,
    answers: Option<Answers>,
    state: Mutex<State>,
}

/// A flush to do: the files with records not known durable, and the seq it will cover.
pub(super) struct ToFlush {
    target: u64,
    files: Vec<Arc<File>>,
}

/// What the appender wrote in a batch: the segments (with the last seq written in each) and the
/// requests with their seqs.
pub(super) struct Written {
    pub segments: Vec<(Arc<File>, Arc<SegmentMeta>, u64)>,
    pub replies: Vec<(u64, Reply)>,
}

impl Flush {
    pub fn new(shared: Arc<Shared>, answers: Option<Answers>, durable: u64) -> Arc<Self> {
        Arc::new(Self {
            shared,
            answers,
            state: Mutex::new(State {
                written: durable,
                durable,
                lost_upto: 0,
                abandon: false,
                files: Vec::new(),
                waiting: VecDeque::new(),
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// If a flush has failed since the last call, the durable seq: the appender must end its
    /// segments there and start a new one.
    pub fn take_abandon(&self) -> Option<u64> {
        let mut state = self.lock();
        std::mem::take(&mut state.abandon).then_some(state.durable)
    }

    /// Records a written batch; returns the flush that makes it durable (to do once the writing
    /// is handed on). `Err(durable)` if a flush failed meanwhile: the batch is refused (its
    /// segments may be cut short) and the appender must leave its segment.
    pub fn written(&self, batch: Written) -> Result<ToFlush, u64> {
        let mut state = self.lock();
        if std::mem::take(&mut state.abandon) {
            let durable = state.durable;
            drop(state);
            let lost = Arc::new(std::io::Error::other(
                "an earlier flush of the spool failed",
            ));
            self.answer(
                batch
                    .replies
                    .into_iter()
                    .map(|(_, reply)| (reply, Err(SpoolError::Write(lost.clone()))))
                    .collect(),
            );
            return Err(durable);
        }
        for (file, meta, last) in batch.segments {
            match state.files.iter_mut().find(|u| u.meta.id == meta.id) {
                Some(u) => u.last = u.last.max(last),
                None => state.files.push(Unflushed { file, meta, last }),
            }
            state.written = state.written.max(last);
        }
        state.waiting.extend(batch.replies);
        let durable = state.durable;
        let files = state
            .files
            .iter()
            .filter(|u| u.last > durable)
            .map(|u| u.file.clone())
            .collect();
        Ok(ToFlush {
            target: state.written,
            files,
        })
    }

    /// Flushes, then answers every request it made durable.
    pub fn flush(&self, to: ToFlush) {
        let flushed = self
            .shared
            .check_fault()
            .and_then(|()| to.files.iter().try_for_each(|f| f.sync_data()));
        let answers = self.finish(to.target, flushed);
        self.answer(answers);
    }

    /// Records how a flush covering up to `target` ended; returns the answers it settles.
    fn finish(&self, target: u64, flushed: std::io::Result<()>) -> Vec<Answer> {
        let mut state = self.lock();
        let mut answers = Vec::new();
        match flushed {
            Ok(()) if target > state.durable && target > state.lost_upto => {
                state.durable = target;
                self.shared.durable.send_replace(target);
                while let Some((seq, _)) = state.waiting.front()
                    && *seq <= target
                {
                    let (seq, reply) = state.waiting.pop_front().expect("a front");
                    answers.push((reply, Ok(seq)));
                }
                state.files.retain(|u| u.last > target);
            }
            // Overtaken by a later flush, or covering records already lost.
            Ok(()) => {}
            Err(e) => {
                let waiting = state.waiting.len();
                error!(error = %e, requests = waiting, "could not flush the spool");
                let durable = state.durable;
                for u in &state.files {
                    u.meta.seal(durable.max(u.meta.start_seq - 1));
                }
                state.files.clear();
                state.lost_upto = state.written;
                state.abandon = true;
                let e = Arc::new(e);
                answers.extend(
                    state
                        .waiting
                        .drain(..)
                        .map(|(_, reply)| (reply, Err(SpoolError::Write(e.clone())))),
                );
            }
        }
        answers
    }

    pub fn answer(&self, answers: Vec<Answer>) {
        if answers.is_empty() {
            return;
        }
        let answers = match &self.answers {
            Some(to) => match to.send(answers) {
                Ok(()) => return,
                // The runtime is gone: answer from here.
                Err(mpsc::error::SendError(answers)) => answers,
            },
            None => answers,
        };
        for (reply, result) in answers {
            let _ = reply.send(result);
        }
    }
}
