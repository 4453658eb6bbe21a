//! Live reload in a real browser: headless Chromium driven through chromedriver (the
//! WebDriver protocol, JSON over HTTP), against `yingcai serve`.
//!
//! Skipped, with a message, when Chromium or chromedriver is not installed; set
//! `YINGCAI_REQUIRE_BROWSER=1` to make that a failure instead (as CI does).

mod common;
#[path = "common/server.rs"]
mod server;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::fs;
use std::path::Path;

use server::Server;
use webdriver::Driver;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-site");
const SRE: &str = "content/jobs/platform/sre.md";

#[test]
fn pages_reload_show_problems_and_swap_styles() {
    let Some((chromium, chromedriver)) = common::browser(webdriver::find()) else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    common::copy_dir(Path::new(FIXTURE), root);
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

    let serve = Server::start(root);
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromium, &chromedriver, profile.path(), 1000, 700);
    let log = || serve.log();
    driver.open(&format!("{}jobs/site-reliability-engineer/", serve.url()));
    driver.wait_explained(
        "the posting",
        "return document.body.innerText",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains("Original posting text."))
        },
        log,
    );
    driver.wait_explained(
        "the live stream",
        "return !!window.__yingcaiLive",
        |v| v == true,
        log,
    );
    driver.run("window.scrollTo(0, 600); window.__notReloaded = true; return window.scrollY");
    driver.wait_explained(
        "the scroll",
        "return window.scrollY",
        |v| v.as_f64() == Some(600.0),
        log,
    );

    // An edit: the page reloads by itself, where it was.
    fs::write(
        root.join(SRE),
        long.replace("Original posting text.", "Edited while the page was open."),
    )
    .unwrap();
    driver.wait_explained(
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
    let y = driver.wait_explained(
        "the scroll position",
        "return window.scrollY",
        |v| v.as_f64().is_some_and(|y| (y - 600.0).abs() < 2.0),
        log,
    );
    assert!(y.as_f64().unwrap() > 0.0);

    // Broken front matter: the overlay names the file and line; the page stays.
    fs::write(root.join(SRE), long.replace("title = ", "titel = ")).unwrap();
    let overlay = driver.wait_explained(
        "the overlay",
        "var o = document.getElementById('yingcai-overlay'); \
         return o ? [o.querySelector('h2'), o.querySelector('li div'), o.querySelector('li pre')] \
           .map(function (e) { return e.textContent; }).join('\\n') : null",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains(&format!("\n{SRE}:2:1\n")))
        },
        log,
    );
    assert_eq!(
        overlay,
        format!("Build failed: 1 problem\n{SRE}:2:1\nunknown key `titel`; did you mean `title`?")
    );
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
    driver.wait_explained(
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
    driver.wait_explained(
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
