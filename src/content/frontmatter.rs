//! Splits a content file into front matter (TOML between `+++`, YAML between `---`) and body.

use crate::toml_yaml::{Format, Located};

/// A content file cut in two, with the line numbers each part starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    pub front: &'a str,
    /// 1-based line of the file on which `front` starts.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Splits `text`; a file without front matter is an error (every content file needs some).
pub fn split(text: &str) -> Result<Split<'_>, Located> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (format, fence) = match text[..first_end].trim_end() {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(Located {
                line: 1,
                column: 1,
                message: "missing front matter: start the file with a `+++` line (TOML) or a `---` line (YAML)".into(),
            })
        }
    };
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let current = text[offset..end].trim_end();
        if current == fence || (format == Format::Yaml && current == "...") {
            return Ok(Split {
                format,
                front: &text[first_end..offset],
                front_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Located {
        line: 1,
        column: 1,
        message: format!(
            "front matter opened with `{fence}` is never closed: add a `{fence}` line after it"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front, "title = \"a\"\n");
        assert_eq!(s.front_line, 2);
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn splits_yaml_with_crlf_and_bom() {
        let s = split("\u{feff}---\r\ntitle: a\r\n---\r\n\r\nbody").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.front, "title: a\r\n");
        assert_eq!(s.body, "\r\nbody");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_front_matter_and_body() {
        let s = split("+++\n+++").unwrap();
        assert_eq!(s.front, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_and_missing_are_errors() {
        assert!(split("+++\ntitle = 1\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        assert!(split("# Title\n")
            .unwrap_err()
            .message
            .contains("missing front matter"));
        assert!(split("").is_err());
    }

    #[test]
    fn a_horizontal_rule_in_the_body_is_not_a_fence() {
        let s = split("---\na: 1\n---\ntext\n---\nmore\n").unwrap();
        assert_eq!(s.body, "text\n---\nmore\n");
    }
}
