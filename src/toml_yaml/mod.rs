//! Strict, typed reading of TOML and YAML documents (config.toml and front matter).
//!
//! A document is read in three steps, each reporting errors at a line and column of the
//! file: syntax (the TOML or YAML parser), keys (every unknown key, with the nearest known
//! one suggested), and types (serde, with the path of the offending key).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::suggest;
use syntax::{parse_toml, parse_yaml};

mod syntax;
#[cfg(test)]
mod tests;

/// TOML or YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A problem inside a document: 1-based line and column in the *file*, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A parsed document: its text (for locating keys) and its generic value.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    text: &'a str,
    /// Line of the file on which `text` starts (1-based).
    first_line: usize,
    pub table: Map<String, Value>,
}

impl<'a> Document<'a> {
    /// Parses `text`, which starts at line `first_line` of its file.
    pub fn parse(text: &'a str, format: Format, first_line: usize) -> Result<Self, Located> {
        let table = match format {
            Format::Toml => parse_toml(text, first_line)?,
            Format::Yaml => parse_yaml(text, first_line)?,
        };
        Ok(Document {
            text,
            first_line,
            table,
        })
    }

    /// Every top-level key not in `known`, each located, with a suggestion when one is close.
    pub fn unknown_keys(&self, known: &[&str]) -> Vec<Located> {
        let mut found: Vec<Located> = self
            .table
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .map(|k| {
                let message = match suggest::nearest(k, known) {
                    Some(near) => format!("unknown key `{k}`; did you mean `{near}`?"),
                    None => format!(
                        "unknown key `{k}`; known keys are {} (put free data under `extra`)",
                        quote_list(known)
                    ),
                };
                self.error_at(&[k.as_str()], message)
            })
            .collect();
        found.sort_by_key(|l| (l.line, l.column));
        found
    }

    /// Checks the keys against `known`, then deserializes the typed value. Every problem of
    /// the document comes out at once: an unknown key, or a key whose value does not fit, is
    /// reported and set aside, and the rest is read again, until it reads or a problem cannot
    /// be set aside: a required key missing (said, unless a key set aside or misspelt is why).
    pub fn typed<T: DeserializeOwned>(&self, known: &[&str]) -> Result<T, Vec<Located>> {
        let mut errors = self.unknown_keys(known);
        let unknown: Vec<&str> = self
            .table
            .keys()
            .map(String::as_str)
            .filter(|k| !known.contains(k))
            .collect();
        let mut set_aside: Vec<String> = Vec::new();
        // Read in place; a copy only once a key must be set aside.
        let mut table = std::borrow::Cow::Borrowed(&self.table);
        if !errors.is_empty() {
            table.to_mut().retain(|k, _| known.contains(&k.as_str()));
        }
        // Each pass sets one key aside; a document has few.
        for _ in 0..=self.table.len() {
            let err = match serde_path_to_error::deserialize::<_, T>(table.as_ref()) {
                Ok(value) if errors.is_empty() => return Ok(value),
                Ok(_) => break,
                Err(err) => err,
            };
            let path: Vec<String> = err
                .path()
                .iter()
                .filter_map(|seg| match seg {
                    serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                    _ => None,
                })
                .collect();
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            let shown = err.path().to_string();
            let raw = err.into_inner().to_string();
            let missing = raw
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next());
            if let Some(field) = missing {
                // Missing only because it was set aside, or misspelt (an unknown key close
                // to it): that problem is reported already.
                let reported = keys.is_empty()
                    && (set_aside.iter().any(|k| k == field)
                        || unknown
                            .iter()
                            .any(|u| suggest::nearest(u, &[field]).is_some()));
                if reported {
                    break;
                }
            }
            let message = rewrite_serde_message(&raw);
            let message = if shown.is_empty() || shown == "." {
                message
            } else {
                format!("`{shown}`: {message}")
            };
            errors.push(self.error_at(&keys, message));
            match keys.first() {
                Some(top) if missing.is_none() && table.to_mut().remove(*top).is_some() => {
                    set_aside.push(top.to_string());
                }
                _ => break,
            }
        }
        errors.sort_by_key(|l| (l.line, l.column));
        Err(errors)
    }

    /// A problem at the key `path` (e.g. `["salary", "currency"]`), or at the document's start.
    /// Where `needle` first appears in the document, after the line of `after` (a key path):
    /// for problems with a value rather than a key.
    pub fn value_error_at(
        &self,
        after: &[&str],
        needle: &str,
        message: impl Into<String>,
    ) -> Located {
        let from = locate_key(self.text, after.get(..1).unwrap_or(&[])).map_or(0, |(line, _)| {
            self.text
                .split_inclusive('\n')
                .take(line)
                .map(str::len)
                .sum()
        });
        let found = (!needle.is_empty())
            .then(|| self.text[from..].find(needle))
            .flatten();
        match found {
            Some(i) => {
                let (line, column) = crate::diagnostic::line_column(self.text, from + i);
                Located {
                    line: self.first_line + line - 1,
                    column,
                    message: message.into(),
                }
            }
            None => self.error_at(after, message),
        }
    }

    /// Where each top-level key is written, as [`Document::error_at`] would place it, found in
    /// one pass over the lines: `(key, line, column)`, in the table's order.
    pub fn key_positions(&self) -> Vec<(&str, usize, usize)> {
        let mut found: Vec<Option<(usize, usize)>> = vec![None; self.table.len()];
        let mut left = found.len();
        for (i, line) in self.text.lines().enumerate() {
            if left == 0 {
                break;
            }
            for (slot, key) in found.iter_mut().zip(self.table.keys()) {
                if slot.is_none() {
                    if let Some(column) = key_column(line, key) {
                        *slot = Some((i, column));
                        left -= 1;
                    }
                }
            }
        }
        self.table
            .keys()
            .zip(found)
            .map(|(key, at)| {
                let (line, column) = at.unwrap_or((0, 1));
                (key.as_str(), self.first_line + line, column)
            })
            .collect()
    }

    pub fn error_at(&self, path: &[&str], message: impl Into<String>) -> Located {
        let (line, column) = locate_key(self.text, path).unwrap_or((0, 1));
        Located {
            line: self.first_line + line,
            column,
            message: message.into(),
        }
    }
}

