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
//!   fenced code blocks are never postings.
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

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;

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
    pub risky: Vec<crate::document::Located>,
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

/// What in `line` would run code once the page is built, each with its 1-based column.
fn risky_html(line: &str) -> Vec<(usize, String)> {
    let lower = line.to_ascii_lowercase();
    let column = |byte: usize| line[..byte].chars().count() + 1;
    let mut found = Vec::new();
    for (i, _) in lower.match_indices("<script") {
        found.push((column(i), "`<script>`".to_string()));
    }
    for (i, _) in lower.match_indices("javascript:") {
        found.push((column(i), "a `javascript:` link".to_string()));
    }
    // ` onclick=`, ` onerror =` … inside a tag.
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("on") {
        let after_space = i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'/' | b'"' | b'\'');
        let inside_tag = lower[..i].rfind('<') > lower[..i].rfind('>');
        let name_end = lower[i..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(lower.len(), |n| i + n);
        let handler = name_end > i + 2 && lower[name_end..].trim_start().starts_with('=');
        if after_space && inside_tag && handler {
            found.push((column(i), format!("`{}=`", &line[i..name_end])));
        }
    }
    found.sort();
    found
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
    let body_start = match front_matter(&raw) {
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
        .filter(|(_, line)| !line.in_code && posting_heading(line.text).is_some())
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
        let Some(heading) = posting_heading(heading_line.text) else {
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
            plan.risky.push(crate::document::Located {
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
        plan.files.push(ImportedFile {
            path: PathBuf::from("content/_index.md"),
            contents: format!("+++\ntitle = {}\n+++\n", toml_string(&title)),
        });
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

/// Finds a `---` (YAML) or `+++` (TOML) block opening on the first line.
fn front_matter(raw: &[&str]) -> Option<FrontMatter> {
    let delimiter = raw.first()?.trim_end();
    if delimiter != "---" && delimiter != "+++" {
        return None;
    }
    let close = raw
        .iter()
        .skip(1)
        .position(|line| line.trim_end() == delimiter)?
        + 1;
    let title = raw
        .get(1..close)?
        .iter()
        .enumerate()
        .find_map(|(index, line)| front_matter_title(line).map(|title| (index + 2, title)));
    Some(FrontMatter {
        body_start: close + 1,
        title,
    })
}

/// Reads `title: "…"` or `title = "…"` from one front matter line.
fn front_matter_title(line: &str) -> Option<String> {
    let rest = line.strip_prefix("title")?.trim_start();
    let value = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix('='))?
        .trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|quote| value.strip_prefix(*quote)?.strip_suffix(*quote))
        .unwrap_or(value);
    (!unquoted.is_empty()).then(|| unquoted.to_string())
}

/// Numbers the lines from `start` on and marks those inside fenced code blocks.
fn source_lines<'a>(raw: &[&'a str], start: usize) -> Vec<SourceLine<'a>> {
    let mut open: Option<(char, usize)> = None;
    let mut lines = Vec::with_capacity(raw.len().saturating_sub(start));
    for (index, text) in raw.iter().enumerate().skip(start) {
        let fence = code_fence(text);
        let in_code = match (open, fence) {
            (Some((mark, length)), Some((close_mark, close_length))) => {
                if close_mark == mark
                    && close_length >= length
                    && text.trim().chars().all(|c| c == mark)
                {
                    open = None;
                }
                true
            }
            (Some(_), None) => true,
            (None, Some(opening)) => {
                open = Some(opening);
                true
            }
            (None, None) => false,
        };
        lines.push(SourceLine {
            number: index + 1,
            text,
            in_code,
        });
    }
    lines
}

/// A code fence line: its character (`` ` `` or `~`) and how many there are.
fn code_fence(text: &str) -> Option<(char, usize)> {
    let trimmed = text.trim_start_matches(' ');
    if text.len() - trimmed.len() > 3 {
        return None;
    }
    let mark = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.chars().take_while(|&c| c == mark).count();
    (length >= 3).then_some((mark, length))
}

