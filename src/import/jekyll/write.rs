//! What the import writes: posting bodies, file paths, team IDs, front matter, findings.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::scan::heading_text;
use super::{
    Finding, ImportPlan, ImportedFile, Posting, SourceLine, DEFAULT_EMPLOYMENT_TYPE,
    HEADING_SEPARATOR, MAX_SLUG_CHARS,
};
use crate::content::slug::{slugify as content_slug, SlugMode};

/// The posting's body: its lines less the dropped ones, headings shifted so the
/// shallowest is `##`, runs of blank lines made one, ends trimmed.
pub(super) fn render_body(section: &[SourceLine], dropped: &[usize]) -> String {
    let kept: Vec<&SourceLine> = section
        .iter()
        .filter(|l| !dropped.contains(&l.number))
        .collect();
    let shallowest = kept
        .iter()
        .filter(|l| !l.in_code)
        .filter_map(|l| l.heading)
        .min();
    let mut out: Vec<String> = Vec::with_capacity(kept.len());
    for line in kept {
        if line.in_code {
            out.push(line.text.to_string());
            continue;
        }
        if line.text.trim().is_empty() {
            if out.last().is_some_and(|previous| !previous.is_empty()) {
                out.push(String::new());
            }
            continue;
        }
        out.push(match (line.heading.zip(heading_text(line)), shallowest) {
            (Some((level, rest)), Some(top)) => {
                let shifted = (level + 2).saturating_sub(top).clamp(2, 6);
                format!("{}{rest}", "#".repeat(shifted))
            }
            _ => line.text.to_string(),
        });
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    if out.is_empty() {
        String::new()
    } else {
        out.join("\n") + "\n"
    }
}

/// Team IDs handed out so far, and the names they stand for.
#[derive(Default)]
pub(super) struct Teams {
    /// (name, id) in order of first appearance.
    known: Vec<(String, String)>,
}

impl Teams {
    /// The ID of a team, made from its name the first time it is seen.
    pub(super) fn id_for(
        &mut self,
        name: &str,
        line: usize,
        inferred: &mut Vec<Finding>,
    ) -> String {
        if let Some((_, id)) = self.known.iter().find(|(known, _)| known == name) {
            return id.clone();
        }
        let base = slugify(name, "team");
        let mut id = base.clone();
        let mut n = 1;
        while self.known.iter().any(|(_, taken)| *taken == id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        inferred.push(Finding {
            line,
            message: format!("team \"{name}\": ID \"{id}\", file content/teams/{id}.md"),
        });
        self.known.push((name.to_string(), id.clone()));
        id
    }

    /// One minimal team file per team: its name only.
    pub(super) fn files(&self) -> impl Iterator<Item = ImportedFile> + '_ {
        self.known.iter().map(|(name, id)| ImportedFile {
            path: PathBuf::from(format!("content/teams/{id}.md")),
            contents: front_matter_file(&TeamFront { name }),
        })
    }
}

/// A slug that keeps CJK and other letters ([`content_slug`] in Unicode mode, which holds
/// it to 120 bytes), cut to at most [`MAX_SLUG_CHARS`] characters without a trailing `-`,
/// `fallback` when empty.
pub(super) fn slugify(text: &str, fallback: &str) -> String {
    let slug: String = content_slug(text, SlugMode::Unicode)
        .chars()
        .take(MAX_SLUG_CHARS)
        .collect();
    match slug.trim_end_matches('-') {
        "" => fallback.to_string(),
        cut => cut.to_string(),
    }
}

/// `content/jobs/TEAM-ID/SLUG.md`, with a number added if already taken.
pub(super) fn unique_path(team_id: &str, title: &str, taken: &mut HashSet<String>) -> String {
    let slug = slugify(title, "posting");
    let mut path = format!("content/jobs/{team_id}/{slug}.md");
    let mut n = 1;
    while taken.contains(&path) {
        n += 1;
        path = format!("content/jobs/{team_id}/{slug}-{n}.md");
    }
    taken.insert(path.clone());
    path
}

/// The TOML value of the `date` key: a bare date when `date` is `YYYY-MM-DD`,
/// else a string, reported in `missing`.
pub(super) fn date_value(date: &str, missing: &mut Vec<Finding>) -> toml::Value {
    if is_iso_date(date) {
        if let Ok(value) = date.parse() {
            return toml::Value::Datetime(value);
        }
    }
    missing.push(Finding {
        line: 1,
        message: format!("the posting date \"{date}\" is not a YYYY-MM-DD date"),
    });
    toml::Value::String(date.to_string())
}

/// `YYYY-MM-DD`, four-digit year and two-digit month and day, naming a day that exists.
pub(super) fn is_iso_date(date: &str) -> bool {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .is_ok_and(|day| day.format("%Y-%m-%d").to_string() == date)
}

/// A posting's front matter, keys in the order they are written.
#[derive(Serialize)]
struct PostingFront<'a> {
    title: &'a str,
    team: &'a str,
    date: &'a toml::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'a str>,
    employment_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    apply: Option<&'a str>,
}

