//! The careers outputs job seekers, search engines and aggregators read: JSON-LD, feeds,
//! jobs.json, the sitemap, apply links, languages and the Jekyll importer.

mod common;

use common::*;
use serde_json::Value;

fn site_with_everything() -> Site {
    let site = Site::new();
    site.basic();
    site.write(
        "content/jobs/remote.md",
        r#"+++
title = "Site Reliability Engineer"
team = "infra"
date = 2026-11-10T09:00:00+08:00
valid_through = 2027-02-28
locations = ["上海市"]
remote = true
employment_type = "full_time"
apply = "https://jobs.example.com/apply/sre"
lang = "en"
tags = ["SRE", "Kubernetes"]
summary = "Keep production fast."

[salary]
min = 30000
max = 50000
currency = "cny"
unit = "month"
+++
## What you will do

Own reliability.
"#,
    );
    site
}

/// The text of a page's JSON-LD block.
fn json_ld_text(page: &str) -> &str {
    let start = page.find("application/ld+json").unwrap();
    let block = &page[start..];
    &block[block.find('>').unwrap() + 1..block.find("</script>").unwrap()]
}

/// `ld` as serde_json writes it (compact, keys in order), with `<`, `>` and `&` escaped too,
/// as JSON-LD is written into a page.
fn canonical_json_ld(ld: &serde_json::Value) -> String {
    serde_json::to_string(ld)
        .unwrap()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[test]
fn job_posting_json_ld_has_googles_fields() {
    let site = site_with_everything();
    assert!(site.build(&[]).ok());
    let page = site.read_job("site-reliability-engineer");
    let ld = json_ld(&page).expect("JSON-LD");
    assert_eq!(json_ld_text(&page), canonical_json_ld(&ld));
    assert_eq!(ld["@context"], "https://schema.org/");
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["title"], "Site Reliability Engineer");
    assert!(ld["description"]
        .as_str()
        .unwrap()
        .contains("<h2 id=\"what-you-will-do\">"));
    assert_eq!(ld["datePosted"], "2026-11-10T09:00:00+08:00");
    assert_eq!(ld["validThrough"], "2027-02-28");
    assert_eq!(ld["employmentType"], "FULL_TIME");
    assert_eq!(ld["hiringOrganization"]["@type"], "Organization");
    assert_eq!(ld["hiringOrganization"]["name"], "示例科技");
    assert_eq!(ld["hiringOrganization"]["sameAs"], "https://example.com/");
    assert_eq!(
        ld["hiringOrganization"]["logo"],
        "https://example.com/logo.png"
    );
    assert_eq!(ld["jobLocation"][0]["@type"], "Place");
    assert_eq!(ld["jobLocation"][0]["address"]["@type"], "PostalAddress");
    assert_eq!(ld["jobLocation"][0]["address"]["addressLocality"], "上海市");
    assert_eq!(ld["jobLocation"][0]["address"]["addressCountry"], "CN");
    assert_eq!(ld["jobLocationType"], "TELECOMMUTE");
    assert_eq!(ld["applicantLocationRequirements"]["@type"], "Country");
    assert_eq!(ld["applicantLocationRequirements"]["name"], "CN");
    assert_eq!(ld["baseSalary"]["@type"], "MonetaryAmount");
    assert_eq!(ld["baseSalary"]["currency"], "CNY");
    assert_eq!(ld["baseSalary"]["value"]["@type"], "QuantitativeValue");
    assert_eq!(ld["baseSalary"]["value"]["minValue"], 30000);
    assert_eq!(ld["baseSalary"]["value"]["maxValue"], 50000);
    assert_eq!(ld["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(ld["identifier"]["@type"], "PropertyValue");
    assert_eq!(ld["identifier"]["value"], "remote");
    assert_eq!(ld["directApply"], true);
    assert_eq!(
        ld["url"],
        "https://example.github.io/careers/jobs/site-reliability-engineer/"
    );

    let other = json_ld(&site.read_job("后端工程师")).unwrap();
    assert_eq!(
        other["directApply"], false,
        "an email apply is not a direct apply"
    );
    assert!(other.get("jobLocationType").is_none());
    assert_eq!(other["jobLocation"].as_array().unwrap().len(), 2);
}

#[test]
fn json_ld_survives_hostile_front_matter() {
    let page = Site::built_with(&[
        (
            "content/jobs/x.md",
            "+++\ntitle = \"</script><script>alert(1)</script><!--\"\nteam = \"infra\"\ndate = 2026-11-01\nremote = true\nsummary = \"a & b < c\"\n+++\n<b>bold</b> & </script>\n",
        ),
    ]).read_job("script-script-alert-1-script");
    let block = json_ld_text(&page);
    assert!(!block.contains('<') && !block.contains('>'), "{block}");
    let ld = json_ld(&page).unwrap();
    assert_eq!(block, canonical_json_ld(&ld));
    assert_eq!(ld["title"], "</script><script>alert(1)</script><!--");
    assert_eq!(
        ld["description"], "<p><b>bold</b> &amp; </script></p>\n",
        "the description is the body's HTML, read back intact"
    );
}

#[test]
fn every_listing_shows_the_card_as_card_html_renders_it_once() {
    let site = Site::built_with(&[
        (
            "templates/card.html",
            "\n  <li class=\"mine\" data-card>{{ card.title }}|{{ card.team.name }}|{{ card.locations | length }}|{{ t.remote }}|{{ site.title }}</li>\n",
        ),
    ]);
    let card = "<li class=\"mine\" data-card>后端工程师|基础架构|2|";
    let pages = [
        "index.html",
        "teams/infra/index.html",
        "locations/杭州市/index.html",
        "locations/北京市/index.html",
    ];
    for page in pages {
        let html = site.read(page);
        assert_eq!(html.matches(card).count(), 1, "{page}: {html}");
        assert!(!html.contains("\n  <li class=\"mine\""), "trimmed: {page}");
    }
    // The default theme's card names the team; under the team's own heading it is hidden.
    let default = Site::new();
    default.basic();
    assert!(default.build(&[]).ok());
    let home = default.read("index.html");
    assert_holds(
        &home,
        &[
            "<ul class=\"cards cards-in-team\"",
            "<li class=\"card-team\">基础架构</li>",
        ],
    );
    let location = default.read("locations/杭州市/index.html");
    assert!(location.contains("<ul class=\"cards\""), "{location}");
}

#[test]
fn a_broken_card_template_is_reported_at_its_file() {
    let site = Site::basic_with(&[(
        "templates/card.html",
        "<li>\n{{ card.no_such_field }}</li>\n",
    )]);
    let run = site.build(&[]);
    assert!(!run.ok());
    assert_eq!(
        run.stderr,
        "\
templates/card.html:2:9: error: Field `no_such_field` is not defined. Available fields: date, employment_type, lang, level, locations, remote, salary, search, slug, status, summary, tags, team, title, url
error: 1 problem found; nothing was written
"
    );
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn listing_pages_carry_no_job_posting() {
    let site = site_with_everything();
    assert!(site.build(&[]).ok());
    for page in [
        "index.html",
        "teams/index.html",
        "teams/infra/index.html",
        "locations/上海市/index.html",
    ] {
        let html = site.read(page);
        assert!(!html.contains("\"JobPosting\""), "{page}");
    }
}

#[test]
fn atom_feed_is_valid_xml_with_open_postings_newest_first() {
    let site = site_with_everything();
    site.write(
        "content/jobs/closed.md",
        "+++\ntitle = \"Closed\"\nteam = \"infra\"\ndate = 2026-01-01\nvalid_through = 2026-02-01\n+++\n",
    );
    assert!(site.build(&[]).ok());
    let xml = site.read("feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").to_string())
    };
    assert_eq!(
        child(feed, "id").unwrap(),
        "https://example.github.io/careers/"
    );
    assert!(child(feed, "updated").is_some());
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    let titles: Vec<String> = entries
        .iter()
        .map(|e| child(*e, "title").unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Site Reliability Engineer", "后端工程师"],
        "newest first, closed left out"
    );
    for entry in &entries {
        let id = child(*entry, "id").unwrap();
        assert!(
            id.starts_with("https://example.github.io/careers/jobs/"),
            "{id}"
        );
        let link = entry
            .children()
            .find(|c| c.tag_name().name() == "link")
            .unwrap();
        assert_eq!(link.attribute("href"), Some(id.as_str()));
        assert!(child(*entry, "updated").is_some());
        assert!(
            child(*entry, "content").unwrap().contains("<h2"),
            "content is escaped HTML"
        );
    }
    let categories: Vec<&str> = entries[0]
        .children()
        .filter(|c| c.tag_name().name() == "category")
        .filter_map(|c| c.attribute("label"))
        .collect();
    assert_eq!(categories, ["基础架构", "上海市"]);
}

#[test]
fn jobs_json_has_the_documented_shape() {
    let site = site_with_everything();
    site.write(
        "content/jobs/closed.md",
        "+++\ntitle = \"Closed\"\nteam = \"infra\"\ndate = 2026-01-01\nvalid_through = 2026-02-01\n+++\n",
    );
    assert!(site.build(&[]).ok());
    let doc: Value = serde_json::from_str(&site.read("jobs.json")).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["home_page_url"], "https://example.github.io/careers/");
    assert_eq!(doc["count"], 2);
    let jobs = doc["jobs"].as_array().unwrap();
    assert_eq!(jobs.len(), 2);
    let sre = &jobs[0];
    let keys: Vec<&str> = sre
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "title",
            "url",
            "team",
            "locations",
            "remote",
            "level",
            "employment_type",
            "salary",
            "date_posted",
            "valid_through",
            "apply",
            "lang",
            "tags",
            "summary",
            "description_html",
            "description_text"
        ]
    );
    assert_eq!(sre["id"], "remote");
    assert_eq!(
        sre["url"],
        "https://example.github.io/careers/jobs/site-reliability-engineer/"
    );
    assert_eq!(sre["team"]["slug"], "infra");
    assert_eq!(sre["locations"][0]["name"], "上海市");
    assert_eq!(sre["remote"], true);
    assert_eq!(sre["employment_type"], "FULL_TIME");
    assert_eq!(sre["salary"]["min"], 30000);
    assert_eq!(sre["salary"]["currency"], "CNY");
    assert_eq!(sre["apply"]["kind"], "url");
    assert_eq!(sre["lang"], "en");
    assert_eq!(
        sre["description_text"],
        "What you will do\nOwn reliability."
    );
    let backend = &jobs[1];
    assert_eq!(backend["apply"]["kind"], "email");
    assert_eq!(
        backend["apply"]["href"],
        "mailto:jobs@example.com?subject=%E5%BA%94%E8%81%98%EF%BC%9A%E5%90%8E%E7%AB%AF%E5%B7%A5%E7%A8%8B%E5%B8%88"
    );
    assert_eq!(sre["apply"]["href"], "https://jobs.example.com/apply/sre");
}

