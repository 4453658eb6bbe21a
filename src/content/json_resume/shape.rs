//! The JSON Resume document, one shape for reading `content/resumes/ID.json` and for
//! writing `/resumes/SLUG/resume.json`: camelCase keys, keys left out when empty.
//!
//! Reading is lenient as JSON Resume is: a missing `name` reads as empty and keys this
//! shape lacks are ignored (the top level is checked against [`super::KEYS`] first).
//! Fields are declared in the order they are written.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lang::Lang;

/// The schema a written `resume.json` names.
pub const SCHEMA: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// A whole JSON Resume document.
#[derive(Serialize, Deserialize, Default)]
pub struct JsonResume {
    #[serde(rename = "$schema", skip_deserializing)]
    pub schema: &'static str,
    #[serde(default)]
    pub basics: Basics,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<JsonWork>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<JsonEducation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<JsonSkill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<JsonLanguage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<JsonProject>,
    /// Sections yingcai has no fields for, as written (see [`super::PASSTHROUGH`]).
    #[serde(skip_deserializing, flatten)]
    pub other_sections: Map<String, Value>,
    /// yingcai's own: keys to leave out of every output. Read, never written.
    #[serde(default, skip_serializing)]
    pub hide: Vec<String>,
    /// yingcai's own: the resume's language. Read, never written (`meta` carries it).
    #[serde(skip_serializing)]
    pub lang: Option<Lang>,
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
}

/// JSON Resume's `meta`; yingcai's own export writes the resume's language there.
#[derive(Serialize, Deserialize, Default)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    #[serde(skip_serializing)]
    pub lang: Option<Lang>,
}

impl Meta {
    fn is_empty(&self) -> bool {
        self.language.is_none()
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Basics {
    #[serde(default)]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<JsonPlace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<JsonProfile>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonPlace {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct JsonProfile {
    #[serde(default)]
    pub network: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonWork {
    #[serde(default, alias = "company")]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonEducation {
    #[serde(default)]
    pub institution: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courses: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub struct JsonSkill {
    #[serde(default)]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub struct JsonLanguage {
    #[serde(default)]
    pub language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fluency: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonProject {
    #[serde(default)]
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
}
