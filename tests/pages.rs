//! Listings cut into pages (`paginate_by`): page 1 at the listing's own URL, page N at
//! `page/N/` under it, linked without JavaScript and with `rel=prev/next`, in the sitemap; and
//! on a paged home page, the search box and the filters still reach every posting (in headless
//! Chromium). The 2,000-posting scale test walks every listing of a generated site.

mod common;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::path::Path;

use common::{assert_holds, assert_stdout, Site, BASIC_CONFIG};
use serde_json::Value;

/// The basic site with `n` more postings of the team `infra`, one a day (newest last), and
/// `paginate_by = per_page`.
fn site_with(n: usize, per_page: usize) -> Site {
    let site = Site::new();
    site.basic();
    for i in 1..=n {
        site.write(
            &format!("content/jobs/p{i}.md"),
            &format!("+++\ntitle = \"Post {i}\"\nteam = \"infra\"\ndate = 2026-10-{i:02}\nslug = \"p{i}\"\nlocations = [\"杭州市\"]\n+++\nBody {i}\n"),
        );
    }
    let (head, tail) = BASIC_CONFIG.split_at(BASIC_CONFIG.find("[organization]").unwrap());
    site.write(
        "config.toml",
        &format!("{head}paginate_by = {per_page}\n\n{tail}"),
    );
    site
}

/// The `href` of the `<link rel="REL">` in the page's head.
fn head_link(html: &str, rel: &str) -> Option<String> {
    let head = &html[..html.find("</head>").unwrap()];
    let prefix = format!("<link rel=\"{rel}\" href=\"");
    let rest = &head[head.find(&prefix)? + prefix.len()..];
    Some(rest[..rest.find('"').unwrap()].to_string())
}

fn card_count(html: &str) -> usize {
    html.matches("data-card ").count()
}

#[test]
fn listings_paginate_with_plain_links_rel_links_and_sitemap_entries() {
    // 6 postings and the basic one: 7 on the home page, 3 a page.
    let site = site_with(6, 3);
    let run = site.build_ok();
    assert_stdout(
        &run,
        "built 20 pages (7 postings, 7 open; 1 team; 2 locations; 0 resumes) in N ms → ./public\n",
    );
    let base = "https://example.github.io/careers/";

    let home = site.read("index.html");
    let two = site.read("page/2/index.html");
    let three = site.read("page/3/index.html");
    assert_eq!(
        [card_count(&home), card_count(&two), card_count(&three)],
        [3, 3, 1]
    );
    assert!(
        !site.public().join("page/1").exists() && !site.public().join("page/4").exists(),
        "page 1 is the home page itself; no empty page after the last"
    );
    // Own canonical URL and title; the pages before and after, for crawlers and for readers.
    assert_eq!(head_link(&home, "canonical").unwrap(), base);
    assert_eq!(head_link(&home, "prev"), None);
    assert_eq!(head_link(&home, "next").unwrap(), format!("{base}page/2/"));
    assert_eq!(
        head_link(&two, "canonical").unwrap(),
        format!("{base}page/2/")
    );
    assert_eq!(head_link(&two, "prev").unwrap(), base);
    assert_eq!(head_link(&two, "next").unwrap(), format!("{base}page/3/"));
    assert_eq!(head_link(&three, "prev").unwrap(), format!("{base}page/2/"));
    assert_eq!(head_link(&three, "next"), None);
    assert!(
        two.contains("<title>加入我们 · 诚聘英才 · 第 2 页</title>"),
        "{two}"
    );
    // Plain links between the pages: no JavaScript needed.
    assert!(home.contains("<a class=\"pager-step\" href=\"/careers/page/2/\" rel=\"next\">"));
    assert_holds(
        &two,
        &[
            "<a class=\"pager-step\" href=\"/careers/\" rel=\"prev\">",
            "href=\"/careers/page/2/\" aria-current=\"page\"",
        ],
    );
    // The newest postings first within the team; every posting on exactly one page.
    let all = format!("{home}{two}{three}");
    for i in 1..=6 {
        assert_eq!(
            all.matches(&format!("/careers/jobs/p{i}/\"")).count(),
            1,
            "p{i}"
        );
    }
    assert!(home.contains("/careers/jobs/p6/") && three.contains("/careers/jobs/p1/"));
    // The filter's counts cover the whole site, not this page.
    assert!(two.contains("data-total=\"7\" data-paged"), "{two}");
    // The intro stays on the first page.
    assert!(home.contains("欢迎！") && !two.contains("欢迎！"));

    // A team's pages: its description on the first, the count of all its postings on each.
    let team = site.read("teams/infra/index.html");
    let team2 = site.read("teams/infra/page/2/index.html");
    assert_eq!([card_count(&team), card_count(&team2)], [3, 3]);
    assert!(site
        .public()
        .join("teams/infra/page/3/index.html")
        .is_file());
    assert!(team.contains("我们做基础设施。") && !team2.contains("我们做基础设施。"));
    assert!(
        team2.contains("<span class=\"count-pill\">7</span>"),
        "{team2}"
    );
    assert_eq!(
        head_link(&team2, "prev").unwrap(),
        format!("{base}teams/infra/")
    );
    // A location's pages (percent-encoded like every URL of a CJK name).
    let city = "%E6%9D%AD%E5%B7%9E%E5%B8%82";
    let place2 = site.read("locations/杭州市/page/2/index.html");
    assert_eq!(
        head_link(&place2, "canonical").unwrap(),
        format!("{base}locations/{city}/page/2/")
    );
    // 北京市 has one posting: one page, no pager, no rel links.
    let beijing = site.read("locations/北京市/index.html");
    assert!(!beijing.contains("class=\"pager\"") && head_link(&beijing, "next").is_none());

    let sitemap = site.read("sitemap.xml");
    for route in [
        "page/2/".to_string(),
        "page/3/".to_string(),
        "teams/infra/page/3/".to_string(),
        format!("locations/{city}/page/2/"),
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{base}{route}</loc>")),
            "{route}: {sitemap}"
        );
    }
    assert!(!sitemap.contains("page/1/"));
    common::assert_internal_links_resolve(&site.public(), "/careers/");

    // Fewer postings: the pages that are no longer needed are gone.
    std::fs::remove_file(site.root().join("content/jobs/p6.md")).unwrap();
    std::fs::remove_file(site.root().join("content/jobs/p5.md")).unwrap();
    assert!(site.build(&[]).ok());
    assert!(site.public().join("page/2/index.html").is_file());
    assert!(!site.public().join("page/3").exists());
}

