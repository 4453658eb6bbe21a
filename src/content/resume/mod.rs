//! A resume: `content/resumes/ID.md`, aligned with JSON Resume's `basics` and sections.
//!
//! Markdown resumes are read by [`front_matter`], JSON Resume files by
//! [`super::json_resume`]; both give the same [`Resume`], made of the [`entries`] both read.

mod entries;
mod front_matter;

use std::path::Path;

use serde_json::{Map, Value};

use super::source::{self, Source};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
pub(crate) use entries::{Convert, Written};
pub use entries::{
    Education, Language, Place, Profile, Project, RawEducation, RawProject, RawWork, Skill, Work,
};
use front_matter::RawResume;

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

/// The keys `hide` may name: every key of [`KEYS`] but `name` (first) and `lang`, `hide`
/// and `extra` (last).
pub const HIDEABLE: &[&str] = KEYS.split_at(1).1.split_at(KEYS.len() - 4).0;

impl Resume {
    /// Reads a Markdown resume's text; `path` is relative to the site root.
    pub fn parse(path: &Path, text_in: &str) -> Result<Resume, Vec<Diagnostic>> {
        let (raw, mut p) = source::parse::<RawResume>(path, text_in, KEYS)?;
        let resume = front_matter::resume(raw, &mut p, path);
        p.finish(resume)
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
    use crate::content::dates::EndDate;

    #[test]
    fn hideable_keys_are_every_key_but_name_lang_hide_and_extra() {
        let rest: Vec<&str> = KEYS
            .iter()
            .copied()
            .filter(|k| !HIDEABLE.contains(k))
            .collect();
        assert_eq!(rest, ["name", "lang", "hide", "extra"]);
        assert_eq!(HIDEABLE.len() + rest.len(), KEYS.len());
    }

    /// The resume the resume-site tests build.
    const TEXT: &str = include_str!("../../../tests/fixtures/resume/zhangsan.md");

    #[test]
    fn reads_structured_resume_and_hides_keys() {
        let r = Resume::parse(Path::new("content/resumes/zhangsan.md"), TEXT).unwrap();
        assert_eq!(r.id, "zhangsan");
        assert_eq!(r.phone, None, "hidden keys are dropped when read");
        assert_eq!(r.email.as_deref(), Some("zhangsan@example.com"));
        assert_eq!(r.location.as_ref().unwrap().city.as_deref(), Some("杭州市"));
        assert_eq!(r.work[0].end, Some(EndDate::Present), "至今");
        assert_eq!(r.work[1].start.unwrap().iso(), "2018-10", "2018.10");
        assert_eq!(r.education[0].study_type.as_deref(), Some("本科"));
        assert_eq!(r.skills[0].keywords, ["Java", "Go"]);
    }

    #[test]
    fn a_location_may_be_a_plain_string() {
        let text = "+++\nname = \"x\"\nlocation = \"北京市\"\n+++\n";
        let r = Resume::parse(Path::new("content/resumes/x.md"), text).unwrap();
        assert_eq!(r.location.unwrap().city.as_deref(), Some("北京市"));
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

    /// Entries share their shape with JSON Resume, whose camelCase keys front matter refuses.
    #[test]
    fn front_matter_entries_take_snake_case_keys_and_need_names() {
        let text = "+++\nname = \"x\"\nlocation = { city = \"a\", zip = \"1\" }\n\n[[work]]\nposition = \"p\"\nstartDate = \"2020\"\n\n[[languages]]\nfluency = \"a\"\n+++\n";
        let errs = Resume::parse(Path::new("content/resumes/x.md"), text).unwrap_err();
        let errs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        let at = "content/resumes/x.md";
        assert_eq!(
            errs,
            [
                format!("{at}:3:1: error: `location.zip`: unknown key `zip`; known keys are `address`, `postal_code`, `city`, `region`, `country_code`"),
                format!("{at}:5:1: error: `work[0]`: missing required key `name`"),
                format!("{at}:7:1: error: `work[0].startDate`: unknown key `startDate`; known keys are `name`, `position`, `location`, `url`, `start`, `end`, `summary`, `highlights`"),
                format!("{at}:9:1: error: `languages[0]`: missing required key `language`"),
            ]
        );
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
