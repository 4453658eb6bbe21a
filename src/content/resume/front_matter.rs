//! A Markdown resume's front matter (TOML or YAML), read strictly: snake_case keys, unknown
//! keys refused with the nearest known one, required names. JSON Resume's own shape, lenient
//! and camelCase, is [`crate::content::json_resume::JsonResume`]; the two stay apart because
//! serde lists aliases among the known keys that messages name.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Education, Language, Place, Profile, Project, Resume, Skill, Work, HIDEABLE};
use crate::content::apply::is_email;
use crate::content::dates::{EndDate, PartialDate};
use crate::content::source::Parsed;
use crate::lang::Lang;

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
pub(super) struct RawResume {
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

crate::content::link::linked!(RawProfile, RawWork, RawEducation, RawProject);

/// Every link a resume's front matter holds: its top-level key, the field as messages name
/// it (`profiles[0].url`), and the value.
fn raw_links(raw: &RawResume) -> Vec<(&'static str, String, &str)> {
    let mut links = Vec::new();
    for (key, value) in [("url", &raw.url), ("image", &raw.image)] {
        if let Some(v) = value {
            links.push((key, key.to_string(), v.as_str()));
        }
    }
    links.extend(crate::content::link::entry_links(
        "profiles",
        &raw.profiles,
        &raw.work,
        &raw.education,
        &raw.projects,
    ));
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

pub(super) fn resume(raw: RawResume, p: &mut Parsed<'_>, path: &Path) -> Resume {
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