/// An ATX heading: its level and the text after the `#`s, leading space kept.
fn atx_heading(text: &str) -> Option<(usize, &str)> {
    let level = text.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = text.get(level..)?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some((level, rest))
}

/// A `### TEAM - TITLE` heading, both halves non-empty.
fn posting_heading(text: &str) -> Option<Heading> {
    let (3, rest) = atx_heading(text)? else {
        return None;
    };
    let (team, title) = strip_closing_hashes(rest.trim()).split_once(HEADING_SEPARATOR)?;
    let (team, title) = (team.trim(), title.trim());
    (!team.is_empty() && !title.is_empty()).then(|| Heading {
        team: team.to_string(),
        title: title.to_string(),
    })
}

/// Drops an ATX heading's optional closing `#`s (`## Title ##`).
fn strip_closing_hashes(text: &str) -> &str {
    let without = text.trim_end_matches('#');
    if without.len() < text.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        without.trim_end()
    } else {
        text
    }
}

/// Reports non-blank text before the first posting, or the lack of postings.
fn report_preamble(preamble: Option<&[SourceLine]>, no_postings: bool, missing: &mut Vec<Finding>) {
    let preamble = preamble.unwrap_or_default();
    let mut text_lines = preamble.iter().filter(|line| !line.text.trim().is_empty());
    if no_postings {
        missing.push(Finding {
            line: preamble.first().map_or(1, |line| line.number),
            message: format!(
                "no posting found: postings are `### TEAM{HEADING_SEPARATOR}TITLE` headings"
            ),
        });
    } else if let Some(first) = text_lines.next() {
        let last = text_lines
            .next_back()
            .map_or(first.number, |line| line.number);
        let lines = if last == first.number {
            format!("line {last}")
        } else {
            format!("lines {}–{last}", first.number)
        };
        missing.push(Finding {
            line: first.number,
            message: format!("text before the first posting ({lines}) is not imported"),
        });
    }
}

/// Reads one posting from its heading and the lines up to the next posting.
fn read_posting(line: usize, heading: Heading, section: &[SourceLine]) -> Posting {
    let meta = section
        .iter()
        .filter(|l| !l.in_code)
        .find_map(|l| italic_text(l.text).map(|text| (l.number, parse_meta(text))));
    let last_line = section
        .iter()
        .rev()
        .find(|l| !l.text.trim().is_empty())
        .filter(|l| !l.in_code);
    let last_emails = last_line.map(|l| find_emails(l.text)).unwrap_or_default();
    let apply = match (last_line, last_emails.first()) {
        (Some(l), Some(email)) => Some(Located {
            value: email.to_string(),
            line: l.number,
        }),
        _ => first_email(section),
    };

    let mut dropped = Vec::new();
    let mut level = None;
    let mut locations = None;
    if let Some((meta_line, meta)) = meta {
        dropped.push(meta_line);
        level = meta.level.map(|value| Located {
            value,
            line: meta_line,
        });
        if !meta.cities.is_empty() {
            locations = Some(Located {
                value: meta.cities,
                line: meta_line,
            });
        }
    }
    if locations.is_none() {
        locations = labelled_locations(section);
    }
    let apply_line_kept = last_emails.len() > 1;
    if let (Some(l), 1) = (last_line, last_emails.len()) {
        dropped.push(l.number);
    }

    Posting {
        line,
        team: heading.team,
        title: heading.title,
        level,
        locations,
        apply,
        apply_line_kept,
        body: render_body(section, &dropped),
    }
}

/// The text of a line that is wholly italic, `*…*` or `_…_`, without the markers.
fn italic_text(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    ['*', '_'].into_iter().find_map(|mark| {
        let inner = trimmed.strip_prefix(mark)?.strip_suffix(mark)?;
        let well_formed = !inner.is_empty()
            && !inner.starts_with(char::is_whitespace)
            && !inner.ends_with(char::is_whitespace)
            && !inner.starts_with(mark)
            && !inner.ends_with(mark);
        well_formed.then_some(inner)
    })
}

