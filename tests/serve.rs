//! `yingcai serve` end to end: the binary on a free port, serving a copy of
//! tests/fixtures/serve-site, while the test edits files the ways editors save them.

mod common;
#[path = "common/server.rs"]
mod server;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use server::{get, Reply, Server, EPOCH};
use yingcai::url::encode_path;
use yingcai_testkit::set_lines;

const BIN: &str = env!("CARGO_BIN_EXE_yingcai");
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");
const SRE: &str = "content/jobs/platform/sre.md";
const SRE_PAGE: &str = "jobs/site-reliability-engineer/index.html";

// ---------------------------------------------------------------------------------------
// A site in a temporary folder, and how editors write to it.

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(Path::new(FIXTURE), dir.path());
        Site { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    /// A plain write, creating folders as needed.
    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Truncate, then write in two parts (many editors save in place like this).
    fn write_in_place(&self, relative: &str, text: &str) {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(self.path(relative))
            .unwrap();
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half += 1;
        }
        let (a, b) = text.split_at(half);
        file.write_all(a.as_bytes()).unwrap();
        file.flush().unwrap();
        thread::sleep(Duration::from_millis(3));
        file.write_all(b.as_bytes()).unwrap();
    }

    /// Write a temporary file beside it, then rename it over the original.
    fn write_via_rename(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let temp = path.with_file_name(format!(".{name}.tmp"));
        fs::write(&temp, text).unwrap();
        fs::rename(&temp, &path).unwrap();
    }

    /// Delete, then create again.
    fn delete_and_recreate(&self, relative: &str, text: &str) {
        fs::remove_file(self.path(relative)).unwrap();
        thread::sleep(Duration::from_millis(15));
        fs::write(self.path(relative), text).unwrap();
    }

    /// vim's way: move the original to a backup, write a new file, delete the backup.
    fn write_like_vim(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        let backup = PathBuf::from(format!("{}~", path.display()));
        fs::write(path.with_file_name("4913"), "").unwrap();
        fs::remove_file(path.with_file_name("4913")).unwrap();
        fs::rename(&path, &backup).unwrap();
        fs::write(&path, text).unwrap();
        fs::remove_file(&backup).unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// The server, and a small HTTP client that sends exactly what it is given.

/// What tests here ask of a server: pages, output files and event streams over HTTP.
impl Server {
    fn get(&self, target: &str) -> Reply {
        get(self.addr, target)
    }

    /// An output file, by output path.
    fn file(&self, path: &str) -> Reply {
        self.get(&format!("{}{}", self.base, encode_path(path)))
    }

    fn page_text(&self, path: &str) -> String {
        self.file(path).text()
    }

    fn events(&self) -> Events {
        Events::connect(self.addr, &format!("{}__yingcai/events", self.base))
    }

    /// An event stream the server has greeted (`hello`): changes from now on reach it.
    fn greeted_events(&self) -> Events {
        let mut events = self.events();
        events.wait_for("hello", |_| true, self);
        events
    }

    /// The event stream of a browser tab showing output `page`: the server renders the pages
    /// in view after a change and names those that changed.
    fn tab(&self, page: &str) -> Events {
        Events::connect(
            self.addr,
            &format!("{}__yingcai/events?page={}", self.base, encode_path(page)),
        )
    }

    /// The first line of the log that passes `test`, waited for (15 s at most).
    fn wait_for_line(&self, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(line) = self.log().lines().find(|l| test(l)) {
                return line.to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no such line in:\n{}",
                self.log()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `text` as it reads on any machine: the server's port as `PORT`, each time as `N ms`.
fn masked(text: &str, server: &Server) -> String {
    let text = text.replace(&format!(":{}", server.addr.port()), ":PORT");
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            let time = c == ' ' && rest.starts_with("ms");
            out.push_str(if time { "N" } else { &digits });
            digits.clear();
        }
        out.push(c);
    }
    out.push_str(&digits);
    out
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = &raw[split + 4..];
    Reply {
        status,
        body: if chunked {
            dechunk(body)
        } else {
            body.to_vec()
        },
        headers,
    }
}

/// A body sent in chunks (`Transfer-Encoding: chunked`), joined.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size = std::str::from_utf8(&raw[..line_end]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// Sends `raw` as is on a new connection and reads the whole reply.
fn request(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    parse_reply(&out)
}

/// A GET of `target` sent byte for byte as given, for targets a client would not send.
fn raw_get(addr: SocketAddr, target: &str) -> Reply {
    request(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// A live-reload event stream, read as a browser's EventSource would.
struct Events {
    reader: BufReader<TcpStream>,
    partial: Vec<u8>,
}

impl Events {
    fn connect(addr: SocketAddr, path: &str) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(
                format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n")
                    .as_bytes(),
            )
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut events = Events {
            reader: BufReader::new(stream),
            partial: Vec::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = events
            .line(deadline)
            .expect("no reply to the event stream request");
        assert!(status.contains(" 200 "), "{status}");
        while let Some(line) = events.line(deadline) {
            if line.is_empty() {
                break;
            }
            if let Some(kind) = line.strip_prefix("Content-Type: ") {
                assert!(kind.starts_with("text/event-stream"), "{kind}");
            }
        }
        events
    }

    fn line(&mut self, deadline: Instant) -> Option<String> {
        while Instant::now() < deadline {
            match self.reader.read_until(b'\n', &mut self.partial) {
                Ok(0) => return None,
                Ok(_) if self.partial.ends_with(b"\n") => {
                    let line = String::from_utf8_lossy(&self.partial)
                        .trim_end_matches(['\r', '\n'])
                        .to_string();
                    self.partial.clear();
                    return Some(line);
                }
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return None,
            }
        }
        None
    }

    /// The next event, as (name, data), within `timeout`.
    fn next(&mut self, timeout: Duration) -> Option<(String, Value)> {
        let deadline = Instant::now() + timeout;
        let (mut name, mut data) = (String::new(), String::new());
        while let Some(line) = self.line(deadline) {
            if line.is_empty() {
                if !name.is_empty() {
                    return Some((name, serde_json::from_str(&data).unwrap_or(Value::Null)));
                }
                continue;
            }
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            }
        }
        None
    }

    /// Waits for an event named `name` whose data passes `test`; earlier ones are skipped.
    fn wait_for(&mut self, name: &str, test: impl Fn(&Value) -> bool, server: &Server) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Some((n, data)) = self.next(deadline - Instant::now()) {
                if n == name && test(&data) {
                    return data;
                }
                seen.push(format!("{n}: {data}"));
            }
        }
        panic!(
            "no `{name}` event; saw {seen:#?}\nserver log:\n{}",
            server.log()
        )
    }

    /// Reads events until one announces build `build` or a later one.
    fn until_build(&mut self, build: u64, server: &Server) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some((_, data)) = self.next(deadline - Instant::now()) {
                if data["build"].as_u64().is_some_and(|b| b >= build) {
                    return;
                }
            }
        }
        panic!(
            "build {build} never announced\nserver log:\n{}",
            server.log()
        );
    }

    /// Waits for a reload event that names output `path`.
    fn reload_of(&mut self, path: &str, server: &Server) -> Value {
        self.wait_for(
            "reload",
            |d| {
                d["all"] == true
                    || d["changed"]
                        .as_array()
                        .is_some_and(|c| c.iter().any(|p| p == path))
            },
            server,
        )
    }
}

