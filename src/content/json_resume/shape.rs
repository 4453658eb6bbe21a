//! The JSON Resume document, one shape for reading `content/resumes/ID.json` and for
//! writing `/resumes/SLUG/resume.json`: camelCase keys, keys left out when empty. Its
//! entries are the ones front matter is read with ([`crate::content::resume::RawWork`], …).
//!
//! Reading is lenient as JSON Resume is: a missing `name` reads as empty and keys this
//! shape lacks are ignored (the top level is checked against [`super::KEYS`] first, and a
//! key that misspells a schema key is an error: see `typos.rs`).
//! Fields are declared in the order they are written; [`JsonResume::to_value`] leaves out
//! the absent and the empty ones.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::content::resume::{Language, Place, Profile, RawEducation, RawProject, RawWork, Skill};
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
    #[serde(default)]
    pub work: Vec<RawWork>,
    #[serde(default)]
    pub education: Vec<RawEducation>,
    #[serde(default)]
    pub skills: Vec<Skill>,
    #[serde(default)]
    pub languages: Vec<Language>,
    #[serde(default)]
    pub projects: Vec<RawProject>,
    /// Sections yingcai has no fields for, as written (see [`super::PASSTHROUGH`]).
    #[serde(skip)]
    pub other_sections: Map<String, Value>,
    /// yingcai's own: keys to leave out of every output. Read, never written.
    #[serde(default, skip_serializing)]
    pub hide: Vec<String>,
    /// yingcai's own: the resume's language. Read, never written (`meta` carries it).
    #[serde(skip_serializing)]
    pub lang: Option<Lang>,
    #[serde(default, skip_serializing)]
    pub meta: Meta,
}

/// JSON Resume's `meta`; yingcai's own export writes the resume's language there.
#[derive(Serialize, Deserialize, Default)]
pub struct Meta {
    pub language: Option<Lang>,
    #[serde(skip_serializing)]
    pub lang: Option<Lang>,
}

impl JsonResume {
    /// The document as written: absent values and empty lists left out of yingcai's own
    /// sections, then the other sections as they were read, then `meta` when it says something.
    pub fn to_value(&self) -> Value {
        // Strings, lists and maps of JSON values always serialise.
        let mut value = serde_json::to_value(self).unwrap_or(Value::Null);
        drop_empty(&mut value);
        if let Value::Object(doc) = &mut value {
            doc.extend(self.other_sections.clone());
            if let Some(language) = self.meta.language {
                doc.insert("meta".into(), serde_json::json!({ "language": language }));
            }
        }
        value
    }
}

/// Removes `null`s and empty lists from every object in `value`.
fn drop_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
            map.values_mut().for_each(drop_empty);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty),
        _ => {}
    }
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Basics {
    #[serde(default)]
    pub name: String,
    pub label: Option<String>,
    pub image: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub location: Option<Place>,
    #[serde(default)]
    pub profiles: Vec<Profile>,
}
