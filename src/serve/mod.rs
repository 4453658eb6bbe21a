//! `yingcai serve`: keeps the site in memory, serves it, watches its files, reads again what
//! a change touches and makes open pages reload once the new state is being served.
//!
//! After a change the site graph is assembled again (bodies not changed are kept); pages
//! are rendered when asked for, the pages open in a browser first, before the reload signal.
//! Then every other file is rendered in the background, on one core, to find problems a
//! page in view did not show (`build` would report them).
//!
//! - [`changes`]: the change classifier (paths → kinds → a rebuild plan), pure.
//! - [`watch`]: notify events → debounced batches of changed paths.
//! - [`workspace`]: the site's inputs kept in memory.
//! - [`snapshot`]: one state of the site, its files rendered on first request.
//! - [`site_files`]: the state served, and what changed between two.
//! - [`live`]: the served state and the reload event streams.
//! - [`http`]: requests → responses: files, redirects, the live script.
//! - [`inject`]: the live-reload tag in pages; the page of a site that never built.
//! - [`respond`]: responses as sent: entity tags, `HEAD`, byte ranges; shared bytes.
//! - [`hosts`]: the `Host` names the server answers for.
//! - [`server`]: connections: hyper and axum on a small tokio runtime.
//!
//! What users and tools can rely on:
//!
//! - The site is served from memory under `base_url`'s path on the local origin
//!   (`http://127.0.0.1:1111/careers/`), built with that origin as its `base_url`, so feeds
//!   and canonical links point at the dev server; `/` redirects to the path. Nothing is
//!   written to disk. The first line on stdout is `serving URL`.
//! - Served files equal what `yingcai build --base-url URL` writes, byte for byte, but for
//!   two things in HTML pages: the live-reload `<script>` put before `</body>`, and the
//!   theme's `style.css` and `yingcai.js` (`site.urls.stylesheet`, `site.urls.script`)
//!   linked without their `?v=HASH` query (`Renderer::for_preview`).
//! - Only requests for the server's own hosts are answered (see [`hosts`]; more with
//!   `--allow-host`); others get 403. Responses carry `ETag`, answer `If-None-Match` (304),
//!   `HEAD` and single `Range`s (206/416), and share the served bytes.
//! - `PATH/__yingcai/live.js` is that script, `PATH/__yingcai/events` the event stream
//!   (`hello`, `reload`, `css`, `error`, `ok`; JSON data), `PATH/__yingcai/files` the list
//!   of served output paths.
//! - A failed rebuild keeps the last good site served, prints each problem as
//!   `path:line:column: error: message` and shows it over open pages. While the site has
//!   never built (its first build failed), every path answers status 500 with a page
//!   listing the problems, which reloads by itself once the site builds.

pub mod changes;
pub mod hosts;
pub mod http;
pub mod inject;
pub mod live;
pub mod respond;
pub mod server;
pub mod site_files;
pub mod snapshot;
pub mod watch;
pub mod workspace;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::diagnostic::display_path;
use crate::Failure;
use changes::{classify, Plan};
use live::Live;
use site_files::SiteFiles;
use snapshot::Snapshot;
use watch::Batch;
use workspace::Workspace;

/// What `yingcai serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder, holding `config.toml`.
    pub root: PathBuf,
    /// The address to listen on: an IP address or `localhost`.
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// A fixed "today" (from `SOURCE_DATE_EPOCH`); else the clock at each build.
    pub now: Option<DateTime<Utc>>,
    /// Host names answered besides the bound address and loopback's (`--allow-host`).
    pub allow_hosts: Vec<String>,
}

