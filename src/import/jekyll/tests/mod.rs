//! The import of the seed careers page; small pages built to test one rule are in `rules`.

mod rules;

use super::*;
use std::path::Path;

const SEED: &str = include_str!("../../../../tests/fixtures/jekyll/careers.md");
const DATE: &str = "2026-11-01";

/// Splits a generated file into its parsed front matter and its body.
fn split(contents: &str) -> (toml::Table, &str) {
    let rest = contents.strip_prefix("+++\n").expect("opening +++");
    let (front, body) = rest.split_once("+++\n").expect("closing +++");
    let table = toml::from_str::<toml::Table>(front).expect("front matter parses");
    (table, body)
}

fn string<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(toml::Value::as_str)
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(toml::Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn postings(plan: &ImportPlan) -> Vec<&ImportedFile> {
    plan.files
        .iter()
        .filter(|f| f.path.starts_with("content/jobs"))
        .collect()
}

fn posting_at<'a>(plan: &'a ImportPlan, path: &str) -> &'a ImportedFile {
    plan.files
        .iter()
        .find(|f| f.path == Path::new(path))
        .unwrap_or_else(|| panic!("no file {path}"))
}

/// One expected posting: path, title, team ID, level, cities, apply address.
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    &'static str,
);

#[test]
fn seed_gives_ten_postings_with_their_keys() {
    let plan = plan(SEED, DATE);
    let expected: [Expected; 10] = [
        (
            "content/jobs/蚂蚁金融科技/paas-云平台研发专家.md",
            "PaaS 云平台研发专家",
            "蚂蚁金融科技",
            Some("P6~P8"),
            &["上海市"],
            "ly109106@alipay.com",
        ),
        (
            "content/jobs/蚂蚁金服中间件团队/消息系统研发工程师-专家.md",
            "消息系统研发工程师/专家",
            "蚂蚁金服中间件团队",
            Some("P6~P8"),
            &["杭州市", "北京市"],
            "jiangping@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服数据中间件团队/研发工程师-专家.md",
            "研发工程师/专家",
            "蚂蚁金服数据中间件团队",
            Some("P6~P8"),
            &["杭州市", "北京市", "成都市"],
            "hongwei.yhw@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服数据中间件团队/数据传输系统研发工程师-专家.md",
            "数据传输系统研发工程师/专家",
            "蚂蚁金服数据中间件团队",
            Some("P6~P8"),
            &["杭州市", "北京市", "成都市"],
            "erbai.qzc@taobao.com",
        ),
        (
            "content/jobs/蚂蚁金服-paas-团队/研发技术专家-研发工程师-产品经理.md",
            "研发技术专家/研发工程师/产品经理",
            "蚂蚁金服-paas-团队",
            Some("P6~P8"),
            &["杭州市", "上海市"],
            "rex.wl@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服应用网络团队/网络研发专家.md",
            "网络研发专家",
            "蚂蚁金服应用网络团队",
            Some("P6~P8"),
            &["杭州市", "北京市", "成都市"],
            "han.xiao@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服微服务团队/微服务研发工程师.md",
            "微服务研发工程师",
            "蚂蚁金服微服务团队",
            Some("P6~P8"),
            &["杭州市", "上海市", "广州市"],
            "khotyn.huangt@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服中间件测试开发团队/测试开发专家.md",
            "测试开发专家",
            "蚂蚁金服中间件测试开发团队",
            Some("P6~P8"),
            &["杭州市", "广州市"],
            "zw100207@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服资源调度团队/高级软件工程师-技术专家.md",
            "高级软件工程师/技术专家",
            "蚂蚁金服资源调度团队",
            Some("P6~P8"),
            &["杭州市", "北京市"],
            "zed.zy@antfin.com",
        ),
        (
            "content/jobs/蚂蚁金服中间件团队/中间件-sre.md",
            "中间件 SRE",
            "蚂蚁金服中间件团队",
            None,
            &[],
            "jiaqi.hjq@antfin.com",
        ),
    ];
    let files = postings(&plan);
    assert_eq!(files.len(), 10);
    for (file, (path, title, team, level, cities, apply)) in files.iter().zip(expected) {
        assert_eq!(file.path, Path::new(path));
        let (table, body) = split(&file.contents);
        assert_eq!(string(&table, "title"), Some(title), "{path}");
        assert_eq!(string(&table, "team"), Some(team), "{path}");
        assert_eq!(string(&table, "level"), level, "{path}");
        assert_eq!(strings(&table, "locations"), cities, "{path}");
        assert_eq!(string(&table, "apply"), Some(apply), "{path}");
        assert_eq!(string(&table, "employment_type"), Some("FULL_TIME"));
        assert_eq!(
            table.get("date").map(ToString::to_string).as_deref(),
            Some(DATE)
        );
        assert!(!body.contains(&format!("<{apply}>")) || path.contains("微服务"));
        assert!(!body.contains("*P6~P8"), "{path}: italic line left in body");
    }
}

