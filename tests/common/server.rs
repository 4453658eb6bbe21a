//! `yingcai serve` as a child process of a test or benchmark (tests/serve.rs,
//! tests/browser.rs, benches/reload.rs): started on a free port, its `serving …` line read,
//! its output gathered, killed when dropped; and [`get`], a plain HTTP GET of its pages.
#![allow(dead_code)] // each test binary uses its own part

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

const BIN: &str = env!("CARGO_BIN_EXE_yingcai");
/// "Today" for every server started here but [`Server::start_on_the_clock`]'s: 2026-05-28.
pub const EPOCH: &str = "1780000000";

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// The path the site is served under, e.g. `/careers/`.
    pub base: String,
    log: Arc<Mutex<String>>,
}

fn drain(stream: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            log.lock().unwrap().push_str(&format!("{line}\n"));
        }
    });
}

impl Server {
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &[])
    }

    pub fn start_with(root: &Path, args: &[&str]) -> Server {
        Server::spawn(root, args, Some(EPOCH))
    }

    /// "Today" from the clock, as when no `SOURCE_DATE_EPOCH` is set.
    pub fn start_on_the_clock(root: &Path) -> Server {
        Server::spawn(root, &[], None)
    }

    fn spawn(root: &Path, args: &[&str], epoch: Option<&str>) -> Server {
        let mut command = Command::new(BIN);
        match epoch {
            Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
            None => command.env_remove("SOURCE_DATE_EPOCH"),
        };
        let mut child = command
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        drain(child.stderr.take().unwrap(), Arc::clone(&log));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        drain(stdout, Arc::clone(&log));
        let Some(url) = first.trim().strip_prefix("serving http://") else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "expected `serving http://…` first, got {first:?}; log:\n{}",
                log.lock().unwrap()
            )
        };
        let (addr, base) = url.split_at(url.find('/').unwrap());
        Server {
            child,
            addr: addr.parse().unwrap(),
            base: base.to_string(),
            log,
        }
    }

    /// The site's address, e.g. `http://127.0.0.1:4321/careers/`.
    pub fn url(&self) -> String {
        format!("http://{}{}", self.addr, self.base)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// All the server printed so far, stdout and stderr.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server's answer to one request.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain GET through an HTTP client, on a connection of its own; any status is a reply,
/// and a redirect is not followed.
pub fn get(addr: SocketAddr, target: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent
        .get(format!("http://{addr}{target}"))
        .call()
        .unwrap_or_else(|e| panic!("GET {target}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_string(), value)
        })
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("GET {target}: {e}"));
    Reply {
        status: response.status().as_u16(),
        headers,
        body,
    }
}
