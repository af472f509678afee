//! Running a function over documents on several threads, with the results handed on in input
//! order and memory bounded: the engine under `extract`, `clean` and `ingest`.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use quotetrace_ingest::{Documents, ReadError};
use quotetrace_model::Document;

/// Runs `process` over `docs` on `jobs` threads (the calling thread when `jobs` is 1) and
/// hands the results to `sink` in input order. Memory stays bounded: a reader feeds numbered
/// documents to workers over a bounded channel and a small buffer restores the order.
pub fn for_each_ordered<T, F, S>(docs: Documents, jobs: usize, process: &F, sink: S) -> Result<()>
where
    T: Send,
    F: Fn(Result<Document, ReadError>) -> T + Sync,
    S: FnMut(T) -> Result<()>,
{
    for_each_ordered_buffered(docs, jobs, jobs * 4, process, sink)
}

/// [`for_each_ordered`] with up to `buffer` processed documents waiting for the sink, so
/// that the workers keep going while the sink does a long piece of work (a store batch).
/// `docs` is any source of work items (documents to read, or documents already extracted).
pub fn for_each_ordered_buffered<I, T, F, S>(
    docs: I,
    jobs: usize,
    buffer: usize,
    process: &F,
    mut sink: S,
) -> Result<()>
where
    I: Iterator + Send,
    I::Item: Send,
    T: Send,
    F: Fn(I::Item) -> T + Sync,
    S: FnMut(T) -> Result<()>,
{
    if jobs <= 1 {
        for item in docs {
            sink(process(item))?;
        }
        return Ok(());
    }
    // Every channel end lives inside the scope: when the sink fails, returning drops the
    // receivers, the workers' sends fail and they stop, their copies of the work receiver go,
    // and the reader's next send fails too, so the scope's join ends instead of waiting for
    // a reader blocked on a full channel (two writers on one store hung there).
    std::thread::scope(|scope| -> Result<()> {
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, I::Item)>(jobs * 4);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, T)>(buffer.max(jobs * 4));
        scope.spawn(move || {
            for (i, item) in docs.enumerate() {
                if work_tx.send((i, item)).is_err() {
                    break;
                }
            }
        });
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || loop {
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok((i, item))) = next else { break };
                if tx.send((i, process(item))).is_err() {
                    break;
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut next = 0;
        for (i, o) in done_rx {
            waiting.insert(i, o);
            while let Some(o) = waiting.remove(&next) {
                sink(o)?;
                next += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    /// A JSONL input of `n` small articles.
    fn many(n: usize) -> Documents {
        let lines: String = (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Article number {i}.\"}}\n"))
            .collect();
        quotetrace_ingest::documents(vec![quotetrace_ingest::Input::Bytes {
            name: "many.jsonl".into(),
            bytes: lines.into_bytes(),
        }])
    }

    /// Runs `for_each_ordered_buffered` on another thread and waits at most 20 s for it.
    fn run_bounded(jobs: usize, fail_at: usize) -> Result<usize, String> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut seen = 0;
            let r = for_each_ordered_buffered(
                many(2_000),
                jobs,
                jobs * 4,
                &|item: Result<Document, ReadError>| item.map(|d| d.id).unwrap_or_default(),
                |_id| {
                    if seen == fail_at {
                        anyhow::bail!("the store is full");
                    }
                    seen += 1;
                    Ok(())
                },
            );
            let _ = tx.send(r.map(|_| seen).map_err(|e| e.to_string()));
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout) => panic!("the run hung after its sink failed"),
            Err(RecvTimeoutError::Disconnected) => panic!("the run panicked"),
        }
    }

    #[test]
    fn a_failing_sink_ends_the_run_with_its_error_on_any_number_of_threads() {
        for jobs in [1, 2, 4] {
            for fail_at in [0, 3, 1_000] {
                let r = run_bounded(jobs, fail_at);
                assert_eq!(r, Err("the store is full".to_string()), "jobs {jobs}");
            }
        }
    }

    #[test]
    fn every_document_reaches_the_sink_in_input_order() {
        for jobs in [1, 3] {
            let mut ids = Vec::new();
            for_each_ordered(
                many(500),
                jobs,
                &|item: Result<Document, ReadError>| item.map(|d| d.id).unwrap_or_default(),
                |id| {
                    ids.push(id);
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<String> = (0..500).map(|i| format!("d{i}")).collect();
            assert_eq!(ids, want, "jobs {jobs}");
        }
    }
}
