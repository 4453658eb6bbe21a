//! Headless Chromium driven through chromedriver (WebDriver: JSON over HTTP), for tests and
//! benchmarks that need a real browser. Include with
//! `#[path = "common/webdriver.rs"] mod webdriver;` (from `tests/`).
#![allow(dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Chromium and chromedriver, from `YINGCAI_CHROMIUM` / `YINGCAI_CHROMEDRIVER` or where
/// Debian installs them.
pub fn find() -> (Option<PathBuf>, Option<PathBuf>) {
    let pick = |variable: &str, candidates: &[&str]| {
        std::env::var_os(variable)
            .map(PathBuf::from)
            .into_iter()
            .chain(candidates.iter().map(PathBuf::from))
            .find(|p| p.is_file())
    };
    (
        pick(
            "YINGCAI_CHROMIUM",
            &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
        ),
        pick("YINGCAI_CHROMEDRIVER", &["/usr/bin/chromedriver"]),
    )
}

/// One WebDriver call (a JSON body for `POST`), through an HTTP client; the status and body.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Vec<u8>), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let url = format!("http://{addr}{path}");
    let sent = match (method, body) {
        ("POST", Some(body)) => agent
            .post(&url)
            .header("Content-Type", "application/json; charset=utf-8")
            .send(body.to_string()),
        ("GET", None) => agent.get(&url).call(),
        ("DELETE", None) => agent.delete(&url).call(),
        _ => return Err("WebDriver calls are GET, DELETE, or POST with a body".into()),
    };
    let mut response = sent.map_err(|e| e.to_string())?;
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok((response.status().as_u16(), body))
}

/// A chromedriver process and one browser session, which keeps the browser's console log.
pub struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
}

impl Driver {
    /// Starts chromedriver and a headless Chromium of `width`×`height`.
    pub fn start(
        chromium: &Path,
        chromedriver: &Path,
        profile: &Path,
        width: u32,
        height: u32,
    ) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
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
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": {
                    "binary": chromium.to_string_lossy(),
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", format!("--window-size={width},{height}"),
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

    pub fn open(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({ "url": url })),
        );
    }

    /// Runs `script` (a function body) in the page; its return value.
    pub fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    /// Runs `script`, which gets a callback as `arguments[0]`, until it calls it; its value.
    pub fn run_async(&self, script: &str) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/async", self.session),
            Some(&json!({ "script": script, "args": [] })),
        )
    }

    /// Runs `script` until `test` passes on its result, for up to 20 s.
    pub fn wait(&self, what: &str, script: &str, test: impl Fn(&Value) -> bool) -> Value {
        self.wait_explained(what, script, test, String::new)
    }

    /// [`Driver::wait`], adding `explain()` (a server's log, say) to the failure message.
    pub fn wait_explained(
        &self,
        what: &str,
        script: &str,
        test: impl Fn(&Value) -> bool,
        explain: impl Fn() -> String,
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
            "waited in vain for {what}; last result: {last}\n{}",
            explain()
        )
    }

    /// A PNG of what the window shows, base64-encoded.
    pub fn screenshot(&self) -> String {
        let shot = self.call(
            "GET",
            &format!("/session/{}/screenshot", self.session),
            None,
        );
        shot.as_str().expect("a base64 screenshot").to_string()
    }

    /// Runs a Chrome DevTools Protocol command (`Network.setCacheDisabled`, …).
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(&json!({ "cmd": command, "params": params })),
        )
    }

    /// The browser console's messages since the last call, as `LEVEL message` lines.
    pub fn console(&self) -> Vec<String> {
        let entries = self.call(
            "POST",
            &format!("/session/{}/se/log", self.session),
            Some(&json!({ "type": "browser" })),
        );
        entries
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e["level"].as_str().unwrap_or(""),
                            e["message"].as_str().unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The console's errors and warnings since the last call (see [`Driver::console`]).
    pub fn console_problems(&self) -> Vec<String> {
        self.console()
            .into_iter()
            .filter(|l| l.starts_with("SEVERE") || l.starts_with("WARNING"))
            .collect()
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
