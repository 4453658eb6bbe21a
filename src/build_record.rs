//! What a build's output depends on, recorded in its manifest, so that `build` can tell when
//! it has nothing to do.
//!
//! The output of a build is a function of: the bytes of every file under the site's
//! `config.toml`, `content/`, `templates/`, `static/` and `themes/`; the binary (its version,
//! size and modification time: the default theme is built into it); the command line
//! (`--drafts`, `--base-url`); and "today", through one thing only: which postings have
//! passed their `valid_through`. A build records a hash of the first three, a fingerprint of
//! the files' metadata, and the span of time in which the fourth stays the same. When a later
//! build finds the same fingerprint (nothing was written since: every write changes a file's
//! change time) or else the same hash, "today" inside that span, and every output file exactly
//! as written (see [`crate::output::intact_manifest_header`]), a full build would write the
//! same bytes: the output is kept as it is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3Default;

use crate::config::{Settings, CONFIG_FILE, INPUT_DIRS};
use crate::site::Site;

/// A 128-bit hash of a build's inputs: of their bytes, or of their metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs(u64, u64);

/// The hashes of input files a build took as it read them (see [`Reads::record`]), by path
/// relative to the site root: the build's record then need not read them a second time.
#[derive(Debug, Default)]
pub struct Reads(Mutex<HashMap<PathBuf, (u64, u64)>>);

impl Reads {
    /// Notes the bytes read from the regular file at `relative` (relative to the site root).
    pub fn record(&self, relative: &Path, bytes: &[u8]) {
        let hash = bytes_hash(relative, bytes);
        if let Ok(mut hashes) = self.0.lock() {
            hashes.insert(relative.to_path_buf(), hash);
        }
    }

    fn get(&self, relative: &Path) -> Option<(u64, u64)> {
        self.0.lock().ok()?.get(relative).copied()
    }
}

impl crate::content::Recorder for Reads {
    fn record(&self, relative: &Path, bytes: &[u8]) {
        Reads::record(self, relative, bytes);
    }
}

/// Every input file of a build of `settings`, sorted, each with whether it is reached
/// through a symbolic link of its own; `None` when a folder cannot be read.
fn input_files(root: &Path) -> Option<Vec<(PathBuf, bool)>> {
    let mut files = Vec::new();
    for top in std::iter::once(CONFIG_FILE).chain(INPUT_DIRS) {
        let path = root.join(top);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(_) => return None,
            Ok(_) => {}
        }
        // Links are followed, as the content loader follows them: a linked file's bytes
        // are an input like any other.
        for entry in walkdir::WalkDir::new(&path)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.ok()?;
            if !entry.file_type().is_dir() {
                let link = entry.path_is_symlink();
                files.push((entry.into_path(), link));
            }
        }
    }
    Some(files)
}

/// Hashes every input of a build of `settings`, bytes and all; `None` when one cannot be
/// read (a build then reports it, or does its work in full).
pub fn inputs(settings: &Settings) -> Option<Inputs> {
    combine(settings, |root, path, _| file_hash(root, path))
}

/// [`inputs`], taking the hash of each regular file from `reads` when the build read it.
pub fn inputs_read(settings: &Settings, reads: &Reads) -> Option<Inputs> {
    combine(settings, |root, path, link| {
        let known = if link {
            None
        } else {
            reads.get(path.strip_prefix(root).ok()?)
        };
        known.or_else(|| file_hash(root, path))
    })
}

/// Hashes the metadata of every input of a build of `settings`: path, size, inode and
/// modification and change times. Reads no file, so it is cheap; equal fingerprints mean no
/// input was written in between. `None` also when a file was modified or changed at or after
/// `since`: on a file system that keeps coarse times, another write within the same tick
/// would leave its times as they are (git calls such files "racily clean").
pub fn fingerprint(settings: &Settings, since: SystemTime) -> Option<Inputs> {
    combine(settings, |root, path, _| metadata_hash(root, path, since))
}

