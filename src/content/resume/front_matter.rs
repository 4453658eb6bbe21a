//! A Markdown resume's front matter (TOML or YAML), read strictly: snake_case keys, unknown
//! keys refused with the nearest known one, required names. The entries are the shapes JSON
//! Resume files are read with ([`super::entries`]); their keys are checked here
//! ([`ENTRY_KEYS`]), as serde's own check would name JSON Resume's aliases too.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{
    Convert, Language, Place, Profile, RawEducation, RawProject, RawWork, Resume, Skill, HIDEABLE,
};
use crate::content::apply::is_email;
use crate::content::dates::{EndDate, PartialDate};
use crate::content::source::{trimmed as text, Parsed};
use crate::lang::Lang;

/// The keys of each list's entries in front matter, the required one first.
const ENTRY_KEYS: &[(&str, &[&str])] = &[
    ("profiles", &["network", "username", "url"]),
    (
        "work",
        &[
            "name",
            "position",
            "location",
            "url",
            "start",
            "end",
            "summary",
            "highlights",
        ],
    ),
    (
        "education",
        &[
            "institution",
            "area",
            "study_type",
            "url",
            "start",
            "end",
            "score",
            "courses",
        ],
    ),
    ("skills", &["name", "level", "keywords"]),
    ("languages", &["language", "fluency"]),
    (
        "projects",
        &[
            "name",
            "description",
            "url",
            "start",
            "end",
            "highlights",
            "keywords",
            "roles",
        ],
    ),
];

/// The keys of `location` written as a table.
const PLACE_KEYS: &[&str] = &["address", "postal_code", "city", "region", "country_code"];

/// `location = "杭州市"` or a table.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawPlace {
    Text(String),
    Table(Place),
}

/// `languages = ["English"]` or tables.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawLanguage {
    Text(String),
    Table(Language),
}

#[derive(Deserialize)]
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
    profiles: Vec<Profile>,
    #[serde(default)]
    work: Vec<RawWork>,
    #[serde(default)]
    education: Vec<RawEducation>,
    #[serde(default)]
    skills: Vec<Skill>,
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
    links.extend(crate::content::link::entry_links(
        "profiles",
        &raw.profiles,
        &raw.work,
        &raw.education,
        &raw.projects,
    ));
    links
}

/// Every key of a list's entries that front matter does not accept, and every entry
/// without its required key, located like serde's own messages: `work[0].boss`.
fn check_entry_keys(p: &mut Parsed<'_>) {
    fn check(
        p: &mut Parsed<'_>,
        at: &str,
        section: &str,
        entry: &Map<String, Value>,
        known: &[&str],
    ) {
        for key in entry.keys().filter(|k| !known.contains(&k.as_str())) {
            let message = crate::toml_yaml::unknown_key(key, known);
            p.fail(&[section, key], format!("`{at}.{key}`: {message}"));
        }
    }
    if let Some(Value::Object(place)) = p.doc.table.get("location").cloned() {
        check(p, "location", "location", &place, PLACE_KEYS);
    }
    for (section, known) in ENTRY_KEYS {
        let Some(Value::Array(items)) = p.doc.table.get(*section).cloned() else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Value::Object(entry) = item else { continue };
            let at = format!("{section}[{i}]");
            check(p, &at, section, entry, known);
            if !entry.contains_key(known[0]) {
                let message = format!("`{at}`: missing required key `{}`", known[0]);
                p.fail(&[section], message);
            }
        }
    }
}

/// Front matter's text: trimmed, and empty as absent; its date problems located at the key.
impl Convert<String, String> for Parsed<'_> {
    type Start = PartialDate;
    type End = EndDate;
    fn text(&mut self, s: Option<String>) -> Option<String> {
        text(s)
    }
    fn name(&mut self, name: String) -> String {
        name.trim().to_string()
    }
    fn start(&mut self, section: &str, s: Option<String>) -> Option<PartialDate> {
        let s = text(s)?;
        PartialDate::parse(&s)
            .map_err(|m| self.fail(&[section, "start"], m))
            .ok()
    }
    fn end(&mut self, section: &str, s: Option<String>) -> Option<EndDate> {
        let s = text(s)?;
        EndDate::parse(&s)
            .map_err(|m| self.fail(&[section, "end"], m))
            .ok()
    }
}

pub(super) fn resume(raw: RawResume, p: &mut Parsed<'_>, path: &Path) -> Resume {
    check_entry_keys(p);
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
    let work = raw.work.into_iter().map(|w| w.convert(p)).collect();
    let education = raw.education.into_iter().map(|e| e.convert(p)).collect();
    let projects = raw.projects.into_iter().map(|r| r.convert(p)).collect();
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
                RawLanguage::Table(language) => language,
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
