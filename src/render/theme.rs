//! Themes: templates, static files and interface strings, from `themes/NAME/` or, for the
//! default theme, from the copy built into the binary. A site's own `templates/` override
//! theme templates of the same name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::ThemeName;
use crate::diagnostic::{display_path, Diagnostic};
use crate::lang::Lang;

/// The default theme, as shipped.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The theme the binary carries.
pub const DEFAULT_NAME: &str = "default";

/// A template's text and the file it came from (for messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub origin: PathBuf,
}

/// A loaded theme, with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// Output-relative path → bytes: the theme's `static/`, then the site's `static/` over it.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Interface strings per language.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// The i18n file each language came from (for messages).
    pub string_files: BTreeMap<Lang, PathBuf>,
}

/// A file of the theme: relative path inside the theme folder, and bytes.
type ThemeFile = (String, Vec<u8>);

fn embedded_files() -> Vec<ThemeFile> {
    fn walk(dir: &Dir<'_>, out: &mut Vec<ThemeFile>) {
        for file in dir.files() {
            out.push((display_path(file.path()), file.contents().to_vec()));
        }
        for sub in dir.dirs() {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&DEFAULT_THEME, &mut out);
    out.sort();
    out
}

fn disk_files(dir: &Path) -> Result<Vec<ThemeFile>, String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::content::is_ignored_name(&name) {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).map_err(|e| e.to_string())?;
        let bytes =
            std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        out.push((display_path(relative), bytes));
    }
    Ok(out)
}

impl Theme {
    /// Loads theme `name` for the site at `root`.
    pub fn load(root: &Path, name: &ThemeName) -> Result<Theme, Vec<Diagnostic>> {
        let (line, column) = name.at;
        let name: &str = name;
        let theme_dir = root.join("themes").join(name);
        let origin_dir = PathBuf::from("themes").join(name);
        let files = if theme_dir.is_dir() {
            disk_files(&theme_dir).map_err(|e| {
                vec![Diagnostic::error(
                    &origin_dir,
                    1,
                    1,
                    format!("cannot read theme: {e}"),
                )]
            })?
        } else if name == DEFAULT_NAME {
            embedded_files()
        } else {
            return Err(vec![Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                column,
                format!("theme `{name}` not found: there is no themes/{name}/ folder"),
            )]);
        };
        let mut theme = Theme::default();
        let mut errors = Vec::new();
        for (path, bytes) in files {
            let origin = origin_dir.join(&path);
            if let Some(name) = path.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(text) => theme.templates.push(TemplateSource {
                        name: name.to_string(),
                        text,
                        origin,
                    }),
                    Err(_) => errors.push(Diagnostic::error(&origin, 1, 1, "not UTF-8 text")),
                }
            } else if let Some(rel) = path.strip_prefix("static/") {
                theme.static_files.insert(rel.to_string(), bytes);
            } else if let Some(file) = path.strip_prefix("i18n/") {
                let lang = match file {
                    "zh.toml" => Lang::Zh,
                    "en.toml" => Lang::En,
                    _ => continue,
                };
                match parse_strings(&bytes) {
                    Ok(strings) => {
                        theme.strings.insert(lang, strings);
                        theme.string_files.insert(lang, origin);
                    }
                    Err((line, column, message)) => {
                        errors.push(Diagnostic::error(&origin, line, column, message))
                    }
                }
            }
        }
        theme.apply_site_overrides(root, &mut errors);
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    /// The site's `templates/` replace theme templates of the same name; `static/` is laid over.
    fn apply_site_overrides(&mut self, root: &Path, errors: &mut Vec<Diagnostic>) {
        let templates = root.join("templates");
        if templates.is_dir() {
            match disk_files(&templates) {
                Ok(files) => {
                    for (name, bytes) in files {
                        let origin = PathBuf::from("templates").join(&name);
                        let Ok(text) = String::from_utf8(bytes) else {
                            errors.push(Diagnostic::error(&origin, 1, 1, "not UTF-8 text"));
                            continue;
                        };
                        self.templates.retain(|t| t.name != name);
                        self.templates.push(TemplateSource { name, text, origin });
                    }
                }
                Err(e) => errors.push(Diagnostic::error(
                    "templates",
                    1,
                    1,
                    format!("cannot read: {e}"),
                )),
            }
        }
        let statics = root.join("static");
        if statics.is_dir() {
            match disk_files(&statics) {
                Ok(files) => self.static_files.extend(files),
                Err(e) => errors.push(Diagnostic::error(
                    "static",
                    1,
                    1,
                    format!("cannot read: {e}"),
                )),
            }
        }
    }

    /// An interface string; falls back to the other language, then to the key itself.
    pub fn string(&self, lang: Lang, key: &str) -> String {
        self.strings
            .get(&lang)
            .and_then(|s| s.get(key))
            .or_else(|| self.strings.values().find_map(|s| s.get(key)))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

/// A flat TOML table of strings.
fn parse_strings(bytes: &[u8]) -> Result<BTreeMap<String, String>, (usize, usize, String)> {
    let text = std::str::from_utf8(bytes).map_err(|_| (1, 1, "not UTF-8 text".to_string()))?;
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| crate::diagnostic::line_column(text, s.start))
            .unwrap_or((1, 1));
        (
            line,
            column,
            format!("invalid TOML: {}", e.message().trim()),
        )
    })?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => {
                out.insert(key, s);
            }
            _ => {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with(key.as_str()))
                    .map_or(1, |i| i + 1);
                return Err((line, 1, format!("`{key}` must be a string")));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_is_built_in() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), &ThemeName::new(DEFAULT_NAME)).unwrap();
        assert!(theme.templates.iter().any(|t| t.name == "base.html"));
        assert!(theme.static_files.contains_key("style.css"));
        assert_eq!(theme.string(Lang::Zh, "present"), "至今");
        assert_eq!(theme.string(Lang::En, "present"), "present");
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "mine").unwrap();
        let theme = Theme::load(dir.path(), &ThemeName::new(DEFAULT_NAME)).unwrap();
        let t: Vec<_> = theme
            .templates
            .iter()
            .filter(|t| t.name == "404.html")
            .collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text, "mine");
        assert_eq!(t[0].origin, PathBuf::from("templates/404.html"));
    }

    #[test]
    fn unknown_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let errs = Theme::load(dir.path(), &ThemeName::new("fancy")).unwrap_err();
        assert!(errs[0].message.contains("theme `fancy` not found"));
    }

    /// The error points at the `theme` key as config read it, not at the first line that
    /// happens to start with "theme" (here, inside a multi-line string).
    #[test]
    fn unknown_theme_is_reported_at_its_key() {
        let text = "title = \"t\"\nbase_url = \"https://example.com/\"\ndescription = \"\"\"\ntheme parks\n\"\"\"\n  theme = \"fancy\"\n";
        let config = crate::config::Config::parse(text).unwrap();
        assert_eq!(config.theme.at, (6, 3));
        let dir = tempfile::tempdir().unwrap();
        let errs = Theme::load(dir.path(), &config.theme).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "config.toml:6:3: error: theme `fancy` not found: there is no themes/fancy/ folder"
        );
    }
}
