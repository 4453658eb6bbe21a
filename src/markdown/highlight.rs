//! Code highlighting with syntect, as CSS classes; the syntax and theme sets load once per
//! process. syntect reads each grammar's rules from the packed set the first time that
//! language is highlighted, so a build pays only for the grammars its site uses.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Highlighted code uses classes with this prefix, so they never clash with a theme's own.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The theme used for the dark colour scheme.
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Loads the syntax set now (about 40 ms), so that a build can do it while it reads files
/// rather than stall the first code block.
pub fn warm_up() {
    syntaxes();
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// The names of the highlight themes, sorted.
#[cfg(test)]
fn theme_names() -> Vec<String> {
    themes().themes.keys().cloned().collect()
}

/// Highlighted blocks by language and text, for the life of the process: a block that recurs
/// in a build, or is unchanged between `serve` rebuilds, is highlighted once.
struct Cache {
    blocks: HashMap<(String, String), Option<Arc<str>>>,
    /// Bytes of code and HTML held.
    bytes: usize,
}

/// The cache is emptied when it grows past this many bytes.
const CACHE_BYTES: usize = 64 << 20;

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| {
    Mutex::new(Cache {
        blocks: HashMap::new(),
        bytes: 0,
    })
});

/// `code` as HTML with highlight classes, or `None` when the language is unknown.
pub fn highlight(lang: &str, code: &str) -> Option<String> {
    let key = (lang.to_string(), code.to_string());
    if let Some(found) = CACHE.lock().ok().and_then(|c| c.blocks.get(&key).cloned()) {
        return found.map(|html| html.to_string());
    }
    let html = highlight_uncached(lang, code);
    if let Ok(mut cache) = CACHE.lock() {
        let size = code.len() + html.as_ref().map_or(0, String::len);
        if cache.bytes + size > CACHE_BYTES {
            cache.blocks.clear();
            cache.bytes = 0;
        }
        cache.bytes += size;
        cache.blocks.insert(key, html.as_deref().map(Arc::from));
    }
    html
}

/// What highlighting one line did: the parser's and the scopes' states after it, its HTML, and
/// how many spans it left open (negative: closed).
#[derive(Clone)]
struct Line {
    parse: ParseState,
    scopes: ScopeStack,
    html: Arc<str>,
    delta: isize,
}

/// The parser's and the scopes' states before a line.
type Before = (ParseState, ScopeStack);

/// Lines highlighted, by language and text, each with the states it was met in: a line's
/// HTML and the states after it follow from the states before it and its text alone, so a
/// line met again in the same states (a closing brace, a blank line, an import every file
/// of a language starts with) is not parsed again.
struct Lines {
    lines: HashMap<(String, String), Vec<(Before, Line)>>,
    /// Bytes of text and HTML held.
    bytes: usize,
}

/// A thread's line memo is emptied when it grows past this many bytes.
const LINES_BYTES: usize = 16 << 20;

thread_local! {
    /// One memo per thread: a parser state may hold regex captures, which stay on their thread.
    static LINES: RefCell<Lines> = RefCell::new(Lines {
        lines: HashMap::new(),
        bytes: 0,
    });
}

