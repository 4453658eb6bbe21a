//! The site as served: one [`Snapshot`] (its files rendered on first request), its
//! generation and sub-path, swapped whole after each good change, so a request never sees a
//! half-made site; and what changed between two, as open pages need to know it.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::snapshot::Snapshot;
use crate::diagnostic::Diagnostic;

/// One good state of the site, as served.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// Counts the good changes; 0 before the first good build.
    pub generation: u64,
    /// The sub-path the site lives under, always starting and ending with `/`.
    pub base_path: String,
    files: Files,
    /// The last snapshot whose every file rendered: a file that fails to render in this one
    /// is served from there until the problem shows.
    fallback: Option<Arc<Snapshot>>,
}

#[derive(Debug, Clone, Default)]
enum Files {
    #[default]
    None,
    Snapshot(Arc<Snapshot>),
    /// Files given whole (for tests of what is built on top).
    Fixed(HashMap<String, Arc<Vec<u8>>>),
}

/// What a new state changed, as open pages need to know it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Output paths added, changed or removed, sorted: the pages open in a browser whose
    /// bytes differ, and static files.
    pub changed: Vec<String>,
    /// Anything may have changed (the config, the sub-path, the day): every page reloads.
    pub all: bool,
    /// Only stylesheets changed: open pages swap their stylesheets instead of reloading.
    pub styles_only: bool,
}

impl Update {
    pub fn is_empty(&self) -> bool {
        !self.all && self.changed.is_empty()
    }
}

impl SiteFiles {
    /// Generation `generation` of the site: `snapshot`, under `base_path`.
    pub fn new(
        generation: u64,
        base_path: &str,
        snapshot: Arc<Snapshot>,
        fallback: Option<Arc<Snapshot>>,
    ) -> SiteFiles {
        SiteFiles {
            generation,
            base_path: base_path.to_string(),
            files: Files::Snapshot(snapshot),
            fallback,
        }
    }

    /// No site yet, to be served under `base_path`.
    pub fn unbuilt(base_path: &str) -> SiteFiles {
        SiteFiles {
            base_path: base_path.to_string(),
            ..SiteFiles::default()
        }
    }

    /// The site as `files` given whole, with what changed since `self` (unchanged files
    /// keep sharing their bytes with `self`).
    pub fn next(&self, base_path: &str, files: Vec<(String, Arc<Vec<u8>>)>) -> (SiteFiles, Update) {
        let mut next: HashMap<String, Arc<Vec<u8>>> = HashMap::with_capacity(files.len());
        let mut changed = BTreeSet::new();
        for (path, bytes) in files {
            let shared = match self.get(&path) {
                Some(Ok(old)) if *old == *bytes => old,
                _ => {
                    changed.insert(path.clone());
                    bytes
                }
            };
            next.insert(path, shared);
        }
        changed.extend(self.paths().into_iter().filter(|p| !next.contains_key(p)));
        let all = self.generation > 0 && self.base_path != base_path;
        let update = Update {
            styles_only: !all
                && !changed.is_empty()
                && changed
                    .iter()
                    .all(|p| p.ends_with(".css") && self.contains(p)),
            changed: changed.into_iter().collect(),
            all,
        };
        let generation = if update.is_empty() {
            self.generation
        } else {
            self.generation + 1
        };
        let site = SiteFiles {
            generation,
            base_path: base_path.to_string(),
            files: Files::Fixed(next),
            fallback: None,
        };
        (site, update)
    }

    /// The snapshot served, once the site has built.
    pub fn snapshot(&self) -> Option<&Arc<Snapshot>> {
        match &self.files {
            Files::Snapshot(snapshot) => Some(snapshot),
            _ => None,
        }
    }

    /// Whether the site has output file `path`.
    pub fn contains(&self, path: &str) -> bool {
        match &self.files {
            Files::None => false,
            Files::Snapshot(snapshot) => snapshot.contains(path),
            Files::Fixed(files) => files.contains_key(path),
        }
    }

    /// The bytes of output file `path`, rendered now if need be; a file that fails to
    /// render comes from the last snapshot that had none failing, if it has the file.
    pub fn get(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        match &self.files {
            Files::None => None,
            Files::Fixed(files) => files.get(path).map(|b| Ok(Arc::clone(b))),
            Files::Snapshot(snapshot) => match snapshot.get(path)? {
                Ok(bytes) => Some(Ok(bytes)),
                Err(e) => match self.fallback.as_ref().and_then(|f| f.get(path)) {
                    Some(Ok(bytes)) => Some(Ok(bytes)),
                    _ => Some(Err(e)),
                },
            },
        }
    }