#[test]
fn seed_gives_one_minimal_team_file_per_team() {
    let plan = plan(SEED, DATE);
    let teams: Vec<(String, String)> = plan
        .files
        .iter()
        .filter(|f| f.path.starts_with("content/teams"))
        .map(|f| {
            let (table, body) = split(&f.contents);
            assert!(body.is_empty());
            assert_eq!(table.len(), 1);
            let name = string(&table, "name").unwrap_or_default().to_string();
            (f.path.display().to_string(), name)
        })
        .collect();
    let expected = [
        ("蚂蚁金融科技", "蚂蚁金融科技"),
        ("蚂蚁金服中间件团队", "蚂蚁金服中间件团队"),
        ("蚂蚁金服数据中间件团队", "蚂蚁金服数据中间件团队"),
        ("蚂蚁金服-paas-团队", "蚂蚁金服 PaaS 团队"),
        ("蚂蚁金服应用网络团队", "蚂蚁金服应用网络团队"),
        ("蚂蚁金服微服务团队", "蚂蚁金服微服务团队"),
        ("蚂蚁金服中间件测试开发团队", "蚂蚁金服中间件测试开发团队"),
        ("蚂蚁金服资源调度团队", "蚂蚁金服资源调度团队"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(id, name)| (format!("content/teams/{id}.md"), name.to_string()))
        .collect();
    assert_eq!(teams, expected);
}

#[test]
fn level_under_a_sub_heading_is_found() {
    let plan = plan(SEED, DATE);
    let file = posting_at(&plan, "content/jobs/蚂蚁金服微服务团队/微服务研发工程师.md");
    let (table, body) = split(&file.contents);
    assert_eq!(string(&table, "level"), Some("P6~P8"));
    assert_eq!(strings(&table, "locations"), ["杭州市", "上海市", "广州市"]);
    assert!(body.contains("## 加入我们，你将有机会：\n\n- 参与打造"));
    assert!(!body.contains("####"));
    // Its contact line names two addresses: it stays in the body.
    assert!(body.ends_with("<khotyn.huangt@antfin.com> / <bin.zengb@antfin.com>\n"));
    let summary = plan
        .inferred
        .iter()
        .find(|f| f.message.contains("微服务研发工程师"))
        .expect("summary");
    assert_eq!(summary.line, 137);
    assert!(summary.message.contains("level P6~P8 (line 142)"));
}

#[test]
fn missing_level_and_cities_are_reported() {
    let plan = plan(SEED, DATE);
    let sre_line = 1 + SEED
        .lines()
        .position(|l| l == "### 蚂蚁金服中间件团队 - 中间件 SRE")
        .expect("SRE heading");
    let sre: Vec<&Finding> = plan.missing.iter().filter(|f| f.line == sre_line).collect();
    assert_eq!(sre.len(), 2, "{sre:?}");
    assert!(sre[0].message.starts_with("no level found"));
    assert!(sre[0].message.contains("`level`"));
    assert!(sre[1].message.starts_with("no cities found"));
    assert!(sre[1]
        .message
        .contains("content/jobs/蚂蚁金服中间件团队/中间件-sre.md"));
    // Apart from the SRE posting, only the welcome image is left out.
    let others: Vec<&Finding> = plan.missing.iter().filter(|f| f.line != sre_line).collect();
    assert_eq!(others.len(), 1, "{others:?}");
    assert_eq!(others[0].line, 6);
    assert!(others[0].message.contains("not imported"));
    // A bare email on the last line is the apply address and leaves the body.
    let file = posting_at(&plan, "content/jobs/蚂蚁金服中间件团队/中间件-sre.md");
    let (table, body) = split(&file.contents);
    assert_eq!(string(&table, "apply"), Some("jiaqi.hjq@antfin.com"));
    assert!(!body.contains("jiaqi.hjq"));
    assert!(body.ends_with("熟悉 DevOps 流程；\n"));
}

#[test]
fn page_title_and_summaries_are_inferred() {
    let plan = plan(SEED, DATE);
    assert_eq!(plan.inferred[0].line, 3);
    assert!(plan.inferred[0].message.contains("\"诚聘英才\""));
    let count = |prefix: &str| {
        let found = plan.inferred.iter();
        found.filter(|f| f.message.starts_with(prefix)).count()
    };
    assert_eq!(count("posting "), 10);
    assert_eq!(count("team "), 8);
}

#[test]
fn sub_headings_become_level_two_and_do_not_split() {
    let plan = plan(SEED, DATE);
    let file = posting_at(
        &plan,
        "content/jobs/蚂蚁金服数据中间件团队/研发工程师-专家.md",
    );
    let (_, body) = split(&file.contents);
    assert!(body.contains("\n## 职位描述：\n"));
    assert!(body.contains("\n## 岗位要求：\n"));
    assert!(!body.contains("###"));
    for file in postings(&plan) {
        let (_, body) = split(&file.contents);
        for line in body.lines().filter(|l| l.starts_with('#')) {
            assert!(line.starts_with("## "), "{}: {line}", file.path.display());
        }
        assert!(!body.contains("\n\n\n"));
        assert!(body.ends_with('\n') && !body.ends_with("\n\n"));
    }
}

#[test]
fn every_generated_file_parses() {
    for file in plan(SEED, DATE).files {
        let (table, _) = split(&file.contents);
        assert!(!table.is_empty(), "{}", file.path.display());
    }
}

#[test]
fn titles_are_escaped_for_toml() {
    let source = "### Core \"C\\D\" - Say \"hi\" \\ now\n*P7 Shanghai*\n\nText.\n\nMail a@b.io\n";
    let plan = plan(source, DATE);
    let file = &plan.files[0];
    let (table, body) = split(&file.contents);
    assert_eq!(string(&table, "title"), Some("Say \"hi\" \\ now"));
    assert_eq!(string(&table, "team"), Some("core-c-d"));
    assert_eq!(body, "\nText.\n");
    let team = &plan.files[1];
    let (table, _) = split(&team.contents);
    assert_eq!(string(&table, "name"), Some("Core \"C\\D\""));
}

#[test]
fn seed_plan_matches_example_content() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plan = plan(SEED, DATE);
    for file in plan.files {
        let on_disk = std::fs::read_to_string(root.join(&file.path))
            .unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
        if file.path.starts_with("content/jobs") {
            assert_eq!(on_disk, file.contents, "{}", file.path.display());
        } else {
            // The example site's team files add order, summary and a description.
            let (planned, _) = split(&file.contents);
            let (written, _) = split(&on_disk);
            assert_eq!(written.get("name"), planned.get("name"));
        }
    }
}
