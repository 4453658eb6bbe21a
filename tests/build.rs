//! Integration tests: small fixture sites built with the real binary, and assertions on the
//! files it writes and the messages it prints.

mod common;

use std::fs;
use std::path::Path;

use common::*;

#[test]
fn example_site_builds_every_page() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let run = common::build_example(&public);
    let postings = count_files(&repo_root().join("content/jobs"), "md");
    assert_eq!(postings, 12);
    assert_eq!(count_index_pages(&public.join("jobs")), postings);
    assert_eq!(
        count_index_pages(&public.join("teams")),
        1 + count_files(&repo_root().join("content/teams"), "md")
    );
    assert_eq!(count_index_pages(&public.join("resumes")), 2);
    for city in ["杭州市", "北京市", "上海市", "成都市", "广州市"] {
        assert!(
            public
                .join("locations")
                .join(city)
                .join("index.html")
                .is_file(),
            "{city}"
        );
    }
    for file in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "jobs.json",
        "syntax.css",
        "style.css",
        "logo.svg",
    ] {
        assert!(public.join(file).is_file(), "{file}");
    }
    assert_eq!(
        without_times(&run.stdout).replace(public.to_str().unwrap(), "PUBLIC"),
        "built 33 pages (12 postings, 12 open; 10 teams; 5 locations; 2 resumes) in N ms → PUBLIC\n"
    );
    assert_internal_links_resolve(&public, "/careers/");
}

#[test]
fn example_site_keeps_the_candidates_real_contacts_out() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    assert!(yingcai(
        &["build", "--output", public.to_str().unwrap()],
        repo_root()
    )
    .ok());
    for text in all_text_files(&public) {
        assert!(!text.1.contains("13426195715"), "{}", text.0);
        assert!(!text.1.contains("q.sanctity"), "{}", text.0);
        assert!(
            !text.1.contains("+86 138 0000 0000"),
            "hidden phone in {}",
            text.0
        );
    }
}

#[test]
fn links_work_under_a_sub_path_and_at_the_root() {
    let site = Site::new();
    site.basic();
    let run = site.build(&["--base-url", "https://jobs.example.com/"]);
    assert!(run.ok(), "{}", run.all());
    assert_internal_links_resolve(&site.public(), "/");
    let run = site.build(&["--base-url", "https://example.github.io/a/b/"]);
    assert!(run.ok(), "{}", run.all());
    let home = site.read("index.html");
    assert!(home.contains("href=\"/a/b/jobs/"), "{home}");
    assert!(!home.contains("href=\"/jobs/"));
    assert_internal_links_resolve(&site.public(), "/a/b/");
}

#[test]
fn cjk_slugs_are_percent_encoded_in_links_and_utf8_on_disk() {
    let site = Site::built_with(&[]);
    assert!(site.public().join("jobs/后端工程师/index.html").is_file());
    let home = site.read("index.html");
    assert!(
        home.contains("/careers/jobs/%E5%90%8E%E7%AB%AF%E5%B7%A5%E7%A8%8B%E5%B8%88/"),
        "{home}"
    );
}

#[test]
fn front_matter_values_are_html_escaped() {
    let site = Site::built_with(&[
        (
            "content/jobs/evil.md",
            "+++\ntitle = \"<script>alert('x')</script> & Co\"\nteam = \"infra\"\ndate = 2026-11-01\nsummary = \"<img src=x onerror=alert(1)>\"\nlocations = [\"<b>城</b>\"]\n+++\nBody\n",
        ),
    ]);
    for (path, text) in all_text_files(&site.public()) {
        if path.ends_with(".html") {
            assert!(!text.contains("<script>alert"), "{path}");
            assert!(!text.contains("<img src=x"), "{path}");
            assert!(!text.contains("<b>城</b>"), "{path}");
        }
    }
    let page = site.read_job("script-alert-x-script-co");
    assert!(page.contains("&lt;script&gt;alert("), "{page}");
    let ld = json_ld(&page).expect("an open posting has JSON-LD");
    assert_eq!(ld["title"], "<script>alert('x')</script> & Co");
}

