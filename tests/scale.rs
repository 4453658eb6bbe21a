//! Correctness at scale: a generated site of 2,000 postings (the benchmark's generator) builds
//! completely and every link in it works. Timing is the benchmark's job, not this test's.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use yingcai_testkit::corpus::{self, Spec};

use common::{assert_internal_links_resolve, assert_stdout, json_ld, yingcai, TODAY_EPOCH};

const POSTINGS: usize = 2_000;
/// Postings per listing page: `paginate_by`'s default.
const PER_PAGE: usize = 50;
/// The generated site's `base_url`, and its sub-path.
const BASE: &str = "https://careers.example.com/jobs/";
const BASE_PATH: &str = "/jobs/";

#[test]
fn two_thousand_postings_build_completely() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let spec = Spec {
        postings: POSTINGS,
        seed: 7,
        // The day the build runs on: the generator's open and closed postings are so on that day.
        today: yingcai::today(Some(TODAY_EPOCH)).unwrap().date_naive(),
    };
    let generated = corpus::write(&spec, root).unwrap();
    assert_eq!(generated.postings, POSTINGS);
    assert!(
        generated.closed > 0 && generated.drafts > 0,
        "{generated:?}"
    );

    let run = yingcai(&["build"], root);
    assert!(run.ok(), "{}", run.all());
    let public = root.join("public");
    let jobs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("jobs.json")).unwrap()).unwrap();
    let listed = jobs["jobs"].as_array().unwrap();
    // Each listing's open postings, by the route of its first page.
    let mut listings: BTreeMap<String, usize> = BTreeMap::new();
    listings.insert(String::new(), listed.len());
    for job in listed {
        let mut routes = vec![job["team"]["url"].as_str().unwrap()];
        routes.extend(
            job["locations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["url"].as_str().unwrap()),
        );
        for url in routes {
            *listings
                .entry(url.strip_prefix(BASE).unwrap().to_string())
                .or_default() += 1;
        }
    }
    let further_pages: usize = listings
        .values()
        .map(|&n| n.div_ceil(PER_PAGE).max(1) - 1)
        .sum();
    assert!(further_pages > listings.len(), "{listings:?}");
    let built = generated.postings - generated.drafts;
    // Home, postings, teams index and pages, locations index and pages, resumes, 404, and
    // the listings' further pages.
    let pages = 1
        + built
        + 1
        + generated.teams
        + 1
        + generated.locations
        + generated.resumes
        + 1
        + further_pages;
    let summary = format!(
        "built {pages} pages ({built} postings, {} open; {} teams; {} locations; {} resumes)",
        generated.open, generated.teams, generated.locations, generated.resumes
    );
    assert_stdout(&run, &format!("{summary} in N ms → ./public\n"));

    let posting_pages = std::fs::read_dir(public.join("jobs"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .count();
    assert_eq!(posting_pages, built);

    assert_eq!(jobs["count"], generated.open);
    assert_eq!(listed.len(), generated.open);
    for job in listed {
        let url = job["url"].as_str().unwrap();
        let rel = url.strip_prefix(BASE).unwrap();
        let page = public
            .join(yingcai::url::decode_path(rel).unwrap())
            .join("index.html");
        let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{url}: {e}"));
        let ld = json_ld(&html).unwrap_or_else(|| panic!("{url} has no JSON-LD"));
        assert_eq!(ld["@type"], "JobPosting", "{url}");
    }

    let feed = std::fs::read_to_string(public.join("feed.xml")).unwrap();
    // The feed carries the newest 50 (`feed_entries`); jobs.json above has them all.
    assert_eq!(feed.matches("<entry ").count(), generated.open.min(50));
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert_eq!(
        sitemap.matches("<lastmod>").count(),
        generated.open,
        "open postings carry their date"
    );
    // Every listing, page after page, lists each of its postings once.
    for (route, &count) in &listings {
        let cards = walk_listing(&public, route);
        let mut unique = cards.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            (cards.len(), unique.len()),
            (count, count),
            "/{route}: each posting once"
        );
    }
    let mut home = walk_listing(&public, "");
    let mut open: Vec<String> = listed
        .iter()
        .map(|j| {
            j["url"]
                .as_str()
                .unwrap()
                .strip_prefix(BASE)
                .unwrap()
                .to_string()
        })
        .collect();
    home.sort();
    open.sort();
    assert_eq!(home, open, "the home pages list every open posting");
    for (route, _) in listings.iter().filter(|(_, &n)| n > PER_PAGE) {
        let page = |n: usize| format!("{route}page/{n}/");
        assert!(
            sitemap.contains(&format!("<loc>{BASE}{}</loc>", page(2))),
            "the sitemap has /{}",
            page(2)
        );
        assert!(
            !public.join(decode(&page(1))).exists(),
            "page 1 is the listing's own URL: no /{}",
            page(1)
        );
    }

    assert_internal_links_resolve(&public, BASE_PATH);
}

fn decode(route: &str) -> String {
    yingcai::url::decode_path(route).unwrap()
}

/// The value of the attribute `attr` (e.g. `href="`) after the first `marker` in `html`.
fn attr_after<'h>(html: &'h str, marker: &str, attr: &str) -> Option<&'h str> {
    let rest = &html[html.find(marker)?..];
    let rest = &rest[rest.find(attr)? + attr.len()..];
    Some(&rest[..rest.find('"')?])
}

