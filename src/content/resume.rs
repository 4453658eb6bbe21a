//! A resume: `content/resumes/ID.md`, aligned with JSON Resume's `basics` and sections.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::apply::is_email;
use super::dates::{EndDate, PartialDate};
use super::source::{self, Parsed, Source};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// Where a person lives or worked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country_code: Option<String>,
}

impl Place {
    /// "City, Region" or whatever parts are known.
    pub fn display(&self) -> String {
        [&self.city, &self.region]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub network: String,
    pub username: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub name: String,
    pub position: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<EndDate>,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Education {
    pub institution: String,
    pub area: Option<String>,
    pub study_type: Option<String>,
    pub url: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<EndDate>,
    pub score: Option<String>,
    pub courses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    pub name: String,
    pub level: Option<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub language: String,
    pub fluency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<EndDate>,
    pub highlights: Vec<String>,
    pub keywords: Vec<String>,
    pub roles: Vec<String>,
}

/// A resume, typed and checked, with its `hide`n keys already removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Resume {
    pub source: Source,
    /// The file name without its extension.
    pub id: String,
    pub name: String,
    pub label: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub location: Option<Place>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub profiles: Vec<Profile>,
    pub work: Vec<Work>,
    pub education: Vec<Education>,
    pub skills: Vec<Skill>,
    pub languages: Vec<Language>,
    pub projects: Vec<Project>,
    pub lang: Option<Lang>,
    /// The keys that were hidden; their values are gone from this model.
    pub hide: Vec<String>,
    pub extra: Map<String, Value>,
    /// JSON Resume sections yingcai has no fields for (`awards`, `volunteer`, …), as written.
    pub other_sections: Map<String, Value>,
}

/// The keys a resume's front matter may have.
pub const KEYS: &[&str] = &[
    "name",
    "label",
    "email",
    "phone",
    "url",
    "location",
    "summary",
    "image",
    "profiles",
    "work",
    "education",
    "skills",
    "languages",
    "projects",
    "lang",
    "hide",
    "extra",
];

/// The keys `hide` may name.
pub const HIDEABLE: &[&str] = &[
    "label",
    "email",
    "phone",
    "url",
    "location",
    "summary",
    "image",
    "profiles",
    "work",
    "education",
    "skills",
    "languages",
    "projects",
];

#[derive(Deserialize)]
#[serde(untagged)]
enum RawPlace {
    Text(String),
    Table(RawPlaceTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaceTable {
    address: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    region: Option<String>,
    country_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    network: String,
    username: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    name: String,
    position: Option<String>,
    location: Option<String>,
    url: Option<String>,
    start: Option<String>,
    end: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    highlights: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEducation {
    institution: String,
    area: Option<String>,
    study_type: Option<String>,
    url: Option<String>,
    start: Option<String>,
    end: Option<String>,
    score: Option<String>,
    #[serde(default)]
    courses: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSkill {
    name: String,
    level: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawLanguage {
    Text(String),
    Table {
        language: String,
        fluency: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    name: String,
    description: Option<String>,
    url: Option<String>,
    start: Option<String>,
    end: Option<String>,
    #[serde(default)]
    highlights: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResume {
    name: String,
    label: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    url: Option<String>,
    location: Option<RawPlace>,
    summary: Option<String>,
    image: Option<String>,
    #[serde(default)]
    profiles: Vec<RawProfile>,
    #[serde(default)]
    work: Vec<RawWork>,
    #[serde(default)]
    education: Vec<RawEducation>,
    #[serde(default)]
    skills: Vec<RawSkill>,
    #[serde(default)]
    languages: Vec<RawLanguage>,
    #[serde(default)]
    projects: Vec<RawProject>,
    lang: Option<Lang>,
    #[serde(default)]
    hide: Vec<String>,
    #[serde(default)]
    extra: Map<String, Value>,
}

/// Every link a resume's front matter holds: its top-level key, the field as messages name
/// it (`profiles[0].url`), and the value.
fn raw_links(raw: &RawResume) -> Vec<(&'static str, String, &str)> {
    let mut links = Vec::new();
    for (key, value) in [("url", &raw.url), ("image", &raw.image)] {
        if let Some(v) = value {
            links.push((key, key.to_string(), v.as_str()));
        }
    }
    let lists = [
        (
            "profiles",
            raw.profiles.iter().map(|r| r.url.as_ref()).collect(),
        ),
        ("work", raw.work.iter().map(|r| r.url.as_ref()).collect()),
        (
            "education",
            raw.education.iter().map(|r| r.url.as_ref()).collect(),
        ),
        (
            "projects",
            raw.projects
                .iter()
                .map(|r| r.url.as_ref())
                .collect::<Vec<_>>(),
        ),
    ];
    for (key, urls) in lists {
        links.extend(super::link::indexed(key, urls).map(|(field, v)| (key, field, v)));
    }
    links
}

fn text(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn start_date(p: &mut Parsed<'_>, key: &[&str], s: Option<String>) -> Option<PartialDate> {
    let s = text(s)?;
    PartialDate::parse(&s).map_err(|m| p.fail(key, m)).ok()
}

fn end_date(p: &mut Parsed<'_>, key: &[&str], s: Option<String>) -> Option<EndDate> {
    let s = text(s)?;
    EndDate::parse(&s).map_err(|m| p.fail(key, m)).ok()
}

impl Resume {
    /// Reads a Markdown resume's text; `path` is relative to the site root.
    pub fn parse(path: &Path, text_in: &str) -> Result<Resume, Vec<Diagnostic>> {
        let (raw, mut p) = source::parse::<RawResume>(path, text_in, KEYS)?;
        let resume = Resume::from_raw(raw, &mut p, path);
        p.finish(resume)
    }

    fn from_raw(raw: RawResume, p: &mut Parsed<'_>, path: &Path) -> Resume {
        for (key, field, value) in raw_links(&raw) {
            p.check_link(&[key], &field, Some(value));
        }
        let name = raw.name.trim().to_string();
        if name.is_empty() {
            p.fail(&["name"], "`name` must not be empty");
        }
        if let Some(email) = raw.email.as_deref().filter(|e| !is_email(e.trim())) {
            p.fail(
                &["email"],
                format!("`email` `{email}` is not an email address"),
            );
        }
        for key in &raw.hide {
            if !HIDEABLE.contains(&key.as_str()) {
                let hint = crate::suggest::nearest(key, HIDEABLE)
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                p.fail(
                    &["hide"],
                    format!("`hide` names `{key}`, which is not a resume key{hint}"),
                );
            }
        }
        let work = raw
            .work
            .into_iter()
            .map(|w| Work {
                name: w.name.trim().to_string(),
                position: text(w.position),
                location: text(w.location),
                url: text(w.url),
                start: start_date(p, &["work", "start"], w.start),
                end: end_date(p, &["work", "end"], w.end),
                summary: text(w.summary),
                highlights: w.highlights,
            })
            .collect();
        let education = raw
            .education
            .into_iter()
            .map(|e| Education {
                institution: e.institution.trim().to_string(),
                area: text(e.area),
                study_type: text(e.study_type),
                url: text(e.url),
                start: start_date(p, &["education", "start"], e.start),
                end: end_date(p, &["education", "end"], e.end),
                score: text(e.score),
                courses: e.courses,
            })
            .collect();
        let projects = raw
            .projects
            .into_iter()
            .map(|r| Project {
                name: r.name.trim().to_string(),
                description: text(r.description),
                url: text(r.url),
                start: start_date(p, &["projects", "start"], r.start),
                end: end_date(p, &["projects", "end"], r.end),
                highlights: r.highlights,
                keywords: r.keywords,
                roles: r.roles,
            })
            .collect();
        let location = raw.location.map(|l| match l {
            RawPlace::Text(city) => Place {
                city: text(Some(city)),
                ..Place::default()
            },
            RawPlace::Table(t) => Place {
                address: text(t.address),
                postal_code: text(t.postal_code),
                city: text(t.city),
                region: text(t.region),
                country_code: text(t.country_code),
            },
        });
        let resume = Resume {
            source: p.source.clone(),
            id: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            name,
            label: text(raw.label),
            email: text(raw.email),
            phone: text(raw.phone),
            url: text(raw.url),
            location,
            summary: text(raw.summary),
            image: text(raw.image),
            profiles: raw
                .profiles
                .into_iter()
                .map(|r| Profile {
                    network: r.network,
                    username: text(r.username),
                    url: text(r.url),
                })
                .collect(),
            work,
            education,
            skills: raw
                .skills
                .into_iter()
                .map(|s| Skill {
                    name: s.name,
                    level: text(s.level),
                    keywords: s.keywords,
                })
                .collect(),
            languages: raw
                .languages
                .into_iter()
                .map(|l| match l {
                    RawLanguage::Text(language) => Language {
                        language,
                        fluency: None,
                    },
                    RawLanguage::Table { language, fluency } => Language { language, fluency },
                })
                .collect(),
            projects,
            lang: raw.lang,
            hide: raw.hide,
            extra: raw.extra,
            other_sections: Map::new(),
        };
        resume.without_hidden()
    }

    /// This resume with every `hide`n key emptied, so no output can show it.
    pub fn without_hidden(mut self) -> Resume {
        for key in self.hide.clone() {
            match key.as_str() {
                "label" => self.label = None,
                "email" => self.email = None,
                "phone" => self.phone = None,
                "url" => self.url = None,
                "location" => self.location = None,
                "summary" => self.summary = None,
                "image" => self.image = None,
                "profiles" => self.profiles.clear(),
                "work" => self.work.clear(),
                "education" => self.education.clear(),
                "skills" => self.skills.clear(),
                "languages" => self.languages.clear(),
                "projects" => self.projects.clear(),
                _ => {}
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"+++
name = "启程"
label = "技术专家"
email = "qicheng@example.com"
phone = "+86 138 0000 0000"
location = "北京市"
hide = ["phone"]

[[work]]
name = "某公司"
position = "架构师"
start = "2018.10"
end = "至今"
highlights = ["做了一件事"]

[[education]]
institution = "北京航空航天大学"
study_type = "硕士"

[[skills]]
name = "后端"
keywords = ["Java", "Go"]
+++
正文
"#;

    #[test]
    fn reads_structured_resume_and_hides_keys() {
        let r = Resume::parse(Path::new("content/resumes/qicheng.md"), TEXT).unwrap();
        assert_eq!(r.id, "qicheng");
        assert_eq!(r.phone, None, "hidden keys are dropped when read");
        assert_eq!(r.email.as_deref(), Some("qicheng@example.com"));
        assert_eq!(r.location.as_ref().unwrap().city.as_deref(), Some("北京市"));
        assert_eq!(r.work[0].start.unwrap().iso(), "2018-10");
        assert_eq!(r.work[0].end, Some(EndDate::Present));
        assert_eq!(r.education[0].study_type.as_deref(), Some("硕士"));
        assert_eq!(r.skills[0].keywords, ["Java", "Go"]);
    }

    #[test]
    fn bad_hide_key_and_dates_are_errors() {
        let text = "+++\nname = \"x\"\nhide = [\"phnoe\"]\n[[work]]\nname = \"a\"\nstart = \"last year\"\n+++\n";
        let errs = Resume::parse(Path::new("content/resumes/x.md"), text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs
            .iter()
            .any(|e| e.message.contains("did you mean `phone`?")));
        assert!(errs.iter().any(|e| e.line == 6));
    }

    #[test]
    fn body_only_resume() {
        let r = Resume::parse(
            Path::new("content/resumes/a.md"),
            "---\nname: A\n---\n# 个人简历\n",
        )
        .unwrap();
        assert!(r.work.is_empty());
        assert_eq!(r.source.body, "# 个人简历\n");
    }
}
