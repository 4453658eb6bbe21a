//! Resume sites: every field rendered, JSON Resume in and out, hidden keys nowhere, Person
//! JSON-LD, A4 printing, and personal sites with the resume as home page.

mod common;

use common::*;
use serde_json::Value;

/// A resume with every section, hiding its phone number; the unit tests read it too.
const RESUME: &str = include_str!("fixtures/resume/zhangsan.md");

fn resume_site() -> Site {
    let site = Site::new();
    site.basic();
    site.write("content/resumes/zhangsan.md", RESUME);
    site
}

#[test]
fn every_field_is_rendered() {
    let site = resume_site();
    site.build_ok();
    let page = site.read("resumes/zhangsan/index.html");
    for text in [
        "张三",
        "后端工程师",
        "杭州市",
        "五年后端开发经验",
        "GitHub",
        "示例科技",
        "高级后端工程师",
        "2021.07 – 至今",
        "2018.10 – 2020.10",
        "示例大学",
        "本科",
        "Java",
        "English",
        "工作语言",
        "开源项目",
        "自我评价",
        "resume.json",
    ] {
        assert!(page.contains(text), "{text} missing from the resume page");
    }
}

#[test]
fn hidden_keys_are_in_no_output_file() {
    let site = resume_site();
    assert!(site.build(&[]).ok());
    for (path, text) in all_text_files(&site.public()) {
        assert!(
            !text.contains("139 1234 5678") && !text.contains("13912345678"),
            "phone in {path}"
        );
    }
    let json: Value = serde_json::from_str(&site.read("resumes/zhangsan/resume.json")).unwrap();
    assert!(json["basics"].get("phone").is_none());
}

#[test]
fn emails_are_not_plain_text_in_pages() {
    let site = resume_site();
    assert!(site.build(&[]).ok());
    let page = site.read("resumes/zhangsan/index.html");
    assert!(
        !page.contains("zhangsan@example.com"),
        "a scraper grepping the page finds no address"
    );
    let ld = json_ld(&page).unwrap();
    assert_eq!(
        ld["email"], "zhangsan@example.com",
        "JSON parsers read the address back"
    );
}

#[test]
fn person_json_ld() {
    let site = resume_site();
    assert!(site.build(&[]).ok());
    let ld = json_ld(&site.read("resumes/zhangsan/index.html")).unwrap();
    assert_eq!(ld["@context"], "https://schema.org/");
    assert_eq!(ld["@type"], "Person");
    assert_eq!(ld["name"], "张三");
    assert_eq!(ld["jobTitle"], "后端工程师");
    assert_eq!(ld["address"]["addressLocality"], "杭州市");
    assert_eq!(ld["address"]["addressCountry"], "CN");
    assert_eq!(ld["sameAs"][0], "https://github.com/zhangsan");
    assert_eq!(ld["alumniOf"][0]["name"], "示例大学");
    assert_eq!(ld["knowsAbout"], serde_json::json!(["后端", "Java", "Go"]));
    assert_eq!(ld["worksFor"]["name"], "示例科技");
    assert!(ld.get("telephone").is_none(), "hidden phone");
}

#[test]
fn resume_json_is_json_resume() {
    let site = resume_site();
    assert!(site.build(&[]).ok());
    let json: Value = serde_json::from_str(&site.read("resumes/zhangsan/resume.json")).unwrap();
    assert_eq!(json["basics"]["name"], "张三");
    assert_eq!(json["basics"]["location"]["countryCode"], "CN");
    assert_eq!(json["basics"]["profiles"][0]["network"], "GitHub");
    assert_eq!(json["work"][0]["startDate"], "2021-07");
    assert!(
        json["work"][0].get("endDate").is_none(),
        "ongoing work has no endDate"
    );
    assert_eq!(json["work"][1]["endDate"], "2020-10");
    assert_eq!(json["education"][0]["studyType"], "本科");
    assert_eq!(json["skills"][0]["keywords"][1], "Go");
    assert_eq!(json["projects"][0]["name"], "开源项目");
}

