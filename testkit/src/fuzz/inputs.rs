//! Inputs for the fuzz run: valid content files of every kind, then mutated at random (bytes,
//! lines, tokens, values), with random Markdown bodies.

use crate::rng::Rng;

/// What a case feeds the loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Posting,
    Team,
    Resume,
    JsonResume,
    Home,
    Config,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Posting,
        Kind::Team,
        Kind::Resume,
        Kind::JsonResume,
        Kind::Home,
        Kind::Config,
    ];

    /// Where a file of this kind lies, relative to the site root.
    pub fn path(self) -> &'static str {
        match self {
            Kind::Posting => "content/jobs/infra/fuzz.md",
            Kind::Team => "content/teams/fuzz.md",
            Kind::Resume => "content/resumes/fuzz.md",
            Kind::JsonResume => "content/resumes/fuzz-json.json",
            Kind::Home => "content/_index.md",
            Kind::Config => "config.toml",
        }
    }
}

const POSTING_TOML: &str = "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\nvalid_through = 2027-01-31T18:00:00+08:00\nlocations = [\"杭州市\", \"北京市\"]\nremote = false\nlevel = \"P6~P8\"\nemployment_type = \"full_time\"\napply = \"https://jobs.example.com/apply?id=1\"\nslug = \"backend\"\naliases = [\"/jobs/old-backend/\"]\ntags = [\"Go\", \"存储\"]\nsummary = \"负责存储系统。\"\nlang = \"zh\"\ndraft = false\n[salary]\nmin = 30000\nmax = 50000\ncurrency = \"CNY\"\nunit = \"MONTH\"\n[extra]\nbonus = 3\n+++\n";

const POSTING_YAML: &str = "---\ntitle: Site Reliability Engineer\nteam: 基础架构\ndate: 2026-10-01T09:00:00Z\nvalid_through: 2026-12-31\nlocations:\n  - Remote\n  - 上海市\nremote: true\nemployment_type: CONTRACTOR\napply: jobs@example.com\nlang: en\nsalary:\n  min: 100\n  currency: USD\n  unit: hour\nextra:\n  x: [1, 2]\n---\n";

const TEAM: &str = "+++\nname = \"基础架构团队\"\norder = 2\nsummary = \"分布式基础设施\"\ncontact = \"mailto:infra@example.com\"\n[extra]\nsize = 30\n+++\n";

const RESUME_TOML: &str = "+++\nname = \"张三\"\nlabel = \"后端工程师\"\nemail = \"zhangsan@example.com\"\nphone = \"+86 000 0000 0000\"\nurl = \"https://zhangsan.example.com/\"\nimage = \"/images/me.jpg\"\nlocation = { city = \"杭州市\", region = \"浙江省\", country_code = \"CN\" }\nsummary = \"五年经验。\"\nhide = [\"phone\"]\nlang = \"zh\"\n[[profiles]]\nnetwork = \"GitHub\"\nusername = \"zs\"\nurl = \"https://github.com/zs\"\n[[work]]\nname = \"示例科技\"\nposition = \"工程师\"\nstart = \"2020-03\"\nend = \"present\"\nhighlights = [\"存储\"]\n[[education]]\ninstitution = \"浙江大学\"\narea = \"计算机\"\nstudy_type = \"本科\"\nstart = \"2012\"\nend = \"2016-06-30\"\n[[skills]]\nname = \"Go\"\nkeywords = [\"并发\"]\n[[projects]]\nname = \"存储\"\nurl = \"https://example.com/p\"\n+++\n";

const RESUME_YAML: &str = "---\nname: Ada Lovelace\nlabel: Engineer\nlocation: London\nlanguages:\n  - English\n  - language: French\n    fluency: fluent\nwork:\n  - name: Analytical Engine\n    start: \"1842\"\n    summary: Notes.\n---\n";

const JSON_RESUME: &str = r#"{
  "basics": {
    "name": "Ada",
    "label": "Engineer",
    "email": "ada@example.com",
    "url": "https://ada.example.com/",
    "image": "https://ada.example.com/a.png",
    "summary": "Notes on the engine.",
    "location": { "city": "London", "countryCode": "GB", "region": "England" },
    "profiles": [{ "network": "GitHub", "username": "ada", "url": "https://github.com/ada" }]
  },
  "work": [{ "name": "Engine", "position": "Analyst", "startDate": "1842-01", "endDate": "1843", "highlights": ["Note G"] }],
  "education": [{ "institution": "Home", "area": "Mathematics", "studyType": "Tutoring", "startDate": "1830" }],
  "skills": [{ "name": "Mathematics", "level": "Master", "keywords": ["Analysis"] }],
  "languages": [{ "language": "English", "fluency": "Native" }],
  "projects": [{ "name": "Note G", "url": "https://example.com/g", "startDate": "1843" }],
  "awards": [{ "title": "x" }],
  "meta": { "language": "en" },
  "hide": ["email"]
}
"#;

