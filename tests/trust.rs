//! What users trust the builder with: no script links, stable posting URLs, a starter that
//! does not expire, every problem in one run, no silently dropped files, reproducible output
//! without bookkeeping in it, structured data Google accepts, summaries, plain counts.

mod common;

use common::{assert_line, assert_stdout, snapshot, yingcai, Site, BASIC_CONFIG};
use std::path::Path;
use std::process::Command;

fn run_with_epoch(args: &[&str], cwd: &Path, epoch: &str) -> common::Run {
    let out = Command::new(env!("CARGO_BIN_EXE_yingcai"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The problem lines of a run (`path:line:column: severity: message`).
fn problem_lines(run: &common::Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

// 1. Script links on resume pages.

#[test]
fn resume_links_with_scripts_are_errors_in_markdown_and_json() {
    let site = Site::basic_with(&[
        (
            "content/resumes/me.md",
            "+++\nname = \"林\"\nurl = \" javascript:alert(1)\"\nimage = \"data:text/html,<script>alert(1)</script>\"\n\n[[profiles]]\nnetwork = \"GitHub\"\nurl = \"JaVaScRiPt:alert(2)\"\n\n[[projects]]\nname = \"p\"\nurl = \"vbscript:msgbox(1)\"\n+++\n",
        ),
        (
            "content/resumes/json.json",
            "{\n  \"basics\": {\n    \"name\": \"Ada\",\n    \"url\": \"\\tjavascript:alert(3)\",\n    \"profiles\": [{ \"network\": \"X\", \"url\": \"java\\nscript:alert(4)\" }]\n  },\n  \"projects\": [{ \"name\": \"q\", \"url\": \"https://ok.example.com/\" }]\n}\n",
        ),
    ]);
    let unsafe_link = |at: &str, value: &str, scheme: &str| {
        format!("content/resumes/{at}: error: {value} is not a safe link (`{scheme}:`): use an http(s) address, a mailto: or tel: address, or a path on the site\n")
    };
    let expected = [
        unsafe_link(
            "json.json:4:13",
            "`basics.url` `javascript:alert(3)`",
            "javascript",
        ),
        // The value shown on one line: its line break written as an escape.
        unsafe_link(
            "json.json:5:44",
            "`basics.profiles[0].url` `java\\nscript:alert(4)`",
            "javascript",
        ),
        unsafe_link("me.md:3:8", "`url` `javascript:alert(1)`", "javascript"),
        unsafe_link(
            "me.md:4:10",
            "`image` `data:text/html,<script>alert(1)</script>`",
            "data",
        ),
        unsafe_link(
            "me.md:8:8",
            "`profiles[0].url` `JaVaScRiPt:alert(2)`",
            "javascript",
        ),
        unsafe_link(
            "me.md:12:8",
            "`projects[0].url` `vbscript:msgbox(1)`",
            "vbscript",
        ),
        "error: 6 problems found; nothing was written\n".to_string(),
    ];
    site.build_fails(&expected.concat());
}

// 2. Adding a posting never moves another; aliases.

#[test]
fn adding_a_posting_with_the_same_title_keeps_the_existing_url() {
    let site = Site::built_with(&[]);
    assert!(site.public().join("jobs/后端工程师/index.html").is_file());
    site.write(
        "content/jobs/a-new.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"数据\"\ndate = 2026-11-10\n+++\n新的。\n",
    );
    site.build_ok();
    let page = site.read_job("后端工程师");
    assert!(
        page.contains("负责存储系统"),
        "the first posting keeps its URL"
    );
    assert!(site.read_job("后端工程师-数据").contains("新的"));
    let check = yingcai(&["check"], site.root());
    assert_line(&check.stderr, "content/jobs/a-new.md:2:1: warning: its slug `后端工程师` is kept by content/jobs/backend.md, which opened earlier (or is earlier by path): this posting is at /jobs/后端工程师-数据/; set `slug` to choose its address");
}

#[test]
fn a_slug_written_later_never_takes_an_existing_url() {
    let site = Site::built_with(&[]);
    assert!(site.read_job("后端工程师").contains("负责存储系统"));
    // A newer posting asking for the older one's address is refused, not given it.
    site.write(
        "content/jobs/later.md",
        "+++\ntitle = \"Whatever\"\nteam = \"infra\"\ndate = 2026-11-20\nslug = \"后端工程师\"\n+++\n新的。\n",
    );
    site.build_fails(
        "content/jobs/later.md:5:1: error: duplicate slug `后端工程师`: content/jobs/backend.md already uses it (made from its title; it opened earlier, so the address is its own): choose another `slug`, or give that posting a `slug`\nerror: 1 problem found; nothing was written\n",
    );
    assert!(
        site.read_job("后端工程师").contains("负责存储系统"),
        "the output is left as it was"
    );
    // Written by a posting that opened first, a slug is that posting's: a later posting
    // whose title gives the same slug takes its team's after it.
    site.write(
        "content/jobs/later.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-20\n+++\n新的。\n",
    );
    site.write(
        "content/jobs/first.md",
        "+++\ntitle = \"Storage\"\nteam = \"infra\"\ndate = 2026-10-01\nslug = \"后端工程师-infra\"\n+++\n最早的。\n",
    );
    site.build_ok();
    assert!(site.read_job("后端工程师").contains("负责存储系统"));
    assert!(site.read_job("后端工程师-infra").contains("最早的"));
    assert!(site.read_job("后端工程师-infra-2").contains("新的"));
    // A draft, however early, holds no address a published posting asks for.
    site.write(
        "content/jobs/draft.md",
        "+++\ntitle = \"Draft\"\nteam = \"infra\"\ndate = 2026-09-01\ndraft = true\nslug = \"wanted\"\n+++\n草稿。\n",
    );
    site.write(
        "content/jobs/later.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-20\nslug = \"wanted\"\n+++\n新的。\n",
    );
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stderr,
        "content/jobs/draft.md:6:1: error: duplicate slug `wanted`: content/jobs/later.md already uses it\nerror: 1 problem found; nothing was written\n"
    );
}

#[test]
fn every_team_has_a_page_of_its_own_and_check_says_how_to_describe_it() {
    let posting = |title: &str, team: &str| {
        format!("+++\ntitle = \"{title}\"\nteam = \"{team}\"\ndate = 2026-11-02\nlocations = [\"杭州市\"]\napply = \"a@example.com\"\n+++\n正文。\n")
    };
    let site = Site::built_with(&[
        (
            "content/teams/infra-2.md",
            "+++\nname = \"第二基础架构\"\n+++\n第二个。\n",
        ),
        ("content/jobs/i2.md", &posting("I2 岗位", "infra-2")),
        ("content/jobs/upper.md", &posting("大写", "INFRA")),
        ("content/jobs/dp1.md", &posting("DP1", "Data Platform")),
        ("content/jobs/dp2.md", &posting("DP2", "data-platform")),
        (
            "content/teams/前端.md",
            "+++\nname = \"前端\"\n+++\n前端。\n",
        ),
        ("content/jobs/fe.md", &posting("前端工程师", "前端")),
        ("content/jobs/be.md", &posting("后端开发", "后端")),
    ]);
    // `INFRA` is a team of its own (ids are matched exactly), and takes no other team's page.
    assert!(site.read("teams/infra/index.html").contains("后端工程师"));
    assert!(site.read("teams/infra-2/index.html").contains("I2 岗位"));
    assert!(site.read("teams/infra-3/index.html").contains("大写"));
    assert!(site.read("teams/data-platform/index.html").contains("DP1"));
    assert!(site
        .read("teams/data-platform-2/index.html")
        .contains("DP2"));
    let check = yingcai(&["check"], site.root());
    assert_line(
        &check.stderr,
        "content/jobs/upper.md:3:1: warning: team `INFRA` has no file: did you mean `infra`?",
    );
    assert_line(&check.stderr, "content/jobs/dp1.md:3:1: warning: team `Data Platform` has no file: add content/teams/data-platform.md with `name = \"Data Platform\"` to give it a description and order");
    assert_line(&check.stderr, "content/jobs/dp2.md:3:1: warning: team `data-platform` has no file: add content/teams/data-platform-2.md with `name = \"data-platform\"` to give it a description and order");
    // Two short names one character apart are two teams, not a typo.
    assert_line(&check.stderr, "content/jobs/be.md:3:1: warning: team `后端` has no file: add content/teams/后端.md to give it a description and order");
}

#[test]
fn aliases_send_readers_to_the_current_url() {
    let site = Site::built_with(&[
        (
            "content/jobs/backend.md",
            "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\naliases = [\"/jobs/old-backend/\", \"jobs/older.html\"]\n+++\n负责存储系统。\n",
        ),
    ]);
    for alias in ["jobs/old-backend/index.html", "jobs/older.html"] {
        let html = site.read(alias);
        let target =
            "https://example.github.io/careers/jobs/%E5%90%8E%E7%AB%AF%E5%B7%A5%E7%A8%8B%E5%B8%88/";
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )),
            "{html}"
        );
        assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{target}\">")));
        assert!(html.contains(&format!("<a href=\"{target}\">")));
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    }
    let sitemap = site.read("sitemap.xml");
    assert!(
        !sitemap.contains("old-backend"),
        "aliases are not in the sitemap"
    );

    site.write(
        "content/jobs/backend.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\naliases = [\"/teams/infra/\"]\n+++\n负责存储系统。\n",
    );
    site.build_fails(
        "content/jobs/backend.md:5:1: error: alias `/teams/infra/`: a page of the site is already there\nerror: 1 problem found; nothing was written\n",
    );
    // An alias that would need a folder where the site writes a file.
    site.write(
        "content/jobs/backend.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\naliases = [\"/feed.xml\", \"/style.css\", \"/search/meta.json\"]\n+++\n负责存储系统。\n",
    );
    site.build_fails(&[
        "content/jobs/backend.md:5:1: error: alias `/feed.xml/`: the site has a file at `/feed.xml`\n",
        "content/jobs/backend.md:5:1: error: alias `/search/meta.json/`: the site has a file at `/search/meta.json`\n",
        "content/jobs/backend.md:5:1: error: alias `/style.css/`: the site has a file at `/style.css`\n",
        "error: 3 problems found; nothing was written\n",
    ].concat());
}