#[test]
fn closed_and_draft_postings_are_listed_nowhere() {
    let site = Site::built_with(&[
        (
            "content/jobs/old.md",
            "+++\ntitle = \"已结束职位\"\nteam = \"infra\"\ndate = 2026-01-01\nvalid_through = 2026-06-30\nlocations = [\"杭州市\"]\n+++\nOld\n",
        ),
        (
            "content/jobs/draft.md",
            "+++\ntitle = \"草稿职位\"\nteam = \"infra\"\ndate = 2026-11-01\nlocations = [\"杭州市\"]\ndraft = true\n+++\nDraft\n",
        ),
    ]);
    let closed = site.read_job("已结束职位");
    assert!(closed.contains("noindex"), "closed page says noindex");
    assert!(
        json_ld(&closed).is_none(),
        "a closed posting carries no JobPosting"
    );
    assert!(!site.public().join("jobs/草稿职位").exists());
    for file in [
        "index.html",
        "teams/infra/index.html",
        "locations/杭州市/index.html",
        "feed.xml",
        "jobs.json",
        "sitemap.xml",
    ] {
        let text = site.read(file);
        assert!(
            !text.contains("已结束职位") && !text.contains("%E5%B7%B2%E7%BB%93%E6%9D%9F"),
            "closed posting in {file}"
        );
        assert!(
            !text.contains("草稿职位") && !text.contains("%E8%8D%89%E7%A8%BF"),
            "draft in {file}"
        );
    }
    assert!(site.read("index.html").contains("后端工程师"));

    assert!(site.build(&["--drafts"]).ok());
    assert!(site.read_job("草稿职位").contains("noindex"));
    assert!(!site.read("feed.xml").contains("草稿职位"));
}

#[test]
fn a_broken_file_names_file_line_column_exits_1_and_keeps_the_old_output() {
    let site = Site::built_with(&[]);
    let before = snapshot(&site.public());
    site.write(
        "content/jobs/bad.md",
        "+++\ntitle = \"x\"\nteam = \"infra\"\ndate = 2026-11-01\nlocaton = [\"杭州\"]\n+++\n",
    );
    site.write(
        "content/jobs/worse.md",
        "+++\ntitle = \"y\nteam = \"infra\"\n+++\n",
    );
    // Both files are reported.
    site.build_fails(
        "\
content/jobs/bad.md:5:1: error: unknown key `locaton`; did you mean `locations`?
content/jobs/worse.md:2:11: error: invalid TOML: invalid basic string, expected `\"`
error: 2 problems found; nothing was written
",
    );
    assert_eq!(
        snapshot(&site.public()),
        before,
        "the old output is untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !leftovers.iter().any(|n| n.contains("building")),
        "{leftovers:?}"
    );
}

#[test]
fn broken_toml_and_yaml_are_located() {
    let site = Site::basic_with(&[
        (
            "content/jobs/a.md",
            "+++\ntitle = \"a\"\nteam = \"infra\"\ndate = 2026-11-01\nlevel = [\n+++\n",
        ),
        (
            "content/jobs/b.md",
            "---\ntitle: b\nteam: infra\ndate: 2026-11-01\nlevel: [P6\n---\n",
        ),
        (
            "content/jobs/c.md",
            "---\ntitle: c\nteam: infra\ndate: 2026-11-01\nremote: maybe\n---\n",
        ),
    ]);
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "\
content/jobs/a.md:5:10: error: invalid TOML: unclosed array, expected `]`
content/jobs/b.md:5:8: error: invalid YAML: unclosed bracket '['
content/jobs/c.md:5:1: error: `remote`: invalid type: string \"maybe\", expected a boolean
error: 3 problems found; nothing was written
"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let site = Site::built_with(&[]);
    let first = snapshot(&site.public());
    assert!(site.build(&[]).ok());
    assert_eq!(snapshot(&site.public()), first);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = yingcai(&["build"], dir.path());
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no config.toml in .: run `yingcai init` to start a site, or pass --root\n"
    );
    let run = yingcai(&["build", "--no-such-flag"], dir.path());
    assert_eq!(run.code, 2);
}

