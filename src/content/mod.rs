//! Content loading: the files under `content/` → typed models.

pub mod alias;
pub mod apply;
pub mod currency;
pub mod dates;
pub mod frontmatter;
pub mod home;
pub mod json_resume;
pub mod link;
pub mod posting;
pub mod resume;
pub mod romanize;
pub mod slug;
pub mod source;
pub mod team;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
pub use home::Home;
pub use posting::Posting;
pub use resume::Resume;
pub use team::Team;

/// The folder, under the site root, that holds content.
pub const CONTENT_DIR: &str = "content";

/// What a content file is, by where it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Home,
    Posting,
    Team,
    Resume,
}

/// One loaded content file.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Home(Arc<Home>),
    Posting(Arc<Posting>),
    Team(Arc<Team>),
    Resume(Arc<Resume>),
}

/// `Item::posting(&item)`: the posting an item holds, if it is one; and so for each kind.
macro_rules! item_kinds {
    ($($name:ident: $variant:ident),*) => {
        impl Item {
            $(
                pub fn $name(&self) -> Option<&Arc<$variant>> {
                    match self {
                        Item::$variant(x) => Some(x),
                        _ => None,
                    }
                }
            )*
        }
    };
}

item_kinds!(home: Home, posting: Posting, team: Team, resume: Resume);

/// What a path (relative to the site root) holds, or `None` for files that are not content.
pub fn classify(relative: &Path) -> Option<Kind> {
    let parts: Vec<&str> = relative
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or(""),
            _ => "",
        })
        .collect();
    let file = *parts.last()?;
    if parts.first() != Some(&CONTENT_DIR)
        || is_ignored_name(file)
        || parts.iter().any(|p| p.is_empty())
    {
        return None;
    }
    let is_md = file.ends_with(".md");
    match (&parts[1..], is_md) {
        (["_index.md"], _) => Some(Kind::Home),
        (["jobs", .., _], true) => Some(Kind::Posting),
        (["teams", _], true) => Some(Kind::Team),
        (["resumes", _], true) => Some(Kind::Resume),
        (["resumes", _], false) if file.ends_with(".json") => Some(Kind::Resume),
        _ => None,
    }
}

/// Hidden files, the backup, swap and temporary files editors leave beside the real ones,
/// and the folder caches file managers write.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
        || [".swp", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Takes note of the bytes of each content file as it is read: a build hashes them for its
/// record (`build_record::Reads`) instead of reading every file a second time.
pub trait Recorder: Sync {
    /// `bytes` were read from the regular file at `relative` (relative to the site root).
    fn record(&self, relative: &Path, bytes: &[u8]);
}

/// Reads and types one content file.
pub fn load_file(root: &Path, relative: &Path) -> Result<Item, Vec<Diagnostic>> {
    load_file_recorded(root, relative, None::<&dyn Recorder>)
}

/// [`load_file`], noting the bytes read in `reads`.
fn load_file_recorded<R: Recorder + ?Sized>(
    root: &Path,
    relative: &Path,
    reads: Option<&R>,
) -> Result<Item, Vec<Diagnostic>> {
    let kind = classify(relative)
        .ok_or_else(|| vec![Diagnostic::error(relative, 1, 1, "not a content file (expected content/jobs/**/*.md, content/teams/*.md, content/resumes/*.md or *.json, or content/_index.md)")])?;
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        vec![Diagnostic::error(
            relative,
            1,
            1,
            format!("cannot read: {e}"),
        )]
    })?;
    if let Some(reads) = reads {
        reads.record(relative, &bytes);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::diagnostic::line_column(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        vec![Diagnostic::error(
            relative,
            line,
            column,
            "not UTF-8 text: save the file as UTF-8",
        )]
    })?;
    parse(kind, relative, &text)
}

/// Types the text of a content file of the given kind.
pub fn parse(kind: Kind, relative: &Path, text: &str) -> Result<Item, Vec<Diagnostic>> {
    Ok(match kind {
        Kind::Home => Item::Home(Arc::new(Home::parse(relative, text)?)),
        Kind::Posting => Item::Posting(Arc::new(Posting::parse(relative, text)?)),
        Kind::Team => Item::Team(Arc::new(Team::parse(relative, text)?)),
        Kind::Resume if relative.extension().is_some_and(|e| e == "json") => {
            Item::Resume(Arc::new(json_resume::parse(relative, text)?))
        }
        Kind::Resume => Item::Resume(Arc::new(Resume::parse(relative, text)?)),
    })
}

/// Every content file of a site, by path relative to the site root. Items are shared with
/// the site graph made from them: a copy of the whole costs a pointer per file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Content {
    items: BTreeMap<PathBuf, Item>,
}

