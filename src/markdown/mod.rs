//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! heading ids, highlighted code, and links that work under the site's sub-path.

pub mod highlight;

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::content::slug::slugify_whole;
use crate::content::slug::SlugMode;
use crate::html::escape;

/// How links in Markdown are turned into hrefs.
pub struct Links<'a> {
    /// The site's sub-path, e.g. `/careers/`: prefixed to links starting with `/`.
    pub base_path: &'a str,
    /// `@/jobs/a.md` style links: path under `content/` → href.
    pub content: &'a HashMap<String, String>,
}

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// The text without markup, for search, feeds and `jobs.json`.
    pub text: String,
    /// The first paragraph's text, for summaries.
    pub first_paragraph: String,
    /// Links and images to a path on the site (`/jobs/`, `/logo.png`), as written, with
    /// their byte offsets in the source: `check` looks for what each names.
    pub site_links: Vec<BrokenLink>,
}

/// A link in a body: byte offset in the Markdown source, and the target as written (a link
/// to content that does not exist, or one to a path on the site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub offset: usize,
    pub target: String,
}

/// Renders Markdown; `highlight` turns on syntect for fenced code with a known language.
pub fn render(source: &str, links: &Links<'_>, highlight: bool) -> (Rendered, Vec<BrokenLink>) {
    let (rendered, broken, _) = render_timed(source, links, highlight);
    (rendered, broken)
}

/// [`render`], also returning the time spent highlighting code (for `build --timings`).
pub fn render_timed(
    source: &str,
    links: &Links<'_>,
    highlight: bool,
) -> (Rendered, Vec<BrokenLink>, Duration) {
    let mut highlight_time = Duration::ZERO;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut broken = Vec::new();
    let mut site_links = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut text = String::new();
    let mut first_paragraph = String::new();
    let mut paragraph_depth = 0usize;
    let mut first_done = false;
    // The first text outside headings and code (a list item, a table cell), for bodies with
    // no paragraph at all.
    let mut first_block = String::new();
    let mut first_block_done = false;
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<usize> = None;

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        if let Some((lang, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let started = Instant::now();
                    let html = code_block(lang, buf, highlight);
                    highlight_time += started.elapsed();
                    text.push_str(buf);
                    text.push('\n');
                    events.push(Event::Html(html.into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                } = &mut tag
                {
                    if dest_url.starts_with('/') && !dest_url.starts_with("//") {
                        site_links.push(BrokenLink {
                            offset: range.start,
                            target: dest_url.to_string(),
                        });
                    }
                    *dest_url = rewrite_link(dest_url, links, range.start, &mut broken, *link_type);
                }
                events.push(Event::Start(tag));
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = None;
                text.push('\n');
                events.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                paragraph_depth = paragraph_depth.saturating_sub(1);
                if !first_paragraph.trim().is_empty() {
                    first_done = true;
                }
                text.push('\n');
                events.push(event);
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::TableCell) => {
                if !first_block.trim().is_empty() {
                    first_block_done = true;
                }
                text.push('\n');
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                text.push_str(t);
                if paragraph_depth > 0 && !first_done && heading.is_none() {
                    first_paragraph.push_str(t);
                }
                if !first_block_done && heading.is_none() {
                    first_block.push_str(t);
                }
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(BREAK);
                if paragraph_depth > 0 && !first_done {
                    first_paragraph.push(BREAK);
                }
                if !first_block_done && heading.is_none() {
                    first_block.push(BREAK);
                }
                events.push(event);
            }
            _ => events.push(event),
        }
    }
    join_cjk_lines(&mut events);
    assign_heading_ids(&mut events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let rendered = Rendered {
        html,
        text: collapse_blank_lines(&resolve_breaks(&text)),
        first_paragraph: {
            let first = resolve_breaks(if first_paragraph.trim().is_empty() {
                &first_block
            } else {
                &first_paragraph
            });
            join_nonempty(first.split_whitespace(), ' ', first.len())
        },
        site_links,
    };
    (rendered, broken, highlight_time)
}

fn rewrite_link<'a>(
    dest: &CowStr<'a>,
    links: &Links<'_>,
    offset: usize,
    broken: &mut Vec<BrokenLink>,
    link_type: LinkType,
) -> CowStr<'a> {
    if matches!(link_type, LinkType::Email) {
        return dest.clone();
    }
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
        return match links.content.get(path) {
            Some(href) if fragment.is_empty() => href.clone().into(),
            Some(href) => format!("{href}#{fragment}").into(),
            None => {
                broken.push(BrokenLink {
                    offset,
                    target: dest.to_string(),
                });
                dest.clone()
            }
        };
    }
    match site_href(dest, links.base_path) {
        Some(href) => href.into(),
        None => dest.clone(),
    }
}