// ---------------------------------------------------------------------------------------
// Served site = built site.

/// Waits, in the tab showing `tab`, for a reload that names `path`; then lets every other
/// tab read up to the same build, so each next wait starts after this change.
fn reload_in(tabs: &mut BTreeMap<&str, Events>, tab: &str, path: &str, server: &Server) {
    let reload = tabs.get_mut(tab).unwrap().reload_of(path, server);
    let build = reload["build"].as_u64().unwrap();
    for (name, other) in tabs.iter_mut() {
        if *name != tab {
            other.until_build(build, server);
        }
    }
}

/// The page as built: the live-reload tag taken out again.
fn without_live_tag(page: &[u8], base: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(page).into_owned();
    let start_tag = format!("<script src=\"{base}__yingcai/live.js\"");
    match text.find(&start_tag) {
        Some(start) => {
            let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        }
        None => page.to_vec(),
    }
}

/// A built page as the preview serves it: the theme's stylesheet and script linked without
/// their cache-busting `?v=…` (the preview forbids caching; see `Renderer::for_preview`).
fn unversioned(page: &[u8]) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(page).into_owned();
    for asset in ["style.css?v=", "yingcai.js?v="] {
        while let Some(at) = text.find(asset) {
            let start = at + asset.len() - "?v=".len();
            let end = at
                + asset.len()
                + text[at + asset.len()..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(0);
            text.replace_range(start..end, "");
        }
    }
    text.into_bytes()
}

fn built_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = common::snapshot(dir);
    files.remove(".yingcai-manifest");
    files
}

/// What differs between the served site and a fresh `yingcai build` of the same files.
fn differences(site: &Site, server: &Server) -> Vec<String> {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let status = Command::new(BIN)
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&output)
        .args(["--base-url", &server.url()])
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    if !status.success() {
        return vec!["the fresh build failed".into()];
    }
    let built = built_files(&output);
    let listing: Value =
        serde_json::from_slice(&server.get(&format!("{}__yingcai/files", server.base)).body)
            .unwrap();
    let served: Vec<String> = listing["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut problems = Vec::new();
    let built_names: Vec<&String> = built.keys().collect();
    let mut served_sorted: Vec<&String> = served.iter().collect();
    served_sorted.sort();
    if built_names != served_sorted {
        problems.push(format!(
            "file lists differ:\n built {built_names:?}\nserved {served_sorted:?}"
        ));
    }
    for (path, bytes) in &built {
        let reply = server.file(path);
        if reply.status != 200 {
            problems.push(format!("{path}: status {}", reply.status));
            continue;
        }
        let (body, expected) = if path.ends_with(".html") {
            let served = without_live_tag(&reply.body, &server.base);
            if String::from_utf8_lossy(&served).contains(".css?v=") {
                problems.push(format!("{path}: the preview links a versioned stylesheet"));
            }
            (served, unversioned(bytes))
        } else {
            (reply.body, bytes.clone())
        };
        if body != expected {
            problems.push(format!("{path}: served bytes differ from the build"));
        }
    }
    problems
}

/// A line the server logs when it has handled a change to the files: a rebuild, a save that
/// changed nothing, or problems.
fn is_report(line: &str) -> bool {
    line.contains(" changed, served ")
        || line.ends_with(": saved without a change; nothing to rebuild")
        || line.ends_with("; still serving the last good build")
}

fn report_count(server: &Server) -> usize {
    server.log().lines().filter(|l| is_report(l)).count()
}

/// A GET of `target` that must answer a whole page within 10 s: a bound generous enough for
/// a busy machine that still tells a server answering at once from one held up by others.
#[track_caller]
fn assert_answers_promptly(server: &Server, target: &str) {
    let started = Instant::now();
    let reply = server.get(target);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.text().contains("</html>"), "{}", reply.text());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{target} took {:?}",
        started.elapsed()
    );
}

/// Waits (15 s at most) until the server has logged more than `before` reports.
fn wait_for_report(server: &Server, before: usize) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while report_count(server) <= before {
        if Instant::now() > deadline {
            panic!("no report of a change; server log:\n{}", server.log());
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// The served site equals a fresh build, at the latest 15 s from now.
fn assert_matches_build(site: &Site, server: &Server, step: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let problems = differences(site, server);
        if problems.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            panic!(
                "after {step}: served site differs from `yingcai build`:\n{}\nserver log:\n{}",
                problems.join("\n"),
                server.log()
            );
        }
        thread::sleep(Duration::from_millis(200));
    }
}

// ---------------------------------------------------------------------------------------

