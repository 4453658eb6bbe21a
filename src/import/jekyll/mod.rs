//! Import of a single-page Jekyll careers page.
//!
//! Such a page has front matter, then one `### TEAM - TITLE` heading per posting.
//! Under each heading sit an italic line such as `*P6~P8 杭州市、北京市*` (the level,
//! then the cities), the posting's text, and a last line giving the contact email.
//! [`plan`] turns the page into one posting file per heading and one team file per
//! team, in the site's content format, and reports what it inferred and what it
//! could not find. It reads and writes nothing itself.
//!
//! The rules, in order:
//!
//! - Front matter (`---` or `+++` block on the first line) is skipped; its `title`
//!   is reported. Text between the front matter and the first posting is left out
//!   and reported.
//! - A posting starts at a `### ` heading whose text holds the separator `" - "`:
//!   the text before it is the team, the text after it the title. Other `###`
//!   headings (`### 职位描述：`) belong to the posting they sit in. Headings inside
//!   fenced code blocks, or inside raw HTML blocks, are never postings.
//! - The first line of a posting that is wholly italic (`*…*` or `_…_`), wherever it
//!   sits, gives the level (the first word that looks like one: it holds `~`, or it
//!   is a letter P, T or M followed by a digit) and the cities (the other words,
//!   split on `、`, `/`, `，`, `,` and spaces). Without cities there, a line such as
//!   `工作地点：杭州 / 上海` or `Location: Shanghai` gives them.
//! - The apply address is the first email of the posting's last non-blank line, or
//!   else the first email anywhere in the posting, in `<…>` or bare.
//! - The body is the posting's text without the italic line and without the last
//!   line when that line names exactly one email (a line naming several stays, so
//!   that no address is lost). Its headings are shifted so that the shallowest is
//!   `##`, the page title being the `#`. Runs of blank lines become one.
//! - A team's ID is the slug of its name, CJK kept: `蚂蚁金服 PaaS 团队` becomes
//!   `蚂蚁金服-paas-团队`. A posting's file is `content/jobs/TEAM-ID/TITLE-SLUG.md`,
//!   with `-2`, `-3`… added when two postings of one team have the same slug.
//!
//! Blocks are read as pulldown-cmark reads them, so a heading or fence means what
//! it means on the built site: [`scan`] numbers the lines and marks fenced code and
//! headings, [`infer`] reads a posting's level, cities and address, and [`write`]
//! makes the files (front matter through the `toml` serialiser) and the findings.

mod infer;
mod scan;
mod write;

use std::collections::HashSet;
use std::path::PathBuf;

use infer::read_posting;
use scan::{front_matter, posting_heading, report_preamble, risky_html, source_lines};
use write::{date_value, home_file, posting_file, report_posting, unique_path, Teams};

/// The `employment_type` written into every imported posting: pages of this kind
/// list permanent positions without saying so.
pub const DEFAULT_EMPLOYMENT_TYPE: &str = "FULL_TIME";

/// The separator between the team and the title in a posting heading.
const HEADING_SEPARATOR: &str = " - ";

/// Longest slug, in characters, made from a title or a team name.
const MAX_SLUG_CHARS: usize = 60;

/// Labels that introduce a posting's cities in its text, lowercase.
const LOCATION_LABELS: [&str; 5] = ["工作地点", "工作城市", "工作地", "locations", "location"];

/// A file the import would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedFile {
    /// Path relative to the site root, e.g. `content/jobs/TEAM-ID/TITLE-SLUG.md`.
    pub path: PathBuf,
    /// The whole file: TOML front matter between `+++` lines, then the body.
    pub contents: String,
}

/// One thing the import noticed, tied to a line of the source page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line in the source page.
    pub line: usize,
    /// What was inferred, or what could not be.
    pub message: String,
}

/// Everything an import would do, for the caller to show and to write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// The posting files in page order, then one team file per team in order of
    /// first appearance.
    pub files: Vec<ImportedFile>,
    /// What was inferred: the page title, each team, and one summary per posting.
    pub inferred: Vec<Finding>,
    /// What could not be inferred or placed: a posting's level, locations or
    /// apply address, text before the first posting, a malformed date.
    pub missing: Vec<Finding>,
    /// Raw HTML in the imported text that runs code (`<script>`, an `on…=` handler, a
    /// `javascript:` link): it would reach the built pages as written.
    pub risky: Vec<crate::toml_yaml::Located>,
}

