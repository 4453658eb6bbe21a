//! The exact text users see: every kind of problem message, the summary lines of `build`,
//! `check`, `init` and `import`, and usage errors, from the binary run on small sites.
//! Snapshots are in `tests/snapshots/`; the site's folder is shown as `ROOT` and a build's
//! time as `N ms`. After an intended change of wording: `INSTA_UPDATE=always cargo test
//! --test messages`, then read the diff of the `.snap` files.

mod common;

use common::{without_times, yingcai, Run, Site, BASIC_CONFIG};

/// A run as users read it: exit code, stdout, stderr, with machine-dependent parts replaced.
fn transcript(run: &Run, site: &Site) -> String {
    let root = site.root().display().to_string();
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    );
    without_times(&text.replace(&root, "ROOT"))
}

/// The basic site (config, home, a team, a posting) with `files` written over it.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::new();
    site.basic();
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

fn check(site: &Site) -> String {
    transcript(&yingcai(&["check"], site.root()), site)
}

fn build(site: &Site) -> String {
    transcript(&site.build(&[]), site)
}

#[test]
fn build_summary_and_up_to_date() {
    let site = Site::new();
    site.basic();
    insta::assert_snapshot!("build_summary", build(&site));
    insta::assert_snapshot!("build_up_to_date", build(&site));
}

/// Files written over the basic site: (path, text).
type Files = &'static [(&'static str, &'static str)];

/// Sites with problems of one kind each: snapshot name, the command run (`build` or
/// `check`), and the files written over the basic site.
const PROBLEMS: &[(&str, &str, Files)] = &[
    (
        "check_summary_with_lint_warnings",
        "check",
        &[
            // Closes within the warning window; no place, no apply address, a team without a file.
            ("content/jobs/soon.md", "+++\ntitle = \"运维\"\nteam = \"ops\"\ndate = 2026-11-01\nvalid_through = 2026-11-25\n+++\n"),
            // Closed; no valid_through on an open posting.
            ("content/jobs/closed.md", "+++\ntitle = \"旧职位\"\nteam = \"infra\"\ndate = 2026-01-01\nvalid_through = 2026-02-01\nlocations = [\"上海\"]\n+++\n"),
            ("content/jobs/open.md", "+++\ntitle = \"前端\"\nteam = \"infra\"\ndate = 2026-11-01\nlocations = [\"上海\"]\napply = \"a@example.com\"\n+++\n"),
            ("content/teams/empty.md", "+++\nname = \"空团队\"\n+++\n"),
            ("content/notes.md", "stray\n"),
        ],
    ),
    (
        "posting_value_errors",
        "build",
        &[
            ("content/jobs/bad.md", "+++\ntitle = \" \"\nteam = \"infra\"\ndate = \"next week\"\nvalid_through = 2026-10-01\nlocations = [\"\"]\nemployment_type = \"GIG\"\napply = \"javascript:alert(1)\"\n\n[salary]\ncurrency = \"yuan\"\nmin = 30\nmax = 20\nunit = \"DECADE\"\n+++\n"),
            ("content/jobs/order.md", "+++\ntitle = \"x\"\nteam = \"infra\"\ndate = 2026-11-01\nvalid_through = 2026-10-01\napply = \"not an address\"\n[salary]\ncurrency = \"CNY\"\n+++\n"),
            ("content/jobs/negative.md", "+++\ntitle = \"y\"\nteam = \"\"\ndate = 2026-11-01\n[salary]\ncurrency = \"CNY\"\nmin = -1\n+++\n"),
        ],
    ),
    (
        "front_matter_shape_errors",
        "build",
        &[
            ("content/jobs/unknown.md", "+++\ntitle = \"a\"\nteam = \"infra\"\ndate = 2026-11-01\nlocaton = [\"上海\"]\nfoo = 1\n+++\n"),
            ("content/jobs/missing.md", "---\ntitle: a\ndate: 2026-11-01\n---\n"),
            ("content/jobs/toml.md", "+++\ntitle = \"a\nteam = \"infra\"\n+++\n"),
            ("content/jobs/yaml.md", "---\ntitle: [a\nteam: infra\n---\n"),
            ("content/jobs/bare.md", "# 没有 front matter\n"),
            ("content/jobs/open.md", "+++\ntitle = \"a\"\n"),
            ("content/jobs/type.md", "+++\ntitle = 5\nteam = \"infra\"\ndate = 2026-11-01\n+++\n"),
        ],
    ),
    (
        "team_alias_and_slug_errors",
        "build",
        &[
            ("content/teams/bad.md", "+++\nname = \"\"\ncontact = \"nobody\"\n+++\n"),
            ("content/jobs/a.md", "+++\ntitle = \"A\"\nteam = \"infra\"\ndate = 2026-11-01\naliases = [\"https://old.example.com/x\", \"/a/../b\", \"/a?b\"]\nlocations = [\"上海\"]\n+++\n"),
            ("content/jobs/c.md", "+++\ntitle = \"C\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"a/b\"\nlocations = [\"上海\"]\n+++\n"),
        ],
    ),
    (
        "resume_errors_markdown_and_json",
        "build",
        &[
            ("content/resumes/md.md", "+++\nname = \" \"\nemail = \"not-mail\"\nurl = \"javascript:x\"\nhide = [\"phnoe\"]\n\n[[work]]\nname = \"a\"\nstart = \"last year\"\nend = \"someday\"\n+++\n"),
            ("content/resumes/nested.md", "+++\nname = \"b\"\n\n[[work]]\nname = \"b\"\nposition = \"x\"\nboss = \"y\"\n+++\n"),
            ("content/resumes/unknown.json", "{\n  \"basic\": {},\n  \"works\": []\n}\n"),
            ("content/resumes/values.json", "{\n  \"basics\": { \"url\": \"javascript:x\" },\n  \"work\": [{ \"name\": \"a\", \"startDate\": \"soon\" }],\n  \"hide\": [\"phnoe\"]\n}\n"),
            ("content/resumes/type.json", "{\n  \"basics\": {\n    \"name\": 5\n  }\n}\n"),
            ("content/resumes/syntax.json", "{ \"basics\": "),
            ("content/resumes/array.json", "[]"),
        ],
    ),
];

