//! Code highlighting with syntect, as CSS classes; the syntax and theme sets load once per process.

use std::sync::OnceLock;

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

/// Whether a highlight theme of that name exists.
pub fn has_theme(name: &str) -> bool {
    themes().themes.contains_key(name)
}

/// The names of the highlight themes, sorted.
pub fn theme_names() -> Vec<String> {
    themes().themes.keys().cloned().collect()
}

/// `code` as HTML with highlight classes, or `None` when the language is unknown.
pub fn highlight(lang: &str, code: &str) -> Option<String> {
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
    fn stylesheet_has_light_and_dark() {
        let css = stylesheet("InspiredGitHub");
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(has_theme("InspiredGitHub"));
        assert!(!has_theme("nope"));
    }
}