#[test]
fn refuses_to_overwrite_a_folder_it_did_not_write() {
    let site = Site::basic_with(&[("public/notes.txt", "mine")]);
    let run = site.build(&[]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert_eq!(site.read("notes.txt"), "mine");
}

#[test]
fn files_added_to_the_output_by_hand_are_kept() {
    let site = Site::built_with(&[]);
    site.write("public/CNAME", "jobs.example.com\n");
    // A change, so the build writes the output anew (with nothing changed, it keeps it as is).
    site.write(
        "content/_index.md",
        "+++\ntitle = \"加入我们\"\n+++\n欢迎加入！\n",
    );
    let run = site.build_ok();
    assert_eq!(site.read("CNAME"), "jobs.example.com\n");
    assert_eq!(
        run.stderr,
        "note: kept ./public/CNAME (not made by the build; put it in static/ to have it built)\n"
    );
}

#[test]
fn site_templates_override_theme_templates() {
    let site = Site::built_with(&[(
        "templates/404.html",
        "<p>{{ t.not_found_title }} — custom</p>",
    )]);
    assert!(site.read("404.html").contains("— custom"));
}

#[test]
fn template_errors_name_the_file_line_and_column() {
    // A parse error on line 3, in each of two templates: both reported in one run.
    let site = Site::basic_with(&[
        (
            "templates/404.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<p>{% if %}</p>\n{% endblock main %}\n",
        ),
        ("templates/team.html", "<h1>\n\n  {{ team.name </h1>\n"),
    ]);
    site.build_fails(
        "\
templates/404.html:3:10: error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`
templates/team.html:3:16: error: Found `</` but expected }}.
error: 2 problems found; nothing was written
",
    );
    assert!(!site.public().exists(), "nothing is written");

    // Each names the site's own template, never the theme's (`__theme`).
    for (template, expected) in [
        // A parse error on the first line.
        ("{% if %}", "templates/404.html:1:7: error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`"),
        // A render error: an undefined variable on line 4, column 9.
        (
            "{% extends \"base.html\" %}\n{% block main %}\n<p>\n  <b>{{ no_such_thing }}</b>\n</p>\n{% endblock main %}\n",
            "templates/404.html:4:9: error: Variable `no_such_thing` is not defined. Available variables: page, site, site_lang, t",
        ),
        // A filter no one defined, on line 2: found when the templates load.
        ("<p>\n{{ t.not_found_title | shout }}</p>\n", "templates/404.html:2:24: error: Unknown filter `shout`"),
    ] {
        let run = Site::basic_with(&[("templates/404.html", template)]).build(&[]);
        assert_eq!(run.code, 1, "{}", run.all());
        assert_eq!(
            run.stderr,
            format!("{expected}\nerror: 1 problem found; nothing was written\n")
        );
    }
}

#[test]
fn a_site_component_overrides_the_theme_component_of_the_same_name() {
    let site = Site::built_with(&[
        (
            "templates/mine.html",
            "{% component contact_link(contact) %}<a class=\"mine\" href=\"{{ contact.href }}\">✉</a>{% endcomponent contact_link %}\n",
        ),
        (
            "templates/404.html",
            "{{ <contact_link contact={ {\"href\": \"mailto:a@example.com\"} } /> }}",
        ),
    ]);
    assert_eq!(
        site.read("404.html"),
        "<a class=\"mine\" href=\"mailto:a@example.com\">✉</a>"
    );
}

