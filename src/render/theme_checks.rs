//! What every theme must have: the templates and the interface strings the code uses.

use std::path::PathBuf;

use super::theme::Theme;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "card.html",
    "posting.html",
    "teams.html",
    "team.html",
    "locations.html",
    "location.html",
    "resume.html",
    "404.html",
];

/// Interface strings the code itself uses; every theme language file must have them.
pub const REQUIRED_STRINGS: &[&str] = &[
    "employment_FULL_TIME",
    "employment_PART_TIME",
    "employment_CONTRACTOR",
    "employment_TEMPORARY",
    "employment_INTERN",
    "employment_VOLUNTEER",
    "employment_PER_DIEM",
    "employment_OTHER",
    "unit_HOUR",
    "unit_DAY",
    "unit_WEEK",
    "unit_MONTH",
    "unit_YEAR",
    "present",
    "apply_subject",
    "home_title",
    "teams_title",
    "locations_title",
    "not_found_title",
    "team_page_title",
    "location_page_title",
    "closed_title_suffix",
    "section_awards",
    "section_certificates",
    "section_publications",
    "section_volunteer",
    "section_interests",
    "section_references",
];

/// A problem for each required template the theme lacks and each language file missing
/// required strings; `theme_name` is the theme folder's name, as config.toml gives it.
pub(super) fn check(theme: &Theme, theme_name: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for name in REQUIRED_TEMPLATES {
        if !theme.templates.iter().any(|t| t.name == *name) {
            errors.push(Diagnostic::error(
                PathBuf::from("themes").join(theme_name).join("templates"),
                1,
                1,
                format!("the theme has no `{name}` template"),
            ));
        }
    }
    for lang in [Lang::Zh, Lang::En] {
        let file = theme.string_files.get(&lang).cloned().unwrap_or_else(|| {
            PathBuf::from("themes")
                .join(theme_name)
                .join("i18n")
                .join(format!("{}.toml", lang.code()))
        });
        let missing: Vec<&str> = REQUIRED_STRINGS
            .iter()
            .copied()
            .filter(|k| !theme.strings.get(&lang).is_some_and(|s| s.contains_key(*k)))
            .collect();
        if !missing.is_empty() {
            errors.push(Diagnostic::error(
                file,
                1,
                1,
                format!("missing interface strings: {}", missing.join(", ")),
            ));
        }
    }
    errors
}
