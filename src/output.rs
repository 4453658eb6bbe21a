//! The only place that writes the built site: into a fresh folder beside the output, then
//! swapped in, so a failed build leaves the previous output as it was. Files in the old
//! output that no build wrote (a `CNAME` put there by hand) are carried over, never lost.
//!
//! The manifest lists every file the build wrote with its size and change time (`ctime`,
//! which no program can set back), so a later build can tell that the output is still
//! exactly as written: see [`intact_manifest_header`].

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Lists the files a build wrote; marks a folder as yingcai's output.
pub const MANIFEST: &str = ".yingcai-manifest";

/// A build in progress: files go into `staging` until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    written: Mutex<BTreeMap<String, FileStamp>>,
    committed: bool,
}

/// A written file's size and change time, as the file system reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub changed_secs: i64,
    pub changed_nanos: i64,
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        let (changed_secs, changed_nanos) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ctime(), meta.ctime_nsec())
        };
        #[cfg(not(unix))]
        let (changed_secs, changed_nanos) = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| {
                (
                    i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    i64::from(d.subsec_nanos()),
                )
            });
        FileStamp {
            len: meta.len(),
            changed_secs,
            changed_nanos,
        }
    }
}

/// One line of the manifest: `path`, or `path<TAB>size<TAB>secs.nanos`.
fn manifest_line(line: &str) -> (&str, Option<FileStamp>) {
    let mut fields = line.rsplitn(3, '\t');
    let (Some(changed), Some(len), Some(path)) = (fields.next(), fields.next(), fields.next())
    else {
        return (line, None);
    };
    let stamp = (|| {
        let (secs, nanos) = changed.split_once('.')?;
        Some(FileStamp {
            len: len.parse().ok()?,
            changed_secs: secs.parse().ok()?,
            changed_nanos: nanos.parse().ok()?,
        })
    })();
    match stamp {
        Some(stamp) => (path, Some(stamp)),
        None => (line, None),
    }
}

/// The first line of the output's manifest (a build's own record, starting with `#`) when
/// every file the manifest lists is still there exactly as that build wrote it; else `None`.
pub fn intact_manifest_header(output: &Path) -> Option<String> {
    use rayon::prelude::*;
    let text = fs::read_to_string(output.join(MANIFEST)).ok()?;
    let mut lines = text.lines();
    let header = lines.next().filter(|l| l.starts_with('#'))?;
    let files: Vec<(&str, Option<FileStamp>)> = lines.map(manifest_line).collect();
    let intact = files.par_iter().all(|(path, stamp)| {
        let rel = Path::new(path);
        stamp.is_some()
            && rel.components().all(|c| matches!(c, Component::Normal(_)))
            && fs::symlink_metadata(output.join(rel))
                .is_ok_and(|m| m.is_file() && Some(FileStamp::of(&m)) == *stamp)
    });
    intact.then(|| header.to_string())
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
    for own in ["content", "themes", "templates", "static"] {
        if resolved.starts_with(root.join(own)) {
            return Err(OutputError(format!(
                "refusing to write the site into {}: it is inside the site's {own}/ folder",
                output.display()
            )));
        }
    }
    if resolved.is_dir()
        && !resolved.join(MANIFEST).exists()
        && fs::read_dir(&resolved)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false)
    {
        return Err(OutputError(format!(
            "{} exists and was not written by yingcai (no {MANIFEST}); move it away or choose another --output, so none of its files are lost",
            output.display()
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
        let notes = self.carry_over_foreign_files(&written)?;
        let mut manifest = String::with_capacity(64 * (written.len() + 1));
        if let Some(header) = header.filter(|h| h.starts_with('#') && !h.contains('\n')) {
            manifest.push_str(header);
            manifest.push('\n');
        }
        for (path, stamp) in &written {
            manifest.push_str(&format!(
                "{path}\t{}\t{}.{}\n",
                stamp.len, stamp.changed_secs, stamp.changed_nanos
            ));
        }
        fs::write(self.staging.join(MANIFEST), manifest)
            .map_err(|e| OutputError(format!("cannot write manifest: {e}")))?;
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
        self.committed = true;
        if had_old {
            remove_tree(&old);
        }
        Ok(notes)
    }

    /// Copies files of the old output that no build wrote into the new one.
    fn carry_over_foreign_files(
        &self,
        written: &BTreeMap<String, FileStamp>,
    ) -> Result<Vec<String>, OutputError> {
        let manifest = match fs::read_to_string(self.output.join(MANIFEST)) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| manifest_line(l).0.to_string())
                .collect::<BTreeSet<String>>(),
            Err(_) => return Ok(Vec::new()),
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
            if rel == MANIFEST || manifest.contains(&rel) {
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
    fn rejects_paths_that_escape() {
        let root = tempfile::tempdir().unwrap();
        let s = Staging::begin(root.path(), &root.path().join("public")).unwrap();
        assert!(s.write("../evil", b"x").is_err());
        assert!(s.write("/etc/x", b"x").is_err());
    }
}
