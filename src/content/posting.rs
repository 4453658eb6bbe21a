//! A job posting: `content/jobs/**/*.md`.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::apply::Contact;
use super::dates::When;
use super::source::{self, Source};
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// schema.org employment types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contractor,
    Temporary,
    Intern,
    Volunteer,
    PerDiem,
    Other,
}

impl EmploymentType {
    pub const ALL: [EmploymentType; 8] = [
        EmploymentType::FullTime,
        EmploymentType::PartTime,
        EmploymentType::Contractor,
        EmploymentType::Temporary,
        EmploymentType::Intern,
        EmploymentType::Volunteer,
        EmploymentType::PerDiem,
        EmploymentType::Other,
    ];

    /// The schema.org value, e.g. `FULL_TIME`.
    pub fn code(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contractor => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Intern => "INTERN",
            EmploymentType::Volunteer => "VOLUNTEER",
            EmploymentType::PerDiem => "PER_DIEM",
            EmploymentType::Other => "OTHER",
        }
    }

    /// Reads a value in any case, with `-` or spaces for `_`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let norm = text.trim().to_uppercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|t| t.code() == norm)
            .ok_or_else(|| {
                let all: Vec<&str> = Self::ALL.iter().map(|t| t.code()).collect();
                format!(
                    "`employment_type` `{text}` is not one of {}",
                    all.join(", ")
                )
            })
    }
}

/// The period a salary is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalaryUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl SalaryUnit {
    pub fn code(self) -> &'static str {
        match self {
            SalaryUnit::Hour => "HOUR",
            SalaryUnit::Day => "DAY",
            SalaryUnit::Week => "WEEK",
            SalaryUnit::Month => "MONTH",
            SalaryUnit::Year => "YEAR",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_uppercase().as_str() {
            "HOUR" => Ok(SalaryUnit::Hour),
            "DAY" => Ok(SalaryUnit::Day),
            "WEEK" => Ok(SalaryUnit::Week),
            "MONTH" => Ok(SalaryUnit::Month),
            "YEAR" => Ok(SalaryUnit::Year),
            _ => Err(format!(
                "`salary.unit` `{text}` is not one of HOUR, DAY, WEEK, MONTH, YEAR"
            )),
        }
    }
}

/// A pay range.
#[derive(Debug, Clone, PartialEq)]
pub struct Salary {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217, upper case.
    pub currency: String,
    pub unit: SalaryUnit,
}

/// A job posting, typed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub source: Source,
    pub title: String,
    /// A team ID or a team's display name, resolved when the site is assembled.
    pub team: String,
    pub date: When,
    pub valid_through: Option<When>,
    pub locations: Vec<String>,
    pub remote: bool,
    pub level: Option<String>,
    pub employment_type: Option<EmploymentType>,
    pub salary: Option<Salary>,
    pub apply: Option<Contact>,
    pub slug: Option<String>,
    /// Earlier addresses of this posting, as output paths (`jobs/old/index.html`).
    pub aliases: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub lang: Option<Lang>,
    pub draft: bool,
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSalary {
    min: Option<f64>,
    max: Option<f64>,
    currency: String,
    #[serde(default = "default_unit")]
    unit: String,
}

