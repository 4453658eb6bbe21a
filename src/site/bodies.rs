//! The Markdown stage: every body in the site rendered to HTML, in parallel.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use xxhash_rust::xxh3::Xxh3Default;

use rayon::prelude::*;

use super::Site;
use crate::content::source::Source;
use crate::diagnostic::{line_column, Diagnostic};
use crate::markdown::{self, Links, Rendered};

/// The rendered bodies, aligned with the site's `jobs`, `teams` and `resumes`; shared with
/// the [`BodyCache`] that `serve` keeps.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub home: Arc<Rendered>,
    pub jobs: Vec<Arc<Rendered>>,
    pub teams: Vec<Arc<Rendered>>,
    pub resumes: Vec<Arc<Rendered>>,
    /// Time spent highlighting code, summed over all threads.
    pub highlight_time: Duration,
}

/// Bodies rendered by earlier builds, by source path, each with a hash of everything its
/// HTML depends on: the Markdown, where it starts in its file, the site's sub-path, whether
/// code is highlighted, and — for bodies with `@/` links — every content link target.
/// `serve` keeps one between rebuilds, so an edit renders only the bodies it changed.
#[derive(Debug, Default)]
pub struct BodyCache {
    entries: Mutex<HashMap<PathBuf, CachedBody>>,
}

/// A body's hash of inputs, its HTML, and its problems.
type CachedBody = (u64, Arc<Rendered>, Vec<Diagnostic>);

impl BodyCache {
    /// Forgets the bodies of sources no longer in the site.
    fn keep_only(&self, site: &Site) {
        let present: std::collections::HashSet<&std::path::Path> = sources(site)
            .into_iter()
            .flatten()
            .map(|s| s.path.as_path())
            .collect();
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|p, _| present.contains(p.as_path()));
        }
    }
}

/// What a body's HTML depends on besides its own text, hashed once per site (the link
/// targets only when a body has `@/` links).
struct Inputs<'s> {
    site: &'s Site,
    plain: u64,
    with_links: std::sync::OnceLock<u64>,
}

