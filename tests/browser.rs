//! Live reload in a real browser: headless Chromium driven through chromedriver (the
//! WebDriver protocol, JSON over HTTP), against `yingcai serve`.
//!
//! Skipped, with a message, when Chromium or chromedriver is not installed; set
//! `YINGCAI_REQUIRE_BROWSER=1` to make that a failure instead (as CI does).

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_yingcai");
const EPOCH: &str = "1780000000";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");
const SRE: &str = "content/jobs/platform/sre.md";

/// A program from the environment variable, else the first of `candidates` that exists,
/// else one found on PATH.
fn find_program(variable: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates
        .iter()
        .map(PathBuf::from)
        .filter(|c| c.is_absolute())
        .chain(
            candidates
                .iter()
                .flat_map(|c| on_path.iter().map(move |dir| dir.join(c))),
        )
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, or `None` (after saying why) when the test must be skipped.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program(
        "YINGCAI_CHROMIUM",
        &[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "chromium",
            "chromium-browser",
            "google-chrome",
        ],
    );
    let driver = find_program(
        "YINGCAI_CHROMEDRIVER",
        &["/usr/bin/chromedriver", "chromedriver"],
    );
    match (chromium, driver) {
        (Some(c), Some(d)) => Some((c, d)),
        (c, d) => {
            let missing: Vec<&str> = [(c.is_none(), "chromium"), (d.is_none(), "chromedriver")]
                .iter()
                .filter(|(m, _)| *m)
                .map(|(_, n)| *n)
                .collect();
            let message = format!(
                "browser test skipped: {} not found (apt-get install chromium chromium-driver)",
                missing.join(" and ")
            );
            if std::env::var("YINGCAI_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!("{message}; YINGCAI_REQUIRE_BROWSER=1 requires it");
            }
            eprintln!("{message}");
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

// ---------------------------------------------------------------------------------------
// HTTP/1.1 with JSON, enough for WebDriver and the dev server.

fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Vec<u8>), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    // Servers may keep the connection open: read the head, then exactly the body.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
            break;
        }
        if line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no status")?;
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut body = Vec::new();
    if let Some(length) = length {
        body.resize(length, 0);
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    } else if head.contains("transfer-encoding: chunked") {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(|e| e.to_string())?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|e| e.to_string())?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).map_err(|e| e.to_string())?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else {
        reader.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    Ok((status, body))
}

