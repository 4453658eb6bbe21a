//! A resume brought as a JSON Resume file (`content/resumes/ID.json`), read into the same
//! [`Resume`] model as a Markdown resume.
//!
//! Besides JSON Resume's keys, two of yingcai's own are accepted at the top level: `hide` and
//! `lang`. Sections yingcai has no fields for (`volunteer`, `awards`, `certificates`,
//! `publications`, `interests`, `references`) are kept as written and exported again.
//! The document's shape, shared with the export, is in [`shape`].

use std::path::Path;

use serde_json::{Map, Value};

use super::dates::{EndDate, PartialDate};
use super::resume::{Convert, Resume, HIDEABLE};
use super::source::Source;
use crate::diagnostic::Diagnostic;

mod shape;
mod typos;

pub use shape::{Basics, JsonResume, Meta, SCHEMA};

/// The top-level keys of a JSON Resume file yingcai reads.
pub const KEYS: &[&str] = &[
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
    "hide",
    "lang",
];

/// Sections kept as written.
pub const PASSTHROUGH: &[&str] = &[
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "interests",
    "references",
];

/// Reads a JSON Resume file's text; `path` is relative to the site root.
pub fn parse(path: &Path, text: &str) -> Result<Resume, Vec<Diagnostic>> {
    // serde_json counts columns in bytes; messages count characters.
    let err = |line: usize, column: usize, message: String| {
        vec![Diagnostic::error(
            path,
            line,
            crate::diagnostic::char_column(text, line, column),
            message,
        )]
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        // The place leads the line already.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default();
        err(e.line(), e.column(), format!("invalid JSON: {message}"))
    })?;
    let Value::Object(top) = &value else {
        return Err(err(1, 1, "a JSON Resume file holds one object".into()));
    };
    let key_position = |key: &str| {
        let needle = format!("\"{key}\"");
        text.find(&needle)
            .map_or((1, 1), |i| crate::diagnostic::line_column(text, i))
    };
    let mut errors = Vec::new();
    for key in top.keys().filter(|k| !KEYS.contains(&k.as_str())) {
        let (line, column) = key_position(key);
        let hint = crate::suggest::nearest(key, KEYS)
            .map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
        errors.push(Diagnostic::error(
            path,
            line,
            column,
            format!("unknown key `{key}`{hint}"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut ignored = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| ignored.push(typos::Ignored::new(&path));
    let watched = serde_ignored::Deserializer::new(&mut deserializer, &mut note);
    let raw: JsonResume = serde_path_to_error::deserialize(watched).map_err(|e| {
        let inner = e.inner();
        err(
            inner.line(),
            inner.column(),
            format!(
                "`{}`: {}",
                e.path(),
                inner.to_string().split(" at line ").next().unwrap_or("")
            ),
        )
    })?;

    // The n-th typo of one key is the n-th place that key is written.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for typo in &ignored {
        let n = seen.entry(typo.key()).or_insert(0);
        let at = typos::nth_key(text, typo.key(), *n);
        *n += 1;
        if let Some(meant) = typo.meant(&value) {
            let (line, column) = at.map_or((1, 1), |i| crate::diagnostic::line_column(text, i));
            errors.push(Diagnostic::error(
                path,
                line,
                column,
                format!(
                    "`{}`: unknown key `{}`; did you mean `{meant}`?",
                    typo.shown,
                    typo.key()
                ),
            ));
        }
    }
    for (field, value) in json_links(&raw) {
        if let Err(message) = super::link::check(&field, value) {
            let needle = serde_json::to_string(value).unwrap_or_default();
            let (line, column) = text
                .find(&needle)
                .map_or((1, 1), |i| crate::diagnostic::line_column(text, i + 1));
            errors.push(Diagnostic::error(path, line, column, message));
        }
    }
    let mut dates = Dates {
        errors: &mut errors,
        located: &key_position,
        path,
    };
    let work = raw
        .work
        .into_iter()
        .map(|w| w.convert(&mut dates))
        .collect();
    let education = raw
        .education
        .into_iter()
        .map(|e| e.convert(&mut dates))
        .collect();
    let projects = raw
        .projects
        .into_iter()
        .map(|p| p.convert(&mut dates))
        .collect();
    let b = raw.basics;
    if b.name.trim().is_empty() {
        let (line, column) = key_position("basics");
        errors.push(Diagnostic::error(
            path,
            line,
            column,
            "`basics.name` is required",
        ));
    }
    for key in &raw.hide {
        if !HIDEABLE.contains(&key.as_str()) && !PASSTHROUGH.contains(&key.as_str()) {
            let (line, column) = key_position("hide");
            errors.push(Diagnostic::error(
                path,
                line,
                column,
                format!("`hide` names `{key}`, which is not a resume key"),
            ));
        }
    }
    let other_sections: Map<String, Value> = PASSTHROUGH
        .iter()
        .filter(|k| !raw.hide.iter().any(|h| h == *k))
        .filter_map(|k| top.get(*k).map(|v| (k.to_string(), v.clone())))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let resume = Resume {
        source: Source::new(path, "", 1),
        id: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        name: b.name.trim().to_string(),
        label: b.label,
        email: b.email,
        phone: b.phone,
        url: b.url,
        location: b.location,
        summary: b.summary,
        image: b.image.filter(|i| !i.is_empty()),
        profiles: b.profiles,
        work,
        education,
        skills: raw.skills,
        languages: raw.languages,
        projects,
        lang: raw.lang.or(raw.meta.language).or(raw.meta.lang),
        hide: raw.hide,
        extra: Map::new(),
        other_sections,
    };
    Ok(resume.without_hidden())
}

/// Every link of a JSON Resume file, with the field as messages name it.
fn json_links(raw: &JsonResume) -> Vec<(String, &str)> {
    let b = &raw.basics;
    let mut links: Vec<(String, &str)> = [("basics.url", &b.url), ("basics.image", &b.image)]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k.to_string(), v)))
        .collect();
    links.extend(
        super::link::entry_links(
            "basics.profiles",
            &b.profiles,
            &raw.work,
            &raw.education,
            &raw.projects,
        )
        .into_iter()
        .map(|(_, field, url)| (field, url)),
    );
    links
}