#[test]
fn files_content_does_not_read_are_named_even_when_a_build_fails() {
    let site = Site::basic_with(&[
        ("content/job/a.md", "+++\ntitle = \"A\"\n+++\n"),
        ("content/jobs/x.markdown", "+++\ntitle = \"X\"\n+++\n"),
        ("content/jobs/photo.png", "not a posting"),
        (
            "content/jobs/bad.md",
            "+++\ntitle = \"Bad\"\nteam = \"infra\"\ndate = 2026-11-01\nremote = \"yes\"\n+++\n",
        ),
    ]);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.all());
    for line in [
        "content/job/a.md:1:1: warning: ignored: content files go in content/jobs/, content/teams/ or content/resumes/",
        "content/jobs/photo.png:1:1: warning: ignored: content/ holds Markdown (`.md`) files and, in content/resumes/, JSON Resume files; put other files in static/",
        "content/jobs/x.markdown:1:1: warning: ignored: content files end in `.md`; rename it to content/jobs/x.md",
        "error: 1 problem found; nothing was written",
    ] {
        assert_line(&run.stderr, line);
    }
    assert!(
        run.stderr.contains("content/jobs/bad.md:5:"),
        "{}",
        run.stderr
    );
    let check = yingcai(&["check"], site.root());
    assert_line(&check.stdout, "checked: 1 error(s), 3 warning(s)");
    // A problem found after loading (a broken `@/` link) keeps the warnings too; file
    // managers' own files are not content and are passed over.
    site.write("content/jobs/Thumbs.db", "cache");
    site.write(
        "content/jobs/bad.md",
        "+++\ntitle = \"Bad\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n[x](@/jobs/nope.md)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert_line(
        &run.stderr,
        "content/jobs/bad.md:6:1: error: broken link `@/jobs/nope.md`: no such content file",
    );
    assert_line(&run.stderr, "content/jobs/x.markdown:1:1: warning: ignored: content files end in `.md`; rename it to content/jobs/x.md");
    assert!(!run.stderr.contains("Thumbs.db"), "{}", run.stderr);
}