const HOME: &str = "+++\ntitle = \"加入我们\"\n[extra]\nhero = \"x\"\n+++\n";

const CONFIG: &str = "title = \"诚聘英才\"\nbase_url = \"https://example.github.io/careers/\"\nlanguage = \"zh\"\ntheme = \"default\"\ndescription = \"测试\"\nhome = \"careers\"\n\n[organization]\nname = \"示例科技\"\nurl = \"https://example.com/\"\nlogo = \"https://example.com/logo.png\"\ncountry = \"CN\"\naddress = { locality = \"杭州市\", region = \"浙江省\" }\n\n[markdown]\nhighlight_code = true\nhighlight_theme = \"InspiredGitHub\"\n\n[slugs]\nmode = \"unicode\"\n\n[extra]\nx = 1\n";

/// Bits of text that tend to break parsers, links and templates.
const TOKENS: &[&str] = &[
    "+++",
    "---",
    "\n+++\n",
    "\n---\n",
    "\"",
    "'",
    "\\",
    "\\u0000",
    "\0",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ":",
    ": ",
    "- ",
    "\n",
    "\r\n",
    "\t",
    "#",
    "&",
    "*",
    "|",
    "`",
    "```",
    "~~~",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    " JaVaScRiPt:x",
    "data:text/html,x",
    "vbscript:x",
    "@/jobs/infra/fuzz.md",
    "@/jobs/missing.md",
    "@/",
    "../",
    "/..",
    "%2e%2e",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "&amp;",
    "<!--",
    "-->",
    "]]>",
    "\u{feff}",
    "\u{200b}",
    "\u{202e}",
    "\u{fffd}",
    "𝔘",
    "😀",
    "杭州市",
    "中文",
    "Ё",
    "ﬁ",
    "9999-99-99",
    "2026-02-30",
    "1970-01-01",
    "0000-01-01",
    "2026-11-01T25:61:61Z",
    "99999999999999999999",
    "-1",
    "1e400",
    "NaN",
    "inf",
    "true",
    "null",
    "~",
    "[]",
    "{}",
    "\"\"",
    "  ",
    "P6~P8",
    "FULL_TIME",
    "OTHER",
    "mailto:",
    "https://",
    "http://x",
    "a@b.c",
    "@",
    "!",
    "*/",
    "&&",
    "%",
    "%%",
    "$",
    "\u{85}",
    "\u{2028}",
    "title",
    "team",
    "date",
    "slug",
    "aliases",
    "name",
    "hide",
    "extra",
    "url",
    "image",
    "profiles",
    "work",
    "basics",
    "startDate",
    "endDate",
    "base_url",
    "organization",
    "address",
    "locality",
    "language",
    "theme",
    "home",
    "mode",
    "ascii",
    "en",
    "zh",
    "resume",
];

/// Markdown pieces for random bodies.
const MARKDOWN: &[&str] = &[
    "# 标题\n",
    "## Heading {#id}\n",
    "### 三\n",
    "- 一\n- 二\n",
    "1. one\n2. two\n",
    "* [ ] task\n",
    "> quote\n",
    "段落，\n继续。\n",
    "plain *em* **strong** ~~del~~\n",
    "[link](@/jobs/infra/fuzz.md)\n",
    "[x](@/teams/fuzz.md#a)\n",
    "[bad](@/jobs/nope.md)\n",
    "[abs](/jobs/)\n",
    "![img](/a.png \"t\")\n",
    "<div onclick=\"x\">html</div>\n",
    "```rust\nfn main() {}\n```\n",
    "```\nplain\n```\n",
    "```notalang\n<>&\n```\n",
    "    indented code\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "---\n",
    "***\n",
    "footnote[^1]\n\n[^1]: note\n",
    "<https://example.com>\n",
    "`code`\n",
    "\\\n",
    "&copy;\n",
    "[ref]\n\n[ref]: @/jobs/infra/fuzz.md\n",
    "Line  \nbreak\n",
    "\n\n\n",
    "<!-- c -->\n",
];

