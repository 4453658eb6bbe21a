//! How long from saving a file until the new text is served over HTTP, with `yingcai serve`
//! as users run it, and `hugo server` on an equivalent site in the same run when `hugo` is
//! installed.
//!
//! ```text
//! cargo bench --bench reload                  # the example site, then 10,000 postings
//! cargo bench --bench reload -- --postings 10000,100000 --edits 20
//! cargo bench --bench reload -- --no-hugo     # yingcai only
//! cargo test --bench reload                   # a quick smoke run (100 postings, 2 edits)
//! cargo bench --bench reload -- --keep DIR    # also write the generated site to DIR
//! ```
//!
//! For each site: start the server (release build) on a free port, then save a posting
//! again and again (a new line in its body; then a new value in its front matter) and poll
//! its page every 2 ms until the new text is served: the time from the write to that reply.
//! Also timed: a template edit that changes every posting page (the page in view polled),
//! and a stylesheet edit. Prints p50, p95 and the extremes, the server's own split, and the
//! peak memory of `serve` beside that of `yingcai build` of the same site.

#[path = "../tests/common/server.rs"]
mod server;

use std::fmt::Write as _;
use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use server::{get, Server};
use yingcai_testkit::set_lines;

const BIN: &str = env!("CARGO_BIN_EXE_yingcai");
const EXAMPLE: &str = env!("CARGO_MANIFEST_DIR");

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    // `cargo bench` passes --bench; `cargo test --benches` does not: then a quick smoke run.
    let full = args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = value("--postings")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| if full { vec![10_000] } else { vec![100] });
    let edits: usize = value("--edits")
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 20 } else { 2 });
    let keep = value("--keep").map(PathBuf::from);
    let hugo = full
        && !args.iter().any(|a| a == "--no-hugo")
        && Command::new("hugo")
            .arg("version")
            .output()
            .is_ok_and(|o| o.status.success());

    let example = tempfile::tempdir().expect("a temporary folder");
    copy_example(Path::new(EXAMPLE), example.path());
    let first = first_posting(example.path());
    measure("example site (content/)", example.path(), &first, edits);

    for postings in sizes {
        let generated = tempfile::tempdir().expect("a temporary folder");
        let root = keep
            .clone()
            .unwrap_or_else(|| generated.path().to_path_buf());
        let started = Instant::now();
        let bytes = generate(&root, postings);
        println!(
            "\ngenerated {postings} postings ({:.1} MB of Markdown) in {:.1} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        let posting = posting_path(postings / 2);
        measure(&format!("{postings} postings"), &root, &posting, edits);
        if hugo && postings <= 20_000 {
            let site = tempfile::tempdir().expect("a temporary folder");
            hugo::measure(&root, site.path(), &posting, edits);
        }
    }
}

/// The example site's inputs, copied so the benchmark never touches them.
fn copy_example(from: &Path, to: &Path) {
    fs::copy(from.join("config.toml"), to.join("config.toml")).expect("the example config.toml");
    for dir in ["content", "static", "templates", "themes"] {
        if from.join(dir).is_dir() {
            yingcai_testkit::copy_dir(&from.join(dir), &to.join(dir));
        }
    }
}

fn first_posting(root: &Path) -> String {
    let mut stack = vec![root.join("content/jobs")];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .expect("content/jobs")
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                return path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
            }
        }
    }
    panic!("the example site has no postings")
}

// ---------------------------------------------------------------------------------------

/// `VmHWM` of a running process, in MB.
fn peak_mb(pid: u32) -> f64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// The body of `path` on the server at `addr`, if it answers 200.
fn fetch(addr: SocketAddr, path: &str) -> Option<String> {
    let reply = get(addr, path);
    (reply.status == 200).then(|| reply.text())
}

