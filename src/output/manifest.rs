//! The build's bookkeeping: which files a build wrote into an output folder, with their sizes
//! and change times, and which folder that output is. It lives in the site's `.yingcai/`
//! folder, one file per output folder, never in the output itself: the output holds the site
//! and nothing else, so two builds of the same input on the same day give identical folders.
//!
//! A folder is yingcai's output when the bookkeeping for its path names it by identity (its
//! device and inode on Unix, which a folder made anew at the same path does not share), or
//! when it holds the `.yingcai-manifest` of an earlier version of yingcai.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The folder, under the site root, that holds build bookkeeping.
pub const BOOKKEEPING_DIR: &str = ".yingcai";

/// Where earlier versions kept the manifest: inside the output.
pub const LEGACY_MANIFEST: &str = ".yingcai-manifest";

/// A file's change time (`ctime`) as seconds and nanoseconds since 1970: every write sets
/// it to the clock's time, and no program can set it back.
pub type Changed = (i64, i64);

/// The change time the file system keeps for `meta` (its modification time where there is
/// no change time).
pub fn changed(meta: &fs::Metadata) -> Changed {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime(), meta.ctime_nsec())
    }
    #[cfg(not(unix))]
    {
        meta.modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((0, 0), |d| {
                (
                    i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                    i64::from(d.subsec_nanos()),
                )
            })
    }
}

/// What a build knows of a file it wrote: its size, and either its own change time (as
/// earlier versions recorded it, with one `fstat` per file) or, when `None`, a change time
/// within the build's [`Manifest::written`] span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub changed: Option<Changed>,
}

impl FileStamp {
    /// A file's size and its own change time.
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        FileStamp {
            len: meta.len(),
            changed: Some(changed(meta)),
        }
    }

    /// A file of `len` bytes written within the build's span.
    pub fn written(len: u64) -> FileStamp {
        FileStamp { len, changed: None }
    }
}

/// What a build recorded about one output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// The identities the output folder may have (see [`folder_identity`]); empty where the
    /// platform has none, or in a legacy manifest.
    pub folders: Vec<String>,
    /// The build's own record (a line starting with `#`, see [`crate::build_record::Record`]).
    pub header: Option<String>,
    /// Every file the build wrote, with its stamp when known.
    pub files: BTreeMap<String, Option<FileStamp>>,
    /// Read from a `.yingcai-manifest` inside the output.
    pub legacy: bool,
    /// The change times, first and last, between which the build wrote every file it lists
    /// without a change time of its own: the change time of its staging folder when made,
    /// and that of a file made there once every file was written. A file written again later
    /// has a later change time.
    pub written: Option<(Changed, Changed)>,
}

/// The absolute form of `output`, made from its parent's real path when it does not exist.
pub fn absolute(output: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(output) {
        return p;
    }
    let name = output.file_name().map(PathBuf::from).unwrap_or_default();
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    match parent.map_or_else(std::env::current_dir, fs::canonicalize) {
        Ok(p) => p.join(name),
        Err(_) => output.to_path_buf(),
    }
}

/// The bookkeeping file for the output folder `output` of the site at `root`.
pub fn location(root: &Path, output: &Path) -> PathBuf {
    let key = crate::diagnostic::display_path(&absolute(output));
    let hash = crate::content::slug::fnv1a64(key.as_bytes());
    root.join(BOOKKEEPING_DIR)
        .join(format!("output-{hash:016x}.manifest"))
}