/// A chromedriver process and one browser session.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Driver {
    fn start(chromium: &Path, chromedriver: &Path, profile: &Path) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let mut driver = Driver {
            child,
            addr,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok((200, body)) = http(addr, "GET", "/status", None) {
                let status: Value = serde_json::from_slice(&body).unwrap_or_default();
                if status["value"]["ready"] == true {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "chromedriver did not get ready");
            thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium.to_string_lossy(),
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1000,700",
                        format!("--user-data-dir={}", profile.display()),
                    ]
                }
            }}
        });
        let created = driver.call("POST", "/session", Some(&capabilities));
        driver.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        driver
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let (status, body) =
            http(self.addr, method, path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let value: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}: {}", String::from_utf8_lossy(&body)));
        assert_eq!(status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({ "url": url })),
        );
    }

    fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    /// Runs `script` until `test` passes on its result, for up to 20 s.
    fn wait(
        &self,
        what: &str,
        script: &str,
        test: impl Fn(&Value) -> bool,
        log: &Mutex<String>,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = Value::Null;
        while Instant::now() < deadline {
            // A reload in progress makes a script fail now and then: try again.
            if let Ok((200, body)) = http(
                self.addr,
                "POST",
                &format!("/session/{}/execute/sync", self.session),
                Some(&json!({ "script": script, "args": [] })),
            ) {
                last = serde_json::from_slice::<Value>(&body)
                    .map(|v| v["value"].clone())
                    .unwrap_or_default();
                if test(&last) {
                    return last;
                }
            }
            thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "waited in vain for {what}; last result: {last}\nserver log:\n{}",
            log.lock().unwrap()
        )
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(
                self.addr,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Serve {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(BIN)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        let url = first
            .trim()
            .strip_prefix("serving ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_string();
        for stream in [
            Box::new(out) as Box<dyn BufRead + Send>,
            Box::new(BufReader::new(child.stderr.take().unwrap())),
        ] {
            let log = Arc::clone(&log);
            thread::spawn(move || {
                for line in stream.lines().map_while(Result::ok) {
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                }
            });
        }
        Serve { child, url, log }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn pages_reload_show_problems_and_swap_styles() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    copy_dir(Path::new(FIXTURE), root);
    // A long posting, so the page can be scrolled.
    let original = fs::read_to_string(root.join(SRE)).unwrap();
    let filler: String = (0..120)
        .map(|i| format!("Paragraph {i} of a long posting.\n\n"))
        .collect();
    let long = original.replace(
        "Original posting text.",
        &format!("{filler}Original posting text."),
    );
    fs::write(root.join(SRE), &long).unwrap();

    let serve = Serve::start(root);
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromium, &chromedriver, profile.path());
    let log = &serve.log;
    driver.open(&format!("{}jobs/site-reliability-engineer/", serve.url));
    driver.wait(
        "the posting",
        "return document.body.innerText",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains("Original posting text."))
        },
        log,
    );
    driver.wait(
        "the live stream",
        "return !!window.__yingcaiLive",
        |v| v == true,
        log,
    );
    driver.run("window.scrollTo(0, 600); window.__notReloaded = true; return window.scrollY");
    thread::sleep(Duration::from_millis(300));

    // An edit: the page reloads by itself, where it was.
    fs::write(
        root.join(SRE),
        long.replace("Original posting text.", "Edited while the page was open."),
    )
    .unwrap();
    driver.wait(
        "the edit",
        "return document.body.innerText",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains("Edited while the page was open."))
        },
        log,
    );
    assert_eq!(
        driver.run("return window.__notReloaded === undefined"),
        true,
        "a full reload"
    );
    let y = driver.wait(
        "the scroll position",
        "return window.scrollY",
        |v| v.as_f64().is_some_and(|y| (y - 600.0).abs() < 2.0),
        log,
    );
    assert!(y.as_f64().unwrap() > 0.0);

    // Broken front matter: the overlay names the file and line; the page stays.
    fs::write(root.join(SRE), long.replace("title = ", "titel = ")).unwrap();
    let overlay = driver.wait(
        "the overlay",
        "var o = document.getElementById('yingcai-overlay'); return o ? o.innerText : null",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains(&format!("{SRE}:2:1")))
        },
        log,
    );
    assert!(overlay.as_str().unwrap().contains("titel"), "{overlay}");
    assert!(driver
        .run("return document.body.innerText")
        .as_str()
        .unwrap()
        .contains("Edited while the page was open."));

    // Fixed: the overlay goes, the page shows the fix.
    fs::write(
        root.join(SRE),
        long.replace("Original posting text.", "Fixed again."),
    )
    .unwrap();
    driver.wait(
        "the overlay to go",
        "return !document.getElementById('yingcai-overlay') && document.body.innerText.indexOf('Fixed again.') >= 0",
        |v| v == true,
        log,
    );

    // A stylesheet change: new styles, no reload.
    driver.run("window.__notReloaded = true; return true");
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(
        root.join("static/style.css"),
        "body { background-color: rgb(1, 2, 3); }\n",
    )
    .unwrap();
    driver.wait(
        "the new stylesheet",
        "return getComputedStyle(document.body).backgroundColor",
        |v| v == "rgb(1, 2, 3)",
        log,
    );
    assert_eq!(
        driver.run("return window.__notReloaded === true"),
        true,
        "styles swapped in place"
    );
}
