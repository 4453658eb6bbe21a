//! Live reload: the snapshot being served, and telling open pages about it through the
//! event streams of [`super::events`]. A new build is swapped in first and announced after, under one lock with
//! new subscriptions, so no page misses a build and none hears of one it cannot fetch yet.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use serde_json::json;
use tokio::sync::mpsc::{self, Sender};

use super::events::{broadcast, message, problems_json, Subscription};
use super::site_files::{SiteFiles, Update};
use crate::diagnostic::Diagnostic;

/// Open event streams at most (one per open tab); more are refused with 503 and a message
/// saying so.
pub const MAX_STREAMS: usize = 4096;
/// Events waiting for a stream's client; a client this far behind is dropped.
const BACKLOG: usize = 32;
/// Changed paths listed in a reload event at most; beyond, pages are told "everything".
const MAX_LISTED: usize = 2000;
/// Pages remembered as open in a browser (the latest served): after a change these are
/// rendered first, and compared, before the new state is announced.
const MAX_VIEWED: usize = 64;

/// What is being served: the last good build, and the problems of the latest one.
#[derive(Debug, Clone, Default)]
pub struct Served {
    pub site: Arc<SiteFiles>,
    /// Empty when the latest build succeeded.
    pub problems: Arc<Vec<Diagnostic>>,
}