#[test]
fn a_listing_that_fits_on_one_page_has_no_pager() {
    let site = site_with(2, 50);
    assert!(site.build(&[]).ok());
    let home = site.read("index.html");
    assert_eq!(card_count(&home), 3);
    assert!(!home.contains("class=\"pager\"") && !home.contains("data-paged"));
    assert!(head_link(&home, "next").is_none() && head_link(&home, "prev").is_none());
    assert!(!site.public().join("page").exists());
}

#[test]
fn paginate_by_must_be_a_positive_number() {
    let site = site_with(1, 0);
    site.build_fails(
        "\
config.toml:6:1: error: `paginate_by` must be a number of postings per listing page, 1 or more, not 0
error: 1 problem found; nothing was written
",
    );
}

/// The example site with `paginate_by = 4`, built under `dir/careers/`; its jobs.
fn build_paged_example(dir: &Path) -> Vec<Value> {
    let root = dir.join("site");
    for part in ["content", "static"] {
        common::copy_dir(&common::repo_root().join(part), &root.join(part));
    }
    let config = std::fs::read_to_string(common::repo_root().join("config.toml")).unwrap();
    let at = config.find("\n[").unwrap();
    std::fs::write(
        root.join("config.toml"),
        format!("{}\npaginate_by = 4\n{}", &config[..at], &config[at..]),
    )
    .unwrap();
    let out = dir.join("careers");
    let run = common::yingcai(&["build", "--output", out.to_str().unwrap()], &root);
    assert!(run.ok(), "{}", run.all());
    let jobs: Value =
        serde_json::from_slice(&std::fs::read(out.join("jobs.json")).unwrap()).unwrap();
    jobs["jobs"].as_array().unwrap().clone()
}

#[test]
fn every_page_of_the_home_listing_counts_the_whole_site() {
    let dir = tempfile::tempdir().unwrap();
    build_paged_example(dir.path());
    let page = std::fs::read_to_string(dir.path().join("careers/page/2/index.html")).unwrap();
    assert_holds(
        &page,
        &[
            "<dt>在招职位</dt><dd>12</dd>",
            "<dt>团队</dt><dd>10</dd>",
            "第 2 页，共 3 页",
        ],
    );
    // The filter offers every team, not only this page's.
    assert!(page.matches("<option value=").count() >= 10, "{page}");
    assert!(page.contains(">共 12 个职位</p>"), "{page}");
}

/// The titles of the cards shown (not hidden) on the page.
const SHOWN: &str = "return Array.prototype.filter.call(document.querySelectorAll('[data-card]'), \
    function (c) { return c.offsetParent !== null; }) \
    .map(function (c) { return c.querySelector('.card-title a').textContent.trim(); }).sort();";