/// One hash over `hash` of every input file and over what else a build depends on.
fn combine(
    settings: &Settings,
    hash: impl Fn(&Path, &Path, bool) -> Option<(u64, u64)> + Sync,
) -> Option<Inputs> {
    let root = &settings.root;
    let files = input_files(root)?;
    let hashes: Vec<Option<(u64, u64)>> = files
        .par_iter()
        .map(|(path, link)| hash(root, path, *link))
        .collect();
    let mut h = Hash128::new();
    for hash in hashes {
        let (x, y) = hash?;
        h.u64(x);
        h.u64(y);
    }
    let exe = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    h.u64(exe.len());
    h.time(exe.modified().ok()?)?;
    h.u64(u64::from(settings.drafts));
    match settings.base_url.as_deref() {
        None => h.u64(0),
        Some(url) => {
            h.u64(1);
            h.bytes(url.as_bytes());
        }
    }
    let (a, b) = h.finish();
    Some(Inputs(a, b))
}

/// XXH3, 128 bits: a hash with a fixed definition, so that a record written by one build
/// of yingcai reads the same in another. Every value goes in as bytes of a fixed layout
/// (numbers little-endian, byte strings after their length), so no two sequences of values
/// feed the same bytes.
struct Hash128(Xxh3Default);

impl Hash128 {
    fn new() -> Hash128 {
        Hash128(Xxh3Default::new())
    }

    fn u64(&mut self, n: u64) {
        self.0.update(&n.to_le_bytes());
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.u64(bytes.len() as u64);
        self.0.update(bytes);
    }

    fn path(&mut self, path: &Path) {
        self.bytes(path.as_os_str().as_encoded_bytes());
    }

    /// A time as seconds and nanoseconds since 1970; `None` before it.
    fn time(&mut self, time: SystemTime) -> Option<()> {
        let since = time.duration_since(UNIX_EPOCH).ok()?;
        self.u64(since.as_secs());
        self.u64(u64::from(since.subsec_nanos()));
        Some(())
    }

    fn finish(&self) -> (u64, u64) {
        let digest = self.0.digest128();
        ((digest >> 64) as u64, digest as u64)
    }
}

/// A file's path (relative to the root), kind and bytes, hashed.
fn file_hash(root: &Path, path: &Path) -> Option<(u64, u64)> {
    let relative = path.strip_prefix(root).ok()?;
    let meta = std::fs::symlink_metadata(path).ok()?;
    let bytes = std::fs::read(path).ok()?;
    if meta.file_type().is_symlink() {
        let mut h = Hash128::new();
        h.path(relative);
        // Where the link leads, then what it leads to.
        h.u64(1);
        h.path(&std::fs::read_link(path).ok()?);
        h.bytes(&bytes);
        return Some(h.finish());
    }
    Some(bytes_hash(relative, &bytes))
}

/// The hash of a regular file (not a link) at `relative` holding `bytes`.
fn bytes_hash(relative: &Path, bytes: &[u8]) -> (u64, u64) {
    let mut h = Hash128::new();
    h.path(relative);
    h.u64(0);
    h.bytes(bytes);
    h.finish()
}

/// A file's path (relative to the root) and metadata, hashed; `None` if it changed at or
/// after `since`.
fn metadata_hash(root: &Path, path: &Path, since: SystemTime) -> Option<(u64, u64)> {
    let relative = path.strip_prefix(root).ok()?;
    let link = std::fs::symlink_metadata(path).ok()?;
    let mut h = Hash128::new();
    h.path(relative);
    // A link's own metadata, then (followed) its target's.
    let followed = if link.file_type().is_symlink() {
        Some(std::fs::metadata(path).ok()?)
    } else {
        None
    };
    for meta in std::iter::once(&link).chain(followed.as_ref()) {
        let modified = meta.modified().ok()?;
        let (changed, (inode, device)) = change(meta)?;
        if modified >= since || changed >= since {
            return None;
        }
        h.u64(u64::from(meta.file_type().is_symlink()));
        h.u64(meta.len());
        h.time(modified)?;
        h.time(changed)?;
        h.u64(inode);
        h.u64(device);
    }
    Some(h.finish())
}

