//! Correctness at scale: a generated site of 2,000 postings (the benchmark's generator) builds
//! completely and every link in it works. Timing is the benchmark's job, not this test's.

mod common;

use yingcai_testkit::corpus::{self, Spec};

use common::{assert_internal_links_resolve, json_ld, yingcai, TODAY_EPOCH};

const POSTINGS: usize = 2_000;

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
    let built = generated.postings - generated.drafts;
    // Home, postings, teams index and pages, locations index and pages, resumes, 404.
    let pages = 1 + built + 1 + generated.teams + 1 + generated.locations + generated.resumes + 1;
    let summary = format!(
        "built {pages} pages ({built} postings, {} open; {} teams; {} locations; {} resumes)",
        generated.open, generated.teams, generated.locations, generated.resumes
    );
    assert!(
        run.stdout.starts_with(&summary),
        "expected `{summary}`, got {}",
        run.stdout
    );

    let public = root.join("public");
    let posting_pages = std::fs::read_dir(public.join("jobs"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .count();
    assert_eq!(posting_pages, built);

    let jobs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(public.join("jobs.json")).unwrap()).unwrap();
    assert_eq!(jobs["count"], generated.open);
    let listed = jobs["jobs"].as_array().unwrap();
    assert_eq!(listed.len(), generated.open);
    for job in listed {
        let url = job["url"].as_str().unwrap();
        let rel = url
            .strip_prefix("https://careers.example.com/jobs/")
            .unwrap();
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
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert_eq!(
        home.matches("data-card ").count(),
        generated.open,
        "the home page lists every open posting once"
    );

    assert_internal_links_resolve(&public, "/jobs/");
}
