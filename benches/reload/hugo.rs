//! `hugo server` on a site equivalent to a generated one: the same Markdown files (TOML front
//! matter), a home page listing every posting with its summary, a page per posting, team
//! sections, location taxonomy pages, and Hugo's own RSS feeds and sitemap. Timed the same
//! way: file write → new text served over HTTP.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use super::{peak_mb, time_posting_edits, time_template_edits};
use yingcai_testkit::copy_dir;

const CONFIG: &str = r#"baseURL = "http://127.0.0.1/careers/"
languageCode = "zh-cn"
title = "Benchmark careers"
disableKinds = []
[taxonomies]
location = "locations"
"#;

const BASE: &str = r#"<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl><dt>Team</dt><dd>{{ .Params.team }}</dd><dt>Level</dt><dd>{{ .Params.level }}</dd>
<dt>Locations</dt><dd>{{ delimit (.Params.locations | default (slice)) ", " }}</dd></dl>
<p>{{ .Params.summary }}</p>{{ .Content }}</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>
{{ end }}</ul>{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>
{{ range where .Site.RegularPages "Section" "jobs" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>
{{ end }}</ul>{{ end }}
"#;

/// Writes the Hugo site for the generated site at `from` into `to`.
fn write_site(from: &Path, to: &Path) {
    fs::write(to.join("hugo.toml"), CONFIG).expect("hugo.toml");
    copy_dir(&from.join("content"), &to.join("content"));
    let layouts = to.join("layouts/_default");
    fs::create_dir_all(&layouts).expect("layouts/");
    fs::write(layouts.join("baseof.html"), BASE).expect("a layout");
    fs::write(layouts.join("single.html"), SINGLE).expect("a layout");
    fs::write(layouts.join("list.html"), LIST).expect("a layout");
    fs::write(to.join("layouts/index.html"), HOME).expect("a layout");
    fs::create_dir_all(to.join("static")).expect("static/");
    fs::write(to.join("static/style.css"), "body { margin: 0 }\n").expect("style.css");
}

struct Hugo(Child);

impl Drop for Hugo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts `hugo server` on the site, times edits of `posting` as [`super::measure`] does.
pub fn measure(generated: &Path, site: &Path, posting: &str, edits: usize) {
    write_site(generated, site);
    let port = free_port();
    let started = Instant::now();
    let mut child = Command::new("hugo")
        .args(["server", "--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--baseURL", &format!("http://127.0.0.1:{port}/careers/")])
        .arg("--source")
        .arg(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hugo server starts");
    let out = BufReader::new(child.stdout.take().expect("stdout"));
    let hugo = Hugo(child);
    let mut lines = out.lines();
    for line in lines.by_ref() {
        let line = line.unwrap_or_default();
        if line.contains("Web Server is available") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let version = Command::new("hugo")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!(
        "\nhugo server, the same postings ({}): first build and serve in {:.0} ms",
        version
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let page = format!(
        "/careers/{}/",
        posting
            .trim_start_matches("content/")
            .trim_end_matches(".md")
    );
    let path = site.join(posting);
    let original = fs::read_to_string(&path).expect("the posting");
    time_posting_edits(addr, posting, &path, &original, &page, edits);
    let layout = site.join("layouts/_default/single.html");
    time_template_edits(addr, &layout, SINGLE, &page, edits);
    println!("  memory: hugo server {:.0} MB peak", peak_mb(hugo.0.id()));
}
