//! Problems found in a site's files, reported as `path:line:column: severity: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, located in a file by 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where it lies inside it.
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// A problem at 1-based `line` and `column` of `path` (0 is taken as 1).
    pub fn new(
        severity: Severity,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            column: column.max(1),
            severity,
            message: message.into(),
        }
    }

    /// An error: what most problems are, so it has a name of its own.
    pub fn error(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Error, path, line, column, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            display_path(&self.path),
            self.line,
            self.column,
            self.severity,
            self.message
        )
    }
}

/// A path as users see it in messages: forward slashes on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every problem of one run, kept in a stable order for printing.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems sorted by file, then position, then message.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Prints problems to stderr, one a line, sorted by file and position, each once: how
/// `build`, `check` and `serve` all show them. Returns how many errors and warnings it
/// printed.
pub fn print(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let sorted: Diagnostics = diagnostics.iter().cloned().collect();
    let printed = sorted.sorted();
    for d in &printed {
        eprintln!("{d}");
    }
    let errors = printed.iter().filter(|d| d.is_error()).count();
    (errors, printed.len() - errors)
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// `value` as a message shows it, on one line: control characters (line breaks, tabs, …)
/// are written as escapes (`\n`, `\t`, `\u{1}`), so a value someone wrote cannot break a
/// message into lines that read as others.
pub fn shown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Turns a byte offset in `text` into a 1-based line and column (columns count characters).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The 1-based character column of the 1-based byte `column` on `line` of `text`, within
/// the line (or just past its end).
pub fn char_column(text: &str, line: usize, column: usize) -> usize {
    let Some(row) = text.split('\n').nth(line.saturating_sub(1)) else {
        return column;
    };
    let mut end = column.saturating_sub(1).min(row.len());
    while !row.is_char_boundary(end) {
        end -= 1;
    }
    row[..end].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_path_line_column() {
        let d = Diagnostic::error("content/jobs/a.md", 3, 7, "unknown key `titel`");
        assert_eq!(
            d.to_string(),
            "content/jobs/a.md:3:7: error: unknown key `titel`"
        );
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\n标题 = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let off = text.find('x').unwrap();
        assert_eq!(line_column(text, off), (2, 6));
    }

    #[test]
    fn byte_columns_become_character_columns() {
        assert_eq!(char_column("中文x", 1, 7), 3);
        assert_eq!(char_column("a\n中", 2, 4), 2, "just past the end");
    }

    #[test]
    fn sorted_orders_by_file_then_position() {
        let d: Diagnostics = vec![
            Diagnostic::error("b.md", 1, 1, "x"),
            Diagnostic::error("a.md", 9, 1, "y"),
            Diagnostic::new(Severity::Warning, "a.md", 2, 1, "z"),
        ]
        .into_iter()
        .collect();
        let lines: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "a.md:2:1: warning: z",
                "a.md:9:1: error: y",
                "b.md:1:1: error: x"
            ]
        );
        assert_eq!(d.error_count(), 2);
        assert_eq!(d.warning_count(), 1);
    }

    #[test]
    fn values_are_shown_on_one_line() {
        assert_eq!(
            shown("java\nscript:\talert(1)\u{1}"),
            "java\\nscript:\\talert(1)\\u{1}"
        );
        assert_eq!(shown("北京 · Go"), "北京 · Go");
    }
}
