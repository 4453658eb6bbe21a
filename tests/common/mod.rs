//! Helpers shared by the integration tests: running the binary, fixture sites, output checks.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(unused_imports)] // not every test binary copies a fixture
pub use yingcai_testkit::copy_dir;

/// "Today" for every test run: 2026-11-22 12:00 UTC.
pub const TODAY_EPOCH: &str = "1795348800";

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.code == 0
    }

    pub fn all(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// `text` with each build time (`in 12 ms`) written `in N ms`, for comparing whole lines.
pub fn without_times(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" in ") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(" ms") {
            out.push('N');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Asserts that the run printed exactly `stdout`, its build time written `in N ms`.
#[track_caller]
pub fn assert_stdout(run: &Run, stdout: &str) {
    assert_eq!(without_times(&run.stdout), stdout, "{}", run.all());
}

/// Runs `yingcai ARGS` in `cwd` with a fixed "today".
pub fn yingcai(args: &[&str], cwd: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_yingcai"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .expect("the yingcai binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub const BASIC_CONFIG: &str = r#"title = "诚聘英才"
base_url = "https://example.github.io/careers/"
language = "zh"
description = "测试站点"

[organization]
name = "示例科技"
url = "https://example.com/"
logo = "https://example.com/logo.png"
country = "CN"
"#;

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A file of the built site, as text.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.public().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn read_job(&self, slug: &str) -> String {
        self.read(&format!("jobs/{slug}/index.html"))
    }

    /// config, home, one team, one open posting.
    pub fn basic(&self) {
        self.write("config.toml", BASIC_CONFIG);
        self.write(
            "content/_index.md",
            "+++\ntitle = \"加入我们\"\n+++\n欢迎！\n",
        );
        self.write(
            "content/teams/infra.md",
            "+++\nname = \"基础架构\"\norder = 1\nsummary = \"分布式基础设施\"\ncontact = \"infra@example.com\"\n+++\n我们做基础设施。\n",
        );
        self.write(
            "content/jobs/backend.md",
            "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\nvalid_through = 2027-01-31\nlocations = [\"杭州市\", \"北京市\"]\nlevel = \"P6\"\nemployment_type = \"FULL_TIME\"\napply = \"jobs@example.com\"\n+++\n## 职位描述\n\n负责存储系统。\n",
        );
    }

    /// A [`Site::basic`] site with `files` (path, text) written over it.
    pub fn basic_with(files: &[(&str, &str)]) -> Site {
        let site = Site::new();
        site.basic();
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A [`Site::basic_with`] site, built; the build must succeed.
    #[track_caller]
    pub fn built_with(files: &[(&str, &str)]) -> Site {
        let site = Site::basic_with(files);
        site.build_ok();
        site
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        yingcai(&args, self.root())
    }

    /// `yingcai build`, which must fail (exit 1) printing exactly `stderr`: every problem,
    /// then the count.
    #[track_caller]
    pub fn build_fails(&self, stderr: &str) -> Run {
        let run = self.build(&[]);
        assert_eq!(run.code, 1, "{}", run.all());
        assert_eq!(run.stderr, stderr);
        run
    }

    /// `yingcai build`, which must succeed.
    #[track_caller]
    pub fn build_ok(&self) -> Run {
        let run = self.build(&[]);
        assert!(run.ok(), "{}", run.all());
        run
    }
}

/// Builds the repository's example site into `out`; the build must succeed.
pub fn build_example(out: &Path) -> Run {
    let run = yingcai(&["build", "--output", out.to_str().unwrap()], repo_root());
    assert!(run.ok(), "{}", run.all());
    run
}

/// Asserts that `line` is one whole line of `text` (a message as users read it), showing
/// `text` when it is not.
#[track_caller]
pub fn assert_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "no line `{line}` in:\n{text}"
    );
}

/// Asserts that `text` holds every one of `fragments`, showing it when one is missing.
#[track_caller]
pub fn assert_holds(text: &str, fragments: &[&str]) {
    for fragment in fragments {
        assert!(text.contains(fragment), "no `{fragment}` in:\n{text}");
    }
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every text file (HTML, XML, JSON, TXT, CSS, JS) under `dir`.
pub fn all_text_files(dir: &Path) -> Vec<(String, String)> {
    snapshot(dir)
        .into_iter()
        .filter(|(p, _)| {
            [".html", ".xml", ".json", ".txt", ".css", ".js"]
                .iter()
                .any(|x| p.ends_with(x))
        })
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The page's `application/ld+json` block, parsed.
pub fn json_ld(html: &str) -> Option<serde_json::Value> {
    let start = html.find("<script type=\"application/ld+json\">")?;
    let rest = &html[start..];
    let open = rest.find('>')? + 1;
    let close = rest.find("</script>")?;
    Some(serde_json::from_str(&rest[open..close]).expect("JSON-LD parses"))
}

/// Values of `href="…"` and `src="…"` attributes.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    out
}

fn decode(path: &str) -> String {
    yingcai::url::decode_path(path).expect("a valid percent-encoded UTF-8 path")
}

/// Every root-relative link in every HTML page resolves to a file of the build, and every
/// link stays under `base_path`.
pub fn assert_internal_links_resolve(public: &Path, base_path: &str) {
    let mut checked = 0;
    for (page, html) in all_text_files(public) {
        if !page.ends_with(".html") {
            continue;
        }
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with('#')
                || link.starts_with("data:")
            {
                continue;
            }
            assert!(
                link.starts_with(base_path),
                "{page}: link `{link}` is not under {base_path}"
            );
            let path = link.split(['?', '#']).next().unwrap();
            let mut rel = decode(&path[base_path.len()..]);
            if rel.is_empty() || rel.ends_with('/') {
                rel.push_str("index.html");
            }
            assert!(
                public.join(&rel).is_file(),
                "{page}: link `{link}` → {rel} does not exist"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no links were checked");
}

/// Whether tests that need an outside tool (Chromium, pdfinfo, the Nu Html Checker) must run:
/// `YINGCAI_REQUIRE_BROWSER=1` turns a missing tool into a failure instead of a skip.
pub fn tools_required() -> bool {
    std::env::var("YINGCAI_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Chromium and chromedriver as `webdriver::find` found them; `None` when either is missing,
/// said as a skip (a failure when `YINGCAI_REQUIRE_BROWSER` is set).
pub fn browser(
    (chromium, chromedriver): (Option<PathBuf>, Option<PathBuf>),
) -> Option<(PathBuf, PathBuf)> {
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Some((chromium, chromedriver)),
        _ => {
            require_tool("chromium and chromedriver", None);
            None
        }
    }
}

/// A static site served over HTTP for a browser to visit, with the browser's tools and a
/// fresh profile folder.
pub struct ForBrowser<T> {
    /// What `build` returned.
    pub built: T,
    pub origin: String,
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
    pub profile: tempfile::TempDir,
    _site: tempfile::TempDir,
}

/// The site `build` writes into a new folder, served; `None` (a skip, or a failure when
/// `YINGCAI_REQUIRE_BROWSER` is set) when `found` (`webdriver::find`) lacks a tool.
pub fn served_for_browser<T>(
    found: (Option<PathBuf>, Option<PathBuf>),
    build: impl FnOnce(&Path) -> T,
) -> Option<ForBrowser<T>> {
    let (chromium, chromedriver) = browser(found)?;
    let site = tempfile::tempdir().unwrap();
    let built = build(site.path());
    Some(ForBrowser {
        built,
        origin: serve_dir(site.path()),
        chromium,
        chromedriver,
        profile: tempfile::tempdir().unwrap(),
        _site: site,
    })
}

/// Skips (returns `None`, with a message) or fails when an outside tool is missing.
pub fn require_tool(what: &str, found: Option<PathBuf>) -> Option<PathBuf> {
    match found {
        Some(path) => Some(path),
        None if tools_required() => panic!("{what} not found, and YINGCAI_REQUIRE_BROWSER=1"),
        None => {
            eprintln!("skipped: {what} not found (set YINGCAI_REQUIRE_BROWSER=1 to fail instead)");
            None
        }
    }
}

/// An executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// Runs the Nu Html Checker (`jar`) with `args` (options, then files or folders) and
/// asserts it finds no error.
pub fn assert_nu_valid<S: AsRef<std::ffi::OsStr>>(jar: &Path, args: impl IntoIterator<Item = S>) {
    let check = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg("--errors-only")
        .args(args)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stderr);
    assert!(
        check.status.success() && report.trim().is_empty(),
        "Nu Html Checker errors:\n{report}"
    );
}

/// The Nu Html Checker's jar: `YINGCAI_VNU_JAR`, or where `.ci/run` installs it.
pub fn vnu_jar() -> Option<PathBuf> {
    let from_env = std::env::var_os("YINGCAI_VNU_JAR").map(PathBuf::from);
    let home = std::env::var_os("HOME").map(|h| {
        PathBuf::from(h).join(".cache/yingcai-tools/node_modules/vnu-jar/build/dist/vnu.jar")
    });
    from_env
        .into_iter()
        .chain(home)
        .find(|p| p.is_file())
        .filter(|_| which("java").is_some())
}

/// Serves `dir` over HTTP on a free loopback port, from a background thread, for as long as
/// the test runs; returns the origin (`http://127.0.0.1:PORT`).
pub fn serve_dir(dir: &Path) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let root = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let target = request.split_whitespace().nth(1).unwrap_or("/");
                let mut rel = decode(
                    target
                        .split(['?', '#'])
                        .next()
                        .unwrap_or("/")
                        .trim_start_matches('/'),
                );
                if rel.is_empty() || rel.ends_with('/') {
                    rel.push_str("index.html");
                }
                let (status, body) = match std::fs::read(root.join(&rel)) {
                    Ok(b) if !rel.contains("..") => ("200 OK", b),
                    _ => ("404 Not Found", b"not found".to_vec()),
                };
                let kind = match rel.rsplit('.').next() {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("svg") => "image/svg+xml",
                    Some("json") => "application/json",
                    _ => "application/octet-stream",
                };
                let mut stream = &stream;
                let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(&body);
            });
        }
    });
    origin
}

/// Chromium, where Debian installs it.
pub fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|n| which(n))
}

/// The flags every headless Chromium run here needs.
pub fn chromium_args(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once(format!(
        "--user-data-dir={}",
        profile.display()
    )))
    .collect()
}