/// The identity of a folder: device and inode on Unix. A folder renamed keeps it; a folder
/// made anew at the same path gets another.
pub fn folder_identity(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::symlink_metadata(path).ok()?;
        meta.is_dir()
            .then(|| format!("{}:{}", meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// `secs.nanos`.
fn parse_changed(text: &str) -> Option<Changed> {
    let (secs, nanos) = text.split_once('.')?;
    Some((secs.parse().ok()?, nanos.parse().ok()?))
}

fn format_changed((secs, nanos): Changed) -> String {
    format!("{secs}.{nanos}")
}

/// One file line: `path`, `path<TAB>size` (written within the build's span), or
/// `path<TAB>size<TAB>secs.nanos` (with its own change time).
fn file_line(line: &str) -> (&str, Option<FileStamp>) {
    let mut fields = line.rsplitn(3, '\t');
    if let (Some(changed), Some(len), Some(path)) = (fields.next(), fields.next(), fields.next()) {
        if let (Some(changed), Ok(len)) = (parse_changed(changed), len.parse()) {
            let stamp = FileStamp {
                len,
                changed: Some(changed),
            };
            return (path, Some(stamp));
        }
    }
    match line
        .rsplit_once('\t')
        .map(|(path, len)| (path, len.parse()))
    {
        Some((path, Ok(len))) => (path, Some(FileStamp::written(len))),
        _ => (line, None),
    }
}

impl Manifest {
    fn parse(text: &str, legacy: bool) -> Manifest {
        let mut manifest = Manifest {
            legacy,
            ..Manifest::default()
        };
        for line in text.lines() {
            if let Some(id) = line.strip_prefix("@folder\t") {
                manifest.folders.push(id.to_string());
            } else if let Some(span) = line.strip_prefix("@written\t") {
                manifest.written = span
                    .split_once('\t')
                    .and_then(|(a, b)| Some((parse_changed(a)?, parse_changed(b)?)));
            } else if line.starts_with("@output\t") || line.is_empty() {
                continue;
            } else if line.starts_with('#') && manifest.files.is_empty() {
                manifest.header.get_or_insert_with(|| line.to_string());
            } else {
                let (path, stamp) = file_line(line);
                manifest.files.insert(path.to_string(), stamp);
            }
        }
        manifest
    }

    fn to_text(&self, output: &Path) -> String {
        let mut text = String::with_capacity(64 * (self.files.len() + 3));
        text.push_str(&format!(
            "@output\t{}\n",
            crate::diagnostic::display_path(&absolute(output)).replace('\n', " ")
        ));
        for id in &self.folders {
            text.push_str(&format!("@folder\t{id}\n"));
        }
        if let Some((first, last)) = self.written {
            text.push_str(&format!(
                "@written\t{}\t{}\n",
                format_changed(first),
                format_changed(last)
            ));
        }
        if let Some(header) = self.header.as_deref().filter(|h| !h.contains('\n')) {
            text.push_str(header);
            text.push('\n');
        }
        for (path, stamp) in &self.files {
            text.push_str(path);
            if let Some(s) = stamp {
                text.push_str(&format!("\t{}", s.len));
                if let Some(changed) = s.changed {
                    text.push_str(&format!("\t{}", format_changed(changed)));
                }
            }
            text.push('\n');
        }
        text
    }

    /// What the last build into `output` recorded, when `output` is still the folder it
    /// wrote; or the legacy manifest inside `output`.
    pub fn read(root: &Path, output: &Path) -> Option<Manifest> {
        if let Ok(text) = fs::read_to_string(location(root, output)) {
            let manifest = Manifest::parse(&text, false);
            // The same folder (a folder made anew may get the inode of one deleted), still
            // holding a file exactly as the build wrote it: no program can set a change
            // time back, so a file made anew cannot pass for it.
            let same_folder = match folder_identity(output) {
                Some(id) => manifest.folders.contains(&id),
                None => output.is_dir(),
            };
            let ours = same_folder && (manifest.files.is_empty() || manifest.any_intact(output));
            if ours {
                return Some(manifest);
            }
        }
        fs::read_to_string(output.join(LEGACY_MANIFEST))
            .ok()
            .map(|text| Manifest::parse(&text, true))
    }

    /// Writes the bookkeeping for `output`, atomically.
    pub fn write(&self, root: &Path, output: &Path) -> io::Result<()> {
        let path = location(root, output);
        let dir = root.join(BOOKKEEPING_DIR);
        fs::create_dir_all(&dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            // Bookkeeping of this machine's builds: nothing to commit.
            fs::write(&ignore, "*\n")?;
        }
        let temp = path.with_extension(format!("manifest.{}", std::process::id()));
        fs::write(&temp, self.to_text(output))?;
        fs::rename(&temp, &path)?;
        // This record's own folder may not exist yet: it is written before the swap.
        forget_gone_outputs(&dir, &path);
        Ok(())
    }

    /// Whether one file listed is still in `output` exactly as the build wrote it.
    fn any_intact(&self, output: &Path) -> bool {
        use rayon::prelude::*;
        let files: Vec<(&String, &Option<FileStamp>)> = self.files.iter().collect();
        files
            .par_iter()
            .any(|(path, stamp)| intact(output, path, stamp, self.written))
    }

    /// The header when every file listed is still in `output` exactly as the build wrote it.
    pub fn intact_header(&self, output: &Path) -> Option<String> {
        use rayon::prelude::*;
        if self.legacy {
            return None;
        }
        let header = self.header.clone()?;
        let files: Vec<(&String, &Option<FileStamp>)> = self.files.iter().collect();
        let all = files
            .par_iter()
            .all(|(path, stamp)| intact(output, path, stamp, self.written));
        all.then_some(header)
    }
}

/// Removes the records of output folders that no longer exist (builds into temporary
/// folders would otherwise leave one each behind).
fn forget_gone_outputs(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("output-") && name.ends_with(".manifest")) || entry.path() == keep {
            continue;
        }
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        let gone = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("@output\t"))
            .is_some_and(|output| !Path::new(output).exists());
        if gone {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `output/path` is a file as `stamp` says it was written: of the same size, and
/// with the same change time or one within `written`.
fn intact(
    output: &Path,
    path: &str,
    stamp: &Option<FileStamp>,
    written: Option<(Changed, Changed)>,
) -> bool {
    let Some(stamp) = stamp else {
        return false;
    };
    let rel = Path::new(path);
    rel.components().all(|c| matches!(c, Component::Normal(_)))
        && fs::symlink_metadata(output.join(rel)).is_ok_and(|m| {
            let now = changed(&m);
            m.is_file()
                && m.len() == stamp.len
                && match (stamp.changed, written) {
                    (Some(exact), _) => now == exact,
                    (None, Some((first, last))) => first <= now && now <= last,
                    (None, None) => false,
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keys_by_output_path() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir_all(&out).unwrap();
        let mut m = Manifest {
            folders: folder_identity(&out).into_iter().collect(),
            header: Some("#yingcai-build x".into()),
            ..Manifest::default()
        };
        fs::write(out.join("index.html"), "one").unwrap();
        let stamp = FileStamp::of(&fs::metadata(out.join("index.html")).unwrap());
        m.files.insert("index.html".into(), Some(stamp));
        m.write(root.path(), &out).unwrap();
        assert_eq!(Manifest::read(root.path(), &out), Some(m.clone()));
        assert_ne!(
            location(root.path(), &out),
            location(root.path(), &root.path().join("other"))
        );
        assert!(location(root.path(), &out).starts_with(root.path().join(BOOKKEEPING_DIR)));
        // The name is FNV-1a of the folder's absolute path: one written by an earlier
        // release is found again.
        assert_eq!(
            location(Path::new("/site"), Path::new("/nonexistent-yingcai/out")),
            Path::new("/site")
                .join(BOOKKEEPING_DIR)
                .join("output-d55b3db6a9e18f7f.manifest")
        );
        // The record of an output folder that is gone is dropped at the next write.
        let gone = root.path().join("gone");
        fs::create_dir_all(&gone).unwrap();
        Manifest::default().write(root.path(), &gone).unwrap();
        assert!(location(root.path(), &gone).is_file());
        fs::remove_dir_all(&gone).unwrap();
        m.write(root.path(), &out).unwrap();
        assert!(!location(root.path(), &gone).exists());
        assert!(location(root.path(), &out).is_file());
    }

    #[test]
    fn files_written_within_the_span_are_intact_until_written_again() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        fs::create_dir_all(&out).unwrap();
        let first = changed(&fs::metadata(&out).unwrap());
        fs::write(out.join("index.html"), "one").unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let last = changed(&fs::metadata(out.join("old.html")).unwrap());
        let mut m = Manifest {
            folders: folder_identity(&out).into_iter().collect(),
            header: Some("#h".into()),
            written: Some((first, last)),
            ..Manifest::default()
        };
        m.files
            .insert("index.html".into(), Some(FileStamp::written(3)));
        // As an earlier version recorded it: its own change time.
        let old = FileStamp::of(&fs::metadata(out.join("old.html")).unwrap());
        m.files.insert("old.html".into(), Some(old));
        m.write(root.path(), &out).unwrap();
        let text = fs::read_to_string(location(root.path(), &out)).unwrap();
        assert!(text.contains("\nindex.html\t3\n"), "{text}");
        assert!(text.contains("@written\t"), "{text}");
        let read = Manifest::read(root.path(), &out).unwrap();
        assert_eq!(read, m);
        assert_eq!(read.intact_header(&out).as_deref(), Some("#h"));
        // The same bytes written again, later: no longer as the build wrote it.
        std::thread::sleep(std::time::Duration::from_millis(30));
        fs::write(out.join("index.html"), "one").unwrap();
        assert_eq!(read.intact_header(&out), None);
        // Without a span, a file with no change time of its own is never taken as intact.
        let mut spanless = read.clone();
        spanless.written = None;
        spanless.files.remove("old.html");
        assert!(!spanless.any_intact(&out));
        assert_eq!(
            file_line("a\tb.html\t12"),
            ("a\tb.html", Some(FileStamp::written(12)))
        );
        assert_eq!(file_line("a.html"), ("a.html", None));
    }
}
