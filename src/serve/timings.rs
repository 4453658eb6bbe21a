//! Where a rebuild's time goes, printed when `YINGCAI_SERVE_TIMINGS` is set: assembling the
//! site, building the template views (cards included), and rendering (or finding in the
//! cache) each kind of output, summed over the threads that did it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::render::Output;

/// The kinds of output timed apart.
const KINDS: [&str; 5] = [
    "posting pages",
    "listings",
    "feed",
    "jobs.json+sitemap",
    "other",
];

/// The stages of one rebuild, when timings were asked for.
#[derive(Debug, Default)]
pub struct Stages {
    on: bool,
    assemble: Duration,
    views: Duration,
    /// Nanoseconds per kind of output, summed over threads.
    kinds: [AtomicU64; 5],
}

impl Stages {
    pub fn new() -> Stages {
        Stages {
            on: std::env::var_os("YINGCAI_SERVE_TIMINGS").is_some(),
            ..Stages::default()
        }
    }

    pub fn assembled(&mut self, since: Instant) {
        self.assemble = since.elapsed();
    }

    pub fn viewed(&mut self, since: Instant) {
        self.views = since.elapsed();
    }

    /// Counts the time since `since` to the kind of `output`.
    pub fn rendered(&self, output: &Output, since: Instant) {
        if !self.on {
            return;
        }
        let kind = match output {
            Output::Posting(_) => 0,
            Output::Home
            | Output::Teams
            | Output::Team(_)
            | Output::Locations
            | Output::Location(_) => 1,
            Output::Feed => 2,
            Output::JobsJson | Output::Sitemap => 3,
            _ => 4,
        };
        self.kinds[kind].fetch_add(since.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }

    /// Prints the stages, when asked for.
    pub fn print(&self, render_wall: Duration) {
        if !self.on {
            return;
        }
        let kinds: Vec<String> = KINDS
            .iter()
            .zip(&self.kinds)
            .map(|(name, ns)| format!("{name} {} ms", ns.load(Ordering::Relaxed) / 1_000_000))
            .collect();
        eprintln!(
            "timings: assemble {} ms, views {} ms, render {} ms wall ({} thread-time)",
            self.assemble.as_millis(),
            self.views.as_millis(),
            render_wall.as_millis(),
            kinds.join(", ")
        );
    }
}