#[test]
fn check_names_links_to_paths_the_site_does_not_have() {
    let site = Site::basic_with(&[(
        "content/jobs/links.md",
        "+++\ntitle = \"链接\"\nteam = \"infra\"\ndate = 2026-11-02\nlocations = [\"杭州市\"]\napply = \"a@example.com\"\nvalid_through = 2027-01-31\n+++\n[团队](/teams/infra/) [职位](/jobs/后端工程师/#apply) [首页](/)\n\n[没有](/nowhere/) ![图](/logo.png) [站外](https://example.com/nowhere/)\n",
    )]);
    let check = yingcai(&["check"], site.root());
    let broken: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.contains("broken link"))
        .collect();
    assert_eq!(
        broken,
        [
            "content/jobs/links.md:11:1: warning: broken link `/nowhere/`: the site has no page or file there",
            "content/jobs/links.md:11:17: warning: broken link `/logo.png`: the site has no page or file there",
        ],
        "{}",
        check.stderr
    );
    site.write("static/logo.png", "png");
    let check = yingcai(&["check"], site.root());
    assert!(
        !check.stderr.contains("/logo.png"),
        "a static file is there: {}",
        check.stderr
    );
}

#[test]
fn check_notes_a_posting_dated_after_today() {
    // Today is 2026-11-22 (TODAY_EPOCH).
    let site = Site::basic_with(&[(
        "content/jobs/later.md",
        "+++\ntitle = \"以后\"\nteam = \"infra\"\ndate = 2026-11-23\nlocations = [\"杭州市\"]\napply = \"a@example.com\"\nvalid_through = 2027-01-31\n+++\n正文。\n",
    )]);
    let check = yingcai(&["check"], site.root());
    assert_eq!(
        check.stderr,
        "content/jobs/later.md:4:1: warning: `date` 2026-11-23 is after today: the posting is listed now, and search engines are told it was posted on that day\n",
        "{}",
        check.all()
    );
}

