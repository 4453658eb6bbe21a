//! The dev server's build side: reads what a change touched into the workspace, makes a
//! new snapshot, renders the pages open in browsers, swaps the new state in, and checks
//! every other file in the background. What it prints after each change is said here.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::changes::{self, classify, Plan};
use super::live::Live;
use super::site_files::SiteFiles;
use super::snapshot::Snapshot;
use super::watch::Batch;
use super::workspace::Workspace;
use crate::diagnostic::display_path;

/// The dev server's build side: the inputs in memory and the served site.
pub(super) struct Session {
    pub(super) workspace: Workspace,
    pub(super) live: Arc<Live>,
    /// A fixed "today" (`SOURCE_DATE_EPOCH`), else the clock.
    pub(super) now: Option<DateTime<Utc>>,
    /// When the clock passes this, a posting of the served build has closed.
    pub(super) stale_after: Option<DateTime<Utc>>,
    /// The latest snapshot whose every file rendered.
    pub(super) checked: Arc<Mutex<Option<Arc<Snapshot>>>>,
    /// Set to stop the background check of the snapshot served before.
    pub(super) checking: Arc<AtomicBool>,
}

impl Session {
    /// Reads what a batch touched, rebuilds, and serves the result.
    pub(super) fn handle(&mut self, batch: Batch) {
        let mut plan = if batch.everything {
            Plan::everything()
        } else {
            Plan::default()
        };
        // Named in the terminal: files that are there first, then what went away.
        let mut inputs: Vec<(bool, &PathBuf)> = Vec::new();
        for (path, state) in &batch.paths {
            let change = classify(path, *state);
            if !matches!(change, changes::Change::Ignored(_)) {
                inputs.push((*state == changes::PathState::Missing, path));
            }
            plan.add(&change);
        }
        inputs.sort();
        let inputs: Vec<&PathBuf> = inputs.into_iter().map(|(_, p)| p).collect();
        if plan.is_empty() {
            return;
        }
        let started = Instant::now();
        let applied = self.workspace.apply(&plan);
        let read = started.elapsed();
        let trigger = describe_trigger(&inputs);
        if !applied.changed {
            println!("{trigger}: saved without a change; nothing to rebuild");
            let _ = std::io::stdout().flush();
            return;
        }
        self.report(&trigger, batch.since, read, plan.config || plan.everything);
    }

    /// The clock passed the end of a posting: build again, as `build` would now.
    pub(super) fn handle_time(&mut self) {
        self.report("a posting closed", Instant::now(), Duration::ZERO, true);
    }

    fn report(&mut self, trigger: &str, since: Instant, read: Duration, all: bool) {
        match self.rebuild(all) {
            Ok(done) => println!(
                "{trigger}: {} open page{} changed, served {} ms after the change (read {} ms, update {} ms, pages in view {} ms)",
                done.changed,
                plural(done.changed),
                since.elapsed().as_millis(),
                read.as_millis(),
                done.update.as_millis(),
                done.viewed.as_millis(),
            ),
            Err(n) => eprintln!("{trigger}: {n} problem{}; still serving the last good build", plural(n)),
        }
        let _ = std::io::stdout().flush();
    }

