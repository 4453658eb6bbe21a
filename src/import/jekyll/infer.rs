//! What a posting says about itself: level, cities, apply address.

use super::write::render_body;
use super::{Heading, Located, Posting, SourceLine, LOCATION_LABELS};
use crate::content::apply::is_email;

/// Reads one posting from its heading and the lines up to the next posting.
pub(super) fn read_posting(line: usize, heading: Heading, section: &[SourceLine]) -> Posting {
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
pub(super) struct Meta {
    pub(super) level: Option<String>,
    pub(super) cities: Vec<String>,
}

/// Splits `P6~P8 杭州市、北京市` into a level and cities.
pub(super) fn parse_meta(text: &str) -> Meta {
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
pub(super) fn looks_like_level(word: &str) -> bool {
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
pub(super) fn labelled_text(text: &str) -> Option<&str> {
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
pub(super) fn find_emails(text: &str) -> Vec<&str> {
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
        let (Some(email), Some(domain)) = (text.get(start..end), text.get(at + 1..end)) else {
            continue;
        };
        // An address the loader takes for `apply`, whose domain running text cannot blur.
        if is_email(email) && !domain.starts_with('-') && !domain.contains("..") {
            emails.push(email);
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
