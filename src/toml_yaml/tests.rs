//! Reading documents: syntax, unknown keys and types, each located in the file.

use super::*;
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
    assert_eq!((err.line, err.column), (3, 7), "{err:?}");
    assert_eq!(
        err.message,
        "invalid TOML: string values must be quoted, expected literal string"
    );
}

#[test]
fn yaml_syntax_error_is_located_in_the_file() {
    let err = Document::parse("title: a\n  - b: [\n", Format::Yaml, 2).unwrap_err();
    assert_eq!((err.line, err.column), (3, 6), "{err:?}");
    assert_eq!(
        err.message, "invalid YAML: mapping values are not allowed in this context",
        "the place is said once, in front"
    );
    let err = Document::parse("title: [a\nteam: infra\n", Format::Yaml, 2).unwrap_err();
    assert_eq!(
        err.message,
        "invalid YAML: illegal placement of ':' indicator"
    );
}

/// Documents that parse but do not fit `Doc`: every problem, located and said.
#[test]
fn keys_and_types_that_do_not_fit_are_located_and_said() {
    for (text, expected) in [
        (
            "titel = \"a\"\nsalery = 3\nzzz = 1\n",
            &[
                (2, 1, "unknown key `titel`; did you mean `title`?"),
                (3, 1, "unknown key `salery`; did you mean `salary`?"),
                (
                    4,
                    1,
                    "unknown key `zzz`; known keys are `title`, `salary` (put free data under `extra`)",
                ),
            ][..],
        ),
        ("title = \"x\"\n\n[salary]\nmin = 1\nmaxx = 2\n", &[(6, 1, "`salary.maxx`: unknown key `maxx`; did you mean `max`?")]),
        ("salary = { min = 1 }\ntitle = 5\n", &[(3, 1, "`title`: invalid type: integer `5`, expected a string")]),
        ("salary = { min = 1 }\n", &[(2, 1, "missing required key `title`")]),
        // A required key missing is said beside a value that does not fit.
        (
            "zzz = 1\nsalary = { min = \"x\" }\n",
            &[
                (2, 1, "unknown key `zzz`; known keys are `title`, `salary` (put free data under `extra`)"),
                (2, 1, "missing required key `title`"),
                (3, 1, "`salary.min`: invalid type: string \"x\", expected a whole number"),
            ][..],
        ),
        // Every problem at once: each value that does not fit is set aside and the rest read.
        (
            "title = 5\nzzz = 1\n[salary]\nmin = \"x\"\n",
            &[
                (2, 1, "`title`: invalid type: integer `5`, expected a string"),
                (3, 1, "unknown key `zzz`; known keys are `title`, `salary` (put free data under `extra`)"),
                (5, 1, "`salary.min`: invalid type: string \"x\", expected a whole number"),
            ][..],
        ),
    ] {
        let doc = Document::parse(text, Format::Toml, 2).unwrap();
        let errs = doc.typed::<Doc>(KEYS).unwrap_err();
        let found: Vec<_> = errs
            .iter()
            .map(|e| (e.line, e.column, e.message.as_str()))
            .collect();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn yaml_and_toml_give_the_same_table() {
    let t = Document::parse("title = \"标题\"\nsalary = { min = 1 }\n", Format::Toml, 1).unwrap();
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

#[test]
fn key_positions_agree_with_error_at() {
    let texts = [
        (
            "title = \"a\"\n  team = \"b\"\n[salary]\nmin = 1\n\"level\" = \"P6\"\n",
            Format::Toml,
        ),
        (
            "title: a\nteam: b\nsalary:\n  min: 1\n  team: c\n'tags': [x]\n",
            Format::Yaml,
        ),
        ("tags = [\"title = x\"]\ntitle = \"t\"\n", Format::Toml),
    ];
    for (text, format) in texts {
        let doc = Document::parse(text, format, 3).unwrap();
        let positions = doc.key_positions();
        assert_eq!(positions.len(), doc.table.len());
        for (key, line, column) in positions {
            let at = doc.error_at(&[key], "");
            assert_eq!((line, column), (at.line, at.column), "{key} in {text:?}");
        }
    }
}
