//! A resume in JSON Resume format (`/resumes/SLUG/resume.json`): camelCase keys, partial ISO
//! dates, hidden keys absent. The document's shape is the one JSON Resume input is read
//! with ([`crate::content::json_resume::JsonResume`]).

use serde_json::Value;

use crate::content::json_resume::{Basics, JsonResume, Meta, SCHEMA};
use crate::content::resume::Written;
use crate::content::Resume;

/// The JSON Resume document for `resume`; `page_url` is used when the resume has no `url`.
pub fn to_json_resume(resume: &Resume, page_url: &str) -> Value {
    let basics = Basics {
        name: resume.name.clone(),
        label: resume.label.clone(),
        image: resume.image.clone(),
        email: resume.email.clone(),
        phone: resume.phone.clone(),
        url: Some(resume.url.clone().unwrap_or_else(|| page_url.to_string())),
        summary: resume.summary.clone(),
        location: resume.location.clone(),
        profiles: resume.profiles.clone(),
    };
    let doc = JsonResume {
        schema: SCHEMA,
        basics,
        work: written(&resume.work, |w| w.convert(&mut Written)),
        education: written(&resume.education, |e| e.convert(&mut Written)),
        skills: resume.skills.clone(),
        languages: resume.languages.clone(),
        projects: written(&resume.projects, |p| p.convert(&mut Written)),
        other_sections: resume.other_sections.clone(),
        hide: Vec::new(),
        lang: None,
        meta: Meta {
            language: resume.lang,
            lang: None,
        },
    };
    doc.to_value()
}

fn written<T: Clone, W>(entries: &[T], write: impl Fn(T) -> W) -> Vec<W> {
    entries.iter().cloned().map(write).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every key a resume can export, in the order the document has always been written.
    #[test]
    fn keys_are_written_in_json_resume_order() {
        let text = r#"{
  "basics": {"name": "A", "label": "L", "image": "https://x.cn/a.png", "email": "a@x.cn",
    "phone": "1", "summary": "S",
    "location": {"region": "R", "city": "C", "postalCode": "P", "countryCode": "CN", "address": "D"},
    "profiles": [{"url": "https://x.cn", "username": "u", "network": "N"}]},
  "awards": [{"title": "T"}],
  "projects": [{"roles": ["r"], "name": "P", "startDate": "2020", "endDate": "2021-02"}],
  "work": [{"company": "W", "endDate": "2020", "startDate": "2019-01", "highlights": ["h"]}],
  "education": [{"studyType": "BS", "institution": "U"}],
  "skills": [{"keywords": ["k"], "name": "S"}],
  "languages": [{"fluency": "F", "language": "zh"}],
  "meta": {"language": "en"}
}"#;
        let resume =
            crate::content::json_resume::parse(Path::new("content/resumes/a.json"), text).unwrap();
        let written = serde_json::to_string(&to_json_resume(&resume, "https://x.cn/r/a/")).unwrap();
        let expected = concat!(
            r#"{"$schema":"https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json","#,
            r#""basics":{"name":"A","label":"L","image":"https://x.cn/a.png","email":"a@x.cn","phone":"1","#,
            r#""url":"https://x.cn/r/a/","summary":"S","location":{"address":"D","postalCode":"P","city":"C","#,
            r#""countryCode":"CN","region":"R"},"profiles":[{"network":"N","username":"u","url":"https://x.cn"}]},"#,
            r#""work":[{"name":"W","startDate":"2019-01","endDate":"2020","highlights":["h"]}],"#,
            r#""education":[{"institution":"U","studyType":"BS"}],"#,
            r#""skills":[{"name":"S","keywords":["k"]}],"languages":[{"language":"zh","fluency":"F"}],"#,
            r#""projects":[{"name":"P","startDate":"2020","endDate":"2021-02","roles":["r"]}],"#,
            r#""awards":[{"title":"T"}],"meta":{"language":"en"}}"#,
        );
        assert_eq!(written, expected);
    }

    /// Empty strings and objects stay, as written; absent values and empty lists go.
    #[test]
    fn only_absent_values_and_empty_lists_are_left_out() {
        let text = r#"{"basics": {"location": {"zip": "1"}, "profiles": []},
          "work": [{"highlights": [], "summary": ""}], "skills": [],
          "awards": [{"title": null, "tags": []}]}"#;
        let resume = crate::content::json_resume::parse(Path::new("content/resumes/a.json"), text);
        // `basics.name` is required: read a named copy.
        assert!(resume.is_err());
        let text = text.replace(r#""location""#, r#""name": "", "location""#);
        let resume = crate::content::json_resume::parse(Path::new("content/resumes/a.json"), &text);
        assert!(resume.is_err(), "an empty name is no name");
        let text = text.replace(r#""name": """#, r#""name": " A ""#);
        let resume =
            crate::content::json_resume::parse(Path::new("content/resumes/a.json"), &text).unwrap();
        let written = serde_json::to_string(&to_json_resume(&resume, "/r/")).unwrap();
        assert_eq!(
            written,
            concat!(
                r#"{"$schema":"https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json","#,
                r#""basics":{"name":"A","url":"/r/","location":{}},"#,
                r#""work":[{"name":"","summary":""}],"awards":[{"title":null,"tags":[]}]}"#
            )
        );
    }
}
