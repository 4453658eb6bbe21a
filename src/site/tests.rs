//! The graph as assembled: status by the build day, team and location order, slugs.

use super::*;
use crate::content::{Content, Item, Posting, Team};
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

fn config() -> Config {
    Config::parse("title = \"t\"\nbase_url = \"https://example.com/careers/\"\n").unwrap()
}

/// The posting at `path` with its `title` and `team`, then the rest of its front matter.
fn posting(path: &str, title: &str, team: &str, rest: &str) -> (PathBuf, Item) {
    let text = format!("+++\ntitle = \"{title}\"\nteam = \"{team}\"\n{rest}\n+++\n");
    (
        PathBuf::from(path),
        Item::Posting(std::sync::Arc::new(
            Posting::parse(Path::new(path), &text).unwrap(),
        )),
    )
}

fn team(id: &str, front: &str) -> (PathBuf, Item) {
    let path = format!("content/teams/{id}.md");
    let text = format!("+++\n{front}\n+++\n");
    (
        PathBuf::from(&path),
        Item::Team(Arc::new(Team::parse(Path::new(&path), &text).unwrap())),
    )
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The site of `content` on the test's day, and its problems.
fn assemble(content: &Content, drafts: bool) -> (Site, Vec<Diagnostic>) {
    Site::assemble(&config(), content, BuildOptions { drafts, now: now() })
}

/// The site of `content` on the test's day, which must assemble without a problem.
fn assembled(content: &Content, drafts: bool) -> Site {
    let (site, errors) = assemble(content, drafts);
    assert!(errors.is_empty(), "{errors:?}");
    site
}

/// The slug of the posting from `path`.
fn slug_of(site: &Site, path: &str) -> String {
    let job = site
        .jobs
        .iter()
        .find(|j| j.posting.source.path == Path::new(path));
    job.unwrap().slug.clone()
}

fn content(items: Vec<(PathBuf, Item)>) -> Content {
    let mut c = Content::default();
    for (p, i) in items {
        c.insert(p, i);
    }
    c
}

#[test]
fn open_closed_and_draft_by_the_build_day() {
    let content = content(vec![
        posting("content/jobs/a.md", "A", "t", "date = 2026-11-01"),
        posting(
            "content/jobs/b.md",
            "B",
            "t",
            "date = 2026-01-01\nvalid_through = 2026-11-21",
        ),
        posting(
            "content/jobs/c.md",
            "C",
            "t",
            "date = 2026-01-01\nvalid_through = 2026-11-22",
        ),
        posting(
            "content/jobs/d.md",
            "D",
            "t",
            "date = 2026-01-01\ndraft = true",
        ),
    ]);
    let site = assembled(&content, false);
    let status: Vec<(&str, Status)> = site
        .jobs
        .iter()
        .map(|j| (j.posting.title.as_str(), j.status))
        .collect();
    assert_eq!(
        status,
        [
            ("A", Status::Open),
            ("B", Status::Closed),
            ("C", Status::Open)
        ]
    );
    assert_eq!(
        site.teams[0].jobs.len(),
        2,
        "closed postings are not listed"
    );
    let site = assembled(&content, true);
    assert!(site.jobs.iter().any(|j| j.status == Status::Draft));
}

#[test]
fn teams_sort_by_order_then_pinyin_and_resolve_by_id_or_name() {
    let content = content(vec![
        team("z", "name = \"中间件\"\norder = 1"),
        team("b", "name = \"北京研发\"\norder = 1"),
        team("a", "name = \"Apps\"\norder = 2"),
        posting("content/jobs/1.md", "x", "z", "date = 2026-11-01"),
        posting("content/jobs/2.md", "y", "北京研发", "date = 2026-11-01"),
        posting("content/jobs/3.md", "w", "无文件", "date = 2026-11-01"),
    ]);
    let site = assembled(&content, false);
    let names: Vec<&str> = site.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["无文件", "北京研发", "中间件", "Apps"],
        "order 0 first, then bei < zhong"
    );
    let team_of = |title: &str| {
        site.teams[site
            .jobs
            .iter()
            .find(|j| j.posting.title == title)
            .unwrap()
            .team]
            .name
            .clone()
    };
    assert_eq!(team_of("x"), "中间件");
    assert_eq!(team_of("y"), "北京研发");
    assert!(
        site.teams[0].file.is_none(),
        "a team only named by a posting has no file"
    );
}

