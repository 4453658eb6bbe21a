//! The only place that writes the built site: into a fresh folder beside the output, then
//! swapped in, so a failed build leaves the previous output as it was. Files in the old
//! output that no build wrote (a `CNAME` put there by hand) are carried over, never lost.
//!
//! The manifest lists every file the build wrote with its size and change time (`ctime`,
//! which no program can set back), so a later build can tell that the output is still
//! exactly as written: see [`intact_manifest_header`]. It is kept in the site's `.yingcai/`
//! folder, not in the output, which holds the site and nothing else (see [`manifest`]).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

mod manifest;

pub use manifest::{FileStamp, Manifest, BOOKKEEPING_DIR, LEGACY_MANIFEST};

/// A build in progress: files go into `staging` until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    output: PathBuf,
    staging: PathBuf,
    written: Mutex<BTreeMap<String, FileStamp>>,
    committed: bool,
}

/// The header of the build record of `output` (see [`crate::build_record::Record`]) when `output`
/// is the folder the last build of the site at `root` wrote, with every file it wrote still
/// exactly as written; else `None`.
pub fn intact_manifest_header(root: &Path, output: &Path) -> Option<String> {
    Manifest::read(root, output)?.intact_header(output)
}

/// The bookkeeping file of the output folder `output` of the site at `root`.
pub fn manifest_path(root: &Path, output: &Path) -> PathBuf {
    manifest::location(root, output)
}

/// Why output could not be written.
#[derive(Debug)]
pub struct OutputError(pub String);

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deletes a folder of ours with every core: on some file systems (ext4 mounted with
/// `discard`) each deletion waits on the disk, and the previous output of a large site holds
/// tens of thousands of files and folders.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .collect();
    let (folders, files): (Vec<&walkdir::DirEntry>, Vec<&walkdir::DirEntry>) =
        entries.iter().partition(|e| e.file_type().is_dir());
    files.par_iter().for_each(|e| {
        let _ = fs::remove_file(e.path());
    });
    // Deepest first, each depth in parallel: a folder goes once its subfolders have gone.
    let deepest = folders.iter().map(|e| e.depth()).max().unwrap_or(0);
    for depth in (1..=deepest).rev() {
        folders
            .par_iter()
            .filter(|e| e.depth() == depth)
            .for_each(|e| {
                let _ = fs::remove_dir(e.path());
            });
    }
    // Whatever could not go above (or appeared meanwhile).
    let _ = fs::remove_dir_all(dir);
}

fn sibling(output: &Path, tag: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Refuses output folders that would destroy the site's own files.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), OutputError> {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let resolved = match fs::canonicalize(output) {
        Ok(p) => p,
        Err(_) => return Ok(()),
    };
    if root.starts_with(&resolved) {
        return Err(OutputError(format!(
            "refusing to write the site into {}: it holds the site itself",
            output.display()
        )));
    }
    for own in crate::config::INPUT_DIRS
        .into_iter()
        .chain([BOOKKEEPING_DIR])
    {
        if resolved.starts_with(root.join(own)) {
            return Err(OutputError(format!(
                "refusing to write the site into {}: it is inside the site's {own}/ folder",
                output.display()
            )));
        }
    }
    if resolved.is_dir()
        && fs::read_dir(&resolved)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
        && Manifest::read(&root, output).is_none()
    {
        return Err(OutputError(format!(
            "{} exists and is not the output of this site's last build (as recorded in {}: the same folder, with the files that build wrote still there as written); move it away or choose another --output, so none of its files are lost",
            output.display(),
            root.join(BOOKKEEPING_DIR).display()
        )));
    }
    Ok(())
}