    /// Makes a snapshot of the site; on success renders the pages open in browsers, swaps
    /// the new state in, tells open pages, and checks every other file in the background.
    /// `all`: anything may have changed (every open page reloads). Fails with the number of
    /// problems.
    pub(super) fn rebuild(&mut self, all: bool) -> Result<Rebuilt, usize> {
        // The check of the state served before is of no use now; its core is wanted.
        self.checking.store(true, Ordering::Relaxed);
        let now = self.now.unwrap_or_else(Utc::now);
        let started = Instant::now();
        let old = self.live.snapshot();
        let result = self
            .workspace
            .snapshot(now, old.site.snapshot().map(|s| s.as_ref()));
        let update = started.elapsed();
        self.stale_after = match &result {
            Ok((snapshot, _)) if self.now.is_none() => snapshot.window().until,
            _ => None,
        };
        let base_path = self
            .workspace
            .base_path()
            .map(|p| crate::url::decode_path(p).unwrap_or_else(|| p.to_string()))
            .unwrap_or_else(|| old.site.base_path.clone());
        let base_path = if base_path.is_empty() {
            "/".to_string()
        } else {
            base_path
        };
        let fail = |live: &Live, problems: Vec<crate::diagnostic::Diagnostic>| {
            crate::diagnostic::print(&problems);
            let count = problems.iter().filter(|d| d.is_error()).count();
            live.fail(problems, &base_path);
            count
        };
        let snapshot = match result {
            Ok((snapshot, _)) => Arc::new(snapshot),
            Err(problems) => return Err(fail(&self.live, problems)),
        };
        // The pages open in browsers, rendered before anything is announced.
        let started = Instant::now();
        // Failing pages come from the latest state whose every page rendered, else from the
        // state served until now.
        let fallback = self
            .checked
            .lock()
            .ok()
            .and_then(|c| c.clone())
            .or_else(|| old.site.snapshot().cloned());
        let next = SiteFiles::new(
            old.site.generation + 1,
            &base_path,
            Arc::clone(&snapshot),
            fallback,
        );
        let viewed = self.live.viewed();
        let problems: Vec<crate::diagnostic::Diagnostic> = {
            use rayon::prelude::*;
            let mut found: Vec<_> = viewed
                .par_iter()
                .filter_map(|path| snapshot.get(path).and_then(Result::err))
                .collect();
            found.dedup();
            found
        };
        if !problems.is_empty() {
            return Err(fail(&self.live, problems));
        }
        let changes = old.site.update_to(&next, &viewed, all);
        let viewed_time = started.elapsed();
        let generation = next.generation;
        if let Some(before) = old.site.snapshot() {
            before.forget_rendered();
        }
        drop(old);
        self.live.publish(next, &changes);
        self.check_in_background(snapshot, generation);
        Ok(Rebuilt {
            changed: changes
                .changed
                .iter()
                .filter(|p| p.ends_with(".html"))
                .count(),
            update,
            viewed: viewed_time,
        })
    }

    /// Renders every file of `snapshot` not rendered yet, on one thread, until a newer
    /// state comes: problems are printed and shown over open pages; with none, the
    /// snapshot is the one failing pages fall back to.
    fn check_in_background(&mut self, snapshot: Arc<Snapshot>, generation: u64) {
        let stop = Arc::new(AtomicBool::new(false));
        self.checking = Arc::clone(&stop);
        let checked = Arc::clone(&self.checked);
        let live = Arc::clone(&self.live);
        let spawned = std::thread::Builder::new()
            .name("check".into())
            .spawn(move || {
                // After a pause (saves often come in runs), and behind every other thread.
                std::thread::sleep(CHECK_AFTER);
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                lower_priority();
                let problems = snapshot.check_all(&stop);
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                if problems.is_empty() {
                    if let Ok(mut checked) = checked.lock() {
                        *checked = Some(snapshot);
                    }
                    return;
                }
                let count = problems.iter().filter(|d| d.is_error()).count();
                let shown = problems.clone();
                if live.fail_later(generation, problems) {
                    crate::diagnostic::print(&shown);
                    eprintln!(
                        "{count} problem{} found rendering every page; pages that fail are served as last built",
                        plural(count)
                    );
                }
            });
        if spawned.is_err() {
            eprintln!("warning: cannot check every page in the background");
        }
    }
}

/// How long after a change is served its background check begins.
const CHECK_AFTER: Duration = Duration::from_millis(300);

/// Puts the calling thread behind the others (the background check must not slow what the
/// user waits for: the next change, the pages asked for).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; on Linux `who = 0` with PRIO_PROCESS names
    // the calling thread, whose nice value is raised (which needs no privilege).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

/// What a good rebuild did, and how long it took.
pub(super) struct Rebuilt {
    /// Open pages whose bytes changed.
    changed: usize,
    /// Reading the change into a new snapshot: the site graph and the bodies.
    update: Duration,
    /// Rendering the pages open in browsers, and swapping the new state in.
    viewed: Duration,
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `content/jobs/a.md`, or `content/jobs/a.md and 3 more`.
fn describe_trigger(paths: &[&PathBuf]) -> String {
    match paths {
        [] => "files changed".to_string(),
        [one] => display_path(one),
        [first, rest @ ..] => format!("{} and {} more", display_path(first), rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_triggered_a_rebuild() {
        let a = PathBuf::from("content/jobs/a.md");
        let b = PathBuf::from("static/style.css");
        assert_eq!(describe_trigger(&[&a]), "content/jobs/a.md");
        assert_eq!(describe_trigger(&[&a, &b]), "content/jobs/a.md and 1 more");
    }
}
