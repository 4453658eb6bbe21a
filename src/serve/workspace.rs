//! The site held in memory between rebuilds: config, theme and every content file, each
//! read again only when a change touches it; made into a [`Snapshot`] after each change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rayon::prelude::*;

use super::changes::{PathState, Plan};
use super::snapshot::{Inputs, Made, Snapshot};
use crate::config::{Config, ConfigError, CONFIG_FILE};
use crate::content::{self, Content, CONTENT_DIR};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::bodies::BodyCache;
use crate::site::BuildOptions;
use crate::Failure;

/// What reading the changes of one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Content files read.
    pub read: usize,
    /// Content files dropped.
    pub dropped: usize,
    pub config: bool,
    pub theme: bool,
    /// Whether any input differs from before, by value: a file saved unchanged is not.
    pub changed: bool,
}

/// A site's inputs, loaded, with the problems of those that could not be.
pub struct Workspace {
    root: PathBuf,
    /// Where the site is served (`http://127.0.0.1:1111`): replaces `base_url`'s origin.
    origin: String,
    drafts: bool,
    config: Option<Arc<Config>>,
    config_errors: Vec<Diagnostic>,
    renderer: Option<Arc<Renderer>>,
    theme_errors: Vec<Diagnostic>,
    /// Every content file that loaded.
    content: Content,
    /// The paths of the files in `content`.
    loaded: BTreeSet<PathBuf>,
    /// The problems of every content file that did not.
    content_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Some content differs, by value, since `apply` began.
    changed: bool,
    /// The content files that differ since `apply` began; `None` when more than content
    /// changed (the config, the theme, a whole tree read again).
    touched: Option<Vec<PathBuf>>,
    /// Bodies rendered for earlier snapshots, reused when nothing they are made from changed.
    bodies: BodyCache,
}

impl Workspace {
    /// Reads everything. Fails only when there is no `config.toml` at all; other problems
    /// are kept, to be shown until fixed.
    pub fn load(root: &Path, origin: &str, drafts: bool) -> Result<Workspace, Failure> {
        if !root.join(CONFIG_FILE).is_file() {
            return Err(Failure::no_config(root));
        }
        let mut workspace = Workspace {
            root: root.to_path_buf(),
            origin: origin.to_string(),
            drafts,
            config: None,
            config_errors: Vec::new(),
            renderer: None,
            theme_errors: Vec::new(),
            content: Content::default(),
            loaded: BTreeSet::new(),
            content_errors: BTreeMap::new(),
            changed: false,
            touched: None,
            bodies: BodyCache::default(),
        };
        workspace.apply(&Plan::everything());
        Ok(workspace)
    }

    /// Reads what a plan names again; nothing else is touched.
    pub fn apply(&mut self, plan: &Plan) -> Applied {
        let mut applied = Applied::default();
        self.changed = false;
        self.touched = (!plan.everything && !plan.config && !plan.theme).then(Vec::new);
        if plan.everything {
            // Listed first, then read as `Content::load` reads them.
            self.content = Content::default();
            self.loaded.clear();
            self.content_errors.clear();
            applied.read = self.sync_tree(Path::new(CONTENT_DIR)).0;
        } else {
            for tree in &plan.sync {
                let (read, dropped) = self.sync_tree(tree);
                applied.read += read;
                applied.dropped += dropped;
            }
            let files: Vec<&PathBuf> = plan.files_outside_synced_trees().collect();
            applied.read += files.len();
            let loaded: Vec<(&PathBuf, Result<content::Item, Vec<Diagnostic>>)> = files
                .into_par_iter()
                .map(|p| (p, content::load_file(&self.root, p)))
                .collect();
            for (path, result) in loaded {
                self.store(path.clone(), result);
            }
        }
        if plan.everything || plan.config {
            self.load_config();
            applied.config = true;
        }
        if plan.everything || plan.config || plan.theme {
            self.load_theme();
            applied.theme = true;
        }
        applied.changed = self.changed || applied.config || applied.theme;
        applied
    }