/// Runs the dev server until the process is stopped.
pub fn run(options: &Options) -> Result<(), Failure> {
    let ip = parse_bind(&options.bind)?;
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {ip}, not on loopback: anyone who can reach this machine can read the site{}; use --bind 127.0.0.1 to keep it private",
            if options.drafts { ", drafts included" } else { "" }
        );
    }
    let root = options.root.canonicalize().map_err(|e| {
        Failure::Usage(format!(
            "cannot open the site folder {}: {e}",
            options.root.display()
        ))
    })?;
    let address = SocketAddr::new(ip, options.port);
    let listener = TcpListener::bind(address)
        .map_err(|e| Failure::Usage(format!("cannot listen on {address}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::Usage(format!("cannot listen on {address}: {e}")))?;
    let origin = format!("http://{}", shown_address(local));

    // Watch before the first read, so nothing saved meanwhile is missed.
    // Without a watcher, an idle channel: the site is still rebuilt when a posting closes.
    let (_no_watcher, idle) = std::sync::mpsc::channel();
    let batches = watch::start(&root).unwrap_or_else(|e| {
        eprintln!("warning: {e}; pages will not reload by themselves");
        idle
    });
    let started = Instant::now();
    let workspace = Workspace::load(&root, &origin, options.drafts)?;
    let mut session = Session {
        workspace,
        live: Arc::new(Live::new(SiteFiles::default(), Vec::new())),
        now: options.now,
        stale_after: None,
        checked: Arc::new(Mutex::new(None)),
        checking: Arc::new(AtomicBool::new(false)),
    };
    let report = session
        .rebuild(true)
        .map(|_| session.live.snapshot().site.paths().len());
    let url = format!(
        "{origin}{}",
        crate::url::encode_path(&session.live.snapshot().site.base_path)
    );
    println!("serving {url}");
    match &report {
        Ok(files) => println!(
            "built {files} files in {} ms; watching for changes (Ctrl-C to stop)",
            started.elapsed().as_millis()
        ),
        Err(n) => println!(
            "the site did not build ({n} problem{}): every page shows them until they are fixed",
            plural(*n)
        ),
    }
    let _ = std::io::stdout().flush();
    let hosts = hosts::Hosts::new(ip, local.port(), &options.allow_hosts);
    server::start(listener, Arc::clone(&session.live), hosts)
        .map_err(|e| Failure::Usage(format!("cannot start the server: {e}")))?;
    if options.open {
        open_browser(&url);
    }
    loop {
        // Past the end of the last build's window a posting closes: build again then.
        let wait = session
            .stale_after
            .map(|end| (end - Utc::now()).to_std().unwrap_or_default() + Duration::from_secs(1));
        let batch = match wait {
            Some(wait) => match batches.recv_timeout(wait) {
                Ok(batch) => Some(batch),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match batches.recv() {
                Ok(batch) => Some(batch),
                Err(_) => break,
            },
        };
        match batch {
            Some(mut batch) => {
                while let Ok(later) = batches.try_recv() {
                    batch.merge(later);
                }
                session.handle(batch);
            }
            None => session.handle_time(),
        }
    }
    Ok(())
}

/// The dev server's build side: the inputs in memory and the served site.
struct Session {
    workspace: Workspace,
    live: Arc<Live>,
    /// A fixed "today" (`SOURCE_DATE_EPOCH`), else the clock.
    now: Option<DateTime<Utc>>,
    /// When the clock passes this, a posting of the served build has closed.
    stale_after: Option<DateTime<Utc>>,
    /// The latest snapshot whose every file rendered.
    checked: Arc<Mutex<Option<Arc<Snapshot>>>>,
    /// Set to stop the background check of the snapshot served before.
    checking: Arc<AtomicBool>,
}

impl Session {
    /// Reads what a batch touched, rebuilds, and serves the result.
    fn handle(&mut self, batch: Batch) {
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
    fn handle_time(&mut self) {
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
    fn rebuild(&mut self, all: bool) -> Result<Rebuilt, usize> {
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
struct Rebuilt {
    /// Open pages whose bytes changed.
    changed: usize,
    /// Reading the change into a new snapshot: the site graph and the bodies.
    update: Duration,
    /// Rendering the pages open in browsers, and swapping the new state in.
    viewed: Duration,
}

fn plural(n: usize) -> &'static str {
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

/// `--bind`: an IP address, or `localhost`.
fn parse_bind(bind: &str) -> Result<IpAddr, Failure> {
    if bind.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    bind.trim_matches(['[', ']']).parse().map_err(|_| {
        Failure::Usage(format!(
            "--bind: `{bind}` is not an IP address (try 127.0.0.1)"
        ))
    })
}

/// The address to put in URLs: a wildcard address is reached through loopback.
fn shown_address(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// Opens `url` with the system's opener, when there is one.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => {
            eprintln!("note: cannot open a browser with {program} ({e}): open {url} yourself")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_and_shows_addresses() {
        assert_eq!(
            parse_bind("localhost").unwrap(),
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        );
        assert!(parse_bind("::1").unwrap().is_loopback());
        assert!(parse_bind("[::1]").unwrap().is_loopback());
        assert!(!parse_bind("0.0.0.0").unwrap().is_loopback());
        assert!(matches!(parse_bind("example.com"), Err(Failure::Usage(_))));
        let any: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert_eq!(shown_address(any).to_string(), "127.0.0.1:1111");
        let v6: SocketAddr = "[::]:80".parse().unwrap();
        assert_eq!(shown_address(v6).to_string(), "[::1]:80");
    }

    #[test]
    fn names_what_triggered_a_rebuild() {
        let a = PathBuf::from("content/jobs/a.md");
        let b = PathBuf::from("static/style.css");
        assert_eq!(describe_trigger(&[&a]), "content/jobs/a.md");
        assert_eq!(describe_trigger(&[&a, &b]), "content/jobs/a.md and 1 more");
    }
}
