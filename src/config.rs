//! `config.toml` → [`Config`], strictly: unknown keys are errors naming the nearest known key.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::content::slug::SlugMode;
use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::toml_yaml::{Document, Format, Located};
use crate::url::BaseUrl;

/// The file name of a site's configuration, at its root.
pub const CONFIG_FILE: &str = "config.toml";

/// The folders under a site's root that a build reads, besides [`CONFIG_FILE`]: what
/// `build` hashes, `serve` watches, and no output may be written into.
pub const INPUT_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What a `build` or `check` run was asked to do on the command line, beyond what
/// `config.toml` says: read by the loader before anything else. The site graph keeps the
/// part its assembly depends on as [`crate::site::BuildOptions`] (drafts, "today");
/// `yingcai serve` is asked with [`crate::serve::ServeOptions`] instead, and makes the
/// `BuildOptions` of each rebuild itself (the `base_url` it serves under is its own origin).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site's folder, holding `config.toml`.
    pub root: PathBuf,
    /// Replaces `base_url` from the config.
    pub base_url: Option<String>,
    /// Build `draft = true` postings too.
    pub drafts: bool,
    /// "Today", from the clock or `SOURCE_DATE_EPOCH`.
    pub now: DateTime<Utc>,
}

/// What the home page of a site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HomeKind {
    /// The careers listing.
    #[default]
    Careers,
    /// The site's only resume.
    Resume,
}

/// The hiring organization, for structured data.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    #[serde(default)]
    pub name: String,
    pub url: Option<String>,
    pub logo: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Where the organization works: the place of a posting that names no `locations` and
    /// is not `remote`.
    pub address: Option<Address>,
}

/// `[organization] address = { street, locality, region, postal_code }`: a postal address,
/// in the country of `organization.country`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: Option<String>,
    /// The city, e.g. `杭州市`.
    pub locality: Option<String>,
    /// The province or state, e.g. `浙江省`.
    pub region: Option<String>,
    pub postal_code: Option<String>,
}

/// `[markdown]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    #[serde(default = "yes")]
    pub highlight_code: bool,
    #[serde(default = "default_highlight_theme")]
    pub highlight_theme: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_code: true,
            highlight_theme: default_highlight_theme(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_highlight_theme() -> String {
    "InspiredGitHub".to_string()
}

/// The highlight themes `[markdown] highlight_theme` may name: syntect's built-in themes,
/// sorted. `markdown::highlight` checks that its theme set holds exactly these.
pub const HIGHLIGHT_THEMES: &[&str] = &[
    "InspiredGitHub",
    "Solarized (dark)",
    "Solarized (light)",
    "base16-eighties.dark",
    "base16-mocha.dark",
    "base16-ocean.dark",
    "base16-ocean.light",
];

/// `[slugs]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlugConfig {
    #[serde(default)]
    pub mode: SlugMode,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Lang,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    home: HomeKind,
    #[serde(default)]
    organization: Organization,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    slugs: SlugConfig,
    #[serde(default = "default_feed_entries")]
    feed_entries: i64,
    #[serde(default = "default_paginate_by")]
    paginate_by: i64,
    #[serde(default)]
    extra: Map<String, Value>,
}

/// How many of the newest postings `feed.xml` carries unless `feed_entries` says otherwise.
pub const DEFAULT_FEED_ENTRIES: usize = 50;

fn default_feed_entries() -> i64 {
    DEFAULT_FEED_ENTRIES as i64
}

/// How many postings a listing page (home, team, location) shows unless `paginate_by` says
/// otherwise: some 10 KB gzip of cards.
pub const DEFAULT_PAGINATE_BY: usize = 50;

fn default_paginate_by() -> i64 {
    DEFAULT_PAGINATE_BY as i64
}

fn default_theme() -> String {
    "default".to_string()
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "description",
    "home",
    "organization",
    "markdown",
    "slugs",
    "feed_entries",
    "paginate_by",
    "extra",
];

/// A site's configuration, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub language: Lang,
    pub theme: ThemeName,
    pub description: String,
    pub home: HomeKind,
    /// Line and column of the `home` key; (1, 1) when the key is absent.
    pub home_at: (usize, usize),
    pub organization: Organization,
    pub markdown: MarkdownConfig,
    pub slugs: SlugConfig,
    /// How many of the newest open postings `feed.xml` carries (`jobs.json` has them all).
    pub feed_entries: usize,
    /// How many postings each page of a listing shows: the home page, a team's and a
    /// location's; the rest follow at `page/2/`, `page/3/`… under the listing's URL.
    pub paginate_by: usize,
    pub extra: Map<String, Value>,
}

/// The `theme` a site names, and where in `config.toml` it is named, so that a theme that
/// cannot be found is reported at its key without reading the file again. Two are equal
/// when they name the same theme, wherever it is written.
#[derive(Debug, Clone)]
pub struct ThemeName {
    name: String,
    /// Line and column of the `theme` key; (1, 1) when the key is absent.
    pub at: (usize, usize),
}