/// The served snapshot and the open event streams.
#[derive(Debug, Default)]
pub struct Live {
    /// Names this server process, so pages served by an earlier one reload.
    server: String,
    served: RwLock<Served>,
    streams: Mutex<Vec<Sender<Arc<str>>>>,
    open: Arc<AtomicUsize>,
    /// HTML pages served lately, the latest last.
    viewed: Mutex<std::collections::VecDeque<String>>,
    /// The pages open event streams were opened from (output path → streams).
    open_pages: Arc<Mutex<std::collections::HashMap<String, usize>>>,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Live {
    pub fn new(site: SiteFiles, problems: Vec<Diagnostic>) -> Live {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Live {
            server: format!("{:x}-{:x}", started.as_millis(), std::process::id()),
            served: RwLock::new(Served {
                site: Arc::new(site),
                problems: Arc::new(problems),
            }),
            ..Live::default()
        }
    }

    /// Names this server process.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The current snapshot (cheap: two reference counts).
    pub fn snapshot(&self) -> Served {
        self.served
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set(&self, served: Served) {
        *self.served.write().unwrap_or_else(|p| p.into_inner()) = served;
    }

    /// Notes that page `path` was served: a browser may have it open.
    pub fn viewed_page(&self, path: &str) {
        let mut viewed = lock(&self.viewed);
        if viewed.back().is_some_and(|p| p == path) {
            return;
        }
        viewed.retain(|p| p != path);
        viewed.push_back(path.to_string());
        if viewed.len() > MAX_VIEWED {
            viewed.pop_front();
        }
    }

    /// The pages open in browsers: those with an open event stream, then those served
    /// lately, the latest first.
    pub fn viewed(&self) -> Vec<String> {
        let mut pages: Vec<String> = lock(&self.open_pages).keys().cloned().collect();
        pages.sort();
        for page in lock(&self.viewed).iter().rev() {
            if !pages.contains(page) {
                pages.push(page.clone());
            }
        }
        pages
    }

    /// Swaps in a good build, then tells open pages what changed.
    pub fn publish(&self, site: SiteFiles, update: &Update) {
        let mut streams = lock(&self.streams);
        let before = self.snapshot();
        let was_failing = !before.problems.is_empty();
        let generation = site.generation;
        self.set(Served {
            site: Arc::new(site),
            problems: Arc::new(Vec::new()),
        });
        // A new generation is announced even when no open page changed: pages learn the
        // build they are now current with.
        if !update.is_empty() || generation != before.site.generation {
            let event = if update.styles_only {
                let styles: Vec<&String> = update
                    .changed
                    .iter()
                    .filter(|p| p.ends_with(".css"))
                    .collect();
                message("css", &json!({ "build": generation, "changed": styles }))
            } else if update.all || update.changed.len() > MAX_LISTED {
                message("reload", &json!({ "build": generation, "all": true }))
            } else {
                message(
                    "reload",
                    &json!({ "build": generation, "changed": update.changed }),
                )
            };
            broadcast(&mut streams, &event);
        }
        if was_failing {
            broadcast(
                &mut streams,
                &message("ok", &json!({ "build": generation })),
            );
        }
    }

    /// Keeps the last good build and tells open pages why the latest one failed. A site
    /// never built yet takes `base_path` (the config's, when it loaded) for its problem page.
    pub fn fail(&self, problems: Vec<Diagnostic>, base_path: &str) {
        let mut streams = lock(&self.streams);
        let mut site = self.snapshot().site;
        if site.generation == 0 && site.base_path != base_path {
            site = Arc::new(SiteFiles::unbuilt(base_path));
        }
        let event = message("error", &json!({ "problems": problems_json(&problems) }));
        self.set(Served {
            site,
            problems: Arc::new(problems),
        });
        broadcast(&mut streams, &event);
    }

    /// Tells open pages of problems found after generation `generation` was announced
    /// (rendering every page in the background), unless a later one is served already.
    /// Returns whether it did.
    pub fn fail_later(&self, generation: u64, problems: Vec<Diagnostic>) -> bool {
        let mut streams = lock(&self.streams);
        let site = self.snapshot().site;
        if site.generation != generation {
            return false;
        }
        let event = message("error", &json!({ "problems": problems_json(&problems) }));
        self.set(Served {
            site,
            problems: Arc::new(problems),
        });
        broadcast(&mut streams, &event);
        true
    }

    /// Open event streams.
    pub fn streams(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// Opens an event stream: first a `hello` with the server, build and problems (a page
    /// built from another build reloads at once), then every event. `None` when too many
    /// streams are open. The stream counts as open until the returned handle is dropped;
    /// so does `page`, the output path of the page that opened it, as a page in view.
    pub fn subscribe(&self, pages: Vec<String>) -> Option<Subscription> {
        let mut streams = lock(&self.streams);
        if self.open.load(Ordering::SeqCst) >= MAX_STREAMS {
            return None;
        }
        let served = self.snapshot();
        let hello = message(
            "hello",
            &json!({
                "server": self.server,
                "build": served.site.generation,
                "problems": problems_json(&served.problems),
            }),
        );
        let (sender, events) = mpsc::channel(BACKLOG);
        let _ = sender.try_send(hello);
        streams.push(sender);
        self.open.fetch_add(1, Ordering::SeqCst);
        for page in &pages {
            *lock(&self.open_pages).entry(page.clone()).or_insert(0) += 1;
        }
        Some(Subscription {
            events,
            open: Arc::clone(&self.open),
            pages,
            open_pages: Arc::clone(&self.open_pages),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Body as _;
    use std::pin::Pin;
    use std::task::Poll;

    #[test]
    fn streams_start_with_hello_and_are_counted() {
        let live = Live::new(
            SiteFiles::default(),
            vec![Diagnostic::error("config.toml", 3, 1, "x")],
        );
        let mut subscription = live.subscribe(Vec::new()).unwrap();
        assert_eq!(live.streams(), 1);
        let (site, update) = SiteFiles::default().next(
            "/",
            vec![("index.html".into(), std::sync::Arc::new(b"ok".to_vec()))],
        );
        live.publish(site, &update);
        let first = subscription.events.try_recv().unwrap();
        assert!(
            first.contains(r#""build":0"#) && first.contains(r#""line":3"#),
            "{first}"
        );
        assert!(subscription
            .events
            .try_recv()
            .unwrap()
            .starts_with("event: reload\ndata: {\"build\":1"));
        assert!(subscription
            .events
            .try_recv()
            .unwrap()
            .starts_with("event: ok"));
        drop(subscription);
        assert_eq!(live.streams(), 0);
        let subscription = live.subscribe(Vec::new()).unwrap();
        drop(live);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let _runtime = runtime.enter();
        let mut body = subscription.into_body();
        let mut text = String::new();
        runtime.block_on(std::future::poll_fn(|cx| loop {
            match Pin::new(&mut body).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    let data = frame.into_data().unwrap();
                    text.push_str(std::str::from_utf8(&data).unwrap());
                }
                Poll::Ready(_) => return Poll::Ready(()),
                Poll::Pending => return Poll::Pending,
            }
        }));
        assert!(text.starts_with("retry: 500\n\nevent: hello\n"), "{text}");
    }

    #[test]
    fn failing_keeps_the_last_good_site() {
        let (site, update) = SiteFiles::default().next(
            "/",
            vec![("index.html".into(), std::sync::Arc::new(b"ok".to_vec()))],
        );
        let live = Live::new(SiteFiles::default(), Vec::new());
        live.publish(site, &update);
        live.fail(
            vec![Diagnostic::error("config.toml", 1, 1, "x")],
            "/elsewhere/",
        );
        let served = live.snapshot();
        assert_eq!(served.site.generation, 1);
        assert_eq!(served.problems.len(), 1);
        assert_eq!(
            served.site.base_path, "/",
            "a built site keeps its path until the next good build"
        );
        let (again, update) = served.site.next(
            "/",
            vec![("index.html".into(), std::sync::Arc::new(b"ok".to_vec()))],
        );
        live.publish(again, &update);
        assert!(live.snapshot().problems.is_empty());
    }
}
