//! Reading the page: front matter, numbered lines, posting headings, code blocks.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use serde_json::Value;

use super::{Finding, FrontMatter, Heading, SourceLine, HEADING_SEPARATOR};
use crate::content::frontmatter;
use crate::toml_yaml::Document;

/// What in `line` would run code once the page is built, each with its 1-based column.
pub(super) fn risky_html(line: &str) -> Vec<(usize, String)> {
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

/// Finds a `---` (YAML) or `+++` (TOML) block opening on the first line, as the content
/// loader does ([`frontmatter::split`]). Its `title` is kept when the block parses; a block
/// that does not (Jekyll's may hold Liquid) is skipped all the same.
pub(super) fn front_matter(source: &str) -> Option<FrontMatter> {
    let split = frontmatter::split(source).ok()?;
    let title = Document::parse(split.front, split.format, split.front_line)
        .ok()
        .and_then(|document| {
            let title = match document.table.get("title")? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            let line = document.error_at(&["title"], "").line;
            (!title.is_empty()).then_some((line, title))
        });
    Some(FrontMatter {
        body_start: split.body_line - 1,
        title,
    })
}

/// Numbers the lines from `start` on and marks, as pulldown-cmark reads them, those
/// inside fenced code blocks (fences included) and the ATX headings.
pub(super) fn source_lines<'a>(raw: &[&'a str], start: usize) -> Vec<SourceLine<'a>> {
    let body = raw.get(start..).unwrap_or_default();
    let mut lines: Vec<SourceLine> = body
        .iter()
        .enumerate()
        .map(|(index, text)| SourceLine {
            number: start + index + 1,
            text,
            in_code: false,
            heading: None,
        })
        .collect();
    let text = body.join("\n");
    // Byte offset in `text` at which each line starts.
    let mut line_starts = Vec::with_capacity(body.len());
    let mut offset = 0;
    for line in body {
        line_starts.push(offset);
        offset += line.len() + 1;
    }
    let line_at = |byte: usize| {
        line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1)
    };
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                let last = line_at(range.end.saturating_sub(1).max(range.start));
                for line in lines.iter_mut().take(last + 1).skip(line_at(range.start)) {
                    line.in_code = true;
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let index = line_at(range.start);
                let at_line_start = line_starts.get(index) == Some(&range.start);
                if let Some(line) = lines.get_mut(index) {
                    if at_line_start && line.text.starts_with('#') {
                        line.heading = Some(level as usize);
                    }
                }
            }
            _ => {}
        }
    }
    lines
}

/// The text after an ATX heading's `#`s, leading space kept.
pub(super) fn heading_text<'a>(line: &SourceLine<'a>) -> Option<&'a str> {
    line.text.get(line.heading?..)
}

/// A `### TEAM - TITLE` heading, both halves non-empty.
pub(super) fn posting_heading(line: &SourceLine) -> Option<Heading> {
    if line.in_code || line.heading != Some(3) {
        return None;
    }
    let rest = heading_text(line)?;
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
pub(super) fn report_preamble(
    preamble: Option<&[SourceLine]>,
    no_postings: bool,
    missing: &mut Vec<Finding>,
) {
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