/// Level and cities read from the text of an italic line.
#[derive(Debug, Default, PartialEq, Eq)]
struct Meta {
    level: Option<String>,
    cities: Vec<String>,
}

/// Splits `P6~P8 杭州市、北京市` into a level and cities.
fn parse_meta(text: &str) -> Meta {
    let mut meta = Meta::default();
    for word in text.split_whitespace() {
        if meta.level.is_none() && looks_like_level(word) {
            meta.level = Some(word.to_string());
        } else {
            push_unique(&mut meta.cities, split_cities(word));
        }
    }
    meta
}

/// A level such as `P6~P8`, `P7`, `T3-1` or `M2`.
fn looks_like_level(word: &str) -> bool {
    let mut chars = word.chars();
    let tiered = matches!(chars.next(), Some('P' | 'T' | 'M' | 'p' | 't' | 'm'))
        && chars.next().is_some_and(|c| c.is_ascii_digit());
    let ranged = word.contains(['~', '～']) && word.chars().any(|c| c.is_ascii_digit());
    tiered || ranged
}

/// Splits a list of cities on the usual separators, dropping empty parts.
fn split_cities(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, '、' | '/' | '／' | '，' | ',' | '；' | ';' | '|' | '。')
    })
    .map(|city| city.trim_matches(|c: char| matches!(c, '.' | '*' | '_')))
    .filter(|city| !city.is_empty())
    .map(str::to_string)
    .collect()
}

/// Appends the values not already present, keeping their order.
fn push_unique(list: &mut Vec<String>, values: Vec<String>) {
    for value in values {
        if !list.contains(&value) {
            list.push(value);
        }
    }
}

/// Cities from a line such as `- 工作地点：杭州 / 上海 / 广州；`.
fn labelled_locations(section: &[SourceLine]) -> Option<Located<Vec<String>>> {
    section.iter().filter(|l| !l.in_code).find_map(|l| {
        let mut cities = Vec::new();
        push_unique(&mut cities, labelled_text(l.text).map(split_cities)?);
        (!cities.is_empty()).then_some(Located {
            value: cities,
            line: l.number,
        })
    })
}

/// The text after a location label and its colon, if the line has one.
fn labelled_text(text: &str) -> Option<&str> {
    // ASCII lowercasing keeps every byte offset, so offsets in `lower` fit `text`.
    let lower = text.to_ascii_lowercase();
    LOCATION_LABELS.iter().find_map(|label| {
        lower.match_indices(label).find_map(|(at, _)| {
            let starts_word = !at
                .checked_sub(1)
                .and_then(|before| lower.as_bytes().get(before))
                .is_some_and(u8::is_ascii_alphabetic);
            let after = text
                .get(at + label.len()..)?
                .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
            let rest = after
                .strip_prefix(':')
                .or_else(|| after.strip_prefix('：'))?;
            starts_word.then_some(rest)
        })
    })
}

/// The first email anywhere in the posting, outside code.
fn first_email(section: &[SourceLine]) -> Option<Located<String>> {
    section.iter().filter(|l| !l.in_code).find_map(|l| {
        find_emails(l.text).first().map(|email| Located {
            value: email.to_string(),
            line: l.number,
        })
    })
}

/// The email addresses in a line, bare or in `<…>`, in order.
fn find_emails(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut emails = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && bytes.get(start - 1).is_some_and(|&b| is_local_byte(b)) {
            start -= 1;
        }
        while start < at && bytes.get(start) == Some(&b'.') {
            start += 1;
        }
        let mut end = at + 1;
        while bytes.get(end).is_some_and(|&b| is_domain_byte(b)) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes.get(end - 1), Some(b'.' | b'-')) {
            end -= 1;
        }
        let (Some(local), Some(domain)) = (text.get(start..at), text.get(at + 1..end)) else {
            continue;
        };
        let domain_ok =
            domain.contains('.') && !domain.starts_with(['.', '-']) && !domain.contains("..");
        if !local.is_empty() && domain_ok {
            if let Some(email) = text.get(start..end) {
                emails.push(email);
            }
        }
    }
    emails
}

