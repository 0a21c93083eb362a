//! Ordered parallel map for the CLI's streaming commands (`inspect --batch`).
//!
//! A reader thread cuts the input into chunks, worker threads map them, and the calling
//! thread hands the results to a sink in input order. Memory stays bounded: at most
//! `IN_FLIGHT_PER_WORKER × workers` chunks exist at once (read but not yet written), so a
//! 1 GB input needs no more memory than a few megabytes of lines.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::Mutex;

/// Chunks in flight per worker.
const IN_FLIGHT_PER_WORKER: usize = 4;

/// How many worker threads to use: the machine's cores (at least one).
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Maps `f` over `items` on `workers` threads, `chunk` items at a time, and gives each
/// result to `sink` in input order. `sink` returns `false` to stop early (e.g. a closed
/// pipe); the reader and workers then wind down.
pub fn ordered_map<I, T, R, F, S>(items: I, workers: usize, chunk: usize, f: F, mut sink: S)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
    S: FnMut(R) -> bool,
{
    let workers = workers.max(1);
    let chunk = chunk.max(1);
    let max_in_flight = workers * IN_FLIGHT_PER_WORKER;
    // Tokens bound the chunks read but not yet written.
    let (token_tx, token_rx) = sync_channel::<()>(max_in_flight);
    for _ in 0..max_in_flight {
        let _ = token_tx.send(());
    }
    let (work_tx, work_rx) = sync_channel::<(usize, Vec<T>)>(max_in_flight);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<(usize, Vec<R>)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut items = items;
            let mut seq = 0;
            loop {
                if token_rx.recv().is_err() {
                    return;
                }
                let batch: Vec<T> = items.by_ref().take(chunk).collect();
                if batch.is_empty() || work_tx.send((seq, batch)).is_err() {
                    return;
                }
                seq += 1;
            }
        });
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            let f = &f;
            scope.spawn(move || loop {
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((seq, batch))) = next else {
                    return;
                };
                let out: Vec<R> = batch.into_iter().map(f).collect();
                if done_tx.send((seq, out)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, Vec<R>> = BTreeMap::new();
        let mut next = 0;
        let mut open = true;
        for (seq, out) in done_rx.iter() {
            pending.insert(seq, out);
            while let Some(results) = pending.remove(&next) {
                next += 1;
                if open {
                    for r in results {
                        if !sink(r) {
                            open = false;
                            break;
                        }
                    }
                }
                // Returning the token lets the reader cut one more chunk (once it has
                // finished, nobody takes it); once the sink has closed, none goes back
                // and the reader stops.
                if open {
                    let _ = token_tx.send(());
                }
            }
            if !open {
                break;
            }
        }
        drop(token_tx);
        // Unblock workers waiting on a full pipeline: drain what is left.
        for _ in done_rx.iter() {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_across_workers() {
        let mut got = Vec::new();
        ordered_map(
            0..10_000u32,
            4,
            7,
            |n| n * 2,
            |r| {
                got.push(r);
                true
            },
        );
        assert_eq!(got.len(), 10_000, "every item once");
        assert!(
            got.iter().enumerate().all(|(i, r)| *r == 2 * i as u32),
            "in input order"
        );
    }

    #[test]
    fn stops_when_the_sink_closes() {
        let mut seen = 0;
        ordered_map(
            0..1_000_000u64,
            3,
            16,
            |n| n,
            |_| {
                seen += 1;
                seen < 100
            },
        );
        assert_eq!(seen, 100);
    }

    #[test]
    fn an_empty_input_writes_nothing() {
        let mut seen = 0;
        ordered_map(
            std::iter::empty::<u8>(),
            2,
            4,
            |n| n,
            |_| {
                seen += 1;
                true
            },
        );
        assert_eq!(seen, 0);
    }
}