#[test]
fn apply_buttons_prefill_the_subject_in_the_postings_language() {
    let site = site_with_everything();
    site.write(
        "content/jobs/en-mail.md",
        "+++\ntitle = \"Data Engineer\"\nteam = \"infra\"\ndate = 2026-11-01\napply = \"data@example.com\"\nlang = \"en\"\n+++\n",
    );
    assert!(site.build(&[]).ok());
    assert!(site
        .read_job("后端工程师")
        .contains("mailto:jobs@example.com?subject=%E5%BA%94%E8%81%98%EF%BC%9A"));
    assert!(site
        .read_job("data-engineer")
        .contains("mailto:data@example.com?subject=Application%3A%20Data%20Engineer"));
    assert!(site
        .read_job("site-reliability-engineer")
        .contains("href=\"https://jobs.example.com/apply/sre\""));
}

#[test]
fn postings_in_another_language_say_so() {
    let site = site_with_everything();
    assert!(site.build(&[]).ok());
    let page = site.read_job("site-reliability-engineer");
    assert!(
        page.contains("<html lang=\"en\"") || page.contains("lang=\"en\""),
        "the English posting is marked as English"
    );
    assert!(site.read("index.html").contains("<html lang=\"zh-CN\""));
}

#[test]
fn english_sites_use_english_strings_and_dates() {
    let site = site_with_everything();
    site.write(
        "config.toml",
        &BASIC_CONFIG.replace("language = \"zh\"", "language = \"en\""),
    );
    assert!(site.build(&[]).ok());
    let page = site.read_job("后端工程师");
    assert!(page.contains("Nov 1, 2026"), "English date");
    assert!(!page.contains("2026年11月1日"));
    assert!(site.read("index.html").contains("<html lang=\"en\""));
}