/// A byte allowed in the local part of an email address.
fn is_local_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// A byte allowed in the domain of an email address.
fn is_domain_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-')
}

/// The posting's body: its lines less the dropped ones, headings shifted so the
/// shallowest is `##`, runs of blank lines made one, ends trimmed.
fn render_body(section: &[SourceLine], dropped: &[usize]) -> String {
    let kept: Vec<&SourceLine> = section
        .iter()
        .filter(|l| !dropped.contains(&l.number))
        .collect();
    let shallowest = kept
        .iter()
        .filter(|l| !l.in_code)
        .filter_map(|l| atx_heading(l.text).map(|(level, _)| level))
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
        out.push(match (atx_heading(line.text), shallowest) {
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
struct Teams {
    /// (name, id) in order of first appearance.
    known: Vec<(String, String)>,
}

impl Teams {
    /// The ID of a team, made from its name the first time it is seen.
    fn id_for(&mut self, name: &str, line: usize, inferred: &mut Vec<Finding>) -> String {
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
    fn files(&self) -> impl Iterator<Item = ImportedFile> + '_ {
        self.known.iter().map(|(name, id)| ImportedFile {
            path: PathBuf::from(format!("content/teams/{id}.md")),
            contents: format!("+++\nname = {}\n+++\n", toml_string(name)),
        })
    }
}

/// A slug that keeps CJK and other letters: lowercase, runs of anything else
/// made one `-`, at most [`MAX_SLUG_CHARS`] characters, `fallback` when empty.
fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    let mut length = 0;
    let mut gap = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && !slug.is_empty() {
            if length + 1 >= MAX_SLUG_CHARS {
                break;
            }
            slug.push('-');
            length += 1;
        }
        gap = false;
        for lower in c.to_lowercase() {
            slug.push(lower);
        }
        length += 1;
        if length >= MAX_SLUG_CHARS {
            break;
        }
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// `content/jobs/TEAM-ID/SLUG.md`, with a number added if already taken.
fn unique_path(team_id: &str, title: &str, taken: &mut HashSet<String>) -> String {
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
fn date_value(date: &str, missing: &mut Vec<Finding>) -> String {
    if is_iso_date(date) {
        return date.to_string();
    }
    missing.push(Finding {
        line: 1,
        message: format!("the posting date \"{date}\" is not a YYYY-MM-DD date"),
    });
    toml_string(date)
}

/// `YYYY-MM-DD` with a month in 1–12 and a day in 1–31.
fn is_iso_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [year, month, day] => {
            number(year, 4).is_some()
                && number(month, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(day, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// A TOML basic string, quoted and escaped.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The whole posting file: TOML front matter, then the body.
fn posting_file(posting: &Posting, team_id: &str, date: &str) -> String {
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&posting.title));
    let _ = writeln!(out, "team = {}", toml_string(team_id));
    let _ = writeln!(out, "date = {date}");
    if let Some(locations) = &posting.locations {
        let list: Vec<String> = locations.value.iter().map(|c| toml_string(c)).collect();
        let _ = writeln!(out, "locations = [{}]", list.join(", "));
    }
    if let Some(level) = &posting.level {
        let _ = writeln!(out, "level = {}", toml_string(&level.value));
    }
    let _ = writeln!(
        out,
        "employment_type = {}",
        toml_string(DEFAULT_EMPLOYMENT_TYPE)
    );
    if let Some(apply) = &posting.apply {
        let _ = writeln!(out, "apply = {}", toml_string(&apply.value));
    }
    out.push_str("+++\n");
    if !posting.body.is_empty() {
        out.push('\n');
        out.push_str(&posting.body);
    }
    out
}

/// Adds the posting's summary to `inferred` and its gaps to `missing`.
fn report_posting(posting: &Posting, path: &str, plan: &mut ImportPlan) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SEED: &str = include_str!("../../tests/fixtures/jekyll/careers.md");
    const DATE: &str = "2026-11-01";

    /// Splits a generated file into its parsed front matter and its body.
    fn split(contents: &str) -> (toml::Table, &str) {
        let rest = contents.strip_prefix("+++\n").expect("opening +++");
        let (front, body) = rest.split_once("+++\n").expect("closing +++");
        let table = toml::from_str::<toml::Table>(front).expect("front matter parses");
        (table, body)
    }

    fn string<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
        table.get(key).and_then(toml::Value::as_str)
    }

    fn strings(table: &toml::Table, key: &str) -> Vec<String> {
        table
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn postings(plan: &ImportPlan) -> Vec<&ImportedFile> {
        plan.files
            .iter()
            .filter(|f| f.path.starts_with("content/jobs"))
            .collect()
    }

    fn posting_at<'a>(plan: &'a ImportPlan, path: &str) -> &'a ImportedFile {
        plan.files
            .iter()
            .find(|f| f.path == Path::new(path))
            .unwrap_or_else(|| panic!("no file {path}"))
    }

    /// One expected posting: path, title, team ID, level, cities, apply address.
    type Expected = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static [&'static str],
        &'static str,
    );

    #[test]
    fn seed_gives_ten_postings_with_their_keys() {
        let plan = plan(SEED, DATE);
        let expected: [Expected; 10] = [
            (
                "content/jobs/蚂蚁金融科技/paas-云平台研发专家.md",
                "PaaS 云平台研发专家",
                "蚂蚁金融科技",
                Some("P6~P8"),
                &["上海市"],
                "ly109106@alipay.com",
            ),
            (
                "content/jobs/蚂蚁金服中间件团队/消息系统研发工程师-专家.md",
                "消息系统研发工程师/专家",
                "蚂蚁金服中间件团队",
                Some("P6~P8"),
                &["杭州市", "北京市"],
                "jiangping@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服数据中间件团队/研发工程师-专家.md",
                "研发工程师/专家",
                "蚂蚁金服数据中间件团队",
                Some("P6~P8"),
                &["杭州市", "北京市", "成都市"],
                "hongwei.yhw@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服数据中间件团队/数据传输系统研发工程师-专家.md",
                "数据传输系统研发工程师/专家",
                "蚂蚁金服数据中间件团队",
                Some("P6~P8"),
                &["杭州市", "北京市", "成都市"],
                "erbai.qzc@taobao.com",
            ),
            (
                "content/jobs/蚂蚁金服-paas-团队/研发技术专家-研发工程师-产品经理.md",
                "研发技术专家/研发工程师/产品经理",
                "蚂蚁金服-paas-团队",
                Some("P6~P8"),
                &["杭州市", "上海市"],
                "rex.wl@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服应用网络团队/网络研发专家.md",
                "网络研发专家",
                "蚂蚁金服应用网络团队",
                Some("P6~P8"),
                &["杭州市", "北京市", "成都市"],
                "han.xiao@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服微服务团队/微服务研发工程师.md",
                "微服务研发工程师",
                "蚂蚁金服微服务团队",
                Some("P6~P8"),
                &["杭州市", "上海市", "广州市"],
                "khotyn.huangt@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服中间件测试开发团队/测试开发专家.md",
                "测试开发专家",
                "蚂蚁金服中间件测试开发团队",
                Some("P6~P8"),
                &["杭州市", "广州市"],
                "zw100207@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服资源调度团队/高级软件工程师-技术专家.md",
                "高级软件工程师/技术专家",
                "蚂蚁金服资源调度团队",
                Some("P6~P8"),
                &["杭州市", "北京市"],
                "zed.zy@antfin.com",
            ),
            (
                "content/jobs/蚂蚁金服中间件团队/中间件-sre.md",
                "中间件 SRE",
                "蚂蚁金服中间件团队",
                None,
                &[],
                "jiaqi.hjq@antfin.com",
            ),
        ];
        let files = postings(&plan);
        assert_eq!(files.len(), 10);
        for (file, (path, title, team, level, cities, apply)) in files.iter().zip(expected) {
            assert_eq!(file.path, Path::new(path));
            let (table, body) = split(&file.contents);
            assert_eq!(string(&table, "title"), Some(title), "{path}");
            assert_eq!(string(&table, "team"), Some(team), "{path}");
            assert_eq!(string(&table, "level"), level, "{path}");
            assert_eq!(strings(&table, "locations"), cities, "{path}");
            assert_eq!(string(&table, "apply"), Some(apply), "{path}");
            assert_eq!(string(&table, "employment_type"), Some("FULL_TIME"));
            assert_eq!(
                table.get("date").map(ToString::to_string).as_deref(),
                Some(DATE)
            );
            assert!(!body.contains(&format!("<{apply}>")) || path.contains("微服务"));
            assert!(!body.contains("*P6~P8"), "{path}: italic line left in body");
        }
    }

    #[test]
    fn seed_gives_one_minimal_team_file_per_team() {
        let plan = plan(SEED, DATE);
        let teams: Vec<(String, String)> = plan
            .files
            .iter()
            .filter(|f| f.path.starts_with("content/teams"))
            .map(|f| {
                let (table, body) = split(&f.contents);
                assert!(body.is_empty());
                assert_eq!(table.len(), 1);
                let name = string(&table, "name").unwrap_or_default().to_string();
                (f.path.display().to_string(), name)
            })
            .collect();
        let expected = [
            ("蚂蚁金融科技", "蚂蚁金融科技"),
            ("蚂蚁金服中间件团队", "蚂蚁金服中间件团队"),
            ("蚂蚁金服数据中间件团队", "蚂蚁金服数据中间件团队"),
            ("蚂蚁金服-paas-团队", "蚂蚁金服 PaaS 团队"),
            ("蚂蚁金服应用网络团队", "蚂蚁金服应用网络团队"),
            ("蚂蚁金服微服务团队", "蚂蚁金服微服务团队"),
            ("蚂蚁金服中间件测试开发团队", "蚂蚁金服中间件测试开发团队"),
            ("蚂蚁金服资源调度团队", "蚂蚁金服资源调度团队"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(id, name)| (format!("content/teams/{id}.md"), name.to_string()))
            .collect();
        assert_eq!(teams, expected);
    }

    #[test]
    fn level_under_a_sub_heading_is_found() {
        let plan = plan(SEED, DATE);
        let file = posting_at(&plan, "content/jobs/蚂蚁金服微服务团队/微服务研发工程师.md");
        let (table, body) = split(&file.contents);
        assert_eq!(string(&table, "level"), Some("P6~P8"));
        assert_eq!(strings(&table, "locations"), ["杭州市", "上海市", "广州市"]);
        assert!(body.contains("## 加入我们，你将有机会：\n\n- 参与打造"));
        assert!(!body.contains("####"));
        // Its contact line names two addresses: it stays in the body.
        assert!(body.ends_with("<khotyn.huangt@antfin.com> / <bin.zengb@antfin.com>\n"));
        let summary = plan
            .inferred
            .iter()
            .find(|f| f.message.contains("微服务研发工程师"))
            .expect("summary");
        assert_eq!(summary.line, 137);
        assert!(summary.message.contains("level P6~P8 (line 142)"));
    }

    #[test]
    fn missing_level_and_cities_are_reported() {
        let plan = plan(SEED, DATE);
        let sre_line = 1 + SEED
            .lines()
            .position(|l| l == "### 蚂蚁金服中间件团队 - 中间件 SRE")
            .expect("SRE heading");
        let sre: Vec<&Finding> = plan.missing.iter().filter(|f| f.line == sre_line).collect();
        assert_eq!(sre.len(), 2, "{sre:?}");
        assert!(sre[0].message.starts_with("no level found"));
        assert!(sre[0].message.contains("`level`"));
        assert!(sre[1].message.starts_with("no cities found"));
        assert!(sre[1]
            .message
            .contains("content/jobs/蚂蚁金服中间件团队/中间件-sre.md"));
        // Apart from the SRE posting, only the welcome image is left out.
        let others: Vec<&Finding> = plan.missing.iter().filter(|f| f.line != sre_line).collect();
        assert_eq!(others.len(), 1, "{others:?}");
        assert_eq!(others[0].line, 6);
        assert!(others[0].message.contains("not imported"));
        // A bare email on the last line is the apply address and leaves the body.
        let file = posting_at(&plan, "content/jobs/蚂蚁金服中间件团队/中间件-sre.md");
        let (table, body) = split(&file.contents);
        assert_eq!(string(&table, "apply"), Some("jiaqi.hjq@antfin.com"));
        assert!(!body.contains("jiaqi.hjq"));
        assert!(body.ends_with("熟悉 DevOps 流程；\n"));
    }

    #[test]
    fn page_title_and_summaries_are_inferred() {
        let plan = plan(SEED, DATE);
        assert_eq!(plan.inferred[0].line, 3);
        assert!(plan.inferred[0].message.contains("\"诚聘英才\""));
        let summaries = plan
            .inferred
            .iter()
            .filter(|f| f.message.starts_with("posting "))
            .count();
        assert_eq!(summaries, 10);
        let teams = plan
            .inferred
            .iter()
            .filter(|f| f.message.starts_with("team "))
            .count();
        assert_eq!(teams, 8);
    }

    #[test]
    fn sub_headings_become_level_two_and_do_not_split() {
        let plan = plan(SEED, DATE);
        let file = posting_at(
            &plan,
            "content/jobs/蚂蚁金服数据中间件团队/研发工程师-专家.md",
        );
        let (_, body) = split(&file.contents);
        assert!(body.contains("\n## 职位描述：\n"));
        assert!(body.contains("\n## 岗位要求：\n"));
        assert!(!body.contains("###"));
        for file in postings(&plan) {
            let (_, body) = split(&file.contents);
            for line in body.lines().filter(|l| l.starts_with('#')) {
                assert!(line.starts_with("## "), "{}: {line}", file.path.display());
            }
            assert!(!body.contains("\n\n\n"));
            assert!(body.ends_with('\n') && !body.ends_with("\n\n"));
        }
    }

    #[test]
    fn every_generated_file_parses() {
        for file in plan(SEED, DATE).files {
            let (table, _) = split(&file.contents);
            assert!(!table.is_empty(), "{}", file.path.display());
        }
    }

    #[test]
    fn titles_are_escaped_for_toml() {
        let source =
            "### Core \"C\\D\" - Say \"hi\" \\ now\n*P7 Shanghai*\n\nText.\n\nMail a@b.io\n";
        let plan = plan(source, DATE);
        let file = &plan.files[0];
        let (table, body) = split(&file.contents);
        assert_eq!(string(&table, "title"), Some("Say \"hi\" \\ now"));
        assert_eq!(string(&table, "team"), Some("core-c-d"));
        assert_eq!(body, "\nText.\n");
        let team = &plan.files[1];
        let (table, _) = split(&team.contents);
        assert_eq!(string(&table, "name"), Some("Core \"C\\D\""));
        assert_eq!(toml_string("a\u{1}\tb"), "\"a\\u0001\\tb\"");
    }

    #[test]
    fn seed_plan_matches_example_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let plan = plan(SEED, DATE);
        for file in plan.files {
            let on_disk = std::fs::read_to_string(root.join(&file.path))
                .unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
            if file.path.starts_with("content/jobs") {
                assert_eq!(on_disk, file.contents, "{}", file.path.display());
            } else {
                // The example site's team files add order, summary and a description.
                let (planned, _) = split(&file.contents);
                let (written, _) = split(&on_disk);
                assert_eq!(written.get("name"), planned.get("name"));
            }
        }
    }

    #[test]
    fn same_slug_in_one_team_gets_a_number() {
        let source = "### A - Dev\n\n### A - dev!\n\n### B - Dev\n";
        let paths: Vec<PathBuf> = plan(source, DATE)
            .files
            .into_iter()
            .map(|f| f.path)
            .collect();
        let expected = [
            "content/jobs/a/dev.md",
            "content/jobs/a/dev-2.md",
            "content/jobs/b/dev.md",
            "content/teams/a.md",
            "content/teams/b.md",
        ];
        assert_eq!(paths, expected.map(PathBuf::from));
    }

    #[test]
    fn teams_whose_names_slug_alike_get_distinct_ids() {
        let source = "### A B - X\n\n### a-b - Y\n";
        let plan = plan(source, DATE);
        let (second, _) = split(&plan.files[1].contents);
        assert_eq!(string(&second, "team"), Some("a-b-2"));
    }

    #[test]
    fn headings_in_code_blocks_are_not_postings() {
        let source = "### T - One\n\n```\n### T - Two\n\n\n```\n\nEnd <x@y.cn>\n";
        let plan = plan(source, DATE);
        assert_eq!(postings(&plan).len(), 1);
        let (_, body) = split(&plan.files[0].contents);
        assert_eq!(body, "\n```\n### T - Two\n\n\n```\n");
    }

    #[test]
    fn cities_fall_back_to_a_labelled_line() {
        let source = "### T - Dev\n\n- 工作地点：杭州 / 上海；\n\nmail a@b.cn or c@d.cn\n";
        let plan = plan(source, DATE);
        let (table, body) = split(&plan.files[0].contents);
        assert_eq!(strings(&table, "locations"), ["杭州", "上海"]);
        assert_eq!(table.get("level"), None);
        assert_eq!(string(&table, "apply"), Some("a@b.cn"));
        assert!(body.contains("c@d.cn"));
        assert_eq!(labelled_text("Relocation: no"), None);
        assert_eq!(labelled_text("**Location**: Shanghai"), Some(" Shanghai"));
    }

    #[test]
    fn level_words_and_cities_are_told_apart() {
        let meta = parse_meta("P7 上海市/北京市， 深圳市 上海市");
        assert_eq!(meta.level.as_deref(), Some("P7"));
        assert_eq!(meta.cities, ["上海市", "北京市", "深圳市"]);
        assert_eq!(parse_meta("杭州市").level, None);
        assert!(looks_like_level("M2"));
        assert!(looks_like_level("3~5"));
        assert!(!looks_like_level("Paris"));
    }

    #[test]
    fn emails_are_found_bare_and_bracketed() {
        assert_eq!(
            find_emails("联系：<a.b@c.com> / x_y@d.e-f.cn."),
            ["a.b@c.com", "x_y@d.e-f.cn"]
        );
        assert_eq!(find_emails("mailto:me@host.org"), ["me@host.org"]);
        assert!(find_emails("@ a@ @b.c a@b x@.cn 邮箱@qq.com").is_empty());
    }

    #[test]
    fn a_missing_email_is_reported() {
        let plan = plan("---\ntitle: Jobs\n---\n### T - Dev\n*P6 北京*\n", DATE);
        assert_eq!(plan.missing.len(), 1);
        assert_eq!(plan.missing[0].line, 4);
        assert!(plan.missing[0].message.starts_with("no email found"));
        assert_eq!(plan.inferred[0].line, 2);
        assert_eq!(plan.files[0].contents.matches("+++").count(), 2);
    }

    #[test]
    fn a_bad_date_is_written_as_a_string_and_reported() {
        let plan = plan("### T - Dev\n", "next week");
        let (table, _) = split(&plan.files[0].contents);
        assert_eq!(string(&table, "date"), Some("next week"));
        assert!(plan.missing[0].message.contains("next week"));
        assert!(is_iso_date("2026-11-01"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-1-01"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let inputs = [
            "",
            "---",
            "---\n---",
            "+++\ntitle = \"x\"\n+++\n### - \n###  -  x\n",
            "### a - b\n```\nunclosed",
            "###\n### a - \u{0}\n*\n**\n*_*\n@\n<@>\n",
            "\u{feff}### 团队 - 职位 ###\n",
        ];
        for input in inputs {
            let plan = plan(input, DATE);
            for file in &plan.files {
                split(&file.contents);
            }
        }
        assert!(plan("", DATE).missing[0]
            .message
            .starts_with("no posting found"));
        let long = "字".repeat(200);
        assert_eq!(slugify(&long, "x").chars().count(), MAX_SLUG_CHARS);
        assert_eq!(slugify("--", "fallback"), "fallback");
    }
}
