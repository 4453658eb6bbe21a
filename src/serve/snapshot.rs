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

use self_cell::self_cell;

use crate::config::Config;
use crate::content::Content;
use crate::diagnostic::Diagnostic;
use crate::render::views::{Shared, Views};
use crate::render::{Output, Renderer};
use crate::site::aliases::Alias;
use crate::site::bodies::{Bodies, BodyCache};
use crate::site::{BuildOptions, Site};
use crate::stamp::Window;

/// Rendered files a snapshot keeps, in bytes at most; past it they are dropped and rendered
/// again when asked for.
const KEPT_BYTES: usize = 96 * 1024 * 1024;

/// What a snapshot is made from, shared with the workspace that read it.
pub struct Inputs {
    pub config: Arc<Config>,
    pub content: Content,
    pub renderer: Arc<Renderer>,
}

/// Where an output path's bytes come from.
enum Source {
    Output(Output),
    /// A page at a posting's earlier address (an index into [`Graph::aliases`]).
    Alias(usize),
}

/// The site graph of one set of inputs, with what every page shares.
struct Graph<'a> {
    site: Site<'a>,
    bodies: Bodies,
    shared: Shared,
    aliases: Vec<Alias>,
    routes: HashMap<String, Source>,
    window: Window,
}

self_cell!(
    struct Model {
        owner: Inputs,
        #[covariant]
        dependent: Graph,
    }
);

/// A site ready to serve: each file rendered on first request, then kept.
pub struct Snapshot {
    model: Model,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    kept_bytes: AtomicUsize,
}

/// Where making a snapshot spent its time (`YINGCAI_SERVE_TIMINGS=1` prints it).
#[derive(Debug, Default, Clone, Copy)]
pub struct Made {
    pub assemble: Duration,
    pub markdown: Duration,
    pub routes: Duration,
}

impl Snapshot {
    /// Assembles the site graph and renders the bodies not in `bodies` already; the problems
    /// of the graph and of the bodies (broken links, clashing aliases) if any.
    pub fn new(
        inputs: Inputs,
        options: BuildOptions,
        body_cache: &BodyCache,
    ) -> Result<(Snapshot, Made), Vec<Diagnostic>> {
        let mut made = Made::default();
        let model = Model::try_new(inputs, |inputs| {
            let started = Instant::now();
            let (site, mut errors) = Site::assemble(&inputs.config, &inputs.content, options);
            made.assemble = started.elapsed();
            let started = Instant::now();
            let (bodies, link_errors) =
                crate::site::bodies::render_all_cached(&site, Some(body_cache));
            made.markdown = started.elapsed();
            errors.extend(link_errors);
            if !errors.is_empty() {
                return Err(errors);
            }
            let started = Instant::now();
            let renderer = &inputs.renderer;
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
            Ok(Graph {
                window: Window::of(&site, options.now),
                site,
                bodies,
                shared,
                aliases,
                routes,
            })
        })?;
        if std::env::var_os("YINGCAI_SERVE_TIMINGS").is_some() {
            eprintln!(
                "timings: assemble {} ms, markdown {} ms, routes and views {} ms",
                made.assemble.as_millis(),
                made.markdown.as_millis(),
                made.routes.as_millis()
            );
        }
        let snapshot = Snapshot {
            model,
            rendered: Mutex::new(HashMap::new()),
            kept_bytes: AtomicUsize::new(0),
        };
        Ok((snapshot, made))
    }

    /// While "now" stays in this window, the snapshot's postings stay open or closed.
    pub fn window(&self) -> Window {
        self.model.borrow_dependent().window
    }

    /// The renderer the snapshot's pages are made with.
    pub fn renderer(&self) -> &Arc<Renderer> {
        &self.model.borrow_owner().renderer
    }

    /// Whether `path` is an output file of the site.
    pub fn contains(&self, path: &str) -> bool {
        self.model.borrow_dependent().routes.contains_key(path)
    }

    /// Every output path, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .model
            .borrow_dependent()
            .routes
            .keys()
            .cloned()
            .collect();
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

    /// Renders one output file, keeping nothing.
    fn render(&self, path: &str) -> Option<Result<Vec<u8>, Diagnostic>> {
        self.model.with_dependent(|inputs, graph| {
            let source = graph.routes.get(path)?;
            let renderer = &inputs.renderer;
            let views =
                Views::with_bodies(&graph.site, &graph.bodies, renderer, graph.shared.clone());
            Some(match source {
                Source::Output(output) => renderer.render(&views, output),
                Source::Alias(i) => {
                    Ok(crate::site::aliases::page(&graph.site, &graph.aliases[*i]).into_bytes())
                }
            })
        })
    }

    /// Renders every file not rendered yet, one after the other (leaving the other cores to
    /// requests), until `stop` is set; every problem met. Keeps nothing new.
    pub fn check_all(&self, stop: &AtomicBool) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for path in self.paths() {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if self.lock().contains_key(&path) {
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

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("files", &self.model.borrow_dependent().routes.len())
            .finish()
    }
}
