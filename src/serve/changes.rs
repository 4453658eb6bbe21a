//! The change classifier: what each changed path is to the site, and what a batch of
//! changes asks the rebuild to do. Pure functions, paths in and decisions out, so every
//! case editors and version control produce can be tested without a file system.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::{self, is_ignored_name, CONTENT_DIR};

/// What lies at a changed path when its batch is handled (not when the event fired: an
/// editor's temporary file is usually gone by then, and the real file is complete).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathState {
    File,
    Folder,
    /// Deleted or renamed away.
    Missing,
    /// A symbolic link or another special file: loading skips these, as `build` does.
    Other,
}

impl PathState {
    /// Looks at `path` without following links.
    pub fn of(path: &Path) -> PathState {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.is_file() => PathState::File,
            Ok(m) if m.is_dir() => PathState::Folder,
            Ok(_) => PathState::Other,
            Err(_) => PathState::Missing,
        }
    }
}

/// One changed path (relative to the site root), sorted by what it is to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A content file was written or created: read it again.
    ContentFile(PathBuf),
    /// Something under `content/` appeared, vanished or was renamed, possibly a whole
    /// folder: bring everything under this path in line with the disk.
    ContentTree(PathBuf),
    /// A template, theme file or theme folder (`templates/`, `themes/`).
    Theme(PathBuf),
    /// A file or folder under `static/`.
    Static(PathBuf),
    /// `config.toml`.
    Config,
    /// Not an input of the site: output and build folders, version control, editor
    /// backups and swap files, notes beside the content.
    Ignored(PathBuf),
}

/// Sorts one changed path, given what lies there now.
pub fn classify(relative: &Path, state: PathState) -> Change {
    let ignored = || Change::Ignored(relative.to_path_buf());
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => match name.to_str() {
                Some(name) => parts.push(name),
                None => return ignored(),
            },
            Component::CurDir => {}
            _ => return ignored(),
        }
    }
    let (Some(&first), Some(&last)) = (parts.first(), parts.last()) else {
        return ignored();
    };
    match first {
        CONTENT_DIR => {
            // Loading skips hidden and temporary names at any depth under content/.
            if parts[1..].iter().any(|p| is_ignored_name(p)) {
                return ignored();
            }
            match state {
                PathState::File if content::classify(relative).is_some() => {
                    Change::ContentFile(relative.to_path_buf())
                }
                PathState::File if parts.len() > 1 => ignored(),
                _ => Change::ContentTree(relative.to_path_buf()),
            }
        }
        // Theme loading skips hidden and temporary file names (not folders).
        "templates" | "themes" if parts.len() > 1 && is_ignored_name(last) => ignored(),
        "templates" | "themes" => Change::Theme(relative.to_path_buf()),
        "static" if parts.len() > 1 && is_ignored_name(last) => ignored(),
        "static" => Change::Static(relative.to_path_buf()),
        CONFIG_FILE if parts.len() == 1 => Change::Config,
        _ => ignored(),
    }
}

/// What a batch of changes asks of the rebuild.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Read `config.toml` again, and with it the theme (its name may have changed).
    pub config: bool,
    /// Read templates, the theme and static files again.
    pub theme: bool,
    /// Content files to read again.
    pub load: BTreeSet<PathBuf>,
    /// Content paths whose whole subtree is brought in line with the disk.
    pub sync: BTreeSet<PathBuf>,
    /// Read everything again (the watcher lost events).
    pub everything: bool,
}

impl Plan {
    /// Read everything again.
    pub fn everything() -> Plan {
        Plan {
            everything: true,
            ..Plan::default()
        }
    }

    /// Nothing the site is made from changed.
    pub fn is_empty(&self) -> bool {
        !self.config
            && !self.theme
            && !self.everything
            && self.load.is_empty()
            && self.sync.is_empty()
    }

    /// Adds what one change asks for.
    pub fn add(&mut self, change: &Change) {
        match change {
            Change::ContentFile(path) => {
                self.load.insert(path.clone());
            }
            Change::ContentTree(path) => {
                self.sync.insert(path.clone());
            }
            Change::Theme(_) | Change::Static(_) => self.theme = true,
            Change::Config => self.config = true,
            Change::Ignored(_) => {}
        }
    }

    /// Merges a later plan into this one.
    pub fn merge(&mut self, other: Plan) {
        self.config |= other.config;
        self.theme |= other.theme;
        self.everything |= other.everything;
        self.load.extend(other.load);
        self.sync.extend(other.sync);
    }

    /// Content files to read that no synced subtree already covers.
    pub fn files_outside_synced_trees(&self) -> impl Iterator<Item = &PathBuf> {
        self.load
            .iter()
            .filter(|p| !self.sync.iter().any(|tree| p.starts_with(tree)))
    }
}