#[test]
fn a_resume_home_whose_resume_cannot_be_read_reports_that_file_alone() {
    let site = Site::basic_with(&[(
        "content/resumes/me.md",
        "+++\nname = \"张三\"\nname = \"重复\"\n+++\n",
    )]);
    site.write(
        "config.toml",
        &BASIC_CONFIG.replace(
            "description = \"测试站点\"",
            "description = \"测试站点\"\nhome = \"resume\"",
        ),
    );
    site.build_fails(
        "content/resumes/me.md:3:1: error: invalid TOML: duplicate key\nerror: 1 problem found; nothing was written\n",
    );
    // With other resumes beside it, the home still has too many: both are said.
    site.write("content/resumes/a.md", "+++\nname = \"甲\"\n+++\n");
    site.write("content/resumes/b.md", "+++\nname = \"乙\"\n+++\n");
    site.build_fails(
        "config.toml:5:1: error: `home = \"resume\"` needs exactly one resume in content/resumes/, found 2\ncontent/resumes/me.md:3:1: error: invalid TOML: duplicate key\nerror: 2 problems found; nothing was written\n",
    );
}

#[test]
fn a_long_title_gives_an_address_that_fits_a_folder_name() {
    let title = "高级分布式存储与计算平台研发工程师".repeat(6);
    let site = Site::built_with(&[(
        "content/jobs/long.md",
        &format!("+++\ntitle = \"{title}\"\nteam = \"infra\"\ndate = 2026-11-02\n+++\n很长。\n"),
    )]);
    let slug: String = title.chars().take(40).collect();
    assert!(site.read_job(&slug).contains("很长"));
    site.write(
        "content/jobs/long.md",
        &format!("+++\ntitle = \"长\"\nteam = \"infra\"\ndate = 2026-11-02\nslug = \"{title}\"\n+++\n很长。\n"),
    );
    site.build_fails(
        "content/jobs/long.md:5:1: error: `slug` is 306 bytes long; it names a folder, and must be at most 200\nerror: 1 problem found; nothing was written\n",
    );
}