impl<'s> Inputs<'s> {
    fn of(site: &'s Site) -> Inputs<'s> {
        let mut h = Xxh3Default::new();
        site.config.base_url.path().hash(&mut h);
        site.config.markdown.highlight_code.hash(&mut h);
        Inputs {
            site,
            plain: h.finish(),
            with_links: std::sync::OnceLock::new(),
        }
    }

    fn with_links(&self) -> u64 {
        *self.with_links.get_or_init(|| {
            let mut h = Xxh3Default::new();
            self.plain.hash(&mut h);
            let mut hrefs: Vec<(&String, &String)> = self.site.content_hrefs.iter().collect();
            hrefs.sort();
            hrefs.hash(&mut h);
            h.finish()
        })
    }

    fn key(&self, source: &Source) -> u64 {
        let mut h = Xxh3Default::new();
        if source.body.contains("@/") {
            self.with_links().hash(&mut h);
        } else {
            self.plain.hash(&mut h);
        }
        source.body.hash(&mut h);
        source.body_line.hash(&mut h);
        h.finish()
    }
}

/// Renders one source's body; a link to missing content is an error at its line.
pub fn render_source(site: &Site, source: &Source) -> (Rendered, Vec<Diagnostic>) {
    let (rendered, errors, _) = render_source_timed(site, source);
    (rendered, errors)
}

/// [`render_source`], also returning the time spent highlighting code.
fn render_source_timed(site: &Site, source: &Source) -> (Rendered, Vec<Diagnostic>, Duration) {
    let links = Links {
        base_path: site.config.base_url.path(),
        content: &site.content_hrefs,
    };
    let (rendered, broken, highlight_time) =
        markdown::render_timed(&source.body, &links, site.config.markdown.highlight_code);
    let errors = broken
        .into_iter()
        .map(|b| {
            let (line, column) = line_column(&source.body, b.offset);
            Diagnostic::error(
                &source.path,
                source.body_line + line - 1,
                column,
                format!("broken link `{}`: no such content file", b.target),
            )
        })
        .collect();
    (rendered, errors, highlight_time)
}

/// Renders every body of the site.
pub fn render_all(site: &Site) -> (Bodies, Vec<Diagnostic>) {
    render_all_cached(site, None)
}

/// Renders one body of the site (as [`render_all_cached`] would), through `cache`.
pub fn render_one_cached(
    site: &Site,
    source: &Source,
    cache: &BodyCache,
) -> (Arc<Rendered>, Vec<Diagnostic>) {
    let key = Inputs::of(site).key(source);
    if let Some((_, rendered, errors)) = cache
        .entries
        .lock()
        .ok()
        .and_then(|e| cached(&e, source, key))
    {
        return (rendered, errors);
    }
    let (rendered, errors, _) = render_source_timed(site, source);
    let rendered = Arc::new(rendered);
    if let Ok(mut entries) = cache.entries.lock() {
        keep(&mut entries, source, key, &rendered, &errors);
    }
    (rendered, errors)
}

/// What `entries` holds for `source`, if made from the inputs hashed to `key`.
fn cached(entries: &HashMap<PathBuf, CachedBody>, source: &Source, key: u64) -> Option<CachedBody> {
    entries
        .get(&source.path)
        .filter(|(k, _, _)| *k == key)
        .cloned()
}

/// Keeps `source`'s body, made from the inputs hashed to `key`, in `entries`.
fn keep(
    entries: &mut HashMap<PathBuf, CachedBody>,
    source: &Source,
    key: u64,
    rendered: &Arc<Rendered>,
    errors: &[Diagnostic],
) {
    entries.insert(
        source.path.clone(),
        (key, Arc::clone(rendered), errors.to_vec()),
    );
}

/// The source of every body of the site, in the order of [`Bodies::all`]: the home page,
/// the postings, the teams (`None` for a team without a file), the resumes.
pub fn sources(site: &Site) -> Vec<Option<&Source>> {
    let mut sources: Vec<Option<&Source>> = vec![Some(&site.home.source)];
    sources.extend(site.jobs.iter().map(|j| Some(&j.posting.source)));
    sources.extend(
        site.teams
            .iter()
            .map(|t| t.file.as_ref().map(|t| &t.source)),
    );
    sources.extend(site.resumes.iter().map(|r| Some(&r.resume.source)));
    sources
}

impl Bodies {
    /// Every body, in the order of [`sources`].
    pub fn all(&self) -> impl Iterator<Item = &Rendered> {
        std::iter::once(&self.home)
            .chain(&self.jobs)
            .chain(&self.teams)
            .chain(&self.resumes)
            .map(|b| b.as_ref())
    }
}

/// Renders every body of the site, reusing those in `cache` whose inputs did not change.
pub fn render_all_cached(site: &Site, cache: Option<&BodyCache>) -> (Bodies, Vec<Diagnostic>) {
    let sources = sources(site);
    let inputs = cache.map(|_| Inputs::of(site));
    // Each body's key, then what the cache holds for it, under one lock.
    let keys: Vec<Option<u64>> = sources
        .par_iter()
        .map(|s| s.zip(inputs.as_ref()).map(|(s, inputs)| inputs.key(s)))
        .collect();
    let mut found: Vec<Option<CachedBody>> = vec![None; sources.len()];
    if let Some(entries) = cache.and_then(|c| c.entries.lock().ok()) {
        for ((slot, source), key) in found.iter_mut().zip(&sources).zip(&keys) {
            if let (Some(source), Some(key)) = (source, key) {
                *slot = cached(&entries, source, *key);
            }
        }
    }
    let done: Vec<(Arc<Rendered>, Vec<Diagnostic>, Duration, bool)> = sources
        .par_iter()
        .zip(found)
        .map(|(source, found)| match (source, found) {
            (_, Some((_, rendered, errors))) => (rendered, errors, Duration::ZERO, false),
            (Some(source), None) => {
                let (rendered, errors, time) = render_source_timed(site, source);
                (Arc::new(rendered), errors, time, true)
            }
            (None, None) => (Arc::default(), Vec::new(), Duration::ZERO, false),
        })
        .collect();
    if let Some(mut entries) = cache.and_then(|c| c.entries.lock().ok()) {
        for ((source, key), (rendered, errors, _, fresh)) in sources.iter().zip(&keys).zip(&done) {
            if let (Some(source), Some(key), true) = (source, key, fresh) {
                keep(&mut entries, source, *key, rendered, errors);
            }
        }
    }
    if let Some(cache) = cache {
        cache.keep_only(site);
    }
    let mut errors = Vec::new();
    let mut highlight_time = Duration::ZERO;
    let mut bodies = done.into_iter().map(|(rendered, e, time, _)| {
        errors.extend(e);
        highlight_time += time;
        rendered
    });
    let home = bodies.next().unwrap_or_default();
    let jobs = bodies.by_ref().take(site.jobs.len()).collect();
    let teams = bodies.by_ref().take(site.teams.len()).collect();
    let resumes = bodies.collect();
    (
        Bodies {
            home,
            jobs,
            teams,
            resumes,
            highlight_time,
        },
        errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::{Content, Item, Posting};
    use crate::site::BuildOptions;
    use std::path::Path;

    fn content(bodies: &[(&str, &str)]) -> Content {
        let mut c = Content::default();
        for (path, text) in bodies {
            let posting = Posting::parse(Path::new(path), text).unwrap();
            c.insert(
                PathBuf::from(path),
                Item::Posting(std::sync::Arc::new(posting)),
            );
        }
        c
    }

    fn options() -> BuildOptions {
        BuildOptions {
            drafts: false,
            now: chrono::DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
                .unwrap()
                .into(),
        }
    }

    #[test]
    fn cached_bodies_equal_fresh_ones_and_follow_link_targets() {
        let config =
            Config::parse("title = \"t\"\nbase_url = \"https://example.com/c/\"\n").unwrap();
        let a = (
            "content/jobs/a.md",
            "+++\ntitle = \"A\"\nteam = \"t\"\ndate = 2026-11-01\n+++\nSee [B](@/jobs/b.md).\n",
        );
        let b = (
            "content/jobs/b.md",
            "+++\ntitle = \"B\"\nteam = \"t\"\ndate = 2026-11-01\n+++\n```rust\nfn b() {}\n```\n",
        );
        let cache = BodyCache::default();
        let first = content(&[a, b]);
        let (site, _) = Site::assemble(&config, &first, options());
        let (cached, _) = render_all_cached(&site, Some(&cache));
        let (again, _) = render_all_cached(&site, Some(&cache));
        let (fresh, _) = render_all(&site);
        assert_eq!(again.jobs, fresh.jobs);
        assert_eq!(cached.jobs, fresh.jobs);
        assert_eq!(
            again.highlight_time,
            Duration::ZERO,
            "nothing was rendered again"
        );

        // B's new title moves its page: A's link must follow although A's text is unchanged.
        let renamed = (
            "content/jobs/b.md",
            "+++\ntitle = \"B2\"\nteam = \"t\"\ndate = 2026-11-01\n+++\n```rust\nfn b() {}\n```\n",
        );
        let second = content(&[a, renamed]);
        let (site, _) = Site::assemble(&config, &second, options());
        let (cached, _) = render_all_cached(&site, Some(&cache));
        let (fresh, _) = render_all(&site);
        assert_eq!(cached.jobs, fresh.jobs);
        assert!(cached.jobs.iter().any(|r| r.html.contains("/c/jobs/b2/")));
    }
}
