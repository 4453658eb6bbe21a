//! Rendering outputs and writing them into the staging folder, timed.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::output;
use crate::render::views::{Shared, Views};
use crate::render::{self, Renderer};
use crate::site::aliases::Alias;
use crate::site::bodies::Bodies;
use crate::site::{self, Site};

/// What writing every output did.
pub(super) struct Written {
    /// HTML pages written.
    pub(super) pages: usize,
    /// Time spent rendering and writing, each summed over threads, and making the search index.
    pub(super) render: Duration,
    pub(super) write: Duration,
    pub(super) search: Duration,
    /// What the pages shared (the cards, the search index), to be freed with the rest.
    pub(super) shared: Shared,
}

/// Renders every output and writes it into `staging`, with every core: first the posting
/// pages, alongside the feeds, which read every posting's body; then, with the bodies' HTML
/// (the largest part of what a build holds) released, the search index made from the bodies'
/// text, its files written and released in turn, and alongside, the listings, resumes,
/// static files and the pages at postings' earlier addresses. Every problem, when any.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_all(
    renderer: &Renderer,
    staging: &output::Staging,
    output: &Path,
    site: &Site,
    bodies: &mut Bodies,
    outputs: &[render::Output],
    aliases: &[Alias],
    shards: usize,
) -> Result<Written, Vec<Diagnostic>> {
    let pass = OutputPass {
        renderer,
        staging,
        output,
        render_nanos: AtomicU64::new(0),
        write_nanos: AtomicU64::new(0),
    };
    let views = renderer.views_without_search(site, bodies);
    let (mut results, postings): (Vec<Result<bool, Diagnostic>>, Vec<_>) = rayon::join(
        || {
            outputs
                .par_iter()
                .filter(|o| renderer.reads_bodies(o))
                .map(|o| pass.output(site, &views, o))
                .collect()
        },
        || {
            (0..site.jobs.len())
                .into_par_iter()
                .map(|i| {
                    let path = renderer.output_path(site, &render::Output::Posting(i));
                    pass.page(&path, || {
                        renderer.render_posting(&views, i, &views.bodies.jobs[i])
                    })
                })
                .collect()
        },
    );
    results.extend(postings);
    let shared = views.into_shared();
    for body in &mut bodies.jobs {
        // The build holds the only reference (no cache): the HTML is freed in place.
        if let Some(body) = std::sync::Arc::get_mut(body) {
            body.html = String::new();
        }
    }
    let bodies = &*bodies;
    let views = Views::with_bodies(site, bodies, renderer, shared);
    let ((search_results, search), rest) = rayon::join(
        || {
            let cards = match views.cards() {
                Ok(cards) => cards,
                Err(e) => return (vec![Err(e)], Duration::ZERO),
            };
            let search = renderer.search_index(site, bodies, &cards, shards);
            let written: Vec<_> = outputs
                .par_iter()
                .filter_map(|o| match o {
                    render::Output::Search(file) => Some((o, *file)),
                    _ => None,
                })
                .map(|(o, file)| {
                    let path = renderer.output_path(site, o);
                    pass.bytes(&path, search.get(file))
                })
                .collect();
            (written, search.time)
        },
        || {
            let mut written: Vec<_> = outputs
                .par_iter()
                .filter(|o| {
                    !renderer.reads_bodies(o)
                        && !matches!(o, render::Output::Posting(_) | render::Output::Search(_))
                })
                .map(|o| pass.output(site, &views, o))
                .collect();
            written.par_extend(aliases.par_iter().map(|a| {
                pass.page(&a.path, || Ok(site::aliases::page(site, a).into_bytes()))
                    .map(|_| false)
            }));
            written
        },
    );
    results.extend(search_results);
    results.extend(rest);
    let mut errors = Vec::new();
    let mut pages = 0;
    for r in results {
        match r {
            Ok(is_page) => pages += usize::from(is_page),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(errors);
    }
    Ok(Written {
        pages,
        render: Duration::from_nanos(pass.render_nanos.into_inner()),
        write: Duration::from_nanos(pass.write_nanos.into_inner()),
        search,
        shared: views.into_shared(),
    })
}

/// Renders outputs and writes them into the staging folder, from any thread, adding up the
/// time spent in each.
struct OutputPass<'a> {
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
