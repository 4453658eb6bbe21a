//! The syntax step: TOML and YAML text → a JSON table, errors at lines and columns of the
//! file.

use serde_json::{Map, Value};

use super::Located;

pub(super) fn parse_toml(text: &str, first_line: usize) -> Result<Map<String, Value>, Located> {
    let located = |err: toml::de::Error| {
        let (line, column) = err
            .span()
            .map(|span| crate::diagnostic::line_column(text, span.start))
            .unwrap_or((1, 1));
        Located {
            line: first_line + line - 1,
            column,
            message: format!("invalid TOML: {}", first_sentence(err.message())),
        }
    };
    // The parser's own table, converted at once: no `toml::Table` in between.
    let parsed = toml::de::DeTable::parse(text).map_err(located)?;
    if let Some(map) = de_table_to_json(parsed.into_inner()) {
        return Ok(map);
    }
    // A number out of range: the error, as `toml` words it, from its own conversion.
    let table: toml::Table = toml::from_str(text).map_err(located)?;
    let mut map = Map::new();
    for (key, value) in table {
        map.insert(key, toml_to_json(value));
    }
    Ok(map)
}

/// A parsed TOML table as JSON, keys in `toml::Table`'s order; `None` when a number is out
/// of range (what `toml` reads as an error).
fn de_table_to_json(table: toml::de::DeTable<'_>) -> Option<Map<String, Value>> {
    table
        .into_iter()
        .map(|(key, value)| {
            Some((
                key.into_inner().into_owned(),
                de_to_json(value.into_inner())?,
            ))
        })
        .collect()
}

/// A parsed TOML value as JSON, as [`toml_to_json`] makes it from the `toml::Value`.
fn de_to_json(value: toml::de::DeValue<'_>) -> Option<Value> {
    use toml::de::DeValue;
    Some(match value {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => Value::from(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(f) => {
            let value: f64 = f.as_str().parse().ok()?;
            if value.is_infinite() && !f.as_str().contains("inf") {
                return None;
            }
            serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
        }
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| de_to_json(item.into_inner()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(table) => Value::Object(de_table_to_json(table)?),
    })
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

pub(super) fn parse_yaml(text: &str, first_line: usize) -> Result<Map<String, Value>, Located> {
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

/// A parser's message without the place it names, which the diagnostic already gives in
/// front: `… at line 3 column 7`, or serde-saphyr's `error: line 3 column 7: …`.
fn strip_location(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    // serde-saphyr's own form: `error: line 4 column 8: unclosed bracket '['`.
    message
        .strip_prefix("error: line ")
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .and_then(|rest| rest.split_once(": "))
        .map_or(message, |(_, text)| text)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toml_yaml::{Document, Format};

    /// The table as it was made before: through a `toml::Table`.
    fn through_toml_table(text: &str) -> Result<Map<String, Value>, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        Ok(table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect())
    }

    #[test]
    fn toml_tables_are_read_as_through_a_toml_table() {
        let text = r#"
z = "last key, first in the file"
title = "A \"quoted\" \u00e9 'title'"
hex = 0xff
oct = 0o17
bin = 0b101
big = 9_223_372_036_854_775_807
small = -9_223_372_036_854_775_808
floats = [1e3, -0.0, 6.626e-34, 1_000.5, inf, -inf, nan]
when = 2026-11-01T09:00:00+08:00
day = 2026-11-01
local = 2026-11-01T09:00:00
time = 09:00:00
yes = true
nested = { b = 1, a = [ { x = 1 }, [] ] }
[salary]
min = 30000
max = 5.5e4
[[people]]
name = "一"
[[people]]
name = "二"
"#;
        let read = parse_toml(text, 1).unwrap();
        assert_eq!(read, through_toml_table(text).unwrap());
        assert_eq!(
            read.keys().collect::<Vec<_>>(),
            through_toml_table(text).unwrap().keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn toml_numbers_out_of_range_are_the_errors_toml_makes() {
        for (text, message) in [
            ("n = 9223372036854775808", "u64 value was too large"),
            ("n = -9223372036854775809", "i128"),
            (
                "n = 0xffffffffffffffffffffffffffffffffff",
                "integer number overflowed",
            ),
            ("n = 1e400", "floating-point number overflowed"),
        ] {
            let doc = format!("a = 1\n{text}\n");
            let err = parse_toml(&doc, 3).unwrap_err();
            assert!(err.message.contains(message), "{text}: {err:?}");
            let toml_message = through_toml_table(&doc).unwrap_err();
            assert_eq!(
                err.message,
                format!("invalid TOML: {}", first_sentence(&toml_message))
            );
            assert_eq!((err.line, err.column), (4, 5), "{text}: {err:?}");
        }
    }

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
}