#[test]
fn same_titles_in_two_teams_get_distinct_slugs_deterministically() {
    let content = content(vec![
        posting(
            "content/jobs/a.md",
            "后端工程师",
            "infra",
            "date = 2026-11-01",
        ),
        posting(
            "content/jobs/b.md",
            "后端工程师",
            "data",
            "date = 2026-11-01",
        ),
        posting(
            "content/jobs/c.md",
            "后端工程师",
            "data",
            "date = 2026-11-01",
        ),
    ]);
    let site = assembled(&content, false);
    let mut slugs: Vec<&str> = site.jobs.iter().map(|j| j.slug.as_str()).collect();
    slugs.sort();
    assert_eq!(
        slugs,
        ["后端工程师", "后端工程师-data", "后端工程师-data-2"],
        "the first by path keeps the plain slug"
    );
}

#[test]
fn the_posting_that_opened_first_keeps_its_slug() {
    let older = posting(
        "content/jobs/z-old.md",
        "后端工程师",
        "infra",
        "date = 2026-10-01",
    );
    let newer = posting(
        "content/jobs/a-new.md",
        "后端工程师",
        "data",
        "date = 2026-11-01",
    );
    let alone = content(vec![older.clone()]);
    let (site, _) = assemble(&alone, false);
    assert_eq!(site.jobs[0].slug, "后端工程师");
    let both = content(vec![older, newer]);
    let (site, errors) = assemble(&both, false);
    assert!(errors.is_empty());
    let slug = |path: &str| slug_of(&site, path);
    assert_eq!(
        slug("content/jobs/z-old.md"),
        "后端工程师",
        "adding a file moves no URL"
    );
    assert_eq!(slug("content/jobs/a-new.md"), "后端工程师-data");
    let warnings = slugs::clashes(&site);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].path, Path::new("content/jobs/a-new.md"));
    assert!(warnings[0].message.contains("content/jobs/z-old.md"));
}

#[test]
fn many_postings_of_one_title_are_numbered_in_path_order() {
    let mut items: Vec<(PathBuf, Item)> = (0..3000)
        .map(|i| {
            posting(
                &format!("content/jobs/{i:04}.md"),
                "Engineer",
                "t",
                "date = 2026-11-01",
            )
        })
        .collect();
    items.push(posting(
        "content/jobs/z.md",
        "Other",
        "t",
        // Opened first, so its slug is its own: the numbering passes over it.
        "date = 2026-10-01\nslug = \"engineer-t-3\"",
    ));
    let content = content(items);
    let started = std::time::Instant::now();
    let (site, errors) = assemble(&content, false);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "slugs take linear time"
    );
    assert!(errors.is_empty());
    let slug = |path: &str| slug_of(&site, path);
    assert_eq!(slug("content/jobs/0000.md"), "engineer");
    assert_eq!(slug("content/jobs/0001.md"), "engineer-t");
    assert_eq!(slug("content/jobs/0002.md"), "engineer-t-2");
    assert_eq!(
        slug("content/jobs/0003.md"),
        "engineer-t-4",
        "`engineer-t-3` is taken by a slug written by hand"
    );
    assert_eq!(slug("content/jobs/2999.md"), "engineer-t-3000");
    let unique: std::collections::HashSet<&str> =
        site.jobs.iter().map(|j| j.slug.as_str()).collect();
    assert_eq!(unique.len(), site.jobs.len());
}

#[test]
fn newest_first_within_a_team_and_locations_by_count() {
    let content = content(vec![
        posting(
            "content/jobs/a.md",
            "old",
            "t",
            "date = 2026-01-01\nlocations = [\"北京市\"]",
        ),
        posting(
            "content/jobs/b.md",
            "new",
            "t",
            "date = 2026-11-01\nlocations = [\"杭州市\", \"北京市\"]",
        ),
    ]);
    let site = assembled(&content, false);
    let titles: Vec<&str> = site.jobs.iter().map(|j| j.posting.title.as_str()).collect();
    assert_eq!(titles, ["new", "old"]);
    let locations: Vec<&str> = site.locations.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(locations, ["北京市", "杭州市"]);
    assert_eq!(site.content_hrefs["jobs/b.md"], "/careers/jobs/new/");
}