#[test]
fn check_validates_without_writing() {
    let site = Site::basic_with(&[
        (
            "content/jobs/soon.md",
            "+++\ntitle = \"快截止\"\nteam = \"无文件团队\"\ndate = 2026-11-01\nvalid_through = 2026-11-30\n+++\n[x](@/jobs/nope.md)\n",
        ),
    ]);
    let run = yingcai(&["check"], site.root());
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(
        run.stderr,
        "\
content/jobs/soon.md:2:1: warning: no JobPosting structured data: Google needs a place of work; set `locations` or `remote = true`, or give `[organization] address` in config.toml
content/jobs/soon.md:2:1: warning: no `apply` address (and the team has no `contact`): candidates cannot apply
content/jobs/soon.md:3:1: warning: team `无文件团队` has no file: add content/teams/无文件团队.md to give it a description and order
content/jobs/soon.md:5:1: warning: closes in 8 day(s), on 2026-11-30
content/jobs/soon.md:7:1: error: broken link `@/jobs/nope.md`: no such content file
"
    );
    assert_eq!(run.stdout, "checked: 1 error(s), 4 warning(s)\n");
    assert!(!site.public().exists(), "check writes nothing");

    site.write("content/jobs/soon.md", "+++\ntitle = \"快截止\"\nteam = \"infra\"\ndate = 2026-11-01\nvalid_through = 2026-11-30\napply = \"a@example.com\"\nlocations = [\"杭州市\"]\n+++\n[x](@/jobs/backend.md)\n");
    let run = yingcai(&["check"], site.root());
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.stdout, "checked: 0 error(s), 1 warning(s)\n");
}

#[test]
fn duplicate_explicit_slugs_are_errors_and_same_titles_do_not_collide() {
    let site = Site::built_with(&[
        ("content/teams/data.md", "+++\nname = \"数据团队\"\n+++\n"),
        (
            "content/jobs/data-backend.md",
            "+++\ntitle = \"后端工程师\"\nteam = \"data\"\ndate = 2026-11-01\n+++\n",
        ),
    ]);
    // Same date: the earlier path (backend.md) keeps the plain slug.
    assert!(site.public().join("jobs/后端工程师/index.html").is_file());
    assert!(site
        .public()
        .join("jobs/后端工程师-data/index.html")
        .is_file());

    site.write(
        "content/jobs/x1.md",
        "+++\ntitle = \"x1\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"same\"\n+++\n",
    );
    site.write(
        "content/jobs/x2.md",
        "+++\ntitle = \"x2\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"same\"\n+++\n",
    );
    site.build_fails(
        "content/jobs/x2.md:5:1: error: duplicate slug `same`: content/jobs/x1.md already uses it\nerror: 1 problem found; nothing was written\n",
    );
}

#[test]
fn init_writes_sites_that_build_at_once() {
    for kind in ["careers", "resume"] {
        let dir = tempfile::tempdir().unwrap();
        let run = yingcai(&["init", "--kind", kind], dir.path());
        assert!(run.ok(), "{}", run.all());
        let run = yingcai(&["build"], dir.path());
        assert!(run.ok(), "{kind}: {}", run.all());
        let run = yingcai(&["check"], dir.path());
        assert_eq!(run.code, 0, "{kind}: {}", run.all());
        let again = yingcai(&["init"], dir.path());
        assert_eq!(again.code, 2, "init never overwrites a site");
    }
}

#[test]
fn yaml_postings_and_ascii_slugs() {
    let site = Site::new();
    site.basic();
    site.write(
        "config.toml",
        &format!("{}\n[slugs]\nmode = \"ascii\"\n", BASIC_CONFIG),
    );
    site.write(
        "content/jobs/yaml.md",
        "---\ntitle: 数据工程师\nteam: infra\ndate: 2026-11-02\nlocations: [北京市]\n---\n正文\n",
    );
    site.build_ok();
    assert!(site
        .public()
        .join("jobs/shu-ju-gong-cheng-shi/index.html")
        .is_file());
    assert!(site
        .public()
        .join("locations/bei-jing-shi/index.html")
        .is_file());
    for (path, _) in all_text_files(&site.public()) {
        assert!(path.is_ascii(), "{path}");
    }
}

