//! The only place that writes the built site: into a fresh folder beside the output, then
//! swapped in, so a failed build leaves the previous output as it was. Files in the old
//! output that no build wrote (a `CNAME` put there by hand) are carried over, never lost.
//!
//! The manifest lists every file the build wrote with its size, and the span of change times
//! (`ctime`, which no program can set back) in which the build wrote them all, so a later
//! build can tell that the output is still exactly as written: see [`intact_manifest_header`].
//! Writing a page costs a build one `openat`, one `write` and one `close` (and one `mkdir`
//! for a folder the build has not made yet): no `stat` of any file. It is kept in the site's `.yingcai/`
//! folder, not in the output, which holds the site and nothing else (see [`manifest`]).

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

mod manifest;

use manifest::Changed;
pub use manifest::{FileStamp, Manifest, BOOKKEEPING_DIR, LEGACY_MANIFEST};

/// A build in progress: files go into `staging` until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    root: PathBuf,
    output: PathBuf,
    staging: PathBuf,
    /// Folders made in `staging` so far, relative: each is made once, with one `mkdir`.
    folders: Mutex<HashSet<String>>,
    /// Every file written, with its size.
    written: Mutex<BTreeMap<String, FileStamp>>,
    /// The change time of `staging` when made: no file written into it is older.
    started: Option<Changed>,
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
        let started = fs::symlink_metadata(&staging)
            .ok()
            .map(|m| manifest::changed(&m));
        Ok(Staging {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            staging,
            folders: Mutex::new(HashSet::new()),
            written: Mutex::new(BTreeMap::new()),
            started,
            committed: false,
        })
    }

    /// Writes one file; `relative` uses `/` and must stay inside the output. The file is
    /// made, written at once and closed: no other system call (its folder is made once, the
    /// first time a file goes into it).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.prepare(relative)?;
        fs::File::create(&path)?.write_all(bytes)?;
        self.record(relative, bytes.len() as u64)
    }

    /// Writes one file through `fill`, buffered, so large files need not be held in memory.
    pub fn write_streamed<E: From<io::Error>>(
        &self,
        relative: &str,
        fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
    ) -> Result<(), E> {
        let path = self.prepare(relative)?;
        let mut file = Counted {
            inner: io::BufWriter::with_capacity(1 << 16, fs::File::create(&path)?),
            len: 0,
        };
        fill(&mut file)?;
        file.flush()?;
        Ok(self.record(relative, file.len)?)
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
        if let Some((folder, _)) = relative.rsplit_once('/') {
            self.make_folder(folder)?;
        }
        Ok(self.staging.join(rel))
    }

    /// Makes `folder` (relative, `/`-separated) and the folders above it, unless made already.
    fn make_folder(&self, folder: &str) -> io::Result<()> {
        let made = |folders: &Mutex<HashSet<String>>| {
            folders
                .lock()
                .map(|f| f.contains(folder))
                .map_err(|_| io::Error::other("writer lock poisoned"))
        };
        if made(&self.folders)? {
            return Ok(());
        }
        match fs::create_dir(self.staging.join(folder)) {
            Ok(()) => {}
            // Made by another thread meanwhile.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let Some((parent, _)) = folder.rsplit_once('/') else {
                    return Err(e);
                };
                self.make_folder(parent)?;
                match fs::create_dir(self.staging.join(folder)) {
                    Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                    _ => {}
                }
            }
            Err(e) => return Err(e),
        }
        self.folders
            .lock()
            .map_err(|_| io::Error::other("writer lock poisoned"))?
            .insert(folder.to_string());
        Ok(())
    }

    /// Notes a written file and its size.
    fn record(&self, relative: &str, len: u64) -> io::Result<()> {
        self.written
            .lock()
            .map_err(|_| io::Error::other("writer lock poisoned"))?
            .insert(relative.to_string(), FileStamp::written(len));
        Ok(())
    }

    /// The span of change times of every file written so far (see [`Manifest::written`]):
    /// from the staging folder's, to that of a file made (and removed) now.
    fn written_span(&self) -> Option<(Changed, Changed)> {
        let started = self.started?;
        let marker = self
            .staging
            .join(format!(".yingcai-written-{}", std::process::id()));
        let file = fs::File::create(&marker).ok()?;
        let ended = file.metadata().ok().map(|m| manifest::changed(&m));
        drop(file);
        fs::remove_file(&marker).ok()?;
        Some((started, ended?))
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
        let span = self.written_span();
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
            written: span,
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

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    len: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.len += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)?;
        self.len += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
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
mod tests;
