//! How long from saving a file to the reload signal, with `yingcai serve` as users run it.
//!
//! ```text
//! cargo bench --bench reload                  # the example site, then 10,000 postings
//! cargo test --bench reload                   # a quick smoke run (100 postings, 2 edits)
//! cargo bench --bench reload -- --postings 2000 --edits 30
//! cargo bench --bench reload -- --keep DIR    # also write the generated site to DIR
//! ```
//!
//! For each site: start the server (release build) on a free port, open the live-reload
//! event stream as a browser tab would, then save a posting again and again (a changed
//! line each time) and time each save until its `reload` event arrives, which the server
//! sends only once the new site is being served. Also timed: a template edit and a
//! stylesheet edit. Prints median, p95 and the extremes.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    let postings: usize = value("--postings")
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 10_000 } else { 100 });
    let edits: usize = value("--edits")
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 20 } else { 2 });
    let keep = value("--keep").map(PathBuf::from);

    let example = tempfile::tempdir().expect("a temporary folder");
    copy_example(Path::new(EXAMPLE), example.path());
    let first = first_posting(example.path());
    measure("example site (content/)", example.path(), &first, edits);

    let generated = tempfile::tempdir().expect("a temporary folder");
    let root = keep.unwrap_or_else(|| generated.path().to_path_buf());
    let started = Instant::now();
    let bytes = generate(&root, postings);
    println!(
        "generated {postings} postings ({:.1} MB of Markdown) in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    measure(
        &format!("{postings} postings"),
        &root,
        &posting_path(postings / 2),
        edits,
    );
}

/// The example site's inputs, copied so the benchmark never touches them.
fn copy_example(from: &Path, to: &Path) {
    fs::copy(from.join("config.toml"), to.join("config.toml")).expect("the example config.toml");
    for dir in ["content", "static", "templates", "themes"] {
        if from.join(dir).is_dir() {
            copy_dir(&from.join(dir), &to.join(dir));
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("a folder");
    for entry in fs::read_dir(from).expect("a readable folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("a copied file");
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

struct Server {
    child: Child,
    events: BufReader<TcpStream>,
    /// The server's terminal lines after the first.
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(root: &Path) -> (Server, Duration) {
        let started = Instant::now();
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("yingcai serve starts");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        out.read_line(&mut first).expect("the first line");
        let startup = started.elapsed();
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                lines.lock().unwrap_or_else(|p| p.into_inner()).push(line);
            }
        });
        let url = first
            .trim()
            .strip_prefix("serving http://")
            .unwrap_or_else(|| panic!("unexpected {first:?}"));
        let (addr, base) = url.split_at(url.find('/').expect("a path"));
        let mut stream = TcpStream::connect(addr).expect("connects");
        write!(
            stream,
            "GET {base}__yingcai/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .expect("request");
        let mut server = Server {
            child,
            events: BufReader::new(stream),
            log,
        };
        server.next_event("hello", Duration::from_secs(30));
        (server, startup)
    }

    /// Waits for the next event called `name`, skipping others.
    fn next_event(&mut self, name: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut current = String::new();
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            self.events
                .get_ref()
                .set_read_timeout(Some(deadline - Instant::now()))
                .ok();
            if self.events.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            if let Some(n) = line.trim_end().strip_prefix("event: ") {
                current = n.to_string();
            } else if let Some(data) = line.trim_end().strip_prefix("data: ") {
                if current == name {
                    return data.to_string();
                }
            }
        }
        panic!("no `{name}` event within {timeout:?}")
    }

    /// Saves `text` at `path` and times it until the `name` event.
    fn time_save(&mut self, path: &Path, text: &str, name: &str) -> Duration {
        let started = Instant::now();
        fs::write(path, text).expect("the edit is saved");
        self.next_event(name, Duration::from_secs(120));
        started.elapsed()
    }
}

fn measure(label: &str, root: &Path, posting: &str, edits: usize) {
    // Drain pending output of earlier sites, and let the disk settle.
    let (mut server, startup) = Server::start(root);
    println!(
        "\n{label}: first build and serve in {:.0} ms",
        startup.as_secs_f64() * 1000.0
    );
    let path = root.join(posting);
    let original = fs::read_to_string(&path).expect("the posting");
    let mut times = Vec::new();
    for i in 0..edits {
        let text = format!("{original}\nRevision {i} of this posting.\n");
        times.push(server.time_save(&path, &text, "reload"));
        std::thread::sleep(Duration::from_millis(100));
    }
    report(
        &format!("posting body edit → reload ({posting})"),
        &mut times,
    );
    std::thread::sleep(Duration::from_millis(200));
    stages(&server.log.lock().unwrap_or_else(|p| p.into_inner()));

    let templates = root.join("templates");
    fs::create_dir_all(&templates).expect("templates/");
    let mut times = Vec::new();
    for i in 0..edits.min(5) {
        let text = format!("<!doctype html><html><body><h1>Not here ({i})</h1></body></html>\n");
        times.push(server.time_save(&templates.join("404.html"), &text, "reload"));
        std::thread::sleep(Duration::from_millis(100));
    }
    report("template edit → reload (templates/404.html)", &mut times);

    fs::create_dir_all(root.join("static")).expect("static/");
    let mut times = Vec::new();
    for i in 0..edits.min(5) {
        let text = format!("body {{ outline: {i}px solid transparent }}\n");
        times.push(server.time_save(&root.join("static/style.css"), &text, "css"));
        std::thread::sleep(Duration::from_millis(100));
    }
    report("stylesheet edit → css swap (static/style.css)", &mut times);
}

/// The median of each stage the server reports for its rebuilds ("read 1 ms, build 20 ms, …").
fn stages(log: &[String]) {
    let mut line = String::from("    server's own split (median):");
    for stage in ["read", "build", "swap"] {
        let mut values: Vec<u64> = log
            .iter()
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
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "  {what}: n={} median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
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