/// JSON Resume's text is kept as written; a start that is no date is an error at the first
/// `startDate` key. `endDate` is left out for ongoing entries; an unreadable one is ignored.
struct Dates<'e, F> {
    errors: &'e mut Vec<Diagnostic>,
    located: &'e F,
    path: &'e Path,
}

impl<F: Fn(&str) -> (usize, usize)> Convert<String, String> for Dates<'_, F> {
    type Start = PartialDate;
    type End = EndDate;
    fn start(&mut self, _: &str, s: Option<String>) -> Option<PartialDate> {
        let s = s.filter(|s| !s.trim().is_empty())?;
        PartialDate::parse(&s)
            .map_err(|message| {
                let (line, column) = (self.located)("startDate");
                let error = Diagnostic::error(self.path, line, column, message);
                self.errors.push(error);
            })
            .ok()
    }
    fn end(&mut self, _: &str, s: Option<String>) -> Option<EndDate> {
        match s.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => EndDate::parse(t).ok(),
            None => Some(EndDate::Present),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
  "basics": {
    "name": "Ada Zhang",
    "label": "Platform Engineer",
    "email": "ada@example.com",
    "phone": "+1 555 0100",
    "location": { "city": "Shanghai", "countryCode": "CN" },
    "profiles": [{ "network": "GitHub", "username": "ada", "url": "https://github.com/ada" }]
  },
  "work": [{ "name": "Example Co", "position": "Engineer", "startDate": "2019-03", "highlights": ["Built things"] }],
  "education": [{ "institution": "Example University", "studyType": "Bachelor", "area": "CS", "startDate": "2012", "endDate": "2016" }],
  "awards": [{ "title": "Best Paper", "date": "2020-01-01" }],
  "hide": ["phone"]
}"#;

    #[test]
    fn reads_json_resume() {
        let r = parse(Path::new("content/resumes/ada.json"), SAMPLE).unwrap();
        assert_eq!(r.name, "Ada Zhang");
        assert_eq!(r.phone, None);
        assert_eq!(r.location.unwrap().country_code.as_deref(), Some("CN"));
        assert_eq!(r.work[0].start.unwrap().iso(), "2019-03");
        assert_eq!(r.work[0].end, Some(EndDate::Present));
        assert_eq!(r.education[0].study_type.as_deref(), Some("Bachelor"));
        assert_eq!(r.other_sections["awards"][0]["title"], "Best Paper");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"basics\": {\"name\": \"中文\", \"label\": 5}}";
        let errs = parse(Path::new("r.json"), text).unwrap_err();
        let column = errs[0].column;
        assert!(column <= text.chars().count() + 1, "{errs:?}");
    }

    #[test]
    fn bad_json_is_located() {
        let errs = parse(
            Path::new("content/resumes/a.json"),
            "{\n  \"basics\": {\n    \"name\": 5\n  }\n}",
        )
        .unwrap_err();
        assert_eq!(errs[0].line, 3, "{errs:?}");
        assert!(
            errs[0].message.contains("basics.name"),
            "{}",
            errs[0].message
        );
        let errs = parse(Path::new("content/resumes/a.json"), "{\n  \"basic\": {}\n}").unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "content/resumes/a.json:2:3: error: unknown key `basic`; did you mean `basics`?"
        );
        let errs = parse(Path::new("content/resumes/a.json"), "{ \"basics\": ").unwrap_err();
        assert!(errs[0].message.starts_with("invalid JSON"));
    }

    /// The problems of a file that must not read, as printed.
    fn problems(path: &str, text: &str) -> Vec<String> {
        parse(Path::new(path), text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn misspelt_keys_are_errors_and_other_tools_keys_are_not() {
        let text = "{\n  \"basics\": {\n    \"name\": \"李四\",\n    \"emial\": \"li@example.com\",\n    \"x-custom\": 1,\n    \"location\": { \"ctiy\": \"杭州\" }\n  },\n  \"work\": [{ \"name\": \"A\", \"description\": \"ok\" }, { \"nmae\": \"B\" }]\n}\n";
        assert_eq!(
            problems("content/resumes/li.json", text),
            [
                "content/resumes/li.json:4:5: error: `basics.emial`: unknown key `emial`; did you mean `email`?",
                "content/resumes/li.json:6:19: error: `basics.location.ctiy`: unknown key `ctiy`; did you mean `city`?",
                "content/resumes/li.json:8:52: error: `work[1].nmae`: unknown key `nmae`; did you mean `name`?",
            ]
        );
        let fine = text
            .replace("emial", "email")
            .replace("ctiy", "city")
            .replace("nmae", "name");
        assert!(parse(Path::new("content/resumes/li.json"), &fine).is_ok());
    }

    #[test]
    fn other_tools_keys_are_not_typos_and_each_typo_is_found_where_written() {
        // `age`, `note` and `date` are two edits from `image`, `name`: keys of other tools.
        // A `nmae` beside a `name` is one too.
        let text = "{\n  \"basics\": { \"name\": \"A\", \"age\": 30, \"note\": \"x\" },\n  \"work\": [\n    { \"name\": \"B\", \"date\": \"2020\", \"nmae\": \"b\" },\n    { \"nmae\": \"C\" },\n    { \"nmae\": \"D\" }\n  ]\n}\n";
        assert_eq!(
            problems("r.json", text),
            [
                "r.json:5:7: error: `work[1].nmae`: unknown key `nmae`; did you mean `name`?",
                "r.json:6:7: error: `work[2].nmae`: unknown key `nmae`; did you mean `name`?",
            ]
        );
    }
}