impl ImportPlan {
    /// How many posting files the import would write.
    pub fn postings(&self) -> usize {
        self.files
            .iter()
            .filter(|f| f.path.starts_with("content/jobs"))
            .count()
    }
}

/// Plans the import of a careers page: posting files, team files and findings.
///
/// `date` is written as each posting's `date` key; it should be `YYYY-MM-DD`
/// (anything else is written as a string and reported). Never panics.
pub fn plan(source: &str, date: &str) -> ImportPlan {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let raw: Vec<&str> = source.lines().collect();
    let mut plan = ImportPlan::default();

    let mut home_title = None;
    let body_start = match front_matter(source) {
        Some(front) => {
            home_title = front.title;
            front.body_start
        }
        None => 0,
    };
    let lines = source_lines(&raw, body_start);
    let date_value = date_value(date, &mut plan.missing);

    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.in_code && posting_heading(line).is_some())
        .map(|(index, _)| index)
        .collect();
    report_preamble(
        lines.get(..starts.first().copied().unwrap_or(lines.len())),
        starts.is_empty(),
        &mut plan.missing,
    );

    let mut teams = Teams::default();
    let mut paths = HashSet::new();
    for (nth, &start) in starts.iter().enumerate() {
        let end = starts.get(nth + 1).copied().unwrap_or(lines.len());
        let (Some(heading_line), Some(section)) = (lines.get(start), lines.get(start + 1..end))
        else {
            continue;
        };
        let Some(heading) = posting_heading(heading_line) else {
            continue;
        };
        let posting = read_posting(heading_line.number, heading, section);
        let team_id = teams.id_for(&posting.team, posting.line, &mut plan.inferred);
        let path = unique_path(&team_id, &posting.title, &mut paths);
        report_posting(&posting, &path, &mut plan);
        plan.files.push(ImportedFile {
            contents: posting_file(&posting, &team_id, &date_value),
            path: PathBuf::from(path),
        });
    }
    plan.files.extend(teams.files());
    for line in lines
        .iter()
        .skip(starts.first().copied().unwrap_or(lines.len()))
    {
        if line.in_code {
            continue;
        }
        for (column, what) in risky_html(line.text) {
            plan.risky.push(crate::toml_yaml::Located {
                line: line.number,
                column,
                message: format!("{what} in raw HTML is imported as written and runs in readers' browsers; remove it unless you trust it"),
            });
        }
    }
    if plan.postings() == 0 {
        // Nothing is written, so nothing was inferred for a file.
        plan.inferred.clear();
    } else if let Some((line, title)) = home_title {
        plan.inferred.insert(
            0,
            Finding {
                line,
                message: format!("page title \"{title}\": the title of content/_index.md"),
            },
        );
        plan.files.push(home_file(&title));
    }
    plan
}

/// One line of the page after the front matter.
#[derive(Debug, Clone, Copy)]
struct SourceLine<'a> {
    /// 1-based line number in the page.
    number: usize,
    text: &'a str,
    /// Inside a fenced code block, fences included.
    in_code: bool,
    /// The level of the ATX heading this line is (`#` at its first column).
    heading: Option<usize>,
}

/// A posting heading split into its two halves.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Heading {
    team: String,
    title: String,
}

/// A value and the 1-based line it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Located<T> {
    value: T,
    line: usize,
}

/// What was read from one posting.
#[derive(Debug, Clone)]
struct Posting {
    /// Line of the posting heading.
    line: usize,
    team: String,
    title: String,
    level: Option<Located<String>>,
    locations: Option<Located<Vec<String>>>,
    apply: Option<Located<String>>,
    /// The apply line names several addresses and so stays in the body.
    apply_line_kept: bool,
    body: String,
}

/// The page's front matter: where the body starts, and the title if any.
struct FrontMatter {
    /// 0-based index of the first line after the closing delimiter.
    body_start: usize,
    /// The `title` value and its 1-based line.
    title: Option<(usize, String)>,
}

#[cfg(test)]
mod tests;