fn quote_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde says "unknown field `x`, expected one of `a`, `b`"; users write keys, not fields.
fn rewrite_serde_message(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once('`') {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            return unknown_key(name, &known);
        }
    }
    let mut message = message.replace("missing field", "missing required key");
    // Rust's names for number types, in words.
    for (rust, words) in [
        ("i64", "a whole number"),
        ("u64", "a whole number, 0 or more"),
        ("i32", "a whole number"),
        ("u32", "a whole number, 0 or more"),
        ("u16", "a whole number, 0 or more"),
        ("u8", "a whole number, 0 or more"),
        ("usize", "a whole number, 0 or more"),
        ("f64", "a number"),
        ("f32", "a number"),
    ] {
        if let Some(start) = message.strip_suffix(&format!("expected {rust}")) {
            message = format!("{start}expected {words}");
        }
    }
    message
}

/// "unknown key `x`" with the nearest of `known`, or all of them when none is near.
pub fn unknown_key(name: &str, known: &[&str]) -> String {
    match suggest::nearest(name, known) {
        Some(near) => format!("unknown key `{name}`; did you mean `{near}`?"),
        None => format!("unknown key `{name}`; known keys are {}", quote_list(known)),
    }
}

/// Finds the line (0-based, within `text`) and column (1-based) where the key `path` is written.
fn locate_key(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    let mut found = None;
    for key in path {
        let hit = lines
            .iter()
            .enumerate()
            .skip(start)
            .find_map(|(i, line)| key_column(line, key).map(|c| (i, c)));
        match hit {
            Some((i, column)) => {
                found = Some((i, column));
                start = i + 1;
            }
            None => break,
        }
    }
    found
}

/// Where `key` starts on `line` if the line defines it (`key =`, `key:`, `[key]`, `- key:`).
fn key_column(line: &str, key: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let mut rest = trimmed;
    let mut dash = 0;
    if let Some(after) = rest.strip_prefix("- ") {
        dash = 2;
        rest = after.trim_start();
    }
    // Counted only for a line that defines the key: the characters of its indentation.
    let column = || line[..line.len() - trimmed.len()].chars().count() + dash + 1;
    if rest.starts_with('[') {
        let inner = rest.trim_start_matches('[');
        let name = inner.split(']').next().unwrap_or("");
        let last = name
            .rsplit('.')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        return (last == key).then(column);
    }
    let unquoted = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_prefix(key).and_then(|r| r.strip_prefix('"')))
        .or_else(|| {
            rest.strip_prefix('\'')
                .and_then(|r| r.strip_prefix(key).and_then(|r| r.strip_prefix('\'')))
        })
        .or_else(|| rest.strip_prefix(key))?;
    let after = unquoted.trim_start();
    (after.starts_with('=') || after.starts_with(':')).then(column)
}