#[test]
fn serves_the_site_from_memory_under_its_sub_path() {
    let site = Site::new();
    let server = Server::start(site.root());
    assert!(server.base == "/careers/", "{}", server.base);

    let home = server.get("/careers/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-cache"));
    assert!(
        home.text().contains("/careers/__yingcai/live.js"),
        "the live script is put into pages"
    );
    let tag_at = home.text().find("__yingcai/live.js").unwrap();
    assert!(
        tag_at < home.text().rfind("</body>").unwrap(),
        "before </body>"
    );

    let root = server.get("/");
    assert_eq!(
        (root.status, root.header("Location")),
        (302, Some("/careers/"))
    );
    let bare = server.get("/careers");
    assert_eq!(
        (bare.status, bare.header("Location")),
        (302, Some("/careers/"))
    );
    let folder = server.get("/careers/jobs/site-reliability-engineer?from=feed");
    assert_eq!(
        (folder.status, folder.header("Location")),
        (
            302,
            Some("/careers/jobs/site-reliability-engineer/?from=feed")
        )
    );

    let cjk = server.get(&format!(
        "/careers/{}",
        encode_path("jobs/数据传输研发工程师/")
    ));
    assert_eq!(cjk.status, 200);
    assert!(cjk.text().contains("负责数据传输系统的研发"));

    for (path, kind) in [
        ("style.css", "text/css; charset=utf-8"),
        ("yingcai.js", "text/javascript; charset=utf-8"),
        ("jobs.json", "application/json"),
        ("feed.xml", "application/xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("logo.svg", "image/svg+xml"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("__yingcai/live.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = server.file(path);
        assert_eq!(
            (reply.status, reply.header("Content-Type")),
            (200, Some(kind)),
            "{path}"
        );
        if path != "__yingcai/live.js" {
            assert!(
                !reply.text().contains("__yingcai"),
                "{path}: only pages get the live script"
            );
        }
    }
    // Absolute URLs point at the dev server, under the same sub-path.
    assert!(
        server.file("feed.xml").text().contains(&server.url()),
        "{}",
        server.file("feed.xml").text()
    );

    let missing = server.get("/careers/jobs/no-such-posting/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("__yingcai/live.js"),
        "the site's own 404 page, with the live script"
    );
    assert_eq!(missing.body, server.get("/elsewhere").body);

    let head = request(
        server.addr,
        format!(
            "HEAD /careers/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .as_bytes(),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let post = request(
        server.addr,
        format!(
            "POST /careers/ HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .as_bytes(),
    );
    assert_eq!(post.status, 405);

    assert_matches_build(&site, &server, "starting");
    assert!(
        !site.path("public").exists(),
        "serve writes no output folder"
    );
    // Serving and building read every file: reading is no reason to build again. The
    // server handles file events in order, so once it has served a real edit, it has also
    // handled whatever the reads above set off: that edit must be its first build since the
    // start, and no read may have been taken for a save.
    let mut events = server.events();
    let hello = events.wait_for("hello", |_| true, &server);
    assert_eq!(hello["build"], 1, "{}", server.log());
    let sre = site.read(SRE);
    site.write_in_place(SRE, &sre.replace("Original posting text.", "Edited."));
    let reload = events.reload_of(SRE_PAGE, &server);
    assert_eq!(
        reload["build"],
        2,
        "built again without a change:\n{}",
        server.log()
    );
    // The report is printed just after the reload goes out.
    wait_for_report(&server, 0);
    let log = server.log();
    let reports: Vec<&str> = log.lines().filter(|l| is_report(l)).collect();
    assert_eq!(
        reports.len(),
        1,
        "one report, for the edit, after the start:\n{log}"
    );
    assert_eq!(masked(reports[0], &server), "content/jobs/platform/sre.md: 1 open page changed, served N ms after the change (read N ms, update N ms, pages in view N ms)", "{log}");
}

#[test]
fn served_site_equals_a_fresh_build_after_every_kind_of_edit() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut events = server.events();
    let hello = events.wait_for("hello", |_| true, &server);
    assert_eq!(hello["build"], 1);
    assert_eq!(hello["problems"], Value::Array(vec![]));
    // Pages name the server process and build they came from.
    let server_id = hello["server"].as_str().unwrap();
    let home = server.get("/careers/").text();
    assert!(
        home.contains(&format!("data-server=\"{server_id}\" data-build=\"1\"")),
        "{home}"
    );
    // Tabs open on the pages each step changes (some of them not there yet).
    let pages = [
        SRE_PAGE,
        "jobs/site-reliability-lead/index.html",
        "jobs/架构师/index.html",
        "locations/深圳市/index.html",
        "teams/platform/index.html",
        "404.html",
        "index.html",
        "jobs/backend-intern/index.html",
        "jobs/bulk-29/index.html",
    ];
    let mut tabs: BTreeMap<&str, Events> = pages.iter().map(|p| (*p, server.tab(p))).collect();
    let sre = site.read(SRE);

    site.write_in_place(
        SRE,
        &sre.replace("Original posting text.", "Edited in place."),
    );
    reload_in(&mut tabs, SRE_PAGE, SRE_PAGE, &server);
    assert!(server.page_text(SRE_PAGE).contains("Edited in place."));
    assert_matches_build(&site, &server, "a write in place");

    site.write_via_rename(
        SRE,
        &sre.replace("Original posting text.", "Saved through a temporary file."),
    );
    reload_in(&mut tabs, SRE_PAGE, SRE_PAGE, &server);
    assert!(server
        .page_text(SRE_PAGE)
        .contains("Saved through a temporary file."));
    assert_matches_build(&site, &server, "a write through a temporary file");

    site.delete_and_recreate(
        SRE,
        &sre.replace("Original posting text.", "Deleted and created again."),
    );
    reload_in(&mut tabs, SRE_PAGE, SRE_PAGE, &server);
    assert_matches_build(&site, &server, "delete and create again");
    assert!(server
        .page_text(SRE_PAGE)
        .contains("Deleted and created again."));

    site.write_like_vim(
        SRE,
        &sre.replace(
            "title = \"Site Reliability Engineer\"",
            "title = \"Site Reliability Lead\"",
        ),
    );
    reload_in(
        &mut tabs,
        "jobs/site-reliability-lead/index.html",
        "jobs/site-reliability-lead/index.html",
        &server,
    );
    assert_matches_build(&site, &server, "a vim-style save that renames the posting");
    assert_eq!(server.file(SRE_PAGE).status, 404, "the old page is gone");

    site.write("content/jobs/新团队/2026/架构师.md", "+++\ntitle = \"架构师\"\nteam = \"新团队\"\ndate = 2026-04-01\nlocations = [\"深圳市\"]\n+++\n\n新的职位。\n");
    reload_in(
        &mut tabs,
        "jobs/架构师/index.html",
        "jobs/架构师/index.html",
        &server,
    );
    assert_matches_build(&site, &server, "a posting in new folders");

    let reports = report_count(&server);
    fs::rename(
        site.path("content/jobs/新团队"),
        site.path("content/jobs/renamed"),
    )
    .unwrap();
    // The rename is handled (a line in the log) before the folder goes.
    wait_for_report(&server, reports);
    fs::remove_dir_all(site.path("content/jobs/renamed")).unwrap();
    reload_in(
        &mut tabs,
        "locations/深圳市/index.html",
        "locations/深圳市/index.html",
        &server,
    );
    assert_matches_build(&site, &server, "a folder renamed, then deleted");

    site.write(
        "content/teams/platform.md",
        &site
            .read("content/teams/platform.md")
            .replace("keeps everything running", "keeps the lights on"),
    );
    reload_in(
        &mut tabs,
        "teams/platform/index.html",
        "teams/platform/index.html",
        &server,
    );
    assert_matches_build(&site, &server, "a team edit");

    site.write(
        "templates/404.html",
        "<!doctype html><html><body><h1>Nothing here</h1></body></html>\n",
    );
    reload_in(&mut tabs, "404.html", "404.html", &server);
    assert!(server.get("/careers/nope").text().contains("Nothing here"));
    assert_matches_build(&site, &server, "a new templates/ folder");

    // Templates others are made of: every page that uses them changes, and only those.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let card = fs::read_to_string(theme.join("card.html")).unwrap();
    site.write(
        "templates/card.html",
        &card.replace("class=\"card-body\"", "class=\"card-body mine\""),
    );
    reload_in(&mut tabs, "index.html", "index.html", &server);
    assert!(server.get("/careers/").text().contains("card-body mine"));
    assert_matches_build(&site, &server, "a card template");
    let base = fs::read_to_string(theme.join("base.html")).unwrap();
    site.write(
        "templates/base.html",
        &base.replace("</footer>", "<p>preview footer</p></footer>"),
    );
    reload_in(
        &mut tabs,
        "jobs/backend-intern/index.html",
        "jobs/backend-intern/index.html",
        &server,
    );
    assert!(server.get("/careers/").text().contains("preview footer"));
    assert_matches_build(&site, &server, "the base template");

    site.write("static/images/team.png", "\u{89}PNG fake");
    reload_in(&mut tabs, "index.html", "images/team.png", &server);
    assert_eq!(
        server.file("images/team.png").header("Content-Type"),
        Some("image/png")
    );
    fs::remove_file(site.path("static/notes.txt")).unwrap();
    reload_in(&mut tabs, "index.html", "notes.txt", &server);
    assert_matches_build(&site, &server, "static files added and removed");

    site.write_via_rename(
        "config.toml",
        &site.read("config.toml").replace("诚聘英才", "加入我们"),
    );
    reload_in(&mut tabs, "index.html", "index.html", &server);
    assert!(server.get("/careers/").text().contains("加入我们"));
    assert_matches_build(&site, &server, "a config change");

    // Many files at once, as a checkout does.
    for i in 0..30 {
        site.write(&format!("content/jobs/bulk/{i:02}.md"), &format!("+++\ntitle = \"Bulk {i}\"\nteam = \"data\"\ndate = 2026-01-{:02}\n+++\n\nBulk posting {i}.\n", i % 28 + 1));
    }
    reload_in(
        &mut tabs,
        "jobs/bulk-29/index.html",
        "jobs/bulk-29/index.html",
        &server,
    );
    assert_matches_build(&site, &server, "thirty new postings at once");
    assert!(!site.path("public").exists());
}

#[test]
fn a_broken_file_keeps_the_last_good_site_until_fixed() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut events = server.greeted_events();
    let before = server.page_text(SRE_PAGE);
    let sre = site.read(SRE);

    site.write(SRE, &sre.replace("title = ", "titel = "));
    let error = events.wait_for("error", |_| true, &server);
    let problem = &error["problems"][0];
    assert_eq!(problem["path"], SRE);
    assert_eq!(problem["line"], 2);
    assert_eq!(
        problem["message"], "unknown key `titel`; did you mean `title`?",
        "{problem}"
    );
    assert_eq!(
        server.page_text(SRE_PAGE),
        before,
        "the last good build is still served"
    );
    // The terminal shows path:line:column.
    server.wait_for_line(|l| {
        l == "content/jobs/platform/sre.md:2:1: error: unknown key `titel`; did you mean `title`?"
    });
    // A page opened now learns of the problem at once.
    let mut late = server.events();
    let hello = late.wait_for("hello", |_| true, &server);
    assert_eq!(hello["problems"][0]["path"], SRE);

    // A template error too: reported at the template's file, with the content problem.
    site.write(
        "templates/posting.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    let error = events.wait_for(
        "error",
        |d| {
            d["problems"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["path"] == "templates/posting.html"))
        },
        &server,
    );
    assert!(error["problems"].as_array().unwrap().len() >= 2, "{error}");
    fs::remove_file(site.path("templates/posting.html")).unwrap();

    site.write(SRE, &sre.replace("Original posting text.", "Fixed."));
    events.wait_for("ok", |_| true, &server);
    assert!(server.page_text(SRE_PAGE).contains("Fixed."));
    assert_matches_build(&site, &server, "fixing the file");
}

