//! One state of the site as `serve` holds it: its inputs, assembled into the site graph with
//! every Markdown body rendered, and each output file rendered only when it is first asked
//! for. Making a snapshot costs the site graph, not the pages: a save on a site of 10,000
//! postings renders the page in view, not 10,000 pages.
//!
//! The pages come from the same stages `build` runs (site graph, views, [`Renderer`]), so a
//! page rendered here is the page `build` writes.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build_record::Window;
use crate::config::Config;
use crate::content::{Content, Posting};
use crate::diagnostic::Diagnostic;
use crate::render::views::{Shared, Views};
use crate::render::{Output, Renderer};
use crate::site::aliases::Alias;
use crate::site::bodies::{Bodies, BodyCache};
use crate::site::{BuildOptions, Site};

/// Rendered files a snapshot keeps, in bytes at most; past it they are dropped and rendered
/// again when asked for.
const KEPT_BYTES: usize = 32 * 1024 * 1024;
/// A file larger than this (`jobs.json` of a large site) is rendered again each time it is
/// asked for rather than kept.
const KEPT_FILE_BYTES: usize = 4 * 1024 * 1024;

/// What a snapshot is made from, shared with the workspace that read it.
pub struct Inputs<'w> {
    pub config: &'w Arc<Config>,
    pub content: &'w Content,
    pub renderer: &'w Arc<Renderer>,
}

/// Where an output path's bytes come from.
enum Source {
    Output(Output),
    /// A page at a posting's earlier address (an index into [`Snapshot::aliases`]).
    Alias(usize),
}

/// A site ready to serve: each file rendered on first request, then kept.
pub struct Snapshot {
    renderer: Arc<Renderer>,
    site: Arc<Site>,
    bodies: Arc<Bodies>,
    shared: Shared,
    aliases: Arc<Vec<Alias>>,
    routes: Arc<HashMap<String, Source>>,
    window: Window,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    kept_bytes: AtomicUsize,
}

/// Where making a snapshot spent its time (`YINGCAI_SERVE_TIMINGS=1` prints it).
#[derive(Debug, Default, Clone, Copy)]
pub struct Made {
    /// Made from the snapshot before, one posting changed (else from the whole site).
    pub patched: bool,
    pub assemble: Duration,
    pub markdown: Duration,
    pub routes: Duration,
}

impl Made {
    fn print(&self) {
        if std::env::var_os("YINGCAI_SERVE_TIMINGS").is_some() {
            eprintln!(
                "timings: {} {} ms, markdown {} ms, routes and views {} ms",
                if self.patched { "patch" } else { "assemble" },
                self.assemble.as_millis(),
                self.markdown.as_millis(),
                self.routes.as_millis()
            );
        }
    }
}

impl Snapshot {
    /// Assembles the site graph and renders the bodies not in `bodies` already; the problems
    /// of the graph and of the bodies (broken links, clashing aliases) if any.
    pub fn new(
        inputs: Inputs<'_>,
        options: BuildOptions,
        body_cache: &BodyCache,
    ) -> Result<(Snapshot, Made), Vec<Diagnostic>> {
        let mut made = Made::default();
        let started = Instant::now();
        let (site, mut errors) = Site::assemble(inputs.config, inputs.content, options);
        made.assemble = started.elapsed();
        let started = Instant::now();
        let (bodies, link_errors) = crate::site::bodies::render_all_cached(&site, Some(body_cache));
        made.markdown = started.elapsed();
        errors.extend(link_errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let started = Instant::now();
        let renderer = inputs.renderer;
        let outputs = renderer.outputs(&site);
        let aliases = crate::build::alias_pages(renderer, &site, &outputs)?;
        let mut routes = HashMap::with_capacity(outputs.len() + aliases.len());
        for output in outputs {
            routes.insert(renderer.output_path(&site, &output), Source::Output(output));
        }
        for (i, alias) in aliases.iter().enumerate() {
            routes.insert(alias.path.clone(), Source::Alias(i));
        }
        let shared = renderer.lazy_views(&site, &bodies).into_shared();
        made.routes = started.elapsed();
        made.print();
        let snapshot = Snapshot {
            renderer: Arc::clone(renderer),
            window: Window::of(&site, options.now),
            site: Arc::new(site),
            bodies: Arc::new(bodies),
            shared,
            aliases: Arc::new(aliases),
            routes: Arc::new(routes),
            rendered: Mutex::new(HashMap::new()),
            kept_bytes: AtomicUsize::new(0),
        };
        Ok((snapshot, made))
    }

    /// This snapshot with one posting replaced by `posting`, when the edit changes nothing
    /// but that posting's own page, card and entries (its body, summary, level, salary, …:
    /// not its title, slug, team, places, dates, status, language or aliases), at a time
    /// within this snapshot's window. Costs a copy of the graph's lists, not a new graph:
    /// `None` when the edit needs the whole site assembled again.
    pub fn patched(
        &self,
        posting: &Arc<Posting>,
        options: BuildOptions,
        body_cache: &BodyCache,
    ) -> Option<Result<(Snapshot, Made), Vec<Diagnostic>>> {
        let started = Instant::now();
        if !self.window.contains(options.now) || options.drafts != self.site.options.drafts {
            return None;
        }
        let job = self
            .site
            .jobs
            .iter()
            .position(|j| j.posting.source.path == posting.source.path)?;
        if !same_place(&self.site.jobs[job].posting, posting) {
            return None;
        }
        let mut made = Made {
            patched: true,
            ..Made::default()
        };
        let mut site = Site::clone(&self.site);
        site.jobs[job].posting = Arc::clone(posting);
        site.options = options;
        made.assemble = started.elapsed();
        let started = Instant::now();
        let (body, errors) =
            crate::site::bodies::render_one_cached(&site, &posting.source, body_cache);
        if !errors.is_empty() {
            return Some(Err(errors));
        }
        let mut bodies = Bodies::clone(&self.bodies);
        bodies.jobs[job] = body;
        made.markdown = started.elapsed();
        made.print();
        Some(Ok((
            Snapshot {
                renderer: Arc::clone(&self.renderer),
                site: Arc::new(site),
                bodies: Arc::new(bodies),
                shared: self.shared.without(job),
                aliases: Arc::clone(&self.aliases),
                routes: Arc::clone(&self.routes),
                window: self.window,
                rendered: Mutex::new(HashMap::new()),
                kept_bytes: AtomicUsize::new(0),
            },
            made,
        )))
    }

    /// While "now" stays in this window, the snapshot's postings stay open or closed.
    pub fn window(&self) -> Window {
        self.window
    }

    /// The renderer the snapshot's pages are made with.
    pub fn renderer(&self) -> &Arc<Renderer> {
        &self.renderer
    }

    /// Whether `path` is an output file of the site.
    pub fn contains(&self, path: &str) -> bool {
        self.routes.contains_key(path)
    }

    /// Every output path, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.routes.keys().cloned().collect();
        paths.sort();
        paths
    }

