//! The built site as served: every output file in memory, swapped whole after each good
//! build, so a request never sees a half-built site.

use std::collections::HashMap;
use std::sync::Arc;

/// One good build of the site, in memory.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    /// Counts the builds that changed anything; 0 before the first good build.
    pub generation: u64,
    /// The sub-path the site lives under, always starting and ending with `/`.
    pub base_path: String,
    /// Output path (`jobs/x/index.html`, as `build` would write it) → bytes.
    pub files: HashMap<String, Arc<Vec<u8>>>,
    /// Output path → the generation its bytes last changed in: with the server's name, an
    /// entity tag that changes exactly when the bytes do, found without hashing them.
    pub changed_in: HashMap<String, u64>,
}

/// What a new build changed, as open pages need to know it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    /// Output paths added, changed or removed, sorted.
    pub changed: Vec<String>,
    /// Only stylesheets changed (pages changed only in the stylesheets' cache-busting
    /// query): open pages swap their stylesheets instead of reloading.
    pub styles_only: bool,
}

impl Update {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }
}

impl SiteFiles {
    /// The site as `files` (in output order; a later file of the same path wins), with what
    /// changed since `self`. Unchanged files keep sharing their bytes with `self`.
    pub fn next(&self, base_path: &str, files: Vec<(String, Arc<Vec<u8>>)>) -> (SiteFiles, Update) {
        let mut next: HashMap<String, Arc<Vec<u8>>> = HashMap::with_capacity(files.len());
        for (path, bytes) in files {
            let shared = match self.files.get(&path) {
                Some(old) if Arc::ptr_eq(old, &bytes) || **old == *bytes => Arc::clone(old),
                _ => bytes,
            };
            next.insert(path, shared);
        }
        let mut changed: Vec<String> = next
            .iter()
            .filter(|(path, bytes)| {
                self.files
                    .get(*path)
                    .is_none_or(|old| !Arc::ptr_eq(old, bytes))
            })
            .map(|(path, _)| path.clone())
            .chain(
                self.files
                    .keys()
                    .filter(|p| !next.contains_key(*p))
                    .cloned(),
            )
            .collect();
        changed.sort();
        let base_changed = self.generation > 0 && self.base_path != base_path;
        if base_changed && changed.is_empty() {
            changed.push(String::new());
        }
        let styles_only = !base_changed
            && !changed.is_empty()
            && changed
                .iter()
                .all(|path| match (self.files.get(path), next.get(path)) {
                    (Some(_), Some(_)) if path.ends_with(".css") => true,
                    (Some(old), Some(new)) if path.ends_with(".html") => {
                        same_but_asset_versions(old, new)
                    }
                    _ => false,
                })
            && changed.iter().any(|p| p.ends_with(".css"));
        let generation = if changed.is_empty() {
            self.generation
        } else {
            self.generation + 1
        };
        let changed_in = next
            .iter()
            .map(|(path, bytes)| {
                let same = self
                    .files
                    .get(path)
                    .is_some_and(|old| Arc::ptr_eq(old, bytes));
                let since = match self.changed_in.get(path) {
                    Some(&since) if same => since,
                    _ => generation,
                };
                (path.clone(), since)
            })
            .collect();
        let site = SiteFiles {
            generation,
            base_path: base_path.to_string(),
            files: next,
            changed_in,
        };
        (
            site,
            Update {
                changed,
                styles_only,
            },
        )
    }

    /// The bytes of an output file.
    pub fn get(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        self.files.get(path)
    }
}

/// Two pages equal but for the `?v=…` cache-busting queries of the assets they link.
fn same_but_asset_versions(a: &[u8], b: &[u8]) -> bool {
    without_versions(a) == without_versions(b)
}

fn without_versions(page: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.len());
    let mut i = 0;
    while i < page.len() {
        if page[i..].starts_with(b"?v=") {
            i += 3;
            while i < page.len()
                && (page[i].is_ascii_alphanumeric() || matches!(page[i], b'-' | b'_'))
            {
                i += 1;
            }
        } else {
            out.push(page[i]);
            i += 1;
        }
    }
    out
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
        assert!(Arc::ptr_eq(&one.files["same.css"], &two.files["same.css"]));
        assert_eq!(
            two.changed_in["same.css"], 1,
            "unchanged bytes keep their tag"
        );
        assert_eq!(two.changed_in["index.html"], 2);
        assert_eq!(two.changed_in["new.txt"], 2);
        let (three, update) = two.next(
            "/c/",
            files(&[("index.html", "b"), ("new.txt", "y"), ("same.css", "s")]),
        );
        assert!(update.is_empty());
        assert_eq!(three.generation, 2, "nothing changed, nothing to reload");
    }

    #[test]
    fn a_stylesheet_edit_is_styles_only() {
        let page = |v: &str| {
            format!("<link href=\"/c/style.css?v={v}\"><script src=\"/c/yingcai.js?v=j1\"></script><p>hi</p>")
        };
        let (one, _) = SiteFiles::default().next(
            "/c/",
            files(&[
                ("index.html", &page("aa11")),
                ("style.css", "p{}"),
                ("yingcai.js", "1"),
            ]),
        );
        let (two, update) = one.next(
            "/c/",
            files(&[
                ("index.html", &page("bb22")),
                ("style.css", "p{color:red}"),
                ("yingcai.js", "1"),
            ]),
        );
        assert_eq!(update.changed, ["index.html", "style.css"]);
        assert!(update.styles_only);
        // A text change on top of it is not.
        let (_, update) = two.next(
            "/c/",
            files(&[
                ("index.html", &page("cc33").replace("hi", "ho")),
                ("style.css", "p{}"),
                ("yingcai.js", "1"),
            ]),
        );
        assert!(!update.styles_only);
        // Nor is a script change, even though pages differ only in its version.
        let (_, update) = two.next(
            "/c/",
            files(&[
                ("index.html", &page("bb22").replace("j1", "j2")),
                ("style.css", "p{color:red}"),
                ("yingcai.js", "2"),
            ]),
        );
        assert!(!update.styles_only);
    }

    #[test]
    fn a_moved_base_path_is_a_change() {
        let (one, _) = SiteFiles::default().next("/c/", files(&[("robots.txt", "x")]));
        let (two, update) = one.next("/d/", files(&[("robots.txt", "x")]));
        assert!(!update.is_empty());
        assert_eq!(two.base_path, "/d/");
        assert_eq!(two.generation, 2);
    }
}
