//! The entries of a resume — place, profiles, work, education, skills, languages, projects —
//! written once for every form they take: read from front matter (TOML, YAML) and from JSON
//! Resume files, held in the model, written to `resume.json`.
//!
//! Work, education and projects carry their dates as `S` (start) and `E` (end): as written
//! ([`RawWork`] and the like, `String`s) or parsed (the model, [`PartialDate`] and [`EndDate`]).
//! Keys are JSON Resume's (camelCase, `startDate`); front matter's snake_case names
//! (`start`, `study_type`) are aliases. Reading is lenient as JSON Resume is: a missing name
//! reads as empty and unknown keys are ignored; front matter checks its keys itself
//! (`front_matter::ENTRY_KEYS`), so its messages name only the keys it accepts.

use serde::{Deserialize, Serialize};

use crate::content::dates::{EndDate, PartialDate};

/// Where a person lives or worked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub address: Option<String>,
    #[serde(alias = "postal_code")]
    pub postal_code: Option<String>,
    pub city: Option<String>,
    #[serde(alias = "country_code")]
    pub country_code: Option<String>,
    pub region: Option<String>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub network: String,
    pub username: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Work<S = PartialDate, E = EndDate> {
    #[serde(default, alias = "company")]
    pub name: String,
    pub position: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    #[serde(rename = "startDate", alias = "start")]
    pub start: Option<S>,
    #[serde(rename = "endDate", alias = "end")]
    pub end: Option<E>,
    pub summary: Option<String>,
    #[serde(default)]
    pub highlights: Vec<String>,
}

/// Fields in the order JSON Resume writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Education<S = PartialDate, E = EndDate> {
    #[serde(default)]
    pub institution: String,
    pub url: Option<String>,
    pub area: Option<String>,
    #[serde(alias = "study_type")]
    pub study_type: Option<String>,
    #[serde(rename = "startDate", alias = "start")]
    pub start: Option<S>,
    #[serde(rename = "endDate", alias = "end")]
    pub end: Option<E>,
    pub score: Option<String>,
    #[serde(default)]
    pub courses: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    #[serde(default)]
    pub name: String,
    pub level: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    #[serde(default)]
    pub language: String,
    pub fluency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project<S = PartialDate, E = EndDate> {
    #[serde(default)]
    pub name: String,
    pub description: Option<String>,
    pub url: Option<String>,
    #[serde(rename = "startDate", alias = "start")]
    pub start: Option<S>,
    #[serde(rename = "endDate", alias = "end")]
    pub end: Option<E>,
    #[serde(default)]
    pub highlights: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

/// A job as written in a file, dates as text.
pub type RawWork = Work<String, String>;
/// A school as written in a file, dates as text.
pub type RawEducation = Education<String, String>;
/// A project as written in a file, dates as text.
pub type RawProject = Project<String, String>;

crate::content::link::linked!(Profile, Work<S, E>, Education<S, E>, Project<S, E>);

/// How an entry changes form: read from a file (text kept or cleaned, dates parsed, each
/// problem recorded where that format can place it) or made ready to write. `section` is the
/// list the entry belongs to (`work`, `education`, `projects`).
pub(crate) trait Convert<S, E> {
    type Start;
    type End;
    fn text(&mut self, text: Option<String>) -> Option<String> {
        text
    }
    fn name(&mut self, name: String) -> String {
        name
    }
    fn start(&mut self, section: &str, start: Option<S>) -> Option<Self::Start>;
    fn end(&mut self, section: &str, end: Option<E>) -> Option<Self::End>;
}

impl<S, E> Work<S, E> {
    pub(crate) fn convert<C: Convert<S, E>>(self, c: &mut C) -> Work<C::Start, C::End> {
        Work {
            name: c.name(self.name),
            position: c.text(self.position),
            location: c.text(self.location),
            url: c.text(self.url),
            start: c.start("work", self.start),
            end: c.end("work", self.end),
            summary: c.text(self.summary),
            highlights: self.highlights,
        }
    }
}

impl<S, E> Education<S, E> {
    pub(crate) fn convert<C: Convert<S, E>>(self, c: &mut C) -> Education<C::Start, C::End> {
        Education {
            institution: c.name(self.institution),
            area: c.text(self.area),
            study_type: c.text(self.study_type),
            url: c.text(self.url),
            start: c.start("education", self.start),
            end: c.end("education", self.end),
            score: c.text(self.score),
            courses: self.courses,
        }
    }
}

impl<S, E> Project<S, E> {
    pub(crate) fn convert<C: Convert<S, E>>(self, c: &mut C) -> Project<C::Start, C::End> {
        Project {
            name: c.name(self.name),
            description: c.text(self.description),
            url: c.text(self.url),
            start: c.start("projects", self.start),
            end: c.end("projects", self.end),
            highlights: self.highlights,
            keywords: self.keywords,
            roles: self.roles,
        }
    }
}

/// Dates as JSON Resume writes them: partial ISO dates, and no end for an ongoing entry.
pub(crate) struct Written;

impl Convert<PartialDate, EndDate> for Written {
    type Start = String;
    type End = String;
    fn start(&mut self, _: &str, start: Option<PartialDate>) -> Option<String> {
        start.map(|s| s.iso())
    }
    fn end(&mut self, _: &str, end: Option<EndDate>) -> Option<String> {
        match end? {
            EndDate::On(e) => Some(e.iso()),
            EndDate::Present => None,
        }
    }
}