    /// The bytes of output file `path`, rendered now unless rendered before; `None` when the
    /// site has no such file.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        if let Some(bytes) = self.lock().get(path) {
            return Some(Ok(Arc::clone(bytes)));
        }
        let bytes = match self.render(path)? {
            Ok(bytes) => Arc::new(bytes),
            Err(e) => return Some(Err(e)),
        };
        let size = bytes.len();
        if size > KEPT_FILE_BYTES {
            return Some(Ok(bytes));
        }
        let mut rendered = self.lock();
        if self.kept_bytes.fetch_add(size, Ordering::Relaxed) + size > KEPT_BYTES {
            rendered.clear();
            self.kept_bytes.store(size, Ordering::Relaxed);
        }
        let kept = rendered
            .entry(path.to_string())
            .or_insert_with(|| Arc::clone(&bytes));
        Some(Ok(Arc::clone(kept)))
    }

    /// Whether output file `path` is written as it is made (see [`super::stream`]): the
    /// feed and `jobs.json`. (Pages are rendered whole: the live-reload tag goes into them.)
    pub fn streams(&self, path: &str) -> bool {
        matches!(
            self.routes.get(path),
            Some(Source::Output(Output::Feed | Output::JobsJson))
        )
    }

    /// Writes output file `path` into `w` as it is made; `None` when the site has no such
    /// file.
    pub fn write_to(
        &self,
        path: &str,
        w: &mut dyn std::io::Write,
    ) -> Option<Result<(), crate::render::StreamError>> {
        let Source::Output(output) = self.routes.get(path)? else {
            return None;
        };
        Some(self.renderer.render_streamed(&self.views(), output, w))
    }

    /// Drops the files rendered so far (a snapshot no longer served keeps only what it is
    /// made of).
    pub fn forget_rendered(&self) {
        self.lock().clear();
        self.kept_bytes.store(0, Ordering::Relaxed);
    }

    /// The views every file of the snapshot is rendered from.
    fn views(&self) -> Views<'_> {
        Views::with_bodies(
            &self.site,
            &self.bodies,
            &self.renderer,
            self.shared.clone(),
        )
    }

    /// Renders one output file, keeping nothing.
    fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        let source = self.routes.get(path)?;
        Some(match source {
            Source::Output(output) => self.renderer.render(&self.views(), output),
            Source::Alias(i) => {
                Ok(crate::site::aliases::page(&self.site, &self.aliases[*i]).into_bytes())
            }
        })
    }

    /// Renders every page made from templates not rendered yet, one after the other
    /// (leaving the other cores to requests), until `stop` is set; every problem met. Keeps
    /// nothing new. Files the code writes itself (feeds, `jobs.json`, the sitemap, the
    /// search index, static files) cannot fail once the site graph is made: they are left
    /// for when they are asked for.
    pub fn check_all(&self, stop: &AtomicBool) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for path in self.paths() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let from_templates = matches!(
                self.routes.get(&path),
                Some(Source::Output(output)) if output.from_templates()
            );
            if !from_templates || self.lock().contains_key(&path) {
                continue;
            }
            if let Some(Err(e)) = self.render(&path) {
                if !problems.contains(&e) {
                    problems.push(e);
                }
            }
        }
        problems
    }

    /// Every output file, rendered (for tests and checks).
    pub fn render_all(&self) -> Result<BTreeMap<String, Vec<u8>>, Vec<Diagnostic>> {
        let mut files = BTreeMap::new();
        let mut problems = Vec::new();
        for path in self.paths() {
            match self.render(&path) {
                Some(Ok(bytes)) => {
                    files.insert(path, bytes);
                }
                Some(Err(e)) if !problems.contains(&e) => problems.push(e),
                _ => {}
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }

    /// The theme's and the site's static files: output path → bytes.
    pub fn static_files(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.renderer().theme().static_files
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Vec<u8>>>> {
        self.rendered.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Whether `a` and `b` (the same file, before and after an edit) stand at the same place in
/// the site graph: the same slug, team, places, order, status, language and addresses.
fn same_place(a: &Posting, b: &Posting) -> bool {
    a.title == b.title
        && a.slug == b.slug
        && a.team == b.team
        && a.locations == b.locations
        && a.date == b.date
        && a.valid_through == b.valid_through
        && a.draft == b.draft
        && a.lang == b.lang
        && a.aliases == b.aliases
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("files", &self.routes.len())
            .finish()
    }
}