/// A team file's front matter: the name only.
#[derive(Serialize)]
struct TeamFront<'a> {
    name: &'a str,
}

/// The home page's front matter: the page title.
#[derive(Serialize)]
struct HomeFront<'a> {
    title: &'a str,
}

/// A file holding only TOML front matter between `+++` lines.
fn front_matter_file(front: &impl Serialize) -> String {
    // Flat tables of strings, string lists and dates always serialise.
    let toml = toml::to_string(front).unwrap_or_default();
    format!("+++\n{toml}+++\n")
}

/// The whole posting file: TOML front matter, then the body.
pub(super) fn posting_file(posting: &Posting, team_id: &str, date: &toml::Value) -> String {
    let mut out = front_matter_file(&PostingFront {
        title: &posting.title,
        team: team_id,
        date,
        locations: posting.locations.as_ref().map(|l| l.value.as_slice()),
        level: posting.level.as_ref().map(|l| l.value.as_str()),
        employment_type: DEFAULT_EMPLOYMENT_TYPE,
        apply: posting.apply.as_ref().map(|a| a.value.as_str()),
    });
    if !posting.body.is_empty() {
        out.push('\n');
        out.push_str(&posting.body);
    }
    out
}

/// `content/_index.md`, titled with the page's title.
pub(super) fn home_file(title: &str) -> ImportedFile {
    ImportedFile {
        path: PathBuf::from("content/_index.md"),
        contents: front_matter_file(&HomeFront { title }),
    }
}

/// Adds the posting's summary to `inferred` and its gaps to `missing`.
pub(super) fn report_posting(posting: &Posting, path: &str, plan: &mut ImportPlan) {
    let mut parts = vec![format!(
        "posting \"{}\" of team \"{}\" → {path}",
        posting.title, posting.team
    )];
    if let Some(level) = &posting.level {
        parts.push(format!("level {} (line {})", level.value, level.line));
    }
    if let Some(locations) = &posting.locations {
        parts.push(format!(
            "locations {} (line {})",
            locations.value.join("、"),
            locations.line
        ));
    }
    if let Some(apply) = &posting.apply {
        let kept = if posting.apply_line_kept {
            ", the line names more addresses and stays in the body"
        } else {
            ""
        };
        parts.push(format!("apply {} (line {}{kept})", apply.value, apply.line));
    }
    parts.push(format!("employment_type {DEFAULT_EMPLOYMENT_TYPE} assumed"));
    plan.inferred.push(Finding {
        line: posting.line,
        message: parts.join("; "),
    });

    let gaps = [
        (posting.level.is_none(), "level", "no level found"),
        (posting.locations.is_none(), "locations", "no cities found"),
        (posting.apply.is_none(), "apply", "no email found"),
    ];
    for (_, key, what) in gaps.iter().filter(|(absent, _, _)| *absent) {
        plan.missing.push(Finding {
            line: posting.line,
            message: format!(
                "{what} for \"{}{HEADING_SEPARATOR}{}\": set `{key}` in {path}",
                posting.team, posting.title
            ),
        });
    }
}
