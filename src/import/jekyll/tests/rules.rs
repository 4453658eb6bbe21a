//! Small pages built to test one rule each.

use super::super::infer::{find_emails, labelled_text, looks_like_level, parse_meta};
use super::super::write::{is_iso_date, slugify};
use super::super::{plan, MAX_SLUG_CHARS};
use super::{postings, split, string, strings, DATE};
use std::path::{Path, PathBuf};

/// The front matter and body of each file `source` is imported as, in plan order.
fn imported(source: &str) -> Vec<(toml::Table, String)> {
    plan(source, DATE)
        .files
        .iter()
        .map(|file| {
            let (table, body) = split(&file.contents);
            (table, body.to_string())
        })
        .collect()
}

/// The body of the one posting `source` holds.
fn only_posting_body(source: &str) -> String {
    let plan = plan(source, DATE);
    assert_eq!(postings(&plan).len(), 1);
    split(&plan.files[0].contents).1.to_string()
}

#[test]
fn same_slug_in_one_team_gets_a_number() {
    let source = "### A - Dev\n\n### A - dev!\n\n### B - Dev\n";
    let paths: Vec<PathBuf> = plan(source, DATE)
        .files
        .into_iter()
        .map(|f| f.path)
        .collect();
    let expected = [
        "content/jobs/a/dev.md",
        "content/jobs/a/dev-2.md",
        "content/jobs/b/dev.md",
        "content/teams/a.md",
        "content/teams/b.md",
    ];
    assert_eq!(paths, expected.map(PathBuf::from));
}

#[test]
fn teams_whose_names_slug_alike_get_distinct_ids() {
    let (second, _) = &imported("### A B - X\n\n### a-b - Y\n")[1];
    assert_eq!(string(second, "team"), Some("a-b-2"));
}

#[test]
fn headings_in_code_blocks_are_not_postings() {
    let body = only_posting_body("### T - One\n\n```\n### T - Two\n\n\n```\n\nEnd <x@y.cn>\n");
    assert_eq!(body, "\n```\n### T - Two\n\n\n```\n");
}

#[test]
fn cities_fall_back_to_a_labelled_line() {
    let (table, body) =
        &imported("### T - Dev\n\n- 工作地点：杭州 / 上海；\n\nmail a@b.cn or c@d.cn\n")[0];
    assert_eq!(strings(table, "locations"), ["杭州", "上海"]);
    assert_eq!(table.get("level"), None);
    assert_eq!(string(table, "apply"), Some("a@b.cn"));
    assert!(body.contains("c@d.cn"));
    assert_eq!(labelled_text("Relocation: no"), None);
    assert_eq!(labelled_text("**Location**: Shanghai"), Some(" Shanghai"));
}

#[test]
fn level_words_and_cities_are_told_apart() {
    let meta = parse_meta("P7 上海市/北京市， 深圳市 上海市");
    assert_eq!(meta.level.as_deref(), Some("P7"));
    assert_eq!(meta.cities, ["上海市", "北京市", "深圳市"]);
    assert_eq!(parse_meta("杭州市").level, None);
    assert!(looks_like_level("M2"));
    assert!(looks_like_level("3~5"));
    assert!(!looks_like_level("Paris"));
}

#[test]
fn emails_are_found_bare_and_bracketed() {
    assert_eq!(
        find_emails("联系：<a.b@c.com> / x_y@d.e-f.cn."),
        ["a.b@c.com", "x_y@d.e-f.cn"]
    );
    assert_eq!(find_emails("mailto:me@host.org"), ["me@host.org"]);
    assert!(find_emails("@ a@ @b.c a@b x@.cn 邮箱@qq.com").is_empty());
}

#[test]
fn a_missing_email_is_reported() {
    let plan = plan("---\ntitle: Jobs\n---\n### T - Dev\n*P6 北京*\n", DATE);
    assert_eq!(plan.missing.len(), 1);
    assert_eq!(plan.missing[0].line, 4);
    assert!(plan.missing[0].message.starts_with("no email found"));
    assert_eq!(plan.inferred[0].line, 2);
    assert_eq!(plan.files[0].contents.matches("+++").count(), 2);
}