    /// Brings every content file under `tree` in line with the disk.
    fn sync_tree(&mut self, tree: &Path) -> (usize, usize) {
        let (on_disk, problems) = content::files_under(&self.root, tree);
        let on_disk: BTreeSet<PathBuf> = on_disk.into_iter().collect();
        // Warnings (stray Markdown files) are not problems that stop the preview.
        let unreadable = problems.into_iter().filter(Diagnostic::is_error);
        let known: Vec<PathBuf> = self
            .loaded
            .iter()
            .chain(self.content_errors.keys())
            .filter(|p| p.starts_with(tree) && !on_disk.contains(*p))
            .cloned()
            .collect();
        for path in &known {
            self.forget(path);
        }
        let on_disk: Vec<PathBuf> = on_disk.into_iter().collect();
        let loaded: Vec<(PathBuf, Result<content::Item, Vec<Diagnostic>>)> = on_disk
            .into_par_iter()
            .map(|p| {
                let r = content::load_file(&self.root, &p);
                (p, r)
            })
            .collect();
        let read = loaded.len();
        for (path, result) in loaded {
            self.store(path, result);
        }
        for problem in unreadable {
            self.content_errors
                .entry(problem.path.clone())
                .or_default()
                .push(problem);
        }
        (read, known.len())
    }

    fn store(&mut self, path: PathBuf, result: Result<content::Item, Vec<Diagnostic>>) {
        match result {
            Ok(item) => {
                let differs = self.content.get(&path) != Some(&item)
                    || self.content_errors.contains_key(&path);
                if differs {
                    if let Some(touched) = &mut self.touched {
                        touched.push(path.clone());
                    }
                }
                self.changed |= differs;
                self.content_errors.remove(&path);
                self.loaded.insert(path.clone());
                self.content.insert(path, item);
            }
            // Deleted, or replaced by a link or folder, since the event: loading skips it.
            Err(_) if PathState::of(&self.root.join(&path)) != PathState::File => {
                self.forget(&path)
            }
            Err(errors) => {
                let same = self.content_errors.get(&path) == Some(&errors);
                self.forget(&path);
                self.changed |= !same;
                self.content_errors.insert(path, errors);
            }
        }
    }

    fn forget(&mut self, path: &Path) {
        if self.loaded.contains(path) || self.content_errors.contains_key(path) {
            self.changed = true;
            // A file gone (or failing) changes the site graph.
            self.touched = None;
        }
        self.content.remove(path);
        self.loaded.remove(path);
        self.content_errors.remove(path);
    }

    fn load_config(&mut self) {
        self.config = None;
        self.config_errors = match Config::load(&self.root) {
            Ok(mut config) => {
                config.base_url = config.base_url.with_origin(&self.origin);
                self.config = Some(Arc::new(config));
                Vec::new()
            }
            Err(ConfigError::Missing(_)) => vec![Diagnostic::error(
                CONFIG_FILE,
                1,
                1,
                "config.toml is missing: the site cannot be built without it",
            )],
            Err(ConfigError::Invalid(errors)) => errors,
        };
    }

    fn load_theme(&mut self) {
        self.renderer = None;
        self.theme_errors.clear();
        if let Some(config) = &self.config {
            match Renderer::new(&self.root, config) {
                Ok(renderer) => self.renderer = Some(Arc::new(renderer.for_preview())),
                Err(errors) => self.theme_errors = errors,
            }
        }
    }

    /// The sub-path the site is served under (`/careers/`), once the config has loaded.
    pub fn base_path(&self) -> Option<&str> {
        self.config.as_ref().map(|c| c.base_url.path())
    }