/// A valid file of `kind`, with front matter in TOML or YAML where both are possible.
pub fn seed(kind: Kind, rng: &mut Rng) -> &'static str {
    match kind {
        Kind::Posting => rng.pick(&[POSTING_TOML, POSTING_YAML]),
        Kind::Team => TEAM,
        Kind::Resume => rng.pick(&[RESUME_TOML, RESUME_YAML]),
        Kind::JsonResume => JSON_RESUME,
        Kind::Home => HOME,
        Kind::Config => CONFIG,
    }
}

/// A random Markdown body.
pub fn markdown(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(8) {
        out.push_str(rng.pick(MARKDOWN));
        if rng.chance(200) {
            out.push_str(rng.pick(TOKENS));
        }
        if rng.chance(500) {
            out.push('\n');
        }
    }
    out
}

/// A char boundary of `text` at random.
fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut i = rng.below(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` changed in one way chosen at random.
fn mutate(text: &mut String, rng: &mut Rng) {
    match rng.below(8) {
        0 | 1 => {
            let at = boundary(text, rng);
            text.insert_str(at, rng.pick(TOKENS));
        }
        2 => {
            let a = boundary(text, rng);
            let mut end = (a + 1 + rng.below(16)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(a..end, "");
        }
        3 => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let line = lines[rng.below(lines.len())].to_string();
                let at = lines[..rng.below(lines.len())]
                    .iter()
                    .map(|l| l.len())
                    .sum();
                text.insert_str(at, &line);
            }
        }
        4 => {
            // Swap the value of a `key = value` or `key: value` line for a token.
            let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
            if !lines.is_empty() {
                let i = rng.below(lines.len());
                let token = rng.pick(TOKENS).to_string();
                let line = &lines[i];
                let replaced = match line.find(['=', ':']) {
                    Some(at) => format!("{}{token}\n", &line[..=at]),
                    None => format!("{token}\n"),
                };
                *text = lines[..i].concat() + &replaced + &lines[i + 1..].concat();
            }
        }
        5 => {
            let at = boundary(text, rng);
            let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('\u{fffd}');
            text.insert(at, c);
        }
        6 => {
            let at = boundary(text, rng);
            text.truncate(at);
        }
        _ => {
            let at = boundary(text, rng);
            let byte = rng.below(128) as u8 as char;
            text.insert(at, byte);
        }
    }
}

/// A JSON value changed at one random place: a leaf or branch replaced by another type or a
/// token.
fn mutate_json(value: &mut serde_json::Value, rng: &mut Rng, depth: usize) {
    use serde_json::Value;
    if depth < 5 && rng.chance(800) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).cloned();
                if let Some(v) = key.and_then(|k| map.get_mut(&k)) {
                    return mutate_json(v, rng, depth + 1);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                return mutate_json(&mut items[i], rng, depth + 1);
            }
            _ => {}
        }
    }
    *value = match rng.below(7) {
        0 => Value::Null,
        1 => Value::from(rng.next_u64() as i64),
        2 => Value::from(rng.chance(500)),
        3 => Value::Array(vec![Value::from(rng.pick(TOKENS))]),
        4 => serde_json::json!({ "x": rng.pick(TOKENS) }),
        5 => Value::from(f64::from(rng.below(1000) as u32) / 7.0),
        _ => Value::from(rng.pick(TOKENS)),
    };
}

/// The text of one case: a valid file of `kind`, with a random body, mutated 0 to 4 times.
pub fn case(kind: Kind, rng: &mut Rng) -> String {
    let mut text = seed(kind, rng).to_string();
    if kind == Kind::JsonResume && rng.chance(500) {
        if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&text) {
            for _ in 0..1 + rng.below(3) {
                mutate_json(&mut value, rng, 0);
            }
            text = serde_json::to_string_pretty(&value).unwrap_or(text);
        }
    } else if !matches!(kind, Kind::JsonResume | Kind::Config) {
        text.push_str(&markdown(rng));
    }
    // A quarter of the cases stay valid, to reach Markdown and rendering with every seed.
    let mutations = if rng.chance(250) { 0 } else { 1 + rng.below(4) };
    for _ in 0..mutations {
        mutate(&mut text, rng);
    }
    text
}
