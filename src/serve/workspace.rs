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
mod tests;