fn titles(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|t| t.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn on_a_paged_home_page_search_and_filters_reach_every_posting() {
    let Some(served) = common::served_for_browser(webdriver::find(), build_paged_example) else {
        return;
    };
    let (jobs, origin) = (&served.built, &served.origin);
    assert_eq!(jobs.len(), 12);
    let (chromium, chromedriver) = (&served.chromium, &served.chromedriver);
    let driver = webdriver::Driver::start(chromium, chromedriver, served.profile.path(), 1280, 800);
    let home = format!("{origin}/careers/");
    driver.open(&home);
    driver.wait(
        "the filter",
        "return !document.querySelector('[data-filter-form]').hidden",
        |v| v == true,
    );
    let first_page = titles(&driver.run(SHOWN));
    assert_eq!(first_page.len(), 4, "{first_page:?}");
    // The count is the whole site's, and the pager is there.
    assert_eq!(
        driver.run("return [document.querySelector('[data-filter-count]').textContent, !document.querySelector('[data-pager]').hidden]"),
        serde_json::json!(["共 12 个职位", true])
    );

    // A team none of whose postings is on this page.
    let team = jobs
        .iter()
        .map(|j| &j["team"])
        .find(|t| {
            !jobs.iter().any(|j| {
                j["team"] == **t && first_page.contains(&j["title"].as_str().unwrap().to_string())
            })
        })
        .expect("a team off the first page")
        .clone();
    let mut expected: Vec<String> = jobs
        .iter()
        .filter(|j| j["team"] == team)
        .map(|j| j["title"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    driver.run(&format!(
        "var s = document.getElementById('filter-team'); s.value = {}; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return 0;",
        team["slug"]
    ));
    driver.wait(
        &format!(
            "the postings of {} from the index: {expected:?}",
            team["name"]
        ),
        SHOWN,
        |v| titles(v) == expected,
    );
    assert_eq!(
        driver.run("return document.querySelector('[data-pager]').hidden"),
        true,
        "the pager steps aside while results show"
    );
    assert!(driver
        .run("return location.search")
        .as_str()
        .unwrap()
        .contains("team="));

    // Cleared: this page's cards and the pager again.
    driver.run("document.querySelector('[data-filter-reset]').click(); return 0;");
    driver.wait("the first page again", SHOWN, |v| titles(v) == first_page);
    assert_eq!(
        driver.run("return [document.querySelector('[data-filter-count]').textContent, !document.querySelector('[data-pager]').hidden]"),
        serde_json::json!(["共 12 个职位", true])
    );

    // A filter that more postings pass than the first screen of results holds: they all come,
    // the first screen's first and the rest of the page after.
    let mut levelled: Vec<String> = jobs
        .iter()
        .filter(|j| j["level"] == "P6~P8")
        .map(|j| j["title"].as_str().unwrap().to_string())
        .collect();
    levelled.sort();
    assert!(levelled.len() > 6, "{levelled:?}");
    driver.run(
        "var s = document.getElementById('filter-level'); s.value = 'P6~P8'; \
         s.dispatchEvent(new Event('change', { bubbles: true })); return 0;",
    );
    driver.wait("every P6~P8 posting from the index", SHOWN, |v| {
        titles(v) == levelled
    });
    driver.run("document.querySelector('[data-filter-reset]').click(); return 0;");
    driver.wait("the first page again", SHOWN, |v| titles(v) == first_page);

    // A query for a posting on a later page.
    let later = jobs
        .iter()
        .map(|j| j["title"].as_str().unwrap().to_string())
        .find(|t| !first_page.contains(t) && t.is_ascii())
        .expect("an English title off the first page");
    driver.run(&format!(
        "var q = document.getElementById('filter-q'); q.focus(); q.value = {}; \
         q.dispatchEvent(new Event('input', {{ bubbles: true }})); return 0;",
        serde_json::to_string(&format!("{later} ")).unwrap()
    ));
    driver.wait(&format!("{later:?} among the results"), SHOWN, |v| {
        titles(v).contains(&later)
    });

    // Page 2 through its plain link, with the filter state in its address.
    driver.open(&format!(
        "{home}page/2/?team={}",
        team["slug"].as_str().unwrap()
    ));
    driver.wait("the team's postings from page 2", SHOWN, |v| {
        titles(v) == expected
    });
}

#[test]
fn listing_pages_pass_the_nu_html_checker() {
    let Some(jar) =
        common::require_tool("the Nu Html Checker (vnu.jar) and java", common::vnu_jar())
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    build_paged_example(dir.path());
    let out = dir.path().join("careers");
    let pages: Vec<_> = [
        "page/2/",
        "page/3/",
        "teams/architecture-office/",
        "locations/上海市/page/2/",
    ]
    .iter()
    .map(|p| out.join(p).join("index.html"))
    .collect();
    for page in &pages {
        assert!(page.is_file(), "{}", page.display());
    }
    common::assert_nu_valid(&jar, &pages);
}
