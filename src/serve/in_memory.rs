//! The build of every output of a loaded site into memory, through the same pipeline as
//! `build`, reusing what earlier builds left in [`Caches`].

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::PageCache;
use crate::site::bodies::BodyCache;
use crate::site::BuildOptions;
use crate::stamp::Window;
use crate::Loaded;

/// Every output file of a site: output path (`jobs/x/index.html`) → bytes, in output order.
/// Pages taken from the cache share their bytes with it.
pub type Outputs = Vec<Output>;

/// One output file: its path and bytes.
pub type Output = (String, Arc<Vec<u8>>);

/// A site built into memory.
#[derive(Debug, Clone)]
pub struct Built {
    pub outputs: Outputs,
    /// While "now" stays in this window, the same inputs build the same bytes; after it, a
    /// posting has closed.
    pub window: Window,
}

/// What one build leaves for the next: rendered Markdown bodies and pages.
#[derive(Debug, Default)]
pub struct Caches {
    pub bodies: BodyCache,
    pub cards: PageCache,
    pub pages: PageCache,
}

/// Renders every output of a loaded site into memory: `build` without the output folder.
/// Pages whose template and context are those of a page in `pages` are taken from there.
pub fn render_in_memory(
    loaded: &Loaded,
    options: BuildOptions,
    caches: &Caches,
) -> Result<Built, Vec<Diagnostic>> {
    let mut stages = super::timings::Stages::new();
    let started = std::time::Instant::now();
    let (site, bodies, errors, _, _) = loaded.assemble_cached(options, Some(&caches.bodies));
    stages.assembled(started);
    let pages = &caches.pages;
    if !errors.is_empty() {
        return Err(errors);
    }
    let renderer = &loaded.renderer;
    let started = std::time::Instant::now();
    let views = renderer
        .views_cached(&site, &bodies, Some(&caches.cards))
        .map_err(|e| vec![e])?;
    stages.viewed(started);
    let outputs = renderer.outputs(&site);
    let aliases = crate::build::alias_pages(renderer, &site, &outputs)?;
    let started = std::time::Instant::now();
    let results: Vec<Result<Output, Diagnostic>> = outputs
        .par_iter()
        .map(|o| {
            let one = std::time::Instant::now();
            let path = renderer.output_path(&site, o);
            let bytes = renderer.render_cached(&views, o, &path, pages)?;
            stages.rendered(o, one);
            Ok((path, bytes))
        })
        .collect();
    stages.print(started.elapsed());
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    files.extend(aliases.iter().map(|a| {
        let page = crate::site::aliases::page(&site, a).into_bytes();
        (a.path.clone(), Arc::new(page))
    }));
    if errors.is_empty() {
        pages.retain(&files.iter().map(|(p, _)| p.as_str()).collect());
        Ok(Built {
            outputs: files,
            window: Window::of(&site, options.now),
        })
    } else {
        errors.dedup();
        Err(errors)
    }
}