#[test]
fn what_serve_prints_for_each_change() {
    let site = Site::new();
    let server = Server::start(site.root());
    let started = server.wait_for_line(|l| l.starts_with("built "));
    let mut tab = server.tab(SRE_PAGE);
    tab.wait_for("hello", |_| true, &server);
    let sre = site.read(SRE);
    let steps = [
        sre.replace("Original posting text.", "Edited."),
        sre.replace("Original posting text.", "Edited."),
        sre.replace("title = ", "titel = "),
    ];
    for (done, text) in steps.iter().enumerate() {
        site.write(SRE, text);
        wait_for_report(&server, done);
    }
    let log = server.log();
    let reports: Vec<&str> = log.lines().filter(|l| is_report(l)).collect();
    insta::assert_snapshot!(
        "serve_reports",
        masked(&format!("{started}\n{}", reports.join("\n")), &server)
    );
}

#[test]
fn a_site_that_never_built_shows_its_problems_on_every_path() {
    let site = Site::new();
    site.write(
        SRE,
        &site
            .read(SRE)
            .replace("date = 2026-01-05", "date = \"soon\""),
    );
    let server = Server::start(site.root());
    for path in ["/careers/", "/careers/jobs/anything/", "/"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 500, "{path}");
        assert!(
            reply.text().contains(&format!("{SRE}:")),
            "{}",
            reply.text()
        );
        assert!(reply.text().contains("__yingcai/live.js"));
    }
    let mut events = server.events();
    let hello = events.wait_for("hello", |_| true, &server);
    assert_eq!(hello["build"], 0);
    assert_eq!(hello["problems"][0]["path"], SRE);

    site.write_via_rename(
        SRE,
        &site
            .read(SRE)
            .replace("date = \"soon\"", "date = 2026-01-05"),
    );
    events.wait_for("reload", |d| d["build"] == 1, &server);
    assert_eq!(server.get("/careers/").status, 200);
    assert_matches_build(&site, &server, "the first good build");
}

