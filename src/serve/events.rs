//! The live-reload event streams as sent: one Server-Sent Event stream per open page, the
//! events' text, and dropping streams whose client left or fell behind.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use serde_json::{json, Value};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::mpsc::{Receiver, Sender};
use tokio::time::Sleep;

use super::live::lock;
use super::respond::{Parts, PartsBody};
use crate::diagnostic::{display_path, Diagnostic};

/// A comment line this often finds streams whose client went away.
const PING: Duration = Duration::from_secs(15);

/// One open event stream's events.
#[derive(Debug)]
pub struct Subscription {
    pub(super) events: Receiver<Arc<str>>,
    pub(super) open: Arc<AtomicUsize>,
    /// The page in view, and where open pages are counted.
    pub(super) pages: Vec<String>,
    pub(super) open_pages: Arc<Mutex<std::collections::HashMap<String, usize>>>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
        let mut open = lock(&self.open_pages);
        for page in &self.pages {
            if let Some(n) = open.get_mut(page) {
                *n -= 1;
                if *n == 0 {
                    open.remove(page);
                }
            }
        }
    }
}

impl Subscription {
    /// The event stream as a response body: `retry`, then each event as it comes, and a
    /// comment line after a quiet [`PING`] so a client that went away is noticed. Ends when
    /// the server drops the stream (the client fell behind); dropped when the client leaves.
    pub fn into_body(self) -> PartsBody<EventStream> {
        PartsBody(EventStream {
            first: Some(Bytes::from_static(b"retry: 500\n\n")),
            ping: Box::pin(tokio::time::sleep(PING)),
            subscription: self,
        })
    }
}

/// A live-reload event stream being sent.
#[derive(Debug)]
pub struct EventStream {
    first: Option<Bytes>,
    ping: Pin<Box<Sleep>>,
    subscription: Subscription,
}

impl Parts for EventStream {
    fn poll_part(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(first));
        }
        match self.subscription.events.poll_recv(cx) {
            Poll::Ready(Some(event)) => {
                let next = tokio::time::Instant::now() + PING;
                self.ping.as_mut().reset(next);
                return Poll::Ready(Some(Bytes::from_owner(Text(event))));
            }
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        if self.ping.as_mut().poll(cx).is_ready() {
            let next = tokio::time::Instant::now() + PING;
            self.ping.as_mut().reset(next);
            return Poll::Ready(Some(Bytes::from_static(b": ping\n\n")));
        }
        Poll::Pending
    }
}

/// Event text shared by every stream, as bytes.
struct Text(Arc<str>);

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// Queues an event for every stream; drops streams whose client left or stopped reading.
pub(super) fn broadcast(streams: &mut Vec<Sender<Arc<str>>>, event: &Arc<str>) {
    streams.retain(|s| match s.try_send(Arc::clone(event)) {
        Ok(()) => true,
        Err(TrySendError::Full(_)) | Err(TrySendError::Closed(_)) => false,
    });
}

/// One Server-Sent Event.
pub fn message(name: &str, data: &Value) -> Arc<str> {
    Arc::from(format!("event: {name}\ndata: {data}\n\n"))
}

/// Problems as the overlay shows them.
pub fn problems_json(problems: &[Diagnostic]) -> Value {
    Value::Array(
        problems
            .iter()
            .map(|d| {
                json!({
                    "path": display_path(&d.path),
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity.to_string(),
                    "message": d.message,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;

    #[test]
    fn events_are_single_data_lines() {
        let problems = [Diagnostic::error(
            "content/jobs/a.md",
            2,
            1,
            "bad\nvery bad",
        )];
        let text = message("error", &json!({ "problems": problems_json(&problems) }));
        assert!(text.starts_with("event: error\ndata: {"));
        assert!(text.ends_with("}\n\n"));
        assert_eq!(text.matches('\n').count(), 3, "{text}");
        assert!(text.contains(r#""path":"content/jobs/a.md""#));
    }

    #[test]
    fn broadcast_drops_departed_and_stalled_streams() {
        let (gone, gone_rx) = mpsc::channel(1);
        drop(gone_rx);
        let (stalled, _stalled_rx) = mpsc::channel(1);
        stalled.try_send(Arc::from("x")).unwrap();
        let (fine, mut fine_rx) = mpsc::channel(1);
        let mut streams = vec![gone, stalled, fine];
        broadcast(&mut streams, &message("ok", &json!({})));
        assert_eq!(streams.len(), 1);
        assert!(fine_rx.try_recv().unwrap().starts_with("event: ok"));
    }
}