/// Writes `text` to `file`, then polls `url_path` every 2 ms until its body holds `marker`:
/// the time from the write to that reply.
fn time_until_served(
    addr: SocketAddr,
    file: &Path,
    text: &str,
    url_path: &str,
    marker: &str,
) -> Duration {
    let started = Instant::now();
    fs::write(file, text).expect("the edit is saved");
    while started.elapsed() < Duration::from_secs(300) {
        if fetch(addr, url_path).is_some_and(|body| body.contains(marker)) {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("{marker} not served at {url_path} within 300 s")
}

/// A posting's TOML front matter with its `level` set to `marker` (added when missing).
fn with_level(original: &str, marker: &str) -> String {
    let level = format!("level = \"{marker}\"");
    let text = set_lines(original, "level = ", &level);
    if text.contains(marker) {
        text
    } else {
        text.replacen("+++\n", &format!("+++\n{level}\n"), 1)
    }
}

/// `edits` edits of `file`, each `edit(i)` → (text, marker), timed until `url_path` serves
/// the marker, 100 ms apart.
fn time_edits(
    addr: SocketAddr,
    file: &Path,
    url_path: &str,
    edits: usize,
    edit: impl Fn(usize) -> (String, String),
) -> Vec<Duration> {
    (0..edits)
        .map(|i| {
            let (text, marker) = edit(i);
            let time = time_until_served(addr, file, &text, url_path, &marker);
            std::thread::sleep(Duration::from_millis(100));
            time
        })
        .collect()
}

/// `edits` edits of the posting `posting` at `path` (its text `original`): of its body, then
/// of its front matter, each timed until `page` serves it; both reported.
fn time_posting_edits(
    addr: SocketAddr,
    posting: &str,
    path: &Path,
    original: &str,
    page: &str,
    edits: usize,
) {
    let mut times = time_edits(addr, path, page, edits, |i| {
        let marker = format!("Revision {i} of this posting.");
        (format!("{original}\n{marker}\n"), marker)
    });
    report(
        &format!("posting body edit → served ({posting})"),
        &mut times,
    );
    let mut times = time_edits(addr, path, page, edits, |i| {
        let marker = format!("P{i}-level");
        (with_level(original, &marker), marker)
    });
    report("posting front-matter edit → served", &mut times);
}

/// Up to five edits of `template` (its text `source`), which every posting page is made of:
/// each a hidden marker after the first `</dl>`, timed until `page` serves it; reported.
fn time_template_edits(addr: SocketAddr, template: &Path, source: &str, page: &str, edits: usize) {
    let mut times = time_edits(addr, template, page, edits.min(5), |i| {
        let marker = format!("template-revision-{i}");
        let text = source.replacen("</dl>", &format!("</dl><p hidden>{marker}</p>"), 1);
        (text, marker)
    });
    let name = template.file_name().unwrap().to_string_lossy();
    report(
        &format!("template edit ({name}, every posting page) → page in view served"),
        &mut times,
    );
}

/// The URL path of a posting's page, read from the served jobs.json.
fn posting_url(server: &Server, posting: &str) -> String {
    let id = posting
        .trim_start_matches("content/jobs/")
        .trim_end_matches(".md");
    let jobs = fetch(server.addr, &format!("{}jobs.json", server.base)).expect("jobs.json");
    let jobs: serde_json::Value = serde_json::from_str(&jobs).expect("JSON");
    let url = jobs["jobs"]
        .as_array()
        .and_then(|all| all.iter().find(|j| j["id"] == id))
        .and_then(|j| j["url"].as_str())
        .unwrap_or_else(|| panic!("{id} not in jobs.json"));
    let path = url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .expect("an absolute URL");
    if path.contains('%') {
        path
    } else {
        yingcai::url::encode_path(&path)
    }
}

fn measure(label: &str, root: &Path, posting: &str, edits: usize) {
    let started = Instant::now();
    let server = Server::start_on_the_clock(root);
    let startup = started.elapsed();
    println!(
        "\n{label}: first build and serve in {:.0} ms",
        startup.as_secs_f64() * 1000.0
    );
    let page = posting_url(&server, posting);
    let path = root.join(posting);
    let original = fs::read_to_string(&path).expect("the posting");
    time_posting_edits(server.addr, posting, &path, &original, &page, edits);
    fs::write(&path, &original).expect("the posting restored");
    std::thread::sleep(Duration::from_millis(300));
    stages(&server.log());

    // A template every posting page is made of: the page in view.
    let templates = root.join("templates");
    fs::create_dir_all(&templates).expect("templates/");
    let theme = root.join("themes/default/templates/posting.html");
    let theme = if theme.is_file() {
        theme
    } else {
        Path::new(EXAMPLE).join("themes/default/templates/posting.html")
    };
    let source = fs::read_to_string(theme).expect("the theme's posting.html");
    let posting_html = templates.join("posting.html");
    time_template_edits(server.addr, &posting_html, &source, &page, edits);
    let _ = fs::remove_file(&posting_html);

    fs::create_dir_all(root.join("static")).expect("static/");
    let style = root.join("static/style.css");
    let style_url = format!("{}style.css", server.base);
    let mut times = time_edits(server.addr, &style, &style_url, edits.min(5), |i| {
        let marker = format!("outline: {i}px");
        (format!("body {{ {marker} solid transparent }}\n"), marker)
    });
    report("stylesheet edit → served (static/style.css)", &mut times);
    let serve_mb = peak_mb(server.pid());
    drop(server);
    let build_mb = build_peak_mb(root);
    println!(
        "  memory: serve {serve_mb:.0} MB peak, build {build_mb:.0} MB peak ({:.2}×)",
        serve_mb / build_mb
    );
}

/// The peak resident memory of `yingcai build` of the site, in MB.
fn build_peak_mb(root: &Path) -> f64 {
    let out = tempfile::tempdir().expect("a temporary folder");
    let result = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(BIN)
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path().join("public"))
        .stdout(Stdio::null())
        .output();
    match result {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0),
        _ => f64::NAN,
    }
}