/// The plan for a batch of changed paths.
pub fn plan<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Plan {
    let mut plan = Plan::default();
    for change in changes {
        plan.add(change);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathState::*;

    fn c(path: &str, state: PathState) -> Change {
        classify(Path::new(path), state)
    }

    fn p(path: &str) -> PathBuf {
        PathBuf::from(path)
    }

    /// Asserts that each `(path, state)` is classified as `kind` of that same path.
    fn classified(kind: fn(PathBuf) -> Change, cases: &[(&str, PathState)]) {
        for &(path, state) in cases {
            assert_eq!(c(path, state), kind(p(path)), "{path} {state:?}");
        }
    }

    #[test]
    fn content_files_by_state() {
        classified(
            Change::ContentFile,
            &[
                ("content/jobs/a.md", File),
                ("content/jobs/infra/杭州/a.md", File),
                ("content/_index.md", File),
                ("content/teams/infra.md", File),
                ("content/resumes/me.md", File),
            ],
        );
        // Deleted, renamed away or replaced by a link: drop it (and anything under it).
        classified(
            Change::ContentTree,
            &[("content/jobs/a.md", Missing), ("content/jobs/a.md", Other)],
        );
    }

    #[test]
    fn content_folders_are_synced() {
        classified(
            Change::ContentTree,
            &[
                ("content/jobs/infra", Folder),
                ("content/jobs/infra", Missing),
                ("content", Folder),
                ("content", Missing),
                // A folder named like a posting is still a folder.
                ("content/jobs/x.md", Folder),
            ],
        );
    }

    #[test]
    fn editor_files_are_ignored() {
        for path in [
            "content/jobs/.a.md.swp",
            "content/jobs/.a.md.swx",
            "content/jobs/a.md~",
            "content/jobs/#a.md#",
            "content/jobs/.#a.md",
            "content/jobs/a.md.tmp",
            "content/jobs/a.md.bak",
            "content/jobs/.hidden/a.md",
            "content/.git/index",
            "templates/.base.html.swp",
            "templates/base.html~",
            "static/.DS_Store",
            "themes/default/templates/#index.html#",
        ] {
            classified(
                Change::Ignored,
                &[(path, File), (path, Missing), (path, Folder)],
            );
        }
    }

    #[test]
    fn notes_beside_content_are_ignored_unless_they_vanish() {
        classified(
            Change::Ignored,
            &[
                ("content/jobs/notes.txt", File),
                ("content/jobs/4913", File),
                // A Markdown file outside the known places is not content.
                ("content/misc/a.md", File),
            ],
        );
        // Gone: it may have been a folder of postings.
        classified(Change::ContentTree, &[("content/jobs/old-team", Missing)]);
    }

    #[test]
    fn theme_static_and_config() {
        classified(
            Change::Theme,
            &[
                ("templates/base.html", File),
                ("templates", Missing),
                ("themes/default/templates/posting.html", File),
                ("themes/default/i18n/zh.toml", Missing),
            ],
        );
        classified(
            Change::Static,
            &[("static/logo.svg", File), ("static/img", Folder)],
        );
        assert_eq!(c("config.toml", File), Change::Config);
        assert_eq!(c("config.toml", Missing), Change::Config);
        assert_eq!(c("./config.toml", File), Change::Config);
    }

    #[test]
    fn everything_else_is_ignored() {
        for path in [
            "public/index.html",
            "target/debug/x",
            ".git/HEAD",
            "README.md",
            "sub/config.toml",
            "config.toml.bak",
            "",
            "../content/jobs/a.md",
            "/etc/passwd",
        ] {
            classified(Change::Ignored, &[(path, File)]);
        }
    }

    #[test]
    fn plans_a_save_through_a_temporary_file() {
        // vim: a.md renamed to a.md~, a new a.md written, a.md~ deleted; 4913 probed.
        let changes = [
            c("content/jobs/a.md", File),
            c("content/jobs/a.md~", Missing),
            c("content/jobs/4913", Missing),
        ];
        let plan = plan(&changes);
        assert!(plan.load.contains(&p("content/jobs/a.md")));
        assert!(!plan.config && !plan.theme);
        // The probe file is gone by now: syncing its path drops nothing that exists.
        assert_eq!(plan.sync, BTreeSet::from([p("content/jobs/4913")]));
    }

    #[test]
    fn plans_theme_and_config_reloads() {
        let plan = plan(&[c("templates/base.html", File), c("static/style.css", File)]);
        assert!(plan.theme && !plan.config && plan.load.is_empty());
        let plan = super::plan(&[c("config.toml", File)]);
        assert!(plan.config);
        assert!(super::plan(&[c("public/index.html", File), c(".git/HEAD", File)]).is_empty());
    }

    #[test]
    fn a_renamed_folder_is_synced_at_both_ends() {
        let plan = plan(&[
            c("content/jobs/old", Missing),
            c("content/jobs/new", Folder),
            c("content/jobs/new/a.md", File),
            c("content/jobs/b.md", File),
        ]);
        assert_eq!(
            plan.sync,
            BTreeSet::from([p("content/jobs/new"), p("content/jobs/old")])
        );
        let outside: Vec<&PathBuf> = plan.files_outside_synced_trees().collect();
        assert_eq!(outside, [&p("content/jobs/b.md")]);
    }

    #[test]
    fn merging_keeps_every_request() {
        let mut a = plan(&[c("content/jobs/a.md", File)]);
        a.merge(plan(&[c("config.toml", File)]));
        a.merge(Plan::everything());
        assert!(a.config && a.everything && a.load.contains(&p("content/jobs/a.md")));
        assert!(!a.is_empty());
        assert!(Plan::default().is_empty());
    }
}
