//! Rendering outputs and writing them into the staging folder, timed.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use crate::diagnostic::Diagnostic;
use crate::output;
use crate::render::{self, Renderer};
use crate::site::Site;

/// Renders outputs and writes them into the staging folder, from any thread, adding up the
/// time spent in each.
pub(super) struct OutputPass<'a> {
    pub(super) renderer: &'a Renderer,
    pub(super) staging: &'a output::Staging,
    /// The output folder, for messages.
    pub(super) output: &'a Path,
    pub(super) render_nanos: AtomicU64,
    pub(super) write_nanos: AtomicU64,
}

impl OutputPass<'_> {
    fn add(total: &AtomicU64, since: Instant) {
        total.fetch_add(
            u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    fn cannot_write(&self, path: &str, e: &std::io::Error) -> Diagnostic {
        Diagnostic::error(self.output, 1, 1, format!("cannot write {path}: {e}"))
    }

    /// Renders and writes one output; whether it is an HTML page.
    pub(super) fn output(
        &self,
        site: &Site,
        views: &render::views::Views<'_>,
        o: &render::Output,
    ) -> Result<bool, Diagnostic> {
        let path = self.renderer.output_path(site, o);
        if self.renderer.streams(o) {
            // Rendered and written together: counted as render time.
            let started = Instant::now();
            let written = self
                .staging
                .write_streamed(&path, |w| self.renderer.render_streamed(views, o, w));
            Self::add(&self.render_nanos, started);
            return written
                .map(|()| path.ends_with(".html"))
                .map_err(|e| match e {
                    render::StreamError::Render(d) => d,
                    render::StreamError::Write(e) => self.cannot_write(&path, &e),
                });
        }
        self.page(&path, || self.renderer.render(views, o))
    }

    /// Writes `bytes`, made already, to `path`; whether it is an HTML page.
    pub(super) fn bytes(&self, path: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
        let started = Instant::now();
        let written = self.staging.write(path, bytes);
        Self::add(&self.write_nanos, started);
        written.map_err(|e| self.cannot_write(path, &e))?;
        Ok(path.ends_with(".html"))
    }

    /// Writes the bytes `render` makes to `path`; whether it is an HTML page.
    pub(super) fn page(
        &self,
        path: &str,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<bool, Diagnostic> {
        let started = Instant::now();
        let bytes = render();
        Self::add(&self.render_nanos, started);
        self.bytes(path, &bytes?)
    }
}