#[test]
fn only_open_pages_that_changed_are_named() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut sre = server.tab(SRE_PAGE);
    let mut intern = server.tab("jobs/backend-intern/index.html");
    sre.wait_for("hello", |_| true, &server);
    intern.wait_for("hello", |_| true, &server);
    let text = site.read(SRE);
    site.write(
        SRE,
        &text.replace("Original posting text.", "Only this page."),
    );
    let reload = sre.reload_of(SRE_PAGE, &server);
    assert_eq!(reload["changed"], serde_json::json!([SRE_PAGE]), "{reload}");
    // The other tab hears of the new build, and that its page did not change.
    let other = intern.wait_for("reload", |_| true, &server);
    assert_eq!(other["build"], reload["build"]);
    assert_eq!(other["changed"], serde_json::json!([SRE_PAGE]));
    assert!(server.page_text(SRE_PAGE).contains("Only this page."));
}

#[test]
fn a_problem_on_a_page_not_in_view_shows_and_that_page_stays_as_last_built() {
    let site = Site::new();
    let server = Server::start(site.root());
    let team = "teams/platform/index.html";
    let mut tab = server.tab(SRE_PAGE);
    tab.wait_for("hello", |_| true, &server);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let template = fs::read_to_string(theme.join("team.html")).unwrap();
    site.write(
        "templates/team.html",
        &template.replacen("{% block", "{{ team.no_such_field.x }}{% block", 1),
    );
    // The posting in view renders; every other page is rendered in the background, where
    // the team pages fail: the problem is shown over open pages and printed.
    let error = tab.wait_for("error", |_| true, &server);
    let problem = &error["problems"][0];
    assert_eq!(problem["path"], "templates/team.html", "{error}");
    assert_eq!(
        problem["message"],
        "This content would be ignored: only `extends`, `block` and `component` are allowed at the top level of a child template."
    );
    let line = server.wait_for_line(|l| l.starts_with("templates/team.html:"));
    assert_eq!(line, "templates/team.html:3:1: error: This content would be ignored: only `extends`, `block` and `component` are allowed at the top level of a child template.");
    // Not rendered before the edit (not in view): it comes from the state served before.
    let served = server.file(team);
    assert_eq!(served.status, 200, "{}", served.text());
    assert!(served.text().contains("Platform"), "{}", served.text());
    assert!(!served.text().contains("no_such_field"));
    // Fixed: the problem goes away.
    site.write("templates/team.html", &template);
    tab.wait_for("ok", |_| true, &server);
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut events = server.greeted_events();
    site.write("static/style.css", "body { color: rebeccapurple }\n");
    let (name, data) = events.next(Duration::from_secs(15)).expect("an event");
    assert_eq!(name, "css", "{data}");
    assert_eq!(data["changed"], serde_json::json!(["style.css"]));
    assert_eq!(
        server.file("style.css").text(),
        "body { color: rebeccapurple }\n"
    );
    assert_matches_build(&site, &server, "a stylesheet change");
}

#[test]
fn the_reload_signal_follows_the_swap() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut events = server.greeted_events();
    // Meanwhile, a reader: every page it gets is whole, the old one or the new one.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, addr, path) = (
            Arc::clone(&stop),
            server.addr,
            format!("{}{}", server.base, encode_path(SRE_PAGE)),
        );
        thread::spawn(move || {
            let mut seen = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let reply = get(addr, &path);
                assert_eq!(reply.status, 200);
                let text = reply.text();
                assert!(
                    text.contains("Original posting text.") || text.contains("Revision "),
                    "{text}"
                );
                assert!(text.trim_end().ends_with("</html>"));
                seen += 1;
            }
            seen
        })
    };
    let sre = site.read(SRE);
    for i in 0..5 {
        let text = format!("Revision {i}.");
        site.write(SRE, &sre.replace("Original posting text.", &text));
        events.reload_of(SRE_PAGE, &server);
        // Asked the moment the signal arrives, the server already has the new page.
        assert!(server.page_text(SRE_PAGE).contains(&text), "revision {i}");
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(reader.join().unwrap() > 5);
}

#[test]
fn a_posting_closes_on_time_without_an_edit() {
    let site = Site::new();
    let closes = chrono::Utc::now() + chrono::Duration::seconds(3);
    site.write(
        "content/jobs/flash.md",
        &format!(
            "+++\ntitle = \"Flash Hire\"\nteam = \"platform\"\ndate = 2026-01-01\nvalid_through = {}\n+++\n\nQuick.\n",
            closes.format("%Y-%m-%dT%H:%M:%SZ")
        ),
    );
    let server = Server::start_on_the_clock(site.root());
    let mut events = server.greeted_events();
    assert!(server.file("jobs.json").text().contains("Flash Hire"));
    events.reload_of("jobs.json", &server);
    assert!(chrono::Utc::now() > closes);
    assert!(
        !server.file("jobs.json").text().contains("Flash Hire"),
        "closed postings leave jobs.json"
    );
    // The server prints its line just after sending the signal.
    let report = server.wait_for_line(|l| l.starts_with("a posting closed"));
    insta::assert_snapshot!("serve_posting_closed", masked(&report, &server));
}