#[test]
fn sitemap_lists_open_postings_and_pages() {
    let site = site_with_everything();
    assert!(site.build(&[]).ok());
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.github.io/careers/"));
    assert!(locs.contains(&"https://example.github.io/careers/jobs/site-reliability-engineer/"));
    assert!(locs.contains(&"https://example.github.io/careers/teams/infra/"));
    assert!(locs
        .iter()
        .all(|l| l.starts_with("https://example.github.io/careers/")));
    assert!(site
        .read("robots.txt")
        .contains("Sitemap: https://example.github.io/careers/sitemap.xml"));
}

#[test]
fn closed_posting_page_says_closed_in_the_site_language() {
    let page = Site::built_with(&[
        (
            "content/jobs/old.md",
            "+++\ntitle = \"旧职位\"\nteam = \"infra\"\ndate = 2026-01-01\nvalid_through = 2026-06-30\napply = \"x@example.com\"\n+++\n",
        ),
    ]).read_job("旧职位");
    assert!(
        page.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{page}"
    );
    assert!(
        !page.contains("mailto:x@example.com"),
        "no apply button on a closed posting"
    );
}

#[test]
fn import_jekyll_splits_the_seed_page_and_matches_the_example_content() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo_root().join("tests/fixtures/jekyll/careers.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yingcai"))
        .args(["import", "jekyll", seed.to_str().unwrap()])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1793491200") // 2026-11-01
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stdout = stdout.replace(seed.to_str().unwrap(), "careers.md");
    let not_found: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": not found: "))
        .collect();
    assert_eq!(
        not_found,
        [
            "careers.md:6:1: not found: text before the first posting (line 6) is not imported",
            "careers.md:200:1: not found: no level found for \"蚂蚁金服中间件团队 - 中间件 SRE\": set `level` in content/jobs/蚂蚁金服中间件团队/中间件-sre.md",
            "careers.md:200:1: not found: no cities found for \"蚂蚁金服中间件团队 - 中间件 SRE\": set `locations` in content/jobs/蚂蚁金服中间件团队/中间件-sre.md",
        ],
        "it reports what it could not infer"
    );
    assert_eq!(
        stdout.lines().last(),
        Some("imported 19 file(s) from careers.md")
    );
    let imported = snapshot(&dir.path().join("content/jobs"));
    assert_eq!(imported.len(), 10, "one posting per ### heading");
    for (path, bytes) in &imported {
        let example = std::fs::read(repo_root().join("content/jobs").join(path))
            .unwrap_or_else(|_| panic!("{path} is in the example content"));
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&example),
            "{path}"
        );
    }
    // Running it again overwrites nothing.
    std::fs::write(
        dir.path()
            .join("content/jobs")
            .join(imported.keys().next().unwrap()),
        "mine",
    )
    .unwrap();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_yingcai"))
        .args(["import", "jekyll", seed.to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(
        std::fs::read_to_string(
            dir.path()
                .join("content/jobs")
                .join(imported.keys().next().unwrap())
        )
        .unwrap(),
        "mine"
    );
}

#[test]
fn example_site_passes_the_nu_html_checker() {
    let Some(jar) = require_tool("the Nu Html Checker (vnu.jar) and java", vnu_jar()) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    common::build_example(&public);
    common::assert_nu_valid(&jar, ["--skip-non-html".as_ref(), public.as_os_str()]);
}

/// The `<li … data-card …>` opening tags of a page's DOM.
fn cards(dom: &str) -> Vec<&str> {
    dom.match_indices("<li ")
        .filter_map(|(i, _)| dom[i..].find('>').map(|end| &dom[i..i + end + 1]))
        .filter(|tag| tag.contains("data-card"))
        .collect()
}

fn dump_dom(chrome: &std::path::Path, url: &str, javascript: bool) -> String {
    let profile = tempfile::tempdir().unwrap();
    if !javascript {
        // Chromium's own switch to block scripts: the profile's content setting.
        std::fs::create_dir_all(profile.path().join("Default")).unwrap();
        std::fs::write(
            profile.path().join("Default/Preferences"),
            r#"{"profile":{"default_content_setting_values":{"javascript":2}}}"#,
        )
        .unwrap();
    }
    let out = std::process::Command::new(chrome)
        .args(chromium_args(profile.path()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn home_filter_works_with_and_without_javascript() {
    let Some(chrome) = require_tool("chromium", chromium()) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    common::build_example(&out.path().join("careers"));
    let origin = serve_dir(out.path());

    // With JavaScript: the query string filters at once.
    let dom = dump_dom(
        &chrome,
        &format!("{origin}/careers/?location=%E6%88%90%E9%83%BD%E5%B8%82"),
        true,
    );
    let all = cards(&dom);
    assert_eq!(all.len(), 12, "every open posting is on the home page");
    let shown: Vec<&&str> = all.iter().filter(|t| !t.contains(" hidden")).collect();
    assert_eq!(shown.len(), 3, "three postings are in 成都市");
    assert!(shown.iter().all(|t| t.contains("成都市")));
    assert!(
        dom.contains("共 3 个职位") || dom.contains(">3<"),
        "the count follows the filter"
    );

    let dom = dump_dom(
        &chrome,
        &format!("{origin}/careers/?q=kubernetes&team=architecture-office"),
        true,
    );
    let shown: Vec<&str> = cards(&dom)
        .into_iter()
        .filter(|t| !t.contains(" hidden"))
        .collect();
    assert_eq!(shown.len(), 1, "text and team filters combine");
    assert!(shown[0].contains("chief software architect"));

    // Without JavaScript: every posting shows, and the filter is plain links to team and location pages.
    let dom = dump_dom(
        &chrome,
        &format!("{origin}/careers/?location=%E6%88%90%E9%83%BD%E5%B8%82"),
        false,
    );
    assert!(cards(&dom).iter().all(|t| !t.contains(" hidden")));
    let links = &dom[dom.find("data-filter-links").expect("the link list")..];
    let links = &links[..links.find("</section>").unwrap_or(links.len())];
    assert_holds(
        links,
        &[
            "href=\"/careers/teams/",
            "href=\"/careers/locations/%E6%88%90%E9%83%BD%E5%B8%82/\"",
        ],
    );
    let form = &dom[dom.find("<form").unwrap()..];
    assert!(
        form[..form.find('>').unwrap()].contains("hidden"),
        "the script-only form stays hidden"
    );
}
