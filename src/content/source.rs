//! What every content file shares: where it lives, its body, and where its keys are written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::frontmatter;
use crate::diagnostic::Diagnostic;
use crate::toml_yaml::{Document, Located};

/// A content file's path (relative to the site root), Markdown body, and key positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    keys: BTreeMap<String, (usize, usize)>,
}

impl Source {
    /// A source with no front matter positions (for content made in code, e.g. JSON files).
    pub fn new(path: impl Into<PathBuf>, body: impl Into<String>, body_line: usize) -> Self {
        Source {
            path: path.into(),
            body: body.into(),
            body_line,
            keys: BTreeMap::new(),
        }
    }

    /// Line and column where a top-level key is written, or the file's start.
    pub fn position(&self, key: &str) -> (usize, usize) {
        self.keys.get(key).copied().unwrap_or((1, 1))
    }

    /// An error at the line of `key`.
    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(key);
        Diagnostic::error(&self.path, line, column, message)
    }

    /// A warning at the line of `key`.
    pub fn warning(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(key);
        Diagnostic::warning(&self.path, line, column, message)
    }
}

/// A content file's parsed front matter and body, collecting problems found in its values.
pub struct Parsed<'a> {
    pub doc: Document<'a>,
    pub source: Source,
    pub errors: Vec<Located>,
}

impl Parsed<'_> {
    /// Records a problem with the value of `key` (a path like `["salary", "currency"]`).
    pub fn fail(&mut self, key: &[&str], message: impl Into<String>) {
        let located = self.doc.error_at(key, message);
        self.errors.push(located);
    }

    /// Records a problem with a value, located where `value` is written (after the line of
    /// `key`'s first part), else at `key`.
    pub fn fail_value(&mut self, key: &[&str], value: &str, message: impl Into<String>) {
        let located = self.doc.value_error_at(key, value, message);
        self.errors.push(located);
    }

    /// Refuses a link that is not safe in an `href` or `src` (see [`super::link::check`]).
    pub fn check_link(&mut self, key: &[&str], field: &str, value: Option<&str>) {
        if let Some(value) = value {
            if let Err(message) = super::link::check(field, value) {
                self.fail_value(key, value, message);
            }
        }
    }

    /// The model, or every problem recorded, as diagnostics of this file.
    pub fn finish<T>(mut self, model: T) -> Result<T, Vec<Diagnostic>> {
        self.errors.sort_by_key(|e| (e.line, e.column));
        if self.errors.is_empty() {
            Ok(model)
        } else {
            Err(located_to_diagnostics(&self.source.path, self.errors))
        }
    }
}

/// Splits and parses a content file's front matter into `R`, checking keys against `known`.
pub fn parse<'a, R: DeserializeOwned>(
    path: &Path,
    text: &'a str,
    known: &[&str],
) -> Result<(R, Parsed<'a>), Vec<Diagnostic>> {
    let split = frontmatter::split(text).map_err(|e| located_to_diagnostics(path, vec![e]))?;
    let doc = Document::parse(split.front, split.format, split.front_line)
        .map_err(|e| located_to_diagnostics(path, vec![e]))?;
    let raw: R = doc
        .typed(known)
        .map_err(|e| located_to_diagnostics(path, e))?;
    let keys = doc
        .table
        .keys()
        .map(|k| {
            let at = doc.error_at(&[k.as_str()], "");
            (k.clone(), (at.line, at.column))
        })
        .collect();
    let parsed = Parsed {
        source: Source {
            path: path.to_path_buf(),
            body: split.body.to_string(),
            body_line: split.body_line,
            keys,
        },
        doc,
        errors: Vec::new(),
    };
    Ok((raw, parsed))
}

/// Places problems in `path`.
pub fn located_to_diagnostics(path: &Path, errors: Vec<Located>) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|l| Diagnostic::error(path, l.line, l.column, l.message))
        .collect()
}
