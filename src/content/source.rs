//! What every content file shares: where it lives, its body, and where its keys are written.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::frontmatter;
use crate::diagnostic::{Diagnostic, Severity};
use crate::toml_yaml::{Document, Located};

/// A content file's path (relative to the site root), Markdown body, and key positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub body: String,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Each top-level key with its line and column, sorted by key: a few hundred bytes a file
    /// where a map takes over a kilobyte, for 100,000 files held through a build.
    keys: Box<[(Box<str>, u32, u32)]>,
}

impl Source {
    /// A source with no front matter positions (for content made in code, e.g. JSON files).
    pub fn new(path: impl Into<PathBuf>, body: impl Into<String>, body_line: usize) -> Self {
        Source {
            path: path.into(),
            body: body.into(),
            body_line,
            keys: Box::new([]),
        }
    }

    /// Line and column where a top-level key is written, or the file's start.
    pub fn position(&self, key: &str) -> (usize, usize) {
        self.keys
            .binary_search_by(|(k, _, _)| k.as_ref().cmp(key))
            .map_or((1, 1), |i| {
                let (_, line, column) = &self.keys[i];
                (*line as usize, *column as usize)
            })
    }

    /// An error at the line of `key`.
    pub fn error(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(key);
        Diagnostic::error(&self.path, line, column, message)
    }

    /// A warning at the line of `key`.
    pub fn warning(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(key);
        Diagnostic::new(Severity::Warning, &self.path, line, column, message)
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
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut keys: Vec<(Box<str>, u32, u32)> = doc
        .key_positions()
        .into_iter()
        .map(|(k, line, column)| (k.into(), number(line), number(column)))
        .collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let parsed = Parsed {
        source: Source {
            path: path.to_path_buf(),
            body: split.body.to_string(),
            body_line: split.body_line,
            keys: keys.into_boxed_slice(),
        },
        doc,
        errors: Vec::new(),
    };
    Ok((raw, parsed))
}

/// A text value trimmed; `None` when it is blank.
pub fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Places problems in `path`.
pub fn located_to_diagnostics(path: &Path, errors: Vec<Located>) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|l| Diagnostic::error(path, l.line, l.column, l.message))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_where_written() {
        let text = "+++\ntitle = \"后端\"\nteam = \"infra\"\n  level = \"P6\"\n+++\nbody\n";
        let known = ["title", "team", "level"];
        let (_, parsed): (serde_json::Value, Parsed<'_>) =
            parse(Path::new("content/jobs/a.md"), text, &known).unwrap();
        let source = parsed.source;
        assert_eq!(source.position("title"), (2, 1));
        assert_eq!(source.position("team"), (3, 1));
        assert_eq!(source.position("level"), (4, 3));
        assert_eq!(
            source.position("salary"),
            (1, 1),
            "a key not written: the file's start"
        );
        let warning = source.warning("team", "x");
        assert_eq!((warning.line, warning.column), (3, 1));
    }
}
