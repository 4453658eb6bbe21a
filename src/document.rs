//! Strict, typed reading of TOML and YAML documents (config.toml and front matter).
//!
//! A document is read in three steps, each reporting errors at a line and column of the
//! file: syntax (the TOML or YAML parser), keys (every unknown key, with the nearest known
//! one suggested), and types (serde, with the path of the offending key).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::suggest;

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

    /// Checks the keys against `known`, then deserializes the typed value.
    pub fn typed<T: DeserializeOwned>(&self, known: &[&str]) -> Result<T, Vec<Located>> {
        let unknown = self.unknown_keys(known);
        if !unknown.is_empty() {
            return Err(unknown);
        }
        let value = Value::Object(self.table.clone());
        serde_path_to_error::deserialize::<_, T>(value).map_err(|err| {
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
            let message = rewrite_serde_message(&err.into_inner().to_string());
            let message = if shown.is_empty() || shown == "." {
                message
            } else {
                format!("`{shown}`: {message}")
            };
            vec![self.error_at(&keys, message)]
        })
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
            return match suggest::nearest(name, &known) {
                Some(near) => format!("unknown key `{name}`; did you mean `{near}`?"),
                None => format!(
                    "unknown key `{name}`; known keys are {}",
                    quote_list(&known)
                ),
            };
        }
    }
    message.replace("missing field", "missing required key")
}

fn parse_toml(text: &str, first_line: usize) -> Result<Map<String, Value>, Located> {
    let table: toml::Table = toml::from_str(text).map_err(|err| {
        let (line, column) = err
            .span()
            .map(|span| crate::diagnostic::line_column(text, span.start))
            .unwrap_or((1, 1));
        Located {
            line: first_line + line - 1,
            column,
            message: format!("invalid TOML: {}", first_sentence(err.message())),
        }
    })?;
    let mut map = Map::new();
    for (key, value) in table {
        map.insert(key, toml_to_json(value));
    }
    Ok(map)
}

fn first_sentence(message: &str) -> String {
    message
        .trim()
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn parse_yaml(text: &str, first_line: usize) -> Result<Map<String, Value>, Located> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: Value = serde_saphyr::from_str(text).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|loc| yaml_position(text, loc.line() as usize, loc.column() as usize))
            .unwrap_or((1, 1));
        Located {
            line: first_line + line.max(1) - 1,
            column: column.max(1),
            message: format!(
                "invalid YAML: {}",
                first_sentence(&strip_location(&err.to_string()))
            ),
        }
    })?;
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Located {
            line: first_line,
            column: 1,
            message: "front matter must be a table of `key: value` lines".into(),
        }),
    }
}