fn highlight_uncached(lang: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut parse = ParseState::new(syntax);
    let mut scopes = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 4);
    let mut open: isize = 0;
    for text in LinesWithEndings::from(code) {
        let key = (syntax.name.clone(), text.to_string());
        let known = LINES.with_borrow(|memo| {
            memo.lines.get(&key).and_then(|met| {
                met.iter()
                    .find(|(before, _)| before.0 == parse && before.1 == scopes)
                    .map(|(_, line)| line.clone())
            })
        });
        let line = match known {
            Some(line) => line,
            None => {
                let before = (parse.clone(), scopes.clone());
                let ops = parse.parse_line(text, set).ok()?;
                let (formatted, delta) =
                    line_tokens_to_classed_spans(text, &ops, CLASS_STYLE, &mut scopes).ok()?;
                let line = Line {
                    parse: parse.clone(),
                    scopes: scopes.clone(),
                    html: Arc::from(formatted),
                    delta,
                };
                LINES.with_borrow_mut(|memo| {
                    let size = 2 * text.len() + line.html.len();
                    if memo.bytes + size > LINES_BYTES {
                        memo.lines.clear();
                        memo.bytes = 0;
                    }
                    memo.bytes += size;
                    memo.lines
                        .entry(key)
                        .or_default()
                        .push((before, line.clone()));
                });
                line
            }
        };
        parse = line.parse;
        scopes = line.scopes;
        html.push_str(&line.html);
        open += line.delta;
    }
    for _ in 0..open {
        html.push_str("</span>");
    }
    Some(html)
}

/// The stylesheet for highlighted code: `theme` for light pages, a dark theme under
/// `prefers-color-scheme: dark`.
pub fn stylesheet(theme: &str) -> String {
    let set = themes();
    let css = |name: &str| {
        set.themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    format!(
        "/* Code highlighting: {theme} (light), {DARK_THEME} (dark). */\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css(theme),
        css(DARK_THEME)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_prefixed_classes() {
        let html = highlight("rust", "fn main() {}\n").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(highlight("yaml", "a: 1\n").is_some());
        assert!(highlight("go", "package main\n").is_some());
        assert!(highlight("sql", "SELECT 1;\n").is_some());
        assert!(highlight("no-such-language", "x").is_none());
    }

    #[test]
    fn a_block_is_highlighted_once() {
        let code = "fn cached_block_for_the_test() {}\n";
        let first = highlight("rust", code).unwrap();
        let key = ("rust".to_string(), code.to_string());
        let held = CACHE.lock().unwrap().blocks.get(&key).cloned();
        assert_eq!(held.flatten().as_deref(), Some(first.as_str()));
        // What the cache holds is what is returned: plant a marker and read it back.
        CACHE
            .lock()
            .unwrap()
            .blocks
            .insert(key, Some(Arc::from("<planted>")));
        assert_eq!(highlight("rust", code).unwrap(), "<planted>");
        assert_ne!(highlight("go", code), Some("<planted>".to_string()));
    }

    #[test]
    fn lines_met_again_give_what_the_parser_gives() {
        // What syntect's own generator makes, line by line from the start.
        let reference = |lang: &str, code: &str| {
            let set = syntaxes();
            let syntax = set.find_syntax_by_token(lang).unwrap();
            let mut g =
                syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                g.parse_html_for_line_which_includes_newline(line).unwrap();
            }
            g.finalize()
        };
        // The same lines in other states: inside a string, a comment, code.
        let blocks = [
            ("rust", "fn a() {\n    let x = 1;\n}\n"),
            ("rust", "/* fn a() {\n    let x = 1;\n} */\nfn b() {}\n"),
            ("rust", "let s = \"\nfn a() {\n    let x = 1;\n}\n\";\n"),
            ("go", "func a() {\n\tx := 1\n}\n"),
            ("sql", "SELECT 1\n  -- }\n;\n"),
        ];
        for (lang, code) in blocks {
            assert_eq!(
                highlight_uncached(lang, code).unwrap(),
                reference(lang, code),
                "{code}"
            );
        }
        let key = ("Rust".to_string(), "    let x = 1;\n".to_string());
        LINES.with_borrow(|memo| {
            assert!(
                memo.lines.get(&key).is_some_and(|met| met.len() >= 2),
                "the line is held once for each state it was met in"
            )
        });
    }

    #[test]
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet("InspiredGitHub");
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    /// Config checks `highlight_theme` against its own list, so that it need not load syntect.
    #[test]
    fn config_names_exactly_the_themes_there_are() {
        assert_eq!(theme_names(), crate::config::HIGHLIGHT_THEMES);
    }
}