impl ThemeName {
    /// A theme name not written in any file (the default, or one made in code).
    pub fn new(name: impl Into<String>) -> ThemeName {
        ThemeName {
            name: name.into(),
            at: (1, 1),
        }
    }
}

impl std::ops::Deref for ThemeName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl AsRef<Path> for ThemeName {
    fn as_ref(&self) -> &Path {
        Path::new(&self.name)
    }
}

impl PartialEq for ThemeName {
    fn eq(&self, other: &ThemeName) -> bool {
        self.name == other.name
    }
}

impl Eq for ThemeName {}

impl PartialEq<&str> for ThemeName {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl std::fmt::Display for ThemeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// Why a configuration could not be read.
#[derive(Debug)]
pub enum ConfigError {
    /// There is no `config.toml` (a usage error: wrong `--root`, or not a site yet).
    Missing(PathBuf),
    /// The file exists but cannot be read or is wrong: one diagnostic per problem.
    Invalid(Vec<Diagnostic>),
}

impl Config {
    /// Reads `ROOT/config.toml`.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::Missing(path))
            }
            Err(err) => {
                return Err(ConfigError::Invalid(vec![Diagnostic::error(
                    CONFIG_FILE,
                    1,
                    1,
                    format!("cannot read: {err}"),
                )]))
            }
        };
        Config::parse(&text).map_err(|errs| {
            ConfigError::Invalid(
                errs.into_iter()
                    .map(|l| Diagnostic::error(CONFIG_FILE, l.line, l.column, l.message))
                    .collect(),
            )
        })
    }

    /// Parses the text of a `config.toml`.
    pub fn parse(text: &str) -> Result<Config, Vec<Located>> {
        let doc = Document::parse(text, Format::Toml, 1).map_err(|e| vec![e])?;
        let raw: RawConfig = doc.typed(KEYS)?;
        let mut errors = Vec::new();
        let base_url = BaseUrl::parse(&raw.base_url)
            .map_err(|msg| errors.push(doc.error_at(&["base_url"], msg)));
        if raw.title.trim().is_empty() {
            errors.push(doc.error_at(&["title"], "`title` must not be empty"));
        }
        if let Some(country) = &raw.organization.country {
            if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
                errors.push(doc.error_at(
                    &["organization", "country"],
                    format!("`organization.country` must be an ISO 3166-1 code like `CN` or `US`, not `{country}`"),
                ));
            }
        }
        if let Some(address) = &raw.organization.address {
            let filled = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
            if !filled(&address.street) && !filled(&address.locality) {
                errors.push(doc.error_at(
                    &["organization", "address"],
                    "`organization.address` needs at least `locality` (the city) or `street`",
                ));
            }
        }
        for key in ["url", "logo"] {
            let value = match key {
                "url" => &raw.organization.url,
                _ => &raw.organization.logo,
            };
            if let Some(v) = value {
                if BaseUrl::parse(v).is_err() {
                    errors.push(doc.error_at(
                        &["organization", key],
                        format!("`organization.{key}` must be an absolute http(s) URL, not `{v}`"),
                    ));
                }
            }
        }
        if raw.markdown.highlight_code
            && !HIGHLIGHT_THEMES.contains(&raw.markdown.highlight_theme.as_str())
        {
            errors.push(doc.error_at(
                &["markdown", "highlight_theme"],
                format!(
                    "unknown highlight theme `{}`; available: {}",
                    raw.markdown.highlight_theme,
                    HIGHLIGHT_THEMES.join(", ")
                ),
            ));
        }
        for (key, value, what) in [
            ("feed_entries", raw.feed_entries, "a number of postings"),
            (
                "paginate_by",
                raw.paginate_by,
                "a number of postings per listing page",
            ),
        ] {
            if value < 1 {
                errors.push(doc.error_at(
                    &[key],
                    format!("`{key}` must be {what}, 1 or more, not {value}"),
                ));
            }
        }
        errors.sort_by_key(|e| (e.line, e.column));
        // Where a top-level key is written, for later messages about its value.
        let key_at = |key: &str| {
            let at = doc.error_at(&[key], "");
            (at.line, at.column)
        };
        match base_url {
            Ok(base_url) if errors.is_empty() => Ok(Config {
                title: raw.title,
                base_url,
                language: raw.language,
                theme: ThemeName {
                    at: key_at("theme"),
                    name: raw.theme,
                },
                description: raw.description,
                home: raw.home,
                home_at: key_at("home"),
                organization: raw.organization,
                markdown: raw.markdown,
                slugs: raw.slugs,
                feed_entries: usize::try_from(raw.feed_entries).unwrap_or(DEFAULT_FEED_ENTRIES),
                paginate_by: usize::try_from(raw.paginate_by).unwrap_or(DEFAULT_PAGINATE_BY),
                extra: raw.extra,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