/// When the file's inode last changed (every write changes it, and no program can set it
/// back), and which inode it is.
#[cfg(unix)]
fn change(meta: &std::fs::Metadata) -> Option<(SystemTime, (u64, u64))> {
    use std::os::unix::fs::MetadataExt;
    let changed = UNIX_EPOCH.checked_add(Duration::new(
        u64::try_from(meta.ctime()).ok()?,
        u32::try_from(meta.ctime_nsec()).ok()?,
    ))?;
    Some((changed, (meta.ino(), meta.dev())))
}

/// Elsewhere there is no change time a program cannot set back (copies that keep
/// modification times could swap a file unseen): no fingerprint, inputs are always hashed.
#[cfg(not(unix))]
fn change(_: &std::fs::Metadata) -> Option<(SystemTime, (u64, u64))> {
    None
}

/// The span of time in which every built posting stays open or closed as it is at `now`:
/// after the latest `valid_through` already passed, up to the earliest one not yet passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// `now` must lie after this.
    pub after: Option<DateTime<Utc>>,
    /// `now` must not lie after this.
    pub until: Option<DateTime<Utc>>,
}

impl Window {
    pub fn of(site: &Site, now: DateTime<Utc>) -> Window {
        let mut window = Window {
            after: None,
            until: None,
        };
        for end in site
            .jobs
            .iter()
            .filter_map(|j| j.posting.valid_through)
            .map(|v| v.end_utc())
        {
            if now > end {
                window.after = window.after.max(Some(end));
            } else {
                window.until = Some(window.until.map_or(end, |u| u.min(end)));
            }
        }
        window
    }

    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.after.is_none_or(|a| now > a) && self.until.is_none_or(|u| now <= u)
    }
}

/// What a build records in the first line of its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub inputs: Inputs,
    /// The inputs' [`fingerprint`] while the build ran, unless some were written just before.
    pub fingerprint: Option<Inputs>,
    pub window: Window,
    /// The summary a build prints: pages, files, postings, open, teams, locations, resumes.
    pub counts: [usize; 7],
}

const TAG: &str = "#yingcai-build-2";

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(
        || "-".to_string(),
        |t| t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
    )
}

fn parse_time(s: &str) -> Option<Option<DateTime<Utc>>> {
    if s == "-" {
        return Some(None);
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| Some(t.with_timezone(&Utc)))
}

impl Record {
    /// One line, starting with `#`.
    pub fn to_line(&self) -> String {
        let counts: Vec<String> = self.counts.iter().map(usize::to_string).collect();
        let hash = |h: Inputs| format!("{:016x}{:016x}", h.0, h.1);
        format!(
            "{TAG} {} {} {} {} {}",
            hash(self.inputs),
            self.fingerprint.map_or_else(|| "-".to_string(), hash),
            time(self.window.after),
            time(self.window.until),
            counts.join(" ")
        )
    }

    pub fn parse(line: &str) -> Option<Record> {
        let mut fields = line.split(' ');
        if fields.next()? != TAG {
            return None;
        }
        let hash = |text: &str| {
            Some(Inputs(
                u64::from_str_radix(text.get(..16)?, 16).ok()?,
                u64::from_str_radix(text.get(16..)?, 16).ok()?,
            ))
        };
        let inputs = hash(fields.next()?)?;
        let fingerprint = match fields.next()? {
            "-" => None,
            text => Some(hash(text)?),
        };
        let window = Window {
            after: parse_time(fields.next()?)?,
            until: parse_time(fields.next()?)?,
        };
        let mut counts = [0; 7];
        for count in &mut counts {
            *count = fields.next()?.parse().ok()?;
        }
        fields.next().is_none().then_some(Record {
            inputs,
            fingerprint,
            window,
            counts,
        })
    }
}

#[cfg(test)]
mod tests;
