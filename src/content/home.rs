//! The home page's own text: `content/_index.md`.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::source::{self, Source};
use crate::diagnostic::Diagnostic;

/// Title and intro shown above the listings: the front matter as written, and the file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Home {
    #[serde(skip)]
    pub source: Source,
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub extra: Map<String, Value>,
}

/// The keys the home page's front matter may have.
pub const KEYS: &[&str] = &["title", "description", "extra"];

impl Home {
    pub fn parse(path: &Path, text: &str) -> Result<Home, Vec<Diagnostic>> {
        let (raw, p) = source::parse::<Home>(path, text, KEYS)?;
        let home = Home {
            source: p.source.clone(),
            title: raw.title.filter(|t| !t.trim().is_empty()),
            description: raw.description.filter(|t| !t.trim().is_empty()),
            extra: raw.extra,
        };
        p.finish(home)
    }

    /// The home page of a site without `content/_index.md`.
    pub fn empty() -> Home {
        Home {
            source: Source::new("content/_index.md", "", 1),
            ..Home::default()
        }
    }
}