    /// The snapshot that writes output file `path` as it is made, for a file so written.
    pub fn streaming(&self, path: &str) -> Option<Arc<Snapshot>> {
        match &self.files {
            Files::Snapshot(snapshot) if snapshot.streams(path) => Some(Arc::clone(snapshot)),
            _ => None,
        }
    }

    /// Every output path, sorted.
    pub fn paths(&self) -> Vec<String> {
        match &self.files {
            Files::None => Vec::new(),
            Files::Snapshot(snapshot) => snapshot.paths(),
            Files::Fixed(files) => {
                let mut paths: Vec<String> = files.keys().cloned().collect();
                paths.sort();
                paths
            }
        }
    }

    /// What changed from `self` to `next`, as the pages open at `viewed` see it: those
    /// pages, rendered again, whose bytes differ (rendered first, before the swap), and the
    /// static files that differ. `all` when anything may have changed.
    pub fn update_to(&self, next: &SiteFiles, viewed: &[String], all: bool) -> Update {
        let all = all || self.generation == 0 || self.base_path != next.base_path;
        let mut changed = BTreeSet::new();
        for path in viewed {
            let before = self.get(path).and_then(Result::ok);
            let after = next.get(path).and_then(Result::ok);
            let same = match (&before, &after) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
                (None, None) => true,
                _ => false,
            };
            if !same {
                changed.insert(path.clone());
            }
        }
        let mut statics = false;
        if let (Some(old), Some(new)) = (self.snapshot(), next.snapshot()) {
            if !Arc::ptr_eq(old.renderer(), new.renderer()) {
                let (a, b) = (old.static_files(), new.static_files());
                for path in a.keys().chain(b.keys()) {
                    if a.get(path) != b.get(path) {
                        statics = true;
                        changed.insert(path.clone());
                    }
                }
            }
        }
        let styles_only = !all
            && statics
            && changed.iter().all(|p| {
                p.ends_with(".css")
                    && self
                        .snapshot()
                        .is_some_and(|s| s.static_files().contains_key(p))
            });
        Update {
            changed: changed.into_iter().collect(),
            all,
            styles_only,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Arc<Vec<u8>>)> {
        list.iter()
            .map(|(p, b)| (p.to_string(), Arc::new(b.as_bytes().to_vec())))
            .collect()
    }

    #[test]
    fn lists_added_changed_and_removed_files_and_shares_the_rest() {
        let (one, update) = SiteFiles::default().next(
            "/c/",
            files(&[("index.html", "a"), ("old.txt", "x"), ("same.css", "s")]),
        );
        assert_eq!(one.generation, 1);
        assert_eq!(update.changed.len(), 3);
        let (two, update) = one.next(
            "/c/",
            files(&[("index.html", "b"), ("new.txt", "y"), ("same.css", "s")]),
        );
        assert_eq!(update.changed, ["index.html", "new.txt", "old.txt"]);
        assert!(!update.styles_only);
        assert_eq!(two.generation, 2);
        let same = |s: &SiteFiles| s.get("same.css").unwrap().unwrap();
        assert!(Arc::ptr_eq(&same(&one), &same(&two)));
        let (three, update) = two.next(
            "/c/",
            files(&[("index.html", "b"), ("new.txt", "y"), ("same.css", "s")]),
        );
        assert!(update.is_empty());
        assert_eq!(three.generation, 2, "nothing changed, nothing to reload");
    }

    #[test]
    fn a_stylesheet_edit_is_styles_only() {
        let (one, _) = SiteFiles::default().next(
            "/c/",
            files(&[("index.html", "<p>hi</p>"), ("style.css", "p{}")]),
        );
        let (two, update) = one.next(
            "/c/",
            files(&[("index.html", "<p>hi</p>"), ("style.css", "p{color:red}")]),
        );
        assert_eq!(update.changed, ["style.css"]);
        assert!(update.styles_only);
        let (_, update) = two.next(
            "/c/",
            files(&[("index.html", "<p>ho</p>"), ("style.css", "p{}")]),
        );
        assert!(!update.styles_only, "a text change on top of it is not");
    }

    #[test]
    fn a_moved_base_path_is_a_change() {
        let (one, _) = SiteFiles::default().next("/c/", files(&[("robots.txt", "x")]));
        let (two, update) = one.next("/d/", files(&[("robots.txt", "x")]));
        assert!(update.all);
        assert_eq!(two.base_path, "/d/");
        assert_eq!(two.generation, 2);
    }
}