/// The median of each stage the server reports for its rebuilds ("read 1 ms, update 20 ms, …").
fn stages(log: &str) {
    let mut line = String::from("    server's own split (median):");
    for stage in ["read", "update", "pages in view"] {
        let mut values: Vec<u64> = log
            .lines()
            .filter_map(|l| l.split(&format!("{stage} ")).nth(1))
            .filter_map(|rest| rest.split(' ').next()?.parse().ok())
            .collect();
        values.sort_unstable();
        if let Some(median) = values.get(values.len() / 2) {
            let _ = write!(line, " {stage} {median} ms,");
        }
    }
    println!("{}", line.trim_end_matches(','));
}

fn report(what: &str, times: &mut [Duration]) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "  {what}: n={} p50 {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}

// ---------------------------------------------------------------------------------------
// A deterministic careers site of any size: 20 teams, 8 locations, ~3 KB per posting.

const TEAMS: usize = 20;
const LOCATIONS: [&str; 8] = [
    "杭州市",
    "北京市",
    "上海市",
    "深圳市",
    "广州市",
    "成都市",
    "Singapore",
    "Remote",
];
const WORDS_ZH: [&str; 16] = [
    "分布式",
    "中间件",
    "高可用",
    "云原生",
    "数据库",
    "消息队列",
    "服务治理",
    "可观测性",
    "性能优化",
    "容器调度",
    "研发效能",
    "稳定性",
    "架构设计",
    "链路追踪",
    "存储引擎",
    "网络协议",
];
const WORDS_EN: [&str; 16] = [
    "latency",
    "throughput",
    "Kubernetes",
    "Rust",
    "Java",
    "Go",
    "consensus",
    "replication",
    "observability",
    "incident",
    "pipeline",
    "scheduler",
    "storage",
    "protocol",
    "on-call",
    "mentoring",
];

fn posting_path(i: usize) -> String {
    format!("content/jobs/team-{:02}/posting-{i:05}.md", i % TEAMS)
}

/// splitmix64, enough for varied text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as usize
    }
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for w in 0..words {
        if rng.next() % 2 == 0 {
            s.push_str(WORDS_ZH[rng.next() % WORDS_ZH.len()]);
        } else {
            if w > 0 {
                s.push(' ');
            }
            s.push_str(WORDS_EN[rng.next() % WORDS_EN.len()]);
            s.push(' ');
        }
    }
    s.trim_end().to_string() + "。"
}

fn posting(i: usize, rng: &mut Rng) -> String {
    let team = i % TEAMS;
    let a = LOCATIONS[rng.next() % LOCATIONS.len()];
    let b = LOCATIONS[rng.next() % LOCATIONS.len()];
    let mut text = format!(
        "+++\ntitle = \"{} 工程师 {i}\"\nteam = \"team-{team:02}\"\ndate = 2026-{:02}-{:02}\nlocations = [\"{a}\", \"{b}\"]\nlevel = \"P{}\"\nemployment_type = \"FULL_TIME\"\napply = \"jobs@example.com\"\nsummary = \"{}\"\n+++\n\n",
        WORDS_ZH[i % WORDS_ZH.len()],
        1 + i % 12,
        1 + i % 28,
        5 + i % 4,
        sentence(rng, 6),
    );
    while text.len() < 3000 {
        let _ = write!(text, "## {}\n\n{}\n\n", sentence(rng, 3), sentence(rng, 30));
        for _ in 0..4 {
            let _ = writeln!(text, "- {}", sentence(rng, 8));
        }
        text.push('\n');
    }
    text
}

/// Writes the site; returns the bytes of Markdown written.
fn generate(root: &Path, postings: usize) -> usize {
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, text).expect("a written file");
        text.len()
    };
    let mut bytes = write(
        "config.toml",
        "title = \"Benchmark careers\"\nbase_url = \"https://example.github.io/careers/\"\nlanguage = \"zh\"\n\n[organization]\nname = \"Example\"\ncountry = \"CN\"\n",
    );
    bytes += write(
        "content/_index.md",
        "+++\ntitle = \"诚聘英才\"\n+++\n\n欢迎加入我们。\n",
    );
    for t in 0..TEAMS {
        bytes += write(
            &format!("content/teams/team-{t:02}.md"),
            &format!(
                "+++\nname = \"团队 {t:02} Team\"\norder = {t}\n+++\n\nTeam {t} builds things.\n"
            ),
        );
    }
    let mut rng = Rng(2026);
    for i in 0..postings {
        bytes += write(&posting_path(i), &posting(i, &mut rng));
    }
    bytes
}

#[path = "reload/hugo.rs"]
mod hugo;