#[test]
fn front_matter_is_read_as_the_loader_reads_it() {
    // YAML may end with `...`; the title is the YAML value, quotes and escapes read.
    let source = "---\nlayout: page\ntitle: \"Careers: \\\"Join\\\"\" # shown\n...\n### T - Dev\n\nMail a@b.io\n";
    let page = plan(source, DATE);
    assert_eq!(postings(&page).len(), 1);
    assert_eq!(page.inferred[0].line, 3);
    assert_eq!(
        page.inferred[0].message,
        "page title \"Careers: \"Join\"\": the title of content/_index.md"
    );
    // TOML too; a block that does not parse is skipped, its title not guessed at.
    let toml = plan(
        "+++\nlayout = \"page\"\ntitle = 'Jobs'\n+++\n### T - Dev\n\nMail a@b.io\n",
        DATE,
    );
    assert_eq!(toml.inferred[0].line, 3);
    assert!(toml.inferred[0].message.starts_with("page title \"Jobs\""));
    let broken = plan("---\ntitle: [Jobs\n---\n### T - Dev\n\nMail a@b.io\n", DATE);
    assert_eq!(postings(&broken).len(), 1);
    assert!(!broken
        .inferred
        .iter()
        .any(|f| f.message.starts_with("page title")));
}

#[test]
fn a_bad_date_is_written_as_a_string_and_reported() {
    let plan = plan("### T - Dev\n", "next week");
    let (table, _) = split(&plan.files[0].contents);
    assert_eq!(string(&table, "date"), Some("next week"));
    assert!(plan.missing[0].message.contains("next week"));
    assert!(is_iso_date("2026-11-01"));
    assert!(!is_iso_date("2026-13-01"));
    assert!(!is_iso_date("2026-1-01"));
    // chrono knows the calendar: a day the month lacks is no date.
    assert!(!is_iso_date("2026-02-30"));
    assert!(is_iso_date("2028-02-29"));
    assert!(!is_iso_date("+2026-01-01"));
    let calendar = super::plan("### T - Dev\n", "2026-02-30");
    let (table, _) = split(&calendar.files[0].contents);
    assert_eq!(string(&table, "date"), Some("2026-02-30"));
}

#[test]
fn odd_input_does_not_panic() {
    let inputs = [
        "",
        "---",
        "---\n---",
        "+++\ntitle = \"x\"\n+++\n### - \n###  -  x\n",
        "### a - b\n```\nunclosed",
        "###\n### a - \u{0}\n*\n**\n*_*\n@\n<@>\n",
        "\u{feff}### 团队 - 职位 ###\n",
    ];
    for input in inputs {
        let plan = plan(input, DATE);
        for file in &plan.files {
            split(&file.contents);
        }
    }
    assert!(plan("", DATE).missing[0]
        .message
        .starts_with("no posting found"));
    let long = "字".repeat(200);
    // Three bytes a character: the slug's byte limit comes before the character limit.
    assert_eq!(
        slugify(&long, "x").chars().count(),
        crate::content::slug::MAX_MADE / 3
    );
    assert_eq!(slugify(&"a".repeat(200), "x").len(), MAX_SLUG_CHARS);
    assert_eq!(slugify("--", "fallback"), "fallback");
}

#[test]
fn fences_and_headings_are_read_as_commonmark_reads_them() {
    // A tilde fence closes only on tildes at least as long; a fence in a quote is code.
    let source = "### T - One\n\n~~~~\n```\n### T - Two\n~~~~\n\n> ```\n> ### T - Three\n> ```\n\n## T - Four\n\nEnd <x@y.cn>\n";
    let body = only_posting_body(source);
    // The `##` heading is the shallowest of the body's own headings: it becomes `##`.
    assert_eq!(
        body,
        "\n~~~~\n```\n### T - Two\n~~~~\n\n> ```\n> ### T - Three\n> ```\n\n## T - Four\n"
    );
    // A closing-hash heading and a heading right under a paragraph are postings too.
    let closed = super::plan("Intro\n### A - B ###\ntext a@b.cn\n", DATE);
    assert_eq!(closed.files[0].path, Path::new("content/jobs/a/b.md"));
}

#[test]
fn quotes_and_backslashes_survive_the_toml_writer() {
    let files = imported("### Team 'Q' - It's \"C:\\dir\" ###\n*P7 O'Fallon*\n");
    let (posting, team) = (&files[0].0, &files[1].0);
    assert_eq!(string(posting, "title"), Some("It's \"C:\\dir\""));
    assert_eq!(strings(posting, "locations"), ["O'Fallon"]);
    assert_eq!(string(team, "name"), Some("Team 'Q'"));
}

#[test]
fn long_slugs_are_cut_without_a_trailing_dash() {
    let title = format!("{} b", "a".repeat(MAX_SLUG_CHARS - 1));
    assert_eq!(slugify(&title, "x"), "a".repeat(MAX_SLUG_CHARS - 1));
    let title = format!("{} bc", "a".repeat(MAX_SLUG_CHARS - 2));
    assert_eq!(
        slugify(&title, "x"),
        format!("{}-b", "a".repeat(MAX_SLUG_CHARS - 2))
    );
}