impl Content {
    /// Loads every content file under `ROOT/content`, in parallel; problems are collected, not fatal.
    pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
        Content::load_recorded(root, None::<&dyn Recorder>)
    }

    /// [`Content::load`], noting the bytes of every file read in `reads`.
    pub fn load_recorded<R: Recorder + ?Sized>(
        root: &Path,
        reads: Option<&R>,
    ) -> (Content, Vec<Diagnostic>) {
        let (paths, mut diagnostics) = content_files(root);
        let results: Vec<(PathBuf, Result<Item, Vec<Diagnostic>>)> = paths
            .into_par_iter()
            .map(|p| {
                let r = load_file_recorded(root, &p, reads);
                (p, r)
            })
            .collect();
        let mut items = Vec::with_capacity(results.len());
        for (path, result) in results {
            match result {
                Ok(item) => items.push((path, item)),
                Err(errs) => diagnostics.extend(errs),
            }
        }
        // The walk gives paths in order: the map is built in one pass, where inserting them
        // one by one compares paths, component by component, a dozen times each.
        let content = Content {
            items: items.into_iter().collect(),
        };
        (content, diagnostics)
    }

    pub fn insert(&mut self, relative: PathBuf, item: Item) {
        self.items.insert(relative, item);
    }

    pub fn remove(&mut self, relative: &Path) -> Option<Item> {
        self.items.remove(relative)
    }

    pub fn get(&self, relative: &Path) -> Option<&Item> {
        self.items.get(relative)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn home(&self) -> Option<&Arc<Home>> {
        self.items.values().find_map(Item::home)
    }

    /// Postings in path order.
    pub fn postings(&self) -> impl Iterator<Item = &Arc<Posting>> {
        self.items.values().filter_map(Item::posting)
    }

    /// Teams in path order.
    pub fn teams(&self) -> impl Iterator<Item = &Arc<Team>> {
        self.items.values().filter_map(Item::team)
    }

    /// Resumes in path order.
    pub fn resumes(&self) -> impl Iterator<Item = &Arc<Resume>> {
        self.items.values().filter_map(Item::resume)
    }
}

/// The content files under `ROOT/content` (relative to ROOT, sorted), and warnings for stray files.
fn content_files(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    files_under(root, Path::new(CONTENT_DIR))
}

/// Why a file under `content/` is not read, and what to do instead.
fn unread_file(relative: &Path) -> String {
    let extension = relative
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let markdown = ["md", "markdown", "mdown", "mkd", "mkdn"].contains(&extension.as_str());
    match relative.extension() {
        Some(e) if e == "md" => {
            "ignored: content files go in content/jobs/, content/teams/ or content/resumes/".into()
        }
        _ if markdown => format!(
            "ignored: content files end in `.md`; rename it to {}",
            relative.with_extension("md").display()
        ),
        _ => "ignored: content/ holds Markdown (`.md`) files and, in content/resumes/, JSON Resume files; put other files in static/".into(),
    }
}

/// The content files at or under `tree` (relative to `root`, sorted): regular files only,
/// hidden and temporary names skipped at every depth. Also returns an error for each folder
/// that cannot be read and a warning for each Markdown file outside the content places.
pub fn files_under(root: &Path, tree: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    if !tree.starts_with(CONTENT_DIR) {
        return (paths, problems);
    }
    // Symbolic links are followed (a linked posting or folder is content like any other);
    // walkdir reports a link that leads back to a folder above it.
    let walker = walkdir::WalkDir::new(root.join(tree))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(tree);
                let missing =
                    err.io_error().map(|e| e.kind()) == Some(std::io::ErrorKind::NotFound);
                if missing && err.depth() > 0 {
                    let target = err
                        .path()
                        .and_then(|p| std::fs::read_link(p).ok())
                        .map_or_else(String::new, |t| format!(" (to {})", t.display()));
                    let message = format!("symbolic link to nothing{target}: its target does not exist; fix or remove the link");
                    problems.push(if classify(path).is_some() {
                        Diagnostic::error(path, 1, 1, message)
                    } else {
                        Diagnostic::new(Severity::Warning, path, 1, 1, message)
                    });
                } else if err.loop_ancestor().is_some() {
                    problems.push(Diagnostic::error(
                        path,
                        1,
                        1,
                        "symbolic link loop: this link leads back to a folder above it; it was not followed",
                    ));
                } else if !missing {
                    problems.push(Diagnostic::error(path, 1, 1, format!("cannot read: {err}")));
                }
                continue;
            }
        };
        if !entry.file_type().is_file() {
            if !entry.file_type().is_dir() && entry.path_is_symlink() {
                problems.push(Diagnostic::new(
                    Severity::Warning,
                    entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    1,
                    1,
                    "ignored: this link leads to something that is neither a file nor a folder",
                ));
            }
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if classify(&relative).is_some() {
            paths.push(relative);
        } else {
            problems.push(Diagnostic::new(
                Severity::Warning,
                &relative,
                1,
                1,
                unread_file(&relative),
            ));
        }
    }
    (paths, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_place() {
        let k = |p: &str| classify(Path::new(p));
        assert_eq!(k("content/_index.md"), Some(Kind::Home));
        assert_eq!(k("content/jobs/a.md"), Some(Kind::Posting));
        assert_eq!(k("content/jobs/infra/2026/a.md"), Some(Kind::Posting));
        assert_eq!(k("content/teams/infra.md"), Some(Kind::Team));
        assert_eq!(k("content/teams/x/infra.md"), None);
        assert_eq!(k("content/resumes/me.md"), Some(Kind::Resume));
        assert_eq!(k("content/resumes/me.json"), Some(Kind::Resume));
        assert_eq!(k("content/jobs/.a.md.swp"), None);
        assert_eq!(k("content/jobs/a.md~"), None);
        assert_eq!(k("content/jobs/notes.txt"), None);
        assert_eq!(k("static/a.md"), None);
    }
}