/// A YAML parser's 1-based line and column as lines and columns of the file: YAML also breaks
/// lines at a lone `\r`, which the file's numbering (by `\n`) does not. A column past the end
/// of its line is put just after it.
fn yaml_position(text: &str, line: usize, column: usize) -> (usize, usize) {
    let mut start = 0;
    let mut yaml_line = 1;
    let mut chars = text.char_indices().peekable();
    while yaml_line < line {
        match chars.next() {
            Some((i, '\r')) => {
                if let Some(&(_, '\n')) = chars.peek() {
                    chars.next();
                    start = i + 2;
                } else {
                    start = i + 1;
                }
                yaml_line += 1;
            }
            Some((i, '\n')) => {
                start = i + 1;
                yaml_line += 1;
            }
            Some(_) => {}
            None => break,
        }
    }
    let rest = &text[start.min(text.len())..];
    let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    let offset = rest[..end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(end, |(i, _)| i);
    crate::diagnostic::line_column(text, start + offset)
}

/// YAML messages carry their own "at line L column C"; ours is already in front.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
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
    let mut indent = line.chars().count() - trimmed.chars().count();
    let mut rest = trimmed;
    if let Some(after) = rest.strip_prefix("- ") {
        indent += 2;
        rest = after.trim_start();
    }
    if rest.starts_with('[') {
        let inner = rest.trim_start_matches('[');
        let name = inner.split(']').next().unwrap_or("");
        let last = name
            .rsplit('.')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        return (last == key).then_some(indent + 1);
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
    (after.starts_with('=') || after.starts_with(':')).then_some(indent + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_positions_count_lines_by_line_feeds() {
        // A lone carriage return breaks a YAML line, not a line of the file.
        let text = "a: 1\nb: [\rc: 2\nd: x: y\n";
        assert_eq!(yaml_position(text, 4, 5), (3, 5));
        assert_eq!(yaml_position(text, 3, 2), (2, 7));
        assert_eq!(
            yaml_position(text, 1, 99),
            (1, 5),
            "past the end of the line"
        );
        assert_eq!(yaml_position("a\r\nb", 2, 1), (2, 1));
        let err = Document::parse("name: x\nlist:\n  - \ra: b: c\n", Format::Yaml, 2).unwrap_err();
        assert_eq!(err.line, 4, "{err:?}");
    }
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Salary {
        #[allow(dead_code)]
        min: Option<i64>,
        #[allow(dead_code)]
        max: Option<i64>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[allow(dead_code)]
        title: String,
        #[allow(dead_code)]
        salary: Option<Salary>,
    }

    const KEYS: &[&str] = &["title", "salary"];

    #[test]
    fn toml_syntax_error_is_located_in_the_file() {
        let err = Document::parse("title = \"a\"\nbad = \n", Format::Toml, 2).unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        assert!(err.message.starts_with("invalid TOML"), "{}", err.message);
    }

    #[test]
    fn yaml_syntax_error_is_located_in_the_file() {
        let err = Document::parse("title: a\n  - b: [\n", Format::Yaml, 2).unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
    }

    #[test]
    fn every_unknown_key_is_reported_with_a_suggestion() {
        let doc = Document::parse("titel = \"a\"\nsalery = 3\nzzz = 1\n", Format::Toml, 2).unwrap();
        let errs = doc.typed::<Doc>(KEYS).unwrap_err();
        assert_eq!(errs.len(), 3);
        assert_eq!((errs[0].line, errs[0].column), (2, 1));
        assert_eq!(
            errs[0].message,
            "unknown key `titel`; did you mean `title`?"
        );
        assert_eq!(
            errs[1].message,
            "unknown key `salery`; did you mean `salary`?"
        );
        assert!(
            errs[2].message.contains("known keys are `title`, `salary`"),
            "{}",
            errs[2].message
        );
    }

    #[test]
    fn nested_unknown_key_is_located_and_suggested() {
        let text = "title = \"x\"\n\n[salary]\nmin = 1\nmaxx = 2\n";
        let doc = Document::parse(text, Format::Toml, 2).unwrap();
        let errs = doc.typed::<Doc>(KEYS).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0]
                .message
                .contains("unknown key `maxx`; did you mean `max`?"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn type_error_names_the_key_and_its_line() {
        let text = "salary = { min = 1 }\ntitle = 5\n";
        let doc = Document::parse(text, Format::Toml, 2).unwrap();
        let errs = doc.typed::<Doc>(KEYS).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (3, 1));
        assert!(
            errs[0].message.starts_with("`title`: invalid type"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn missing_key_is_called_a_key() {
        let doc = Document::parse("salary = { min = 1 }\n", Format::Toml, 2).unwrap();
        let errs = doc.typed::<Doc>(KEYS).unwrap_err();
        assert_eq!(errs[0].message, "missing required key `title`");
    }

    #[test]
    fn yaml_and_toml_give_the_same_table() {
        let t =
            Document::parse("title = \"标题\"\nsalary = { min = 1 }\n", Format::Toml, 1).unwrap();
        let y = Document::parse("title: 标题\nsalary:\n  min: 1\n", Format::Yaml, 1).unwrap();
        assert_eq!(t.table, y.table);
    }

    #[test]
    fn toml_dates_become_strings() {
        let d = Document::parse("date = 2026-11-01\n", Format::Toml, 1).unwrap();
        assert_eq!(d.table["date"], Value::String("2026-11-01".into()));
    }

    #[test]
    fn keys_are_found_in_yaml_lists_and_toml_headers() {
        assert_eq!(key_column("  - name: x", "name"), Some(5));
        assert_eq!(key_column("[[work]]", "work"), Some(1));
        assert_eq!(key_column("[salary]", "salary"), Some(1));
        assert_eq!(key_column("\"title\" = 1", "title"), Some(1));
        assert_eq!(key_column("titles = 1", "title"), None);
    }
}
