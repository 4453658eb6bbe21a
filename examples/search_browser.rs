//! Times search on a built site's home page in headless Chromium, for `benches/search.sh`:
//!
//! ```sh
//! cargo run --release --example search_browser -- URL OUTPUT_DIR QUERY…
//! ```
//!
//! `URL` is the home page as served (the site in `OUTPUT_DIR`, served with its sub-path), and
//! each `QUERY` is typed into the search box of a freshly opened page, as a visitor would,
//! once the page is idle (when the theme fetches `search.js` and the index's small
//! `meta.json`): the first keystroke loads the rest of the index it needs. Prints one line
//! per query: the time from the keystroke to the results on screen, then the same query
//! again on the loaded index, the results found, and the bytes of the search files fetched
//! (raw and gzip), those fetched while idle included.

#[path = "../tests/common/webdriver.rs"]
mod webdriver;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Types `QUERY`, then waits for the results (or "no match"); calls back with the milliseconds
/// from the keystroke to results on screen and the count shown.
const QUERY: &str = r#"
var done = arguments[0];
var input = document.getElementById('filter-q');
var list, empty = document.querySelector('[data-filter-empty]');
var count = document.querySelector('[data-filter-count]');
var before = count.textContent;
function ready() {
  list = document.querySelector('[data-search-results]');
  return (list && !list.hidden && list.children.length > 0) || (!empty.hidden && count.textContent !== before);
}
var start = performance.now();
input.value = QUERY;
input.dispatchEvent(new Event('input', { bubbles: true }));
(function poll() {
  if (ready()) {
    done([performance.now() - start, count.textContent]);
  } else if (performance.now() - start > 20000) {
    done([-1, 'timeout']);
  } else {
    requestAnimationFrame(poll);
  }
})();
"#;

/// The search engine alone, on a fresh page: loads search.js and the index's meta file, runs
/// QUERY (fetching its shards and the facet values), counts the facets and fetches the first
/// 20 results' cards;
/// then runs it again on the loaded index. Calls back with both times in ms and the count.
const ENGINE: &str = r#"
var done = arguments[0];
var root = document.querySelector('[data-filter]');
var t0 = performance.now();
function go() {
  var base = new URL('search/', new URL(root.getAttribute('data-search'), location.href)).href;
  YingcaiSearch.open(base).then(function (e) {
    return e.search(QUERY).then(function (found) {
      var f = e.facets(found, {});
      return e.cards(f.shown.slice(0, 20)).then(function () {
        var cold = performance.now() - t0;
        var t1 = performance.now();
        return e.search(QUERY).then(function (again) {
          e.facets(again, {});
          done([cold, performance.now() - t1, found.length]);
        });
      });
    });
  }).catch(function (err) { done([-1, -1, String(err)]); });
}
if (window.YingcaiSearch) go();
else {
  var s = document.createElement('script');
  s.src = root.getAttribute('data-search');
  s.onload = go;
  document.head.appendChild(s);
}
"#;

/// The search files the page fetched, as paths.
const FETCHED: &str = r#"
return performance.getEntriesByType('resource')
  .map(function (e) { return new URL(e.name).pathname; })
  .filter(function (p) { return /\/search(\.js|\/)/.test(p); });
"#;

fn gzip_size(path: &Path) -> u64 {
    let out = Command::new("gzip")
        .args(["-c", "-6"])
        .arg(path)
        .stderr(Stdio::null())
        .output()
        .expect("gzip runs");
    out.stdout.len() as u64
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: search_browser URL OUTPUT_DIR QUERY…");
        std::process::exit(2);
    }
    let (url, out) = (&args[0], PathBuf::from(&args[1]));
    let (Some(chromium), Some(chromedriver)) = webdriver::find() else {
        eprintln!("search_browser: chromium and chromedriver are needed");
        std::process::exit(2);
    };
    let profile = tempfile::tempdir().unwrap();
    let driver = webdriver::Driver::start(&chromium, &chromedriver, profile.path(), 1280, 800);
    let base_path = url
        .splitn(4, '/')
        .nth(3)
        .map(|p| format!("/{p}"))
        .unwrap_or_else(|| "/".into());
    // Every query starts cold: nothing from the HTTP cache.
    driver.cdp("Network.enable", serde_json::json!({}));
    driver.cdp(
        "Network.setCacheDisabled",
        serde_json::json!({ "cacheDisabled": true }),
    );
    println!("| query | found | engine, cold: meta, shards and facets loaded, ranked, 20 cards fetched | engine, index loaded: ranked + facet counts | first keystroke → results on screen | again, on screen | search files fetched (with search.js and meta.json) | raw | gzip |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for query in &args[2..] {
        driver.open(url);
        driver.wait(
            "the filter",
            "return !document.querySelector('[data-filter-form]').hidden",
            |v| v == true,
        );
        let engine =
            driver.run_async(&ENGINE.replace("QUERY", &serde_json::to_string(query).unwrap()));
        driver.open(url);
        driver.wait(
            "the filter",
            "return !document.querySelector('[data-filter-form]').hidden",
            |v| v == true,
        );
        driver.wait(
            "search.js and meta.json, fetched while the page is idle",
            "return !!window.YingcaiSearch && performance.getEntriesByType('resource')\
             .some(function (e) { return /search\\/meta\\.json/.test(e.name) && e.responseEnd > 0; })",
            |v| v == true,
        );
        let script = QUERY.replace("QUERY", &serde_json::to_string(query).unwrap());
        let first = driver.run_async(&script);
        // The whole first page of results (20 cards, or all there are) before counting what
        // the query fetched: the cards below the first screen come after it.
        let page = engine[2].as_u64().unwrap_or(0).min(20);
        driver.wait(
            "the first page of results",
            "var list = document.querySelector('[data-search-results]'); \
             return list ? list.children.length : 0;",
            |v| v.as_u64().unwrap_or(0) >= page,
        );
        let fetched: Vec<String> = driver
            .run(FETCHED)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        // The same query once more, on the index already loaded: clear, then type it again.
        driver.run(
            "var q = document.getElementById('filter-q'); q.value = ''; \
             q.dispatchEvent(new Event('input', { bubbles: true })); return true;",
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        let again = driver.run_async(&script);
        let (mut raw, mut gz) = (0, 0);
        for path in &fetched {
            let relative = path.strip_prefix(&base_path).unwrap_or(path);
            let file = out.join(relative);
            raw += std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            gz += gzip_size(&file);
        }
        println!(
            "| {query} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} | {:.1} KB | {:.1} KB |",
            engine[2],
            engine[0].as_f64().unwrap_or(-1.0),
            engine[1].as_f64().unwrap_or(-1.0),
            first[0].as_f64().unwrap_or(-1.0),
            again[0].as_f64().unwrap_or(-1.0),
            fetched.len(),
            raw as f64 / 1024.0,
            gz as f64 / 1024.0
        );
        std::io::stdout().flush().ok();
    }
}