// 3. The starter follows the day it is written.

#[test]
fn init_here_says_the_next_command_without_a_cd() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_with_epoch(&["init"], dir.path(), "1930089600");
    assert!(run.ok(), "{}", run.all());
    assert_eq!(run.stdout.lines().last(), Some("next: yingcai build"));
}

#[test]
fn the_starter_site_is_open_on_the_day_it_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // 2031-03-01.
    let epoch = "1930089600";
    let run = run_with_epoch(&["init", "site"], dir.path(), epoch);
    assert!(run.ok(), "{}", run.all());
    let run = run_with_epoch(&["build"], &dir.path().join("site"), epoch);
    assert!(run.ok(), "{}", run.all());
    assert_stdout(
        &run,
        "built 10 pages (2 postings, 2 open; 1 team; 3 locations; 0 resumes) in N ms → ./public\n",
    );
}

// 4. Every problem in one run, and counts that match.

#[test]
fn a_build_reports_load_link_and_template_problems_together() {
    let site = Site::basic_with(&[
        (
            "content/jobs/typo.md",
            "+++\ntitle = \"x\"\nteam = \"infra\"\ndate = 2026-11-01\nlocatons = [\"杭州市\"]\n+++\n",
        ),
        (
            "content/jobs/links.md",
            "+++\ntitle = \"y\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n见 [这里](@/jobs/nowhere.md) 与 [那里](@/jobs/typo.md)。\n",
        ),
        (
            "templates/base.html",
            "<html>{% if %}</html>\n",
        ),
    ]);
    // A file that failed to load (typo.md) is not reported as a broken link target, and the
    // counts match what is printed.
    let problems = "\
content/jobs/links.md:6:3: error: broken link `@/jobs/nowhere.md`: no such content file
content/jobs/typo.md:5:1: error: unknown key `locatons`; did you mean `locations`?
templates/base.html:1:13: error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`
";
    let build = yingcai(&["build"], site.root());
    assert_eq!(build.code, 1, "{}", build.all());
    assert_eq!(build.stdout, "");
    assert_eq!(
        build.stderr,
        format!("{problems}error: 3 problems found; nothing was written\n")
    );
    let check = yingcai(&["check"], site.root());
    assert_eq!(check.code, 1, "{}", check.all());
    assert_eq!(check.stderr, problems);
    assert_eq!(check.stdout, "checked: 3 error(s), 0 warning(s)\n");
}

#[test]
fn a_config_problem_does_not_hide_content_problems() {
    let site = Site::new();
    site.basic();
    site.write(
        "config.toml",
        &BASIC_CONFIG.replace("language = \"zh\"", "langauge = \"zh\""),
    );
    site.write(
        "content/jobs/typo.md",
        "+++\ntitle = \"x\"\nteam = \"infra\"\ndate = 2026-11-01\nlocatons = [\"杭州市\"]\n+++\n",
    );
    site.build_fails(
        "\
config.toml:3:1: error: unknown key `langauge`; did you mean `language`?
content/jobs/typo.md:5:1: error: unknown key `locatons`; did you mean `locations`?
error: 2 problems found; nothing was written
",
    );
}

#[test]
fn check_counts_each_printed_problem_once() {
    let site = Site::basic_with(&[(
        "content/jobs/two.md",
        "+++\ntitle = \"y\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n",
    )]);
    // One template problem that every posting page meets.
    site.write(
        "templates/posting.html",
        "{% extends \"base.html\" %}{% block main %}{{ nothing.here }}{% endblock main %}\n",
    );
    let run = yingcai(&["check"], site.root());
    let errors = problem_lines(&run)
        .iter()
        .filter(|l| l.contains(": error: "))
        .count();
    assert!(errors > 0, "{}", run.all());
    assert_stdout(&run, &format!("checked: {errors} error(s), 2 warning(s)\n"));
}

// 6. Symbolic links under content/.

#[cfg(unix)]
#[test]
fn symlinked_content_is_followed_and_dangling_links_reported() {
    use std::os::unix::fs::symlink;
    let site = Site::basic_with(&[
        (
            "shared/one.md",
            "+++\ntitle = \"链接职位\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n",
        ),
        (
            "shared/folder/two.md",
            "+++\ntitle = \"目录职位\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n",
        ),
    ]);
    let root = site.root();
    symlink(root.join("shared/one.md"), root.join("content/jobs/one.md")).unwrap();
    symlink(root.join("shared/folder"), root.join("content/jobs/folder")).unwrap();
    let run = site.build_ok();
    assert_stdout(
        &run,
        "built 10 pages (3 postings, 3 open; 1 team; 2 locations; 0 resumes) in N ms → ./public\n",
    );
    site.read_job("链接职位");
    site.read_job("目录职位");

    // A link back to a folder above it is reported, not followed round.
    symlink(root.join("content/jobs"), root.join("shared/folder/up")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.lines().any(|l| l
            == "content/jobs/folder/up:1:1: error: symbolic link loop: this link leads back to a folder above it; it was not followed"),
        "{}",
        run.all()
    );
    std::fs::remove_file(root.join("shared/folder/up")).unwrap();

    symlink(
        root.join("shared/gone.md"),
        root.join("content/jobs/gone.md"),
    )
    .unwrap();
    for args in [&["build"][..], &["check"][..]] {
        let run = yingcai(args, root);
        assert_eq!(run.code, 1, "{}", run.all());
        let root = root.display().to_string();
        assert_line(
            &run.stderr.replace(&root, "ROOT"),
            "content/jobs/gone.md:1:1: error: symbolic link to nothing (to ROOT/shared/gone.md): its target does not exist; fix or remove the link",
        );
    }
}

#[cfg(unix)]
#[test]
fn an_edit_behind_a_symlink_builds_again() {
    let site = Site::basic_with(&[
        (
            "shared/one.md",
            "+++\ntitle = \"链接职位\"\nteam = \"infra\"\ndate = 2026-11-01\nlocations = [\"杭州市\"]\nvalid_through = 2027-01-31\n+++\n第一版。\n",
        ),
    ]);
    let root = site.root();
    std::os::unix::fs::symlink(root.join("shared/one.md"), root.join("content/jobs/one.md"))
        .unwrap();
    assert!(site.build(&[]).ok());
    // Settled files are compared by their metadata, not their bytes.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(site.build(&[]).ok());
    assert_stdout(&site.build(&[]), "up to date (nothing changed): 9 pages (2 postings, 2 open; 1 team; 2 locations; 0 resumes) in N ms → ./public\n");
    site.write(
        "shared/one.md",
        "+++\ntitle = \"链接职位\"\nteam = \"infra\"\ndate = 2026-11-01\nlocations = [\"杭州市\"]\nvalid_through = 2027-01-31\n+++\n第二版。\n",
    );
    let run = site.build(&[]);
    assert_stdout(
        &run,
        "built 9 pages (2 postings, 2 open; 1 team; 2 locations; 0 resumes) in N ms → ./public\n",
    );
    assert!(site.read_job("链接职位").contains("第二版"));
}

// 7. Reproducible output, bookkeeping kept out of it.

#[test]
fn two_clean_builds_give_identical_folders_without_bookkeeping() {
    let site = Site::built_with(&[]);
    let other = site.root().join("other");
    let run = site.build(&["--output", other.to_str().unwrap()]);
    assert!(run.ok(), "{}", run.all());
    let a = snapshot(&site.public());
    let b = snapshot(&other);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert_eq!(Some(bytes), b.get(path), "{path} differs");
    }
    assert!(
        a.keys().all(|p| !p.contains(".yingcai")),
        "no bookkeeping is deployed: {:?}",
        a.keys().collect::<Vec<_>>()
    );
    // The output is still recognised as ours, and a second build has nothing to do.
    let run = site.build(&[]);
    assert_stdout(&run, "up to date (nothing changed): 8 pages (1 posting, 1 open; 1 team; 2 locations; 0 resumes) in N ms → ./public\n");
    site.write(
        "content/jobs/backend.md",
        "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n改了。\n",
    );
    let run = site.build(&[]);
    assert!(run.ok(), "{}", run.all());
    assert_stdout(
        &run,
        "built 6 pages (1 posting, 1 open; 1 team; 0 locations; 0 resumes) in N ms → ./public\n",
    );
}

#[test]
fn a_folder_put_where_the_output_was_is_not_ours() {
    let site = Site::built_with(&[]);
    std::fs::remove_dir_all(site.public()).unwrap();
    site.write("public/notes.txt", "precious");
    let run = site.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(
        std::fs::read_to_string(site.public().join("notes.txt")).unwrap(),
        "precious"
    );
}

// 8. JobPosting needs a place.

#[test]
fn a_posting_without_a_place_takes_the_organization_address_or_has_no_job_posting() {
    let site = Site::basic_with(&[(
        "content/jobs/nowhere.md",
        "+++\ntitle = \"中间件 SRE\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n运维。\n",
    )]);
    let run = site.build_ok();
    let html = site.read_job("中间件-sre");
    assert!(
        common::json_ld(&html).is_none(),
        "no JobPosting without a place"
    );
    assert_eq!(run.stderr, "content/jobs/nowhere.md:2:1: warning: no JobPosting structured data: Google needs a place of work; set `locations` or `remote = true`, or give `[organization] address` in config.toml\n", "{}", run.all());
    let check = yingcai(&["check"], site.root());
    assert_line(&check.stderr, "content/jobs/nowhere.md:2:1: warning: no JobPosting structured data: Google needs a place of work; set `locations` or `remote = true`, or give `[organization] address` in config.toml");

    site.write(
        "config.toml",
        &format!("{BASIC_CONFIG}address = {{ street = \"文一西路 969 号\", locality = \"杭州市\", region = \"浙江省\", postal_code = \"311121\" }}\n"),
    );
    site.build_ok();
    let ld = common::json_ld(&site.read_job("中间件-sre")).expect("a JobPosting");
    let address = &ld["jobLocation"][0]["address"];
    assert_eq!(address["streetAddress"], "文一西路 969 号");
    assert_eq!(address["addressLocality"], "杭州市");
    assert_eq!(address["addressRegion"], "浙江省");
    assert_eq!(address["postalCode"], "311121");
    assert_eq!(address["addressCountry"], "CN");
    let check = yingcai(&["check"], site.root());
    assert_eq!(
        check.stderr,
        "\
content/jobs/nowhere.md:2:1: warning: no `locations` and not `remote`: search engines are given the organization's address as the place of work
content/jobs/nowhere.md:4:1: warning: no `valid_through`: search engines recommend an end date for job postings
",
        "{}",
        check.all()
    );
}

// 9. Summaries when the body starts with a heading and has no paragraph.

#[test]
fn summaries_come_from_the_first_text_wherever_it_is() {
    let site = Site::built_with(&[
        (
            "content/jobs/backend.md",
            "+++\ntitle = \"测试开发专家\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n\n## 职责描述：\n\n- 参与质量保障工作；\n- 制定测试策略；\n",
        ),
    ]);
    let page = site.read_job("测试开发专家");
    assert!(
        page.contains("<meta name=\"description\" content=\"参与质量保障工作；"),
        "{page}"
    );
    assert!(site.read("index.html").contains("参与质量保障工作；"));
    assert!(site
        .read("feed.xml")
        .contains("<summary>参与质量保障工作；"));
}

// 10. Small things.

#[test]
fn summary_lines_use_singular_for_one() {
    let site = Site::basic_with(&[("content/resumes/me.md", "+++\nname = \"林\"\n+++\n")]);
    let run = site.build_ok();
    assert_stdout(
        &run,
        "built 9 pages (1 posting, 1 open; 1 team; 2 locations; 1 resume) in N ms → ./public\n",
    );
}

#[test]
fn import_jekyll_without_postings_fails_and_reports_script() {
    let site = Site::basic_with(&[("page.md", "---\ntitle: 招聘\n---\n\n没有职位。\n")]);
    let run = yingcai(&["import", "jekyll", "page.md"], site.root());
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(run.stderr, "error: no posting found in page.md: each posting starts at a `### ` heading; nothing was written\n", "{}", run.all());
    assert_eq!(
        run.stdout,
        "page.md:4:1: not found: no posting found: postings are `### TEAM - TITLE` headings\n",
        "nothing was written, so nothing was inferred"
    );

    site.write(
        "page2.md",
        "---\ntitle: 招聘\n---\n\n### 基础架构 - 后端工程师\n\n<script>alert(1)</script>\n\n<a href=\"javascript:x()\" onclick=\"y()\">投递</a>\n",
    );
    let run = yingcai(&["import", "jekyll", "page2.md"], site.root());
    assert!(run.ok(), "{}", run.all());
    assert_eq!(
        run.stdout,
        "\
page2.md:2:1: inferred: page title \"招聘\": the title of content/_index.md
page2.md:5:1: inferred: team \"基础架构\": ID \"基础架构\", file content/teams/基础架构.md
page2.md:5:1: inferred: posting \"后端工程师\" of team \"基础架构\" → content/jobs/基础架构/后端工程师.md; employment_type FULL_TIME assumed
page2.md:5:1: not found: no level found for \"基础架构 - 后端工程师\": set `level` in content/jobs/基础架构/后端工程师.md
page2.md:5:1: not found: no cities found for \"基础架构 - 后端工程师\": set `locations` in content/jobs/基础架构/后端工程师.md
page2.md:5:1: not found: no email found for \"基础架构 - 后端工程师\": set `apply` in content/jobs/基础架构/后端工程师.md
created ./content/jobs/基础架构/后端工程师.md
created ./content/teams/基础架构.md
kept ./content/_index.md (exists; not overwritten)
imported 2 file(s) from page2.md
",
        "{}",
        run.all()
    );
    assert_eq!(
        run.stderr,
        "\
page2.md:7:1: warning: `<script>` in raw HTML is imported as written and runs in readers' browsers; remove it unless you trust it
page2.md:9:10: warning: a `javascript:` link in raw HTML is imported as written and runs in readers' browsers; remove it unless you trust it
page2.md:9:26: warning: `onclick=` in raw HTML is imported as written and runs in readers' browsers; remove it unless you trust it
",
        "{}",
        run.all()
    );
}