fn default_unit() -> String {
    "MONTH".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPosting {
    title: String,
    team: String,
    date: String,
    valid_through: Option<String>,
    #[serde(default)]
    locations: Vec<String>,
    #[serde(default)]
    remote: bool,
    level: Option<String>,
    employment_type: Option<String>,
    salary: Option<RawSalary>,
    apply: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    lang: Option<Lang>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    extra: Map<String, Value>,
}

/// The keys a posting's front matter may have.
pub const KEYS: &[&str] = &[
    "title",
    "team",
    "date",
    "valid_through",
    "locations",
    "remote",
    "level",
    "employment_type",
    "salary",
    "apply",
    "slug",
    "aliases",
    "tags",
    "summary",
    "lang",
    "draft",
    "extra",
];

impl Posting {
    /// The posting's stable ID, as `jobs.json` and JSON-LD publish it: its file path under
    /// `content/jobs/`, without `.md`.
    pub fn stable_id(&self) -> String {
        let path = crate::diagnostic::display_path(&self.source.path);
        let path = path.strip_prefix("content/jobs/").unwrap_or(&path);
        path.strip_suffix(".md").unwrap_or(path).to_string()
    }

    /// Reads a posting file's text; `path` is relative to the site root.
    pub fn parse(path: &Path, text: &str) -> Result<Posting, Vec<Diagnostic>> {
        let (raw, mut p) = source::parse::<RawPosting>(path, text, KEYS)?;
        let title = raw.title.trim().to_string();
        if title.is_empty() {
            p.fail(&["title"], "`title` must not be empty");
        }
        let team = raw.team.trim().to_string();
        if team.is_empty() {
            p.fail(&["team"], "`team` must not be empty");
        }
        let date = When::parse(&raw.date)
            .map_err(|m| p.fail(&["date"], format!("`date`: {m}")))
            .ok();
        let valid_through = match raw.valid_through.as_deref().map(When::parse) {
            Some(Ok(w)) => Some(w),
            Some(Err(m)) => {
                p.fail(&["valid_through"], format!("`valid_through`: {m}"));
                None
            }
            None => None,
        };
        if let (Some(d), Some(v)) = (date, valid_through) {
            if v.date() < d.date() {
                p.fail(
                    &["valid_through"],
                    format!(
                        "`valid_through` ({}) is before `date` ({})",
                        v.iso(),
                        d.iso()
                    ),
                );
            }
        }
        let locations: Vec<String> = raw.locations.iter().map(|l| l.trim().to_string()).collect();
        if locations.iter().any(String::is_empty) {
            p.fail(&["locations"], "`locations` has an empty entry");
        }
        let employment_type = raw.employment_type.as_deref().and_then(|t| {
            EmploymentType::parse(t)
                .map_err(|m| p.fail(&["employment_type"], m))
                .ok()
        });
        let salary = raw.salary.and_then(|s| check_salary(s, &mut p));
        let apply = raw.apply.as_deref().and_then(|a| {
            Contact::parse(a)
                .map_err(|m| p.fail(&["apply"], format!("`apply`: {m}")))
                .ok()
        });
        let aliases = raw
            .aliases
            .iter()
            .filter_map(|a| {
                super::alias::alias_path(a)
                    .map_err(|m| p.fail(&["aliases"], m))
                    .ok()
            })
            .collect();
        if let Some(slug) = &raw.slug {
            if let Err(m) = crate::content::slug::check_slug(slug) {
                p.fail(&["slug"], m);
            }
        }
        let posting = Posting {
            source: p.source.clone(),
            title,
            team,
            date: date.unwrap_or_else(|| When::parse("1970-01-01").expect("a valid literal date")),
            valid_through,
            locations,
            remote: raw.remote,
            level: source::trimmed(raw.level),
            employment_type,
            salary,
            apply,
            slug: raw.slug,
            aliases,
            tags: raw.tags,
            summary: source::trimmed(raw.summary),
            lang: raw.lang,
            draft: raw.draft,
            extra: raw.extra,
        };
        p.finish(posting)
    }
}

fn check_salary(s: RawSalary, p: &mut source::Parsed<'_>) -> Option<Salary> {
    let mut ok = true;
    let currency = super::currency::check(&s.currency).unwrap_or_else(|message| {
        p.fail(&["salary", "currency"], message);
        ok = false;
        String::new()
    });
    let unit = SalaryUnit::parse(&s.unit)
        .map_err(|m| p.fail(&["salary", "unit"], m))
        .ok();
    match (s.min, s.max) {
        (None, None) => {
            p.fail(&["salary"], "`salary` needs `min`, `max` or both");
            ok = false;
        }
        (Some(min), Some(max)) if min > max => {
            p.fail(
                &["salary", "min"],
                format!("`salary.min` ({min}) is greater than `salary.max` ({max})"),
            );
            ok = false;
        }
        (min, max) if min.is_some_and(|v| v < 0.0) || max.is_some_and(|v| v < 0.0) => {
            p.fail(&["salary"], "`salary` amounts must not be negative");
            ok = false;
        }
        _ => {}
    }
    Some(Salary {
        min: s.min,
        max: s.max,
        currency,
        unit: unit?,
    })
    .filter(|_| ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Posting, Vec<Diagnostic>> {
        Posting::parse(Path::new("content/jobs/a.md"), text)
    }

    const OK: &str = "+++\ntitle = \"后端工程师\"\nteam = \"infra\"\ndate = 2026-11-01\nlocations = [\"杭州市\", \"北京市\"]\nemployment_type = \"full_time\"\napply = \"hr@example.com\"\n[salary]\nmin = 30000\nmax = 50000\ncurrency = \"cny\"\n+++\n\n正文\n";

    #[test]
    fn reads_every_field() {
        let p = parse(OK).unwrap();
        assert_eq!(p.title, "后端工程师");
        assert_eq!(p.team, "infra");
        assert_eq!(p.date.iso(), "2026-11-01");
        assert_eq!(p.locations, ["杭州市", "北京市"]);
        assert_eq!(p.employment_type, Some(EmploymentType::FullTime));
        assert_eq!(p.apply, Some(Contact::Email("hr@example.com".into())));
        let s = p.salary.unwrap();
        assert_eq!(
            (s.min, s.max, s.currency.as_str(), s.unit),
            (Some(30000.0), Some(50000.0), "CNY", SalaryUnit::Month)
        );
        assert_eq!(p.source.body, "\n正文\n");
        assert_eq!(p.source.body_line, 13);
        assert_eq!(p.source.position("apply"), (7, 1));
    }

    #[test]
    fn yaml_front_matter_works_too() {
        let text = "---\ntitle: Backend Engineer\nteam: Infra\ndate: 2026-11-01\nremote: true\nlang: en\n---\nBody\n";
        let p = parse(text).unwrap();
        assert!(p.remote);
        assert_eq!(p.lang, Some(Lang::En));
    }

    #[test]
    fn misspelt_key_is_located_with_suggestion() {
        let text =
            "+++\ntitle = \"x\"\nteam = \"t\"\ndate = 2026-11-01\nlocaton = [\"杭州\"]\n+++\n";
        let errs = parse(text).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "content/jobs/a.md:5:1: error: unknown key `locaton`; did you mean `locations`?"
        );
    }

    #[test]
    fn bad_values_are_all_reported() {
        let text = "+++\ntitle = \"x\"\nteam = \"t\"\ndate = \"soon\"\nemployment_type = \"forever\"\napply = \"ring us\"\nslug = \"a/b\"\n[salary]\nmin = 9\nmax = 1\ncurrency = \"yuan\"\n+++\n";
        let errs = parse(text).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 9, 11], "{errs:#?}");
    }

    #[test]
    fn missing_required_key() {
        let errs = parse("+++\ntitle = \"x\"\ndate = 2026-11-01\n+++\n").unwrap_err();
        assert_eq!(errs[0].message, "missing required key `team`");
        assert_eq!(errs[0].line, 2);
    }

    #[test]
    fn valid_through_before_date() {
        let errs = parse("+++\ntitle = \"x\"\nteam = \"t\"\ndate = 2026-11-01\nvalid_through = 2026-10-01\n+++\n").unwrap_err();
        assert!(errs[0].message.contains("before `date`"));
    }
}