#[test]
fn problems() {
    for (name, command, files) in PROBLEMS {
        let site = site_with(files);
        let run = yingcai(&[command], site.root());
        insta::assert_snapshot!(*name, transcript(&run, &site));
    }
}

#[test]
fn config_errors() {
    let site = Site::new();
    site.write(
        "config.toml",
        "title = \"\"\nbase_url = \"example.com\"\nlanguage = \"zh\"\nfeed_entries = 0\nthem = \"x\"\n",
    );
    insta::assert_snapshot!("config_unknown_key", build(&site));
    site.write(
        "config.toml",
        "title = \"\"\nbase_url = \"example.com\"\nfeed_entries = 0\n\n[organization]\nname = \"x\"\nurl = \"ftp://x\"\n[organization.address]\nregion = \"浙江省\"\n\n[markdown]\nhighlight_theme = \"nope\"\n",
    );
    insta::assert_snapshot!("config_values", build(&site));
    site.write("config.toml", "title = [\n");
    insta::assert_snapshot!("config_syntax", build(&site));
}

#[test]
fn usage_errors() {
    let site = Site::new();
    insta::assert_snapshot!("no_config", build(&site));
    insta::assert_snapshot!("no_config_check", check(&site));
    site.basic();
    let run = yingcai(&["build", "--base-url", "not a url"], site.root());
    insta::assert_snapshot!("bad_base_url_flag", transcript(&run, &site));
    let run = yingcai(&["import", "jekyll", "missing.md"], site.root());
    insta::assert_snapshot!("import_missing_file", transcript(&run, &site));
}

#[test]
fn theme_and_template_errors() {
    let site = site_with(&[(
        "config.toml",
        &format!("{BASIC_CONFIG}\n").replace(
            "description = \"测试站点\"",
            "description = \"测试站点\"\ntheme = \"fancy\"",
        ),
    )]);
    insta::assert_snapshot!("theme_not_found", build(&site));
    site.write("config.toml", BASIC_CONFIG);
    site.write("templates/job.html", "{% if %}\n");
    insta::assert_snapshot!("template_syntax", build(&site));
    std::fs::remove_file(site.root().join("templates/job.html")).unwrap();
    site.write("templates/team.html", "<p>\n{{ nope.field }}\n");
    insta::assert_snapshot!("template_runtime", build(&site));
}

#[test]
fn site_graph_errors() {
    let site = site_with(&[
        ("content/jobs/a.md", "+++\ntitle = \"A\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"same\"\nlocations = [\"上海\"]\n+++\n\n[broken](@/jobs/nowhere.md)\n"),
        ("content/jobs/b.md", "+++\ntitle = \"B\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"same\"\nlocations = [\"上海\"]\n+++\n"),
    ]);
    insta::assert_snapshot!("duplicate_slug", build(&site));
    std::fs::remove_file(site.root().join("content/jobs/b.md")).unwrap();
    insta::assert_snapshot!("broken_link", build(&site));
    site.write(
        "config.toml",
        &BASIC_CONFIG.replace(
            "description = \"测试站点\"",
            "description = \"测试站点\"\nhome = \"resume\"",
        ),
    );
    site.write(
        "content/jobs/a.md",
        "+++\ntitle = \"A\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n",
    );
    insta::assert_snapshot!("resume_home_without_resume", build(&site));
}

#[test]
fn init_and_import_summaries() {
    let site = Site::new();
    let run = yingcai(&["init", "new-site"], site.root());
    insta::assert_snapshot!("init", transcript(&run, &site));
    let run = yingcai(&["init", "new-site"], site.root());
    insta::assert_snapshot!("init_again", transcript(&run, &site));

    site.basic();
    site.write(
        "page.md",
        "---\ntitle: 招聘\n---\nWelcome\n\n### 平台 - 后端 \"专家\"\n*P7 上海、杭州*\n\nText <a onclick=\"x()\">here</a>.\n\nmail <a@example.com>\n\n### 平台 - SRE\n\nNo level here.\n",
    );
    let run = yingcai(&["import", "jekyll", "page.md"], site.root());
    insta::assert_snapshot!("import", transcript(&run, &site));
    let run = yingcai(&["import", "jekyll", "page.md"], site.root());
    insta::assert_snapshot!("import_again", transcript(&run, &site));
    site.write("empty.md", "nothing <script>x</script>\n");
    let run = yingcai(&["import", "jekyll", "empty.md"], site.root());
    insta::assert_snapshot!("import_nothing", transcript(&run, &site));
}

#[test]
fn paginate_by_out_of_range() {
    let config = BASIC_CONFIG.replace(
        "description = \"测试站点\"",
        "description = \"测试站点\"\npaginate_by = 0",
    );
    let site = site_with(&[("config.toml", &config)]);
    insta::assert_snapshot!("config_paginate_by", build(&site));
}

#[cfg(unix)]
#[test]
fn symbolic_link_loop() {
    let site = Site::new();
    site.basic();
    let jobs = site.root().join("content/jobs");
    std::os::unix::fs::symlink(&jobs, jobs.join("again")).unwrap();
    insta::assert_snapshot!("symbolic_link_loop", build(&site));
}