#[test]
fn markdown_bodies_are_rendered_with_highlighting() {
    let site = Site::built_with(&[
        (
            "content/jobs/code.md",
            "+++\ntitle = \"Rust\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n## 要求\n\n```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        ),
    ]);
    let page = site.read_job("rust");
    assert_holds(&page, &["<h2 id=\"要求\">", "hl-code", "<table>"]);
    assert!(site.read("syntax.css").contains(".hl-"));
}

fn count_index_pages(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .count()
}

fn count_files(dir: &Path, ext: &str) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .count()
}

#[test]
fn syntax_css_is_linked_with_a_hash_only_on_pages_with_code_and_every_page_has_an_icon() {
    let site = Site::built_with(&[
        (
            "content/jobs/code.md",
            "+++\ntitle = \"Rust\"\nteam = \"infra\"\ndate = 2026-11-01\n+++\n```rust\nfn main() {}\n```\n",
        ),
        (
            "content/jobs/plain.md",
            "+++\ntitle = \"Plain\"\nteam = \"infra\"\ndate = 2026-11-01\nlang = \"en\"\n+++\nNo code here.\n",
        ),
    ]);
    let code = site.read_job("rust");
    assert!(code.contains("href=\"/careers/syntax.css?v="), "{code}");
    let plain = site.read_job("plain");
    assert!(!plain.contains("syntax.css"), "{plain}");
    assert!(!site.read("index.html").contains("syntax.css"));
    assert!(plain.contains("<meta property=\"og:locale\" content=\"en_US\">"));
    assert!(code.contains("<meta property=\"og:locale\" content=\"zh_CN\">"));
    for page in [code, plain, site.read("index.html")] {
        assert!(page.contains("<link rel=\"icon\" href=\""), "{page}");
    }
}