/// The routes of the cards of one listing, following it from its first page (`route`) through
/// its `rel="next"` links; checks on the way that every page but the last holds
/// [`PER_PAGE`] cards, has its own canonical URL, names the page before and after it with
/// `<link rel="prev">` and `<link rel="next">`, and links them with plain links too (no
/// JavaScript needed), and stays small.
fn walk_listing(public: &Path, route: &str) -> Vec<String> {
    let mut cards = Vec::new();
    let mut n = 1;
    loop {
        let own = if n == 1 {
            route.to_string()
        } else {
            format!("{route}page/{n}/")
        };
        let file = public.join(decode(&own)).join("index.html");
        let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("/{own}: {e}"));
        assert!(html.len() < 200_000, "/{own} is {} bytes", html.len());
        let head = &html[..html.find("</head>").unwrap()];
        assert_eq!(
            attr_after(head, "<link rel=\"canonical\"", "href=\""),
            Some(format!("{BASE}{own}").as_str()),
            "/{own}"
        );
        let prev = attr_after(head, "<link rel=\"prev\"", "href=\"");
        let expected_prev = match n {
            1 => None,
            2 => Some(format!("{BASE}{route}")),
            _ => Some(format!("{BASE}{route}page/{}/", n - 1)),
        };
        assert_eq!(prev.map(str::to_string), expected_prev, "/{own}");
        let on_page: Vec<String> = html
            .match_indices("class=\"card-title\"")
            .map(|(i, _)| {
                let href = attr_after(&html[i..], "<a ", "href=\"").unwrap();
                href.strip_prefix(BASE_PATH).unwrap().to_string()
            })
            .collect();
        assert!(
            !on_page.is_empty() && on_page.len() <= PER_PAGE,
            "/{own}: {} cards",
            on_page.len()
        );
        cards.extend(on_page.iter().cloned());
        let Some(next) = attr_after(head, "<link rel=\"next\"", "href=\"") else {
            assert!(!html.contains("rel=\"next\""), "/{own}");
            break;
        };
        assert_eq!(
            on_page.len(),
            PER_PAGE,
            "/{own}: a page before the last is full"
        );
        let next_route = format!("{route}page/{}/", n + 1);
        assert_eq!(next, format!("{BASE}{next_route}"), "/{own}");
        // The pager's own link, for readers: a plain link to the next page.
        assert!(
            html.contains(&format!("href=\"{BASE_PATH}{next_route}\" rel=\"next\">")),
            "/{own} links /{next_route} in its pager"
        );
        n += 1;
    }
    cards
}