#[test]
fn rejects_traversal_and_survives_rude_clients() {
    let site = Site::new();
    fs::write(site.root().join("secret.txt"), "secret").unwrap();
    let server = Server::start(site.root());
    for target in [
        "/careers/../secret.txt",
        "/careers/%2e%2e/secret.txt",
        "/careers/%2E%2E%2Fsecret.txt",
        "/careers/..%2F..%2Fconfig.toml",
        "/careers/index.html%00.txt",
        "/careers/%zz",
    ] {
        let reply = raw_get(server.addr, target);
        assert_eq!(reply.status, 400, "{target}");
        assert!(!reply.text().contains("secret"));
    }
    assert_eq!(server.get("/careers/config.toml").status, 404);

    // Fifty connections: some finish, some send half a request, some leave mid-request or
    // mid-stream, some open event streams and vanish.
    let mut held = Vec::new();
    let addr = server.addr;
    let workers: Vec<_> = (0..50)
        .map(|i| {
            thread::spawn(move || {
                let mut s = TcpStream::connect(addr).unwrap();
                match i % 5 {
                    0 => {
                        s.write_all(b"GET /careers/ HTTP/1.1\r\nHost: x\r\n")
                            .unwrap();
                        Some(s)
                    }
                    1 => {
                        s.write_all(b"GET /careers/ HTTP/1.1\r\nHost: x\r\n\r\n")
                            .unwrap();
                        None
                    }
                    2 => {
                        s.write_all(b"GET /careers/__yingcai/events HTTP/1.1\r\nHost: x\r\n\r\n")
                            .unwrap();
                        let mut buf = [0u8; 16];
                        let _ = s.read(&mut buf);
                        None
                    }
                    3 => {
                        s.write_all(b"\x00\x01 garbage \r\n\r\n").unwrap();
                        None
                    }
                    _ => {
                        let reply = get(addr, "/careers/jobs.json");
                        assert_eq!(reply.status, 200);
                        Some(s)
                    }
                }
            })
        })
        .collect();
    for w in workers {
        if let Some(s) = w.join().unwrap() {
            held.push(s);
        }
    }
    // Every rude connection still open: a normal request is answered. They stay open until
    // the end, so a server they held up would not answer at all.
    assert_answers_promptly(&server, "/careers/");
    drop(held);
    let reply = server.get(&format!("/careers/{}", encode_path(SRE_PAGE)));
    assert_eq!(reply.status, 200);
}