    /// Every problem that keeps the site from being built, before assembling it.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = self
            .config_errors
            .iter()
            .chain(&self.theme_errors)
            .cloned()
            .collect();
        problems.extend(self.content_errors.values().flatten().cloned());
        problems
    }

    /// The site as it is now, ready to serve: its graph assembled and its bodies rendered;
    /// pages are rendered when asked for. Fails with every problem that keeps the site from
    /// being built.
    /// `previous`: the snapshot served until now; when the last change touched one posting
    /// and left its place in the site graph as it was, the new snapshot is made from it.
    pub fn snapshot(
        &self,
        now: DateTime<Utc>,
        previous: Option<&Snapshot>,
    ) -> Result<(Snapshot, Made), Vec<Diagnostic>> {
        let problems = self.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let (Some(config), Some(renderer)) = (&self.config, &self.renderer) else {
            return Err(vec![Diagnostic::error(
                CONFIG_FILE,
                1,
                1,
                "the site's config or theme did not load",
            )]);
        };
        let options = BuildOptions {
            drafts: self.drafts,
            now,
        };
        if let (Some(previous), Some([path])) = (previous, self.touched.as_deref()) {
            if let Some(content::Item::Posting(posting)) = self.content.get(path) {
                if Arc::ptr_eq(previous.renderer(), renderer) {
                    if let Some(made) = previous.patched(posting, options, &self.bodies) {
                        return made;
                    }
                }
            }
        }
        let inputs = Inputs {
            config,
            content: &self.content,
            renderer,
        };
        Snapshot::new(inputs, options, &self.bodies)
    }

    /// The loaded content (for tests and measurements).
    pub fn content(&self) -> &Content {
        &self.content
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::changes::{classify, plan};
    use std::fs;

    const POSTING: &str =
        "+++\ntitle = \"Engineer\"\nteam = \"infra\"\ndate = 2026-01-05\n+++\n\nBody.\n";

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("config.toml"),
            "title = \"T\"\nbase_url = \"https://example.com/careers/\"\n",
        )
        .unwrap();
        fs::create_dir_all(root.join("content/jobs/infra")).unwrap();
        fs::write(root.join("content/jobs/infra/a.md"), POSTING).unwrap();
        fs::write(
            root.join("content/jobs/b.md"),
            POSTING.replace("Engineer", "Manager"),
        )
        .unwrap();
        dir
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    fn changed(ws: &mut Workspace, root: &Path, paths: &[&str]) -> Applied {
        let changes: Vec<_> = paths
            .iter()
            .map(|p| classify(Path::new(p), PathState::of(&root.join(p))))
            .collect();
        ws.apply(&plan(&changes))
    }

    fn outputs(ws: &mut Workspace) -> BTreeMap<String, Vec<u8>> {
        ws.snapshot(now(), None).unwrap().0.render_all().unwrap()
    }

    /// What `build` makes of the same files, in memory.
    fn fresh(root: &Path) -> BTreeMap<String, Vec<u8>> {
        outputs(&mut Workspace::load(root, "http://127.0.0.1:1", false).unwrap())
    }

    #[test]
    fn aliases_are_served_too() {
        let dir = site();
        let root = dir.path();
        fs::write(
            root.join("content/jobs/b.md"),
            POSTING.replace("+++\n\n", "aliases = [\"/jobs/old/\"]\n+++\n\n"),
        )
        .unwrap();
        let built = outputs(&mut Workspace::load(root, "http://127.0.0.1:1", false).unwrap());
        let page = String::from_utf8(built["jobs/old/index.html"].clone()).unwrap();
        assert!(
            page.contains("url=http://127.0.0.1:1/careers/jobs/engineer/\""),
            "{page}"
        );
    }

    #[test]
    fn serves_under_the_local_origin_with_the_same_path() {
        let dir = site();
        let ws = Workspace::load(dir.path(), "http://127.0.0.1:4000", false).unwrap();
        assert_eq!(ws.base_path(), Some("/careers/"));
        assert!(ws.problems().is_empty(), "{:?}", ws.problems());
        assert_eq!(ws.content().len(), 2);
    }

    #[test]
    fn a_content_change_reads_only_that_file() {
        let dir = site();
        let root = dir.path();
        let mut ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        fs::write(
            root.join("content/jobs/b.md"),
            POSTING.replace("Engineer", "Director"),
        )
        .unwrap();
        let applied = changed(&mut ws, root, &["content/jobs/b.md"]);
        assert_eq!(
            applied,
            Applied {
                read: 1,
                changed: true,
                ..Applied::default()
            }
        );
        assert_eq!(outputs(&mut ws), fresh(root));
        // Saved again without a change: nothing to rebuild.
        let applied = changed(
            &mut ws,
            root,
            &["content/jobs/b.md", "content/jobs/.b.md.swp"],
        );
        assert!(!applied.changed);
        let applied = changed(&mut ws, root, &["templates/x.html"]);
        assert!(applied.changed, "a theme reload may change anything");
    }

    #[test]
    fn a_snapshot_renders_only_what_is_asked_for() {
        let dir = site();
        let root = dir.path();
        let ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        let (snapshot, _) = ws.snapshot(now(), None).unwrap();
        assert!(snapshot.contains("jobs/engineer/index.html"));
        assert!(snapshot.get("jobs/nope/index.html").is_none());
        let page = snapshot.get("jobs/engineer/index.html").unwrap().unwrap();
        let again = snapshot.get("jobs/engineer/index.html").unwrap().unwrap();
        assert!(Arc::ptr_eq(&page, &again), "kept once rendered");
        assert_eq!(
            snapshot.render_all().unwrap()["jobs/engineer/index.html"],
            *page
        );
        // A template edit is seen by the next snapshot, not by the one already made.
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/404.html"), "<p>gone</p>").unwrap();
        let mut ws = ws;
        changed(&mut ws, root, &["templates/404.html"]);
        assert_ne!(&*snapshot.get("404.html").unwrap().unwrap(), b"<p>gone</p>");
        assert_eq!(outputs(&mut ws)["404.html"], b"<p>gone</p>");
        assert_eq!(outputs(&mut ws), fresh(root));
    }

    #[test]
    fn an_edit_in_place_patches_the_snapshot_before_and_equals_a_fresh_build() {
        let dir = site();
        let root = dir.path();
        let mut ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        let (first, made) = ws.snapshot(now(), None).unwrap();
        assert!(!made.patched);
        let edit = POSTING
            .replace("Body.", "A new body.")
            .replace("+++\n\n", "level = \"P7\"\n+++\n\n");
        fs::write(root.join("content/jobs/infra/a.md"), &edit).unwrap();
        changed(&mut ws, root, &["content/jobs/infra/a.md"]);
        let (second, made) = ws.snapshot(now(), Some(&first)).unwrap();
        assert!(made.patched, "body and level: the graph is as it was");
        assert_eq!(second.render_all().unwrap(), fresh(root));
        // A new title moves the posting: the whole graph is made again.
        fs::write(
            root.join("content/jobs/infra/a.md"),
            edit.replace("Engineer", "Architect"),
        )
        .unwrap();
        changed(&mut ws, root, &["content/jobs/infra/a.md"]);
        let (third, made) = ws.snapshot(now(), Some(&second)).unwrap();
        assert!(!made.patched);
        assert_eq!(third.render_all().unwrap(), fresh(root));
        // Two files at once, or a template: the whole graph too.
        changed(&mut ws, root, &["templates/x.html"]);
        assert!(!ws.snapshot(now(), Some(&third)).unwrap().1.patched);
    }

    #[test]
    fn an_error_is_kept_until_fixed_and_deletion_clears_it() {
        let dir = site();
        let root = dir.path();
        let mut ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        fs::write(root.join("content/jobs/b.md"), "+++\ntitel = \"x\"\n+++\n").unwrap();
        changed(&mut ws, root, &["content/jobs/b.md"]);
        let problems = ws.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, Path::new("content/jobs/b.md"));
        assert!(ws.snapshot(now(), None).is_err());
        fs::remove_file(root.join("content/jobs/b.md")).unwrap();
        changed(&mut ws, root, &["content/jobs/b.md"]);
        assert!(ws.problems().is_empty());
        assert_eq!(outputs(&mut ws), fresh(root));
    }

    #[test]
    fn renamed_and_deleted_folders() {
        let dir = site();
        let root = dir.path();
        let mut ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        fs::rename(
            root.join("content/jobs/infra"),
            root.join("content/jobs/platform"),
        )
        .unwrap();
        let applied = changed(
            &mut ws,
            root,
            &["content/jobs/infra", "content/jobs/platform"],
        );
        assert_eq!((applied.read, applied.dropped), (1, 1));
        assert!(ws
            .content()
            .get(Path::new("content/jobs/platform/a.md"))
            .is_some());
        assert_eq!(outputs(&mut ws), fresh(root));
        fs::remove_dir_all(root.join("content/jobs/platform")).unwrap();
        changed(&mut ws, root, &["content/jobs/platform"]);
        assert_eq!(ws.content().len(), 1);
        assert_eq!(outputs(&mut ws), fresh(root));
    }

    #[test]
    fn config_and_theme_problems_then_recovery() {
        let dir = site();
        let root = dir.path();
        let mut ws = Workspace::load(root, "http://127.0.0.1:1", false).unwrap();
        fs::write(
            root.join("config.toml"),
            "title = \"T\"\nbase_url = \"https://example.com/careers/\"\nthme = \"x\"\n",
        )
        .unwrap();
        changed(&mut ws, root, &["config.toml"]);
        assert!(
            ws.problems()[0].message.contains("theme"),
            "{:?}",
            ws.problems()
        );
        fs::write(
            root.join("config.toml"),
            "title = \"T2\"\nbase_url = \"https://example.com/jobs/\"\n",
        )
        .unwrap();
        changed(&mut ws, root, &["config.toml"]);
        assert_eq!(ws.base_path(), Some("/jobs/"));
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/404.html"), "{% if %}").unwrap();
        changed(&mut ws, root, &["templates/404.html"]);
        assert_eq!(ws.problems()[0].path, Path::new("templates/404.html"));
        fs::write(root.join("templates/404.html"), "gone").unwrap();
        changed(&mut ws, root, &["templates/404.html"]);
        let built = outputs(&mut ws);
        assert_eq!(built["404.html"], b"gone");
        assert_eq!(built, fresh(root));
    }

    #[test]
    fn no_config_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Workspace::load(dir.path(), "http://127.0.0.1:1", false),
            Err(Failure::Usage(_))
        ));
    }
}
