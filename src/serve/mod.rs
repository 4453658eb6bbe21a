//! `yingcai serve`: keeps the site in memory, serves it, watches its files, reads again what
//! a change touches and makes open pages reload once the new state is being served.
//!
//! After a change the site graph is assembled again (bodies not changed are kept); pages
//! are rendered when asked for, the pages open in a browser first, before the reload signal.
//! Then every other file is rendered in the background, on one core, to find problems a
//! page in view did not show (`build` would report them).
//!
//! - [`session`]: the loop's build side: a batch of changes → a new snapshot served, what
//!   is printed after each change, the background check of every file.
//! - [`changes`]: the change classifier (paths → kinds → a rebuild plan), pure.
//! - [`watch`]: notify events → debounced batches of changed paths.
//! - [`workspace`]: the site's inputs kept in memory.
//! - [`snapshot`]: one state of the site, its files rendered on first request.
//! - [`site_files`]: the state served, and what changed between two.
//! - [`stream`]: the feed and `jobs.json` sent as they are made.
//! - [`live`]: the state served, and announcing a new one to open pages.
//! - [`events`]: the live-reload event streams (Server-Sent Events) as sent.
//! - [`router`]: a request → the [`router::Route`] it names, pure.
//! - [`answer`]: a route → the response, from the state served; content types.
//! - [`inject`]: the live-reload tag in pages; the page of a site that never built.
//! - [`respond`]: responses as sent: entity tags, `HEAD`, byte ranges; shared bytes; the
//!   one body type ([`respond::PartsBody`]) for slices, streamed files and event streams.
//! - [`hosts`]: the `Host` names the server answers for.
//! - [`connections`]: connections: hyper and axum on a small tokio runtime.
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

pub mod answer;
pub mod changes;
pub mod connections;
pub mod events;
pub mod hosts;
pub mod inject;
pub mod live;
pub mod respond;
pub mod router;
mod session;
pub mod site_files;
pub mod snapshot;
pub mod stream;
pub mod watch;
pub mod workspace;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::Failure;
use live::Live;
use session::{plural, Session};
use site_files::SiteFiles;
use workspace::Workspace;

/// What `yingcai serve` was asked to do: the counterpart of `build`'s
/// [`crate::Settings`], with the address to serve on instead of a `base_url` (the origin
/// served is the `base_url`). Each rebuild gives the site graph its
/// [`crate::site::BuildOptions`] from `drafts` and `now`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
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
pub fn run(options: &ServeOptions) -> Result<(), Failure> {
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
    connections::start(listener, Arc::clone(&session.live), hosts)
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
}