/// A link to a path on the site (`/jobs/`, starting with one `/`) as an href under the
/// site's sub-path `base_path` (`/careers/jobs/`); `None` for any other link and for one
/// that is under the sub-path already. The sub-path itself written without its last slash
/// (`/careers`, `/careers#jobs`) is the home page.
pub fn site_href(dest: &str, base_path: &str) -> Option<String> {
    if !dest.starts_with('/') || dest.starts_with("//") || dest.starts_with(base_path) {
        return None;
    }
    let bare = base_path.trim_end_matches('/');
    if let Some(rest) = dest.strip_prefix(bare).filter(|_| !bare.is_empty()) {
        if rest.is_empty() || rest.starts_with(['#', '?']) {
            return Some(format!("{base_path}{rest}"));
        }
    }
    Some(format!("{base_path}{}", dest.trim_start_matches('/')))
}

fn code_block(lang: &str, code: &str, highlight: bool) -> String {
    let highlighted = if highlight && !lang.is_empty() {
        highlight::highlight(lang, code)
    } else {
        None
    };
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape(lang))
    };
    match highlighted {
        Some(html) => format!("<pre class=\"code hl-code\"{lang_attr}><code>{html}</code></pre>\n"),
        None if lang.is_empty() => {
            format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code))
        }
        None => format!(
            "<pre class=\"code\"{lang_attr}><code class=\"language-{}\">{}</code></pre>\n",
            escape(lang),
            escape(code)
        ),
    }
}

/// Gives every heading without an explicit `{#id}` an id made from its text, unique in the page.
fn assign_heading_ids(events: &mut [Event<'_>]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    title.push_str(t);
                }
                j += 1;
            }
            let base = match slugify_whole(&title, SlugMode::Unicode) {
                s if s.is_empty() => "section".to_string(),
                s => s,
            };
            let mut id = base.clone();
            let mut n = 1;
            while used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            used.insert(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(id.into());
            }
        }
        i += 1;
    }
}

/// Stands for a line break in plain text until we know whether it joins CJK text.
const BREAK: char = '\u{0}';

/// Whether `c` is written with no space beside its neighbours: Han, kana, Bopomofo, CJK
/// punctuation and fullwidth forms. A line break between two such characters is no word
/// break and is dropped. Hangul is not among them (Korean puts spaces between words), and
/// punctuation is, so these ranges differ from [`crate::lang::is_cjk_letter`]'s.
fn joins_without_space(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A soft line break between two CJK characters renders as a space in browsers, which
/// Chinese text must not have; such breaks are dropped.
fn join_cjk_lines(events: &mut [Event<'_>]) {
    for i in 1..events.len().saturating_sub(1) {
        if !matches!(events[i], Event::SoftBreak) {
            continue;
        }
        let before = match &events[i - 1] {
            Event::Text(t) | Event::Code(t) => t.chars().last(),
            _ => None,
        };
        let after = match &events[i + 1] {
            Event::Text(t) | Event::Code(t) => t.chars().next(),
            _ => None,
        };
        if before.is_some_and(joins_without_space) && after.is_some_and(joins_without_space) {
            events[i] = Event::Text(CowStr::Borrowed(""));
        }
    }
}

/// Replaces each [`BREAK`] with nothing between CJK characters, else with a space.
fn resolve_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(BREAK) {
        out.push_str(&rest[..at]);
        let before = text[..text.len() - rest.len() + at]
            .chars()
            .rev()
            .find(|&c| c != BREAK);
        rest = &rest[at + BREAK.len_utf8()..];
        let after = rest.chars().find(|&c| c != BREAK);
        if !(before.is_some_and(joins_without_space) && after.is_some_and(joins_without_space)) {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// The lines of `text` that are not blank, trimmed, joined by line feeds.
fn collapse_blank_lines(text: &str) -> String {
    join_nonempty(text.lines().map(str::trim), '\n', text.len())
}

/// `pieces` that are not empty, joined by `separator`, in one string of about `size` bytes.
fn join_nonempty<'t>(
    pieces: impl Iterator<Item = &'t str>,
    separator: char,
    size: usize,
) -> String {
    let mut out = String::with_capacity(size);
    for piece in pieces.filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(separator);
        }
        out.push_str(piece);
    }
    out
}

/// Cuts `text` to about `max` characters at a word or CJK boundary, adding `…`.
pub fn truncate(text: &str, max: usize) -> String {
    // The byte where character `max` starts: none when the text is no longer than that.
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let mut cut = end;
    // The last whitespace in the first `max` characters, when past two thirds of them.
    let space = text[..end]
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| c.is_whitespace())
        .last();
    if let Some((chars_before, (at, _))) = space {
        if chars_before > max * 2 / 3 {
            cut = at;
        }
    }
    let mut out = text[..cut]
        .trim_end_matches(|c: char| c.is_whitespace() || "，,、；;：:".contains(c))
        .to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests;
