//! Files written as they are made: the feed and `jobs.json`, which hold every posting (tens
//! of megabytes on a large site), are rendered on a blocking thread into a bounded channel
//! of chunks that the response body sends on, never held whole in memory (as `build` writes
//! them straight to disk). They carry no entity tag and answer ranges with the whole file.

use std::io::{self, Write};
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc::{self, Sender};

use super::respond::PartsBody;
use super::snapshot::Snapshot;

/// The size of one chunk sent.
const CHUNK: usize = 64 * 1024;
/// Chunks made ahead of the client at most.
const AHEAD: usize = 8;

/// The body of output file `path` of `snapshot`, rendered while it is sent.
pub fn body(snapshot: Arc<Snapshot>, path: String) -> axum::body::Body {
    let (sender, chunks) = mpsc::channel(AHEAD);
    tokio::task::spawn_blocking(move || {
        let mut out = Chunks {
            sender,
            buffer: Vec::with_capacity(CHUNK),
        };
        // A client that left stops the writing; nothing to tell anyone.
        if let Some(Ok(())) = snapshot.write_to(&path, &mut out) {
            let _ = out.send();
        }
    });
    axum::body::Body::new(PartsBody(chunks))
}

/// A writer that sends what it is given in chunks.
struct Chunks {
    sender: Sender<Bytes>,
    buffer: Vec<u8>,
}

impl Chunks {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(chunk)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
