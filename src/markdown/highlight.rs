//! Code highlighting with syntect, as CSS classes; the syntax and theme sets load once per
//! process. syntect reads each grammar's rules from the packed set the first time that
//! language is highlighted, so a build pays only for the grammars its site uses.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
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

fn highlight_uncached(lang: &str, code: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
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