impl Staging {
    /// Starts a build that will replace `output`.
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, OutputError> {
        check_output_dir(root, output)?;
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .map_err(|e| OutputError(format!("cannot create {}: {e}", parent.display())))?;
        }
        let staging = sibling(output, "building");
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(|e| OutputError(format!("cannot clear {}: {e}", staging.display())))?;
        }
        fs::create_dir_all(&staging)
            .map_err(|e| OutputError(format!("cannot create {}: {e}", staging.display())))?;
        Ok(Staging {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            staging,
            written: Mutex::new(BTreeMap::new()),
            committed: false,
        })
    }

    /// Writes one file; `relative` uses `/` and must stay inside the output.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.prepare(relative)?;
        let mut file = fs::File::create(&path)?;
        file.write_all(bytes)?;
        self.record(relative, &file)
    }

    /// Writes one file through `fill`, buffered, so large files need not be held in memory.
    pub fn write_streamed<E: From<io::Error>>(
        &self,
        relative: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    ) -> Result<(), E> {
        let path = self.prepare(relative)?;
        let mut file = io::BufWriter::with_capacity(1 << 16, fs::File::create(&path)?);
        fill(&mut file)?;
        file.flush()?;
        Ok(self.record(relative, file.get_ref())?)
    }

    /// The staging path for `relative`, with its folder made.
    fn prepare(&self, relative: &str) -> io::Result<PathBuf> {
        let rel = Path::new(relative);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) || relative.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("unsafe output path `{relative}`"),
            ));
        }
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Notes a written file, with its size and change time once written.
    fn record(&self, relative: &str, file: &fs::File) -> io::Result<()> {
        let stamp = FileStamp::of(&file.metadata()?);
        self.written
            .lock()
            .map_err(|_| io::Error::other("writer lock poisoned"))?
            .insert(relative.to_string(), stamp);
        Ok(())
    }

    /// Swaps the new output in. Returns notes about files carried over from the old output.
    pub fn commit(self) -> Result<Vec<String>, OutputError> {
        self.commit_with(None)
    }

    /// [`Staging::commit`], with `header` (one line starting with `#`) opening the manifest.
    pub fn commit_with(mut self, header: Option<&str>) -> Result<Vec<String>, OutputError> {
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| OutputError("writer lock poisoned".into()))?,
        );
        let previous = Manifest::read(&self.root, &self.output);
        let notes = self.carry_over_foreign_files(previous.as_ref(), &written)?;
        let mut manifest = Manifest {
            folders: manifest::folder_identity(&self.staging)
                .into_iter()
                .collect(),
            header: header
                .filter(|h| h.starts_with('#') && !h.contains('\n'))
                .map(str::to_string),
            files: written.into_iter().map(|(p, s)| (p, Some(s))).collect(),
            legacy: false,
        };
        // Until the swap is done, the old folder is ours too.
        let mut recorded = manifest.clone();
        recorded
            .folders
            .extend(manifest::folder_identity(&self.output));
        recorded.write(&self.root, &self.output).map_err(|e| {
            OutputError(format!(
                "cannot write the build record {}: {e}",
                manifest::location(&self.root, &self.output).display()
            ))
        })?;
        let old = sibling(&self.output, "previous");
        if old.exists() {
            let _ = fs::remove_dir_all(&old);
        }
        let had_old = self.output.exists();
        if had_old {
            fs::rename(&self.output, &old).map_err(|e| {
                OutputError(format!("cannot move {} aside: {e}", self.output.display()))
            })?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.output) {
            if had_old {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(OutputError(format!(
                "cannot move the new site to {}: {e}",
                self.output.display()
            )));
        }
        manifest.folders = manifest::folder_identity(&self.output)
            .into_iter()
            .collect();
        if recorded.folders != manifest.folders {
            // Best effort: the record above names this folder already.
            let _ = manifest.write(&self.root, &self.output);
        }
        self.committed = true;
        if had_old {
            remove_tree(&old);
        }
        Ok(notes)
    }

    /// Copies files of the old output that no build wrote into the new one.
    fn carry_over_foreign_files(
        &self,
        previous: Option<&Manifest>,
        written: &BTreeMap<String, FileStamp>,
    ) -> Result<Vec<String>, OutputError> {
        let Some(previous) = previous else {
            return Ok(Vec::new());
        };
        let mut notes = Vec::new();
        for entry in walkdir::WalkDir::new(&self.output)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&self.output) else {
                continue;
            };
            let rel = crate::diagnostic::display_path(rel);
            if (previous.legacy && rel == LEGACY_MANIFEST) || previous.files.contains_key(&rel) {
                continue;
            }
            let shown = self.output.join(&rel);
            if written.contains_key(&rel) {
                let new = fs::read(self.staging.join(&rel)).unwrap_or_default();
                let old = fs::read(entry.path()).unwrap_or_default();
                if new != old {
                    return Err(OutputError(format!(
                        "{} was not written by yingcai and the build would replace it: move it into static/ (or delete it) and build again",
                        shown.display()
                    )));
                }
                continue;
            }
            let target = self.staging.join(&rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| OutputError(e.to_string()))?;
            }
            fs::copy(entry.path(), &target)
                .map_err(|e| OutputError(format!("cannot keep {}: {e}", shown.display())))?;
            notes.push(format!(
                "kept {} (not made by the build; put it in static/ to have it built)",
                shown.display()
            ));
        }
        Ok(notes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_keeps_foreign_files() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.write("jobs/杭州/index.html", b"x").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        fs::write(out.join("CNAME"), "jobs.example.com").unwrap();

        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"two").unwrap();
        let notes = s.commit().unwrap();
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"two");
        assert!(!out.join("jobs").exists(), "stale build files go");
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).unwrap(),
            "jobs.example.com"
        );
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn an_abandoned_build_leaves_the_old_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"broken").unwrap();
        drop(s);
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = fs::read_dir(root.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n != BOOKKEEPING_DIR)
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn refuses_folders_it_did_not_write() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("mine");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "precious").unwrap();
        assert!(Staging::begin(root.path(), &out).is_err());
        assert!(Staging::begin(root.path(), root.path()).is_err());
        fs::create_dir_all(root.path().join("content")).unwrap();
        assert!(Staging::begin(root.path(), &root.path().join("content")).is_err());
        assert_eq!(
            fs::read_to_string(out.join("notes.txt")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn the_output_holds_only_the_site_and_is_recognised_by_identity() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit_with(Some("#record")).unwrap();
        let names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["index.html"], "no bookkeeping in the output");
        assert!(manifest_path(root.path(), &out).is_file());
        assert_eq!(
            intact_manifest_header(root.path(), &out).as_deref(),
            Some("#record")
        );
        // Built again: still ours.
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"two").unwrap();
        s.commit().unwrap();
        assert!(Staging::begin(root.path(), &out).is_ok());
        // A folder made anew where the output was is someone else's.
        fs::remove_dir_all(&out).unwrap();
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("notes.txt"), "precious").unwrap();
        assert!(Staging::begin(root.path(), &out).is_err());
        assert_eq!(
            fs::read_to_string(out.join("notes.txt")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn an_output_of_an_earlier_version_is_taken_over() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        fs::write(out.join("CNAME"), "jobs.example.com").unwrap();
        fs::write(out.join(LEGACY_MANIFEST), "#x\nindex.html\t3\t1.1\n").unwrap();
        let s = Staging::begin(root.path(), &out).unwrap();
        s.write("index.html", b"new").unwrap();
        let notes = s.commit().unwrap();
        assert_eq!(notes.len(), 1, "CNAME is kept: {notes:?}");
        assert!(!out.join(LEGACY_MANIFEST).exists());
        assert_eq!(
            fs::read_to_string(out.join("CNAME")).unwrap(),
            "jobs.example.com"
        );
    }

    #[test]
    fn rejects_paths_that_escape() {
        let root = tempfile::tempdir().unwrap();
        let s = Staging::begin(root.path(), &root.path().join("public")).unwrap();
        assert!(s.write("../evil", b"x").is_err());
        assert!(s.write("/etc/x", b"x").is_err());
    }
}