#[test]
fn an_english_posting_on_a_chinese_site_speaks_english() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    common::build_example(&public);
    let page = fs::read_to_string(public.join("jobs/chief-software-architect/index.html")).unwrap();
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert!(
        !page.contains("<body class=\"page-posting\" lang="),
        "{page}"
    );
    assert!(page.contains(">Apply now</a>"), "{page}");
    assert!(!page.contains("投递简历"), "{page}");
    assert_holds(
        &page,
        &[">Posted</dt>", ">Nov 1, 2026</time>", ">Full-time</dd>"],
    );
    assert!(!page.contains("2026年"), "{page}");
    assert!(page.contains("<meta property=\"og:locale\" content=\"en_US\">"));
    // Names in the site's language keep their own lang.
    assert!(page.contains("lang=\"zh-CN\">上海市</a>"), "{page}");
    // A team named in English is not marked as Chinese.
    assert!(
        page.contains("<a href=\"/careers/teams/architecture-office/\">Architecture Office</a>"),
        "{page}"
    );
    // A Chinese posting stays Chinese.
    let zh = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(zh.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn team_and_place_names_are_marked_with_their_own_language() {
    let site = Site::new();
    site.basic();
    site.write(
        "content/jobs/en.md",
        "+++\ntitle = \"Storage Engineer\"\nteam = \"infra\"\ndate = 2026-11-02\nlocations = [\"杭州市\", \"Singapore\"]\nlang = \"en\"\n+++\nBuild storage.\n",
    );
    site.build_ok();
    // On an English posting's page, the Chinese team and place names are marked Chinese;
    // the English place name is not marked at all.
    let page = site.read_job("storage-engineer");
    assert!(page.contains("<html lang=\"en\">"), "{page}");
    assert_eq!(
        page.matches("lang=\"zh-CN\">基础架构</a>").count(),
        2,
        "breadcrumb and facts: {page}"
    );
    assert_holds(&page, &["lang=\"zh-CN\">杭州市</a>", "/\">Singapore</a>"]);
    // On a Chinese page, cards mark the English place name, and not the Chinese team.
    let home = site.read("index.html");
    assert_holds(
        &home,
        &[
            "<span lang=\"en\">Singapore</span>",
            "<li class=\"card-team\">基础架构</li>",
        ],
    );

    // On an English site, a card's Chinese team name is marked Chinese, in the listings and
    // in the search index's cards alike.
    site.write(
        "config.toml",
        &BASIC_CONFIG.replace("language = \"zh\"", "language = \"en\""),
    );
    site.build_ok();
    let home = site.read("index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    let team = "<li class=\"card-team\" lang=\"zh-CN\">基础架构</li>";
    assert!(home.contains(team), "{home}");
    assert!(home.contains(" lang=\"zh-CN\">基础架构</a></h2>"), "{home}");
    let cards = site.read("search/d/0.json");
    assert!(cards.contains("lang=\\\"zh-CN\\\">基础架构"), "{cards}");
}

#[test]
fn a_resume_page_wears_its_persons_header_not_the_employers() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    common::build_example(&public);
    let page = fs::read_to_string(public.join("resumes/lin-yuan/index.html")).unwrap();
    let header = &page[page.find("<header class=\"site-header").unwrap()..];
    let header = &header[..header.find("</header>").unwrap()];
    assert_holds(header, &[">林远</span>", "高级 Java 研发工程师"]);
    assert!(!page.contains("class=\"site-nav\""), "{page}");
    assert!(!page.contains("蚂蚁金服"), "the employer's name: {page}");
    assert!(!page.contains("feed.xml\" type="), "{page}");
    // Job pages keep the site's navigation.
    let job = fs::read_to_string(public.join("jobs/chief-software-architect/index.html")).unwrap();
    assert!(job.contains("class=\"site-nav\""));
}

#[test]
fn feed_entries_keeps_the_newest_postings_in_the_feed_and_all_in_jobs_json() {
    let site = Site::new();
    site.basic();
    for day in 1..=4 {
        site.write(
            &format!("content/jobs/p{day}.md"),
            &format!("+++\ntitle = \"Post {day}\"\nteam = \"infra\"\ndate = 2026-11-0{day}\nslug = \"p{day}\"\n+++\nBody {day}\n"),
        );
    }
    let config = BASIC_CONFIG;
    let (head, tail) = config.split_at(config.find("[organization]").unwrap());
    site.write("config.toml", &format!("{head}feed_entries = 2\n\n{tail}"));
    site.build_ok();
    let feed = site.read("feed.xml");
    assert_eq!(feed.matches("<entry ").count(), 2, "{feed}");
    assert!(feed.contains("Post 4") && feed.contains("Post 3") && !feed.contains("Post 2"));
    let jobs: serde_json::Value = serde_json::from_str(&site.read("jobs.json")).unwrap();
    assert!(jobs["jobs"].as_array().unwrap().len() >= 4);

    site.write("config.toml", &format!("{head}feed_entries = 0\n\n{tail}"));
    site.build_fails(
        "config.toml:6:1: error: `feed_entries` must be a number of postings, 1 or more, not 0\nerror: 1 problem found; nothing was written\n",
    );
}

#[test]
fn the_feed_carries_fifty_entries_by_default() {
    let site = Site::new();
    site.basic();
    for n in 0..55 {
        site.write(
            &format!("content/jobs/p{n}.md"),
            &format!("+++\ntitle = \"Post {n}\"\nteam = \"infra\"\ndate = 2026-11-01\nslug = \"p{n}\"\n+++\nBody\n"),
        );
    }
    assert!(site.build(&[]).ok());
    assert_eq!(site.read("feed.xml").matches("<entry ").count(), 50);
}