#[test]
fn json_resume_round_trip_keeps_the_data() {
    let input = serde_json::json!({
        "basics": {
            "name": "Ada Zhang",
            "label": "Platform Engineer",
            "email": "ada@example.com",
            "url": "https://ada.example.com/",
            "summary": "Builds platforms.",
            "location": { "city": "Shanghai", "countryCode": "CN", "region": "Shanghai" },
            "profiles": [{ "network": "GitHub", "username": "ada", "url": "https://github.com/ada" }]
        },
        "work": [
            { "name": "Example Co", "position": "Engineer", "url": "https://example.com/", "startDate": "2019-03", "endDate": "2022-01", "summary": "Platform team.", "highlights": ["Built CI"] }
        ],
        "education": [{ "institution": "Example University", "url": "https://u.example.edu/", "area": "CS", "studyType": "Bachelor", "startDate": "2012-09", "endDate": "2016-06", "score": "3.8", "courses": ["Compilers"] }],
        "skills": [{ "name": "Infra", "level": "Expert", "keywords": ["Kubernetes", "Rust"] }],
        "languages": [{ "language": "English", "fluency": "Native" }],
        "projects": [{ "name": "yingcai", "description": "Careers sites", "startDate": "2026-01", "endDate": "2026-11", "highlights": ["Fast"], "keywords": ["Rust"], "roles": ["Author"], "url": "https://example.com/y" }],
        "awards": [{ "title": "Best Paper", "date": "2020-01-01", "awarder": "Conf", "summary": "For work." }],
        "interests": [{ "name": "Go (the game)", "keywords": ["baduk"] }]
    });
    let site = Site::new();
    site.basic();
    site.write(
        "content/resumes/ada.json",
        &serde_json::to_string_pretty(&input).unwrap(),
    );
    site.build_ok();
    let mut output: Value = serde_json::from_str(&site.read("resumes/ada/resume.json")).unwrap();
    output.as_object_mut().unwrap().remove("$schema");
    assert_eq!(
        output, input,
        "JSON Resume in → resume.json out keeps the data"
    );
    let page = site.read("resumes/ada/index.html");
    for text in [
        "Ada Zhang",
        "Platform Engineer",
        "Example Co",
        "2019.03 – 2022.01",
        "Example University",
        "Kubernetes",
        "Best Paper",
        "baduk",
    ] {
        assert!(
            page.contains(text),
            "{text} missing from the JSON resume's page"
        );
    }
}

#[test]
fn a_body_only_resume_renders() {
    let site = Site::built_with(&[(
        "content/resumes/plain.md",
        "+++\nname = \"启程\"\n+++\n# 个人简历\n\n## 技能\n\n- 分布式架构\n",
    )]);
    let page = site.read("resumes/plain/index.html");
    assert!(page.contains("分布式架构"));
}

#[test]
fn personal_site_has_the_resume_at_home() {
    let site = Site::new();
    site.write(
        "config.toml",
        "title = \"张三\"\nbase_url = \"https://zhangsan.example.com/\"\nhome = \"resume\"\n",
    );
    site.write("content/resumes/zhangsan.md", RESUME);
    site.build_ok();
    let home = site.read("index.html");
    assert!(home.contains("高级后端工程师"));
    assert_eq!(json_ld(&home).unwrap()["@type"], "Person");
    assert_internal_links_resolve(&site.public(), "/");

    site.write("content/resumes/second.md", "+++\nname = \"李四\"\n+++\n");
    site.build_fails(
        "config.toml:3:1: error: `home = \"resume\"` needs exactly one resume in content/resumes/, found 2\nerror: 1 problem found; nothing was written\n",
    );
}

#[test]
fn example_resumes_print_to_one_or_two_a4_pages() {
    let Some(chrome) = require_tool("chromium", chromium()) else {
        return;
    };
    let Some(pdfinfo) = require_tool("pdfinfo (poppler-utils)", which("pdfinfo")) else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    // The example site lives under /careers/: serve its parent folder so the paths match.
    let public = out.path().join("careers");
    common::build_example(&public);
    let origin = serve_dir(out.path());
    let profile = tempfile::tempdir().unwrap();
    for resume in ["qicheng", "lin-yuan"] {
        let pdf = out.path().join(format!("{resume}.pdf"));
        let run = std::process::Command::new(&chrome)
            .args(chromium_args(profile.path()))
            .arg("--no-pdf-header-footer")
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("{origin}/careers/resumes/{resume}/"))
            .output()
            .unwrap();
        assert!(
            pdf.is_file(),
            "{resume}: no PDF: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let info = std::process::Command::new(&pdfinfo)
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout).into_owned();
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no page count: {info}"));
        assert!((1..=2).contains(&pages), "{resume} prints on {pages} pages");
        let size = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .unwrap_or("");
        assert!(size.contains("(A4)"), "{resume} is not A4: {size}");
    }
}

#[test]
fn a_resume_in_another_language_gets_headings_in_its_language() {
    let page = Site::built_with(&[
        (
            "content/resumes/ada.md",
            "+++\nname = \"Ada\"\nlang = \"en\"\n[[work]]\nname = \"Example Co\"\nstart = \"2019-03\"\n+++\n",
        ),
    ]).read("resumes/ada/index.html");
    assert!(page.contains(">Experience<"), "English section heading");
    assert!(page.contains("Mar 2019 – present"), "English period");
}
