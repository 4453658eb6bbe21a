//! Watching the site's files: notify events gathered into batches once the editor is done
//! saving (a short quiet spell), each changed path with what lies there by then.
//!
//! Only the site's inputs are watched: the root itself, not recursively (for `config.toml`
//! and for input folders being created or removed), and `content/`, `themes/`, `templates/`
//! and `static/` recursively. Output and build folders (`public/`, `target/`) and version
//! control are never walked, so a large `target/` costs no watches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::changes::PathState;

/// The folders watched recursively.
pub const WATCHED_DIRS: [&str; 4] = crate::config::INPUT_DIRS;
/// A batch closes this long after its last event. Editors finish a save (a write in place,
/// a temporary file renamed over the original, vim's backup dance) well within it; a save
/// split across two batches is read twice, the second read being the finished file.
pub const QUIET: Duration = Duration::from_millis(20);
/// ... or this long after its first, while events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(1000);

/// Paths changed together, relative to the site root.
#[derive(Debug, Clone)]
pub struct Batch {
    pub paths: BTreeMap<PathBuf, PathState>,
    /// The watcher lost events: everything must be read again.
    pub everything: bool,
    /// When the first event of the batch arrived.
    pub since: Instant,
}

impl Batch {
    /// Adds a later batch (not yet handled) to this one.
    pub fn merge(&mut self, later: Batch) {
        self.paths.extend(later.paths);
        self.everything |= later.everything;
    }
}

/// Starts watching `root` (an absolute path); batches arrive on the returned channel.
pub fn start(root: &Path) -> Result<Receiver<Batch>, String> {
    let (events_tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = events_tx.send(event);
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {}", root.display(), describe(&e)))?;
    for dir in WATCHED_DIRS {
        watch_dir(&mut watcher, root, dir);
    }
    let (batches_tx, batches) = mpsc::channel();
    let root = root.to_path_buf();
    thread::Builder::new()
        .name("watch".into())
        .spawn(move || gather(watcher, &root, &events, &batches_tx))
        .map_err(|e| format!("cannot start the watcher: {e}"))?;
    Ok(batches)
}

fn watch_dir(watcher: &mut RecommendedWatcher, root: &Path, dir: &str) {
    let path = root.join(dir);
    if path.is_dir() {
        if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
            eprintln!("warning: cannot watch {}: {}", path.display(), describe(&e));
        }
    }
}

fn describe(error: &notify::Error) -> String {
    match error.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "too many folders to watch: raise fs.inotify.max_user_watches (sysctl) and start again"
                .to_string()
        }
        _ => error.to_string(),
    }
}

/// Whether an event may mean different bytes. Reads (opening, reading, closing a file
/// read, access times) change nothing, and the build itself reads every file it watches.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Turns the stream of events into batches until the server stops.
fn gather(
    mut watcher: RecommendedWatcher,
    root: &Path,
    events: &Receiver<notify::Result<Event>>,
    batches: &Sender<Batch>,
) {
    while let Ok(first) = events.recv() {
        let since = Instant::now();
        let mut raw = vec![first];
        loop {
            let left = MAX_WAIT.saturating_sub(since.elapsed());
            if left.is_zero() {
                break;
            }
            match events.recv_timeout(QUIET.min(left)) {
                Ok(event) => raw.push(event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut batch = Batch {
            paths: BTreeMap::new(),
            everything: false,
            since,
        };
        for event in raw {
            match event {
                Ok(event) if !is_change(&event.kind) => {}
                Ok(event) => {
                    batch.everything |= event.need_rescan();
                    for path in event.paths {
                        let Ok(relative) = path.strip_prefix(root) else {
                            continue;
                        };
                        batch
                            .paths
                            .insert(relative.to_path_buf(), PathState::Missing);
                    }
                }
                Err(e) => {
                    eprintln!("warning: file watching: {}", describe(&e));
                    batch.everything = true;
                }
            }
        }
        for (relative, state) in batch.paths.iter_mut() {
            *state = PathState::of(&root.join(relative));
            // An input folder created (or re-created) at the root: watch what is inside.
            let top = relative.to_str().filter(|name| WATCHED_DIRS.contains(name));
            if let (Some(dir), PathState::Folder) = (top, *state) {
                watch_dir(&mut watcher, root, dir);
            }
        }
        if batches.send(batch).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, RemoveKind, RenameMode};

    #[test]
    fn reads_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(
            RenameMode::Both
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            notify::event::DataChange::Any
        ))));
        assert!(is_change(&EventKind::Remove(RemoveKind::Folder)));
        assert!(is_change(&EventKind::Any));
    }
}