#[test]
fn warns_when_not_on_loopback_and_refuses_bad_arguments() {
    let site = Site::new();
    let server = Server::start_with(site.root(), &["--bind", "0.0.0.0"]);
    assert!(
        server.url().starts_with("http://127.0.0.1:"),
        "{}",
        server.url()
    );
    let warning = server.wait_for_line(|l| l.starts_with("warning: "));
    insta::assert_snapshot!("serve_not_on_loopback", warning);
    drop(server);

    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: no config.toml in {}: run `yingcai init` to start a site, or pass --root\n",
            empty.path().display()
        )
    );
    let out = Command::new(BIN)
        .args(["serve", "--port", "0", "--bind", "example.com", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// The HTTP stack: slow and idle clients, hosts, many tabs, caching and ranges.

#[test]
fn idle_and_dribbling_clients_do_not_delay_a_normal_request() {
    let site = Site::new();
    let server = Server::start(site.root());
    let addr = server.addr;
    // 400 connections that say nothing.
    let idle: Vec<TcpStream> = (0..400)
        .map(|_| TcpStream::connect(addr).unwrap())
        .collect();
    // 100 that send a request head one byte every 100 ms, for 3 s at most.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let started_dribbling = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let dribblers: Vec<_> = (0..100)
        .map(|_| {
            let stop = Arc::clone(&stop);
            let started_dribbling = Arc::clone(&started_dribbling);
            thread::spawn(move || {
                let mut s = TcpStream::connect(addr).unwrap();
                let head = format!("GET /careers/ HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ");
                let mut bytes = head.bytes().chain(std::iter::repeat(b'a'));
                for sent in 0..30 {
                    if stop.load(std::sync::atomic::Ordering::SeqCst)
                        || s.write_all(&[bytes.next().unwrap()]).is_err()
                    {
                        break;
                    }
                    if sent == 0 {
                        started_dribbling.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    // The load is on once every dribbler has connected and sent its first byte.
    let deadline = Instant::now() + Duration::from_secs(10);
    while started_dribbling.load(std::sync::atomic::Ordering::SeqCst) < 100 {
        assert!(
            Instant::now() < deadline,
            "the slow clients never all started"
        );
        thread::sleep(Duration::from_millis(10));
    }
    for _ in 0..5 {
        // A server that waited on the idle clients would answer only once their 10 s
        // timeout let them go.
        assert_answers_promptly(&server, &format!("/careers/{}", encode_path(SRE_PAGE)));
        thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for d in dribblers {
        d.join().unwrap();
    }
    drop(idle);
}

#[test]
fn a_request_head_must_arrive_whole_in_time() {
    let site = Site::new();
    let server = Server::start(site.root());
    // One byte a second, for at most 25 s: the server hangs up after its 10 s.
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(1000)))
        .unwrap();
    let started = Instant::now();
    let mut closed = false;
    for byte in b"GET /careers/ HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter() {
        if s.write_all(&[*byte]).is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 512];
        match s.read(&mut buf) {
            Ok(_) => {
                closed = true;
                break;
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => {
                closed = true;
                break;
            }
        }
        if started.elapsed() > Duration::from_secs(25) {
            break;
        }
    }
    assert!(closed, "a client sending its head slowly is never let go");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(14),
        "{took:?}"
    );
}

#[test]
fn answers_only_for_its_own_hosts() {
    let site = Site::new();
    let server = Server::start_with(site.root(), &["--allow-host", "preview.test"]);
    let port = server.addr.port();
    let ask = |host: &str, path: &str| {
        request(
            server.addr,
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("preview.test:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(ask(&host, "/careers/").status, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        for path in [
            "/careers/",
            "/careers/__yingcai/events",
            "/careers/jobs.json",
        ] {
            let reply = ask(&host, path);
            assert_eq!(reply.status, 403, "{host} {path}");
            assert!(reply.text().contains("--allow-host"), "{}", reply.text());
            assert!(!reply.text().contains("Site Reliability"));
        }
    }
    insta::assert_snapshot!(
        "serve_unknown_host",
        masked(
            &ask(&format!("evil.example:{port}"), "/careers/").text(),
            &server
        )
    );
    // Without the flag, the extra name is refused.
    let plain = Server::start(site.root());
    let reply = request(
        plain.addr,
        format!(
            "GET /careers/ HTTP/1.1\r\nHost: preview.test:{}\r\nConnection: close\r\n\r\n",
            plain.addr.port()
        )
        .as_bytes(),
    );
    assert_eq!(reply.status, 403);
    insta::assert_snapshot!(
        "serve_unknown_host_without_flag",
        masked(&reply.text(), &plain)
    );
}

#[test]
fn a_thousand_tabs_all_reload() {
    let site = Site::new();
    let server = Server::start(site.root());
    let mut tabs: Vec<Events> = (0..1000).map(|_| server.tab(SRE_PAGE)).collect();
    for tab in &mut tabs {
        tab.wait_for("hello", |_| true, &server);
    }
    let sre = site.read(SRE);
    site.write(
        SRE,
        &sre.replace("Original posting text.", "For a thousand tabs."),
    );
    for tab in &mut tabs {
        tab.reload_of(SRE_PAGE, &server);
    }
    assert!(server.page_text(SRE_PAGE).contains("For a thousand tabs."));
}

#[test]
fn the_feed_and_jobs_json_are_sent_as_they_are_made() {
    let site = Site::new();
    let server = Server::start(site.root());
    for file in ["jobs.json", "feed.xml"] {
        let reply = server.file(file);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("Transfer-Encoding"), Some("chunked"), "{file}");
        assert_eq!(reply.header("Content-Length"), None);
        assert_eq!(reply.header("ETag"), None, "made anew for each request");
        assert!(reply.text().trim_end().ends_with(if file == "jobs.json" {
            "]}"
        } else {
            "</feed>"
        }));
    }
    let head = request(
        server.addr,
        format!(
            "HEAD {}jobs.json HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.base, server.addr
        )
        .as_bytes(),
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_matches_build(&site, &server, "streamed files");
}

#[test]
fn caches_and_ranges_as_a_static_server_does() {
    let site = Site::new();
    let server = Server::start(site.root());
    let path = format!("/careers/{}", encode_path("style.css"));
    let ask = |extra: &str, method: &str| {
        request(
            server.addr,
            format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\n{extra}Connection: close\r\n\r\n",
                server.addr
            )
            .as_bytes(),
        )
    };
    let whole = ask("", "GET");
    assert_eq!(whole.status, 200);
    assert_eq!(whole.header("Accept-Ranges"), Some("bytes"));
    let etag = whole.header("ETag").expect("an ETag").to_string();
    let same = ask(&format!("If-None-Match: {etag}\r\n"), "GET");
    assert_eq!(same.status, 304);
    assert!(same.body.is_empty());
    let part = ask("Range: bytes=2-11\r\n", "GET");
    assert_eq!(part.status, 206);
    assert_eq!(part.body, whole.body[2..12]);
    assert_eq!(
        part.header("Content-Range"),
        Some(format!("bytes 2-11/{}", whole.body.len()).as_str())
    );
    let beyond = ask(&format!("Range: bytes={}-\r\n", whole.body.len()), "GET");
    assert_eq!(beyond.status, 416);
    let head = ask("", "HEAD");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(whole.body.len().to_string().as_str())
    );

    // A page: the live tag is part of what is ranged and tagged.
    let page = server.get("/careers/");
    let page_tag = page.header("ETag").unwrap().to_string();
    let tail = request(
        server.addr,
        format!(
            "GET /careers/ HTTP/1.1\r\nHost: {}\r\nRange: bytes=-300\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .as_bytes(),
    );
    assert_eq!(tail.status, 206);
    assert_eq!(tail.body, page.body[page.body.len() - 300..]);

    // An edit changes the tags of what it changed, and of nothing else.
    let mut events = server.greeted_events();
    let logo = server.file("logo.svg").header("ETag").unwrap().to_string();
    site.write("static/style.css", "body { color: teal }\n");
    events.wait_for("css", |_| true, &server);
    let after = ask(&format!("If-None-Match: {etag}\r\n"), "GET");
    assert_eq!(after.status, 200);
    assert_eq!(after.text(), "body { color: teal }\n");
    assert_eq!(server.file("logo.svg").header("ETag"), Some(logo.as_str()));
    assert_ne!(
        server.get("/careers/").header("ETag"),
        Some(page_tag.as_str())
    );
}

// ---------------------------------------------------------------------------------------
// Random sequences of edits: after each, the served site equals a fresh build.

/// xorshift64*: enough randomness for choosing edits, and repeatable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn random_words(rng: &mut Rng, n: usize) -> String {
    const WORDS: &[&str] = &[
        "系统",
        "platform",
        "数据",
        "reliable",
        "团队",
        "growth",
        "架构",
        "code",
        "研发",
        "review",
        "**bold**",
        "`code`",
        "[link](https://example.com/)",
        "上海",
        "ops",
    ];
    (0..n)
        .map(|_| *rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

fn random_posting(rng: &mut Rng, title: &str, teams: &[&str]) -> String {
    let locations = ["杭州市", "Remote", "北京市", "上海市", "深圳市"];
    format!(
        "+++\ntitle = \"{title}\"\nteam = \"{}\"\ndate = 2026-0{}-{:02}\nlocations = [\"{}\"]\nsummary = \"{}\"\n+++\n\n{}\n\n- {}\n",
        rng.pick(teams),
        1 + rng.below(4),
        1 + rng.below(28),
        rng.pick(&locations),
        random_words(rng, 3).replace('"', "'"),
        random_words(rng, 12),
        random_words(rng, 5),
    )
}

#[test]
fn served_site_equals_a_fresh_build_after_random_edits() {
    let seed: u64 = std::env::var("YINGCAI_RANDOM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let steps: usize = std::env::var("YINGCAI_RANDOM_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let mut rng = Rng(seed);
    let site = Site::new();
    // Listings of two postings a page, so that edits add, change and remove listing pages.
    let config = site
        .read("config.toml")
        .replacen('\n', "\npaginate_by = 2\n", 1);
    site.write("config.toml", &config);
    // A copy of the theme, to edit its interface strings once the config switches to it.
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path("themes/mine"),
    );
    let server = Server::start(site.root());
    let teams = ["platform", "data", "新团队"];
    let mut postings: Vec<String> = vec![
        SRE.to_string(),
        "content/jobs/intern.md".to_string(),
        "content/jobs/研发工程师.md".to_string(),
    ];
    let theme_card = fs::read_to_string(site.path("themes/mine/templates/card.html")).unwrap();
    let mut made = 0usize;
    let mut log: Vec<String> = Vec::new();
    for step in 0..steps {
        made += 1;
        let op = rng.below(13);
        let what = match op {
            0 | 1 => {
                // A posting's body, or its title (and so its URL).
                let path = rng.pick(&postings).clone();
                let text = site.read(&path);
                let (front, _) = text.rsplit_once("+++").unwrap();
                let text = if op == 0 {
                    format!("{front}+++\n\n{}\n", random_words(&mut rng, 20))
                } else {
                    set_lines(&text, "title = ", &format!("title = \"Role {made} 职位\""))
                };
                match rng.below(3) {
                    0 => site.write_in_place(&path, &text),
                    1 => site.write_via_rename(&path, &text),
                    _ => site.write_like_vim(&path, &text),
                }
                format!("edit {path} ({})", if op == 0 { "body" } else { "title" })
            }
            2 => {
                let folder = rng.pick(&["", "platform/", "新目录/", "a/b/"]);
                let path = format!("content/jobs/{folder}p{made}.md");
                let text = random_posting(&mut rng, &format!("新职位 {made}"), &teams);
                site.write(&path, &text);
                postings.push(path.clone());
                format!("add {path}")
            }
            3 if postings.len() > 1 => {
                let path = postings.remove(rng.below(postings.len()));
                fs::remove_file(site.path(&path)).unwrap();
                format!("delete {path}")
            }
            4 => {
                let i = rng.below(postings.len());
                let to = format!("content/jobs/moved/{made}.md");
                fs::create_dir_all(site.path("content/jobs/moved")).unwrap();
                fs::rename(site.path(&postings[i]), site.path(&to)).unwrap();
                let from = std::mem::replace(&mut postings[i], to.clone());
                format!("rename {from} → {to}")
            }
            5 => {
                let path = format!("content/teams/{}.md", rng.pick(&["platform", "data"]));
                let text = site.read(&path);
                let (front, _) = text.rsplit_once("+++").unwrap();
                site.write(
                    &path,
                    &format!("{front}+++\n\n{}\n", random_words(&mut rng, 8)),
                );
                format!("edit {path}")
            }
            6 => {
                let path = "content/teams/新团队.md";
                if site.path(path).exists() {
                    fs::remove_file(site.path(path)).unwrap();
                    format!("delete {path}")
                } else {
                    site.write(
                        path,
                        &format!(
                            "+++\nname = \"新团队\"\norder = 3\n+++\n\n{}\n",
                            random_words(&mut rng, 6)
                        ),
                    );
                    format!("add {path}")
                }
            }
            7 => {
                let path = "content/resumes/lin.md";
                let text = site.read(path);
                let (front, _) = text.rsplit_once("+++").unwrap();
                site.write(
                    path,
                    &format!("{front}+++\n\n{}\n", random_words(&mut rng, 10)),
                );
                format!("edit {path}")
            }
            8 | 9 => {
                // One of the site's own templates or static files written, or two removed.
                let (folder, gone) = if op == 8 {
                    ("templates", ["templates/card.html", "templates/404.html"])
                } else {
                    ("static", ["static/style.css", "static/notes.txt"])
                };
                match (op, rng.below(3)) {
                    (8, 0) => site.write(
                        "templates/404.html",
                        &format!(
                            "<!doctype html><html><body><h1>{}</h1></body></html>\n",
                            random_words(&mut rng, 3)
                        ),
                    ),
                    (8, 1) => site.write(
                        "templates/card.html",
                        &theme_card.replace(
                            "class=\"card-body\"",
                            &format!("class=\"card-body v{made}\""),
                        ),
                    ),
                    (9, 0) => site.write(
                        &format!("static/files/{made}.txt"),
                        &random_words(&mut rng, 4),
                    ),
                    (9, 1) => site.write(
                        "static/style.css",
                        &format!("body {{ margin: {made}px }}\n"),
                    ),
                    _ => {
                        for path in gone {
                            let _ = fs::remove_file(site.path(path));
                        }
                    }
                }
                folder.to_string()
            }
            10 => {
                let path = "themes/mine/i18n/zh.toml";
                let line = format!("home_title = \"英才 {made}\"");
                let text = set_lines(&site.read(path), "home_title = ", &line);
                site.write(path, &text);
                format!("edit {path}")
            }
            11 => {
                let per_page = format!("paginate_by = {}", 1 + rng.below(3));
                let config = set_lines(&site.read("config.toml"), "paginate_by = ", &per_page);
                let title = format!("title = \"诚聘英才 {made}\"");
                let mut lines: Vec<&str> = config
                    .lines()
                    .filter(|l| !l.starts_with("theme = "))
                    .collect();
                lines[0] = &title;
                if rng.below(2) == 0 {
                    lines.insert(1, "theme = \"mine\"");
                }
                site.write_via_rename("config.toml", &(lines.join("\n") + "\n"));
                "config".to_string()
            }
            _ => {
                // A broken save: the problem is shown, the last good site stays; then fixed.
                let path = rng.pick(&postings).clone();
                let good = site.read(&path);
                let mut events = server.events();
                events.wait_for("hello", |_| true, &server);
                site.write(
                    &path,
                    &good.replace("date = ", "date = \"not a date\"\nx = "),
                );
                events.wait_for("error", |_| true, &server);
                assert_eq!(server.get(&server.base).status, 200, "the last good site");
                site.write(&path, &good);
                format!("broken save of {path}, then fixed")
            }
        };
        log.push(format!("{step}: {what}"));
        assert_matches_build(
            &site,
            &server,
            &format!(
                "seed {seed} (YINGCAI_RANDOM_SEED), steps:\n{}",
                log.join("\n")
            ),
        );
    }
}
