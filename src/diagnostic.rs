//! Diagnostics: problems in the author's files, each with a path, line and column.
//!
//! Every stage collects diagnostics instead of stopping at the first problem, so that `build` and
//! `check` report everything at once. Pure stages report positions relative to the text they were
//! given; the loader shifts them to lines of the `.md` file with [`Diagnostic::shifted`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// How bad a problem is: errors stop the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place of one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// Other places the problem concerns (the original of a translation), each with a note.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub related: Vec<Related>,
}

/// A second place a diagnostic points at, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub note: String,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, path.into(), line, column, message.into())
    }

    pub fn warning(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, path.into(), line, column, message.into())
    }

    fn new(severity: Severity, path: String, line: usize, column: usize, message: String) -> Self {
        Diagnostic {
            path,
            line,
            column,
            severity,
            message,
            related: Vec::new(),
        }
    }

    /// The same diagnostic pointing also at `path:line:column`, with `note` saying why.
    pub fn with_related(
        mut self,
        path: impl Into<String>,
        line: usize,
        column: usize,
        note: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            path: path.into(),
            line,
            column,
            note: note.into(),
        });
        self
    }

    /// The same diagnostic moved down by `lines` (its text started at line `lines + 1` of the file).
    pub fn shifted(mut self, lines: usize) -> Self {
        if self.line > 0 {
            self.line += lines;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.path,
            self.line.max(1),
            self.column.max(1),
            self.message
        )
    }
}

/// Sorts diagnostics by file, line and column and removes exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// Number of errors among `diagnostics`.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// Maps byte offsets of a text to 1-based (line, column) positions, column counted in characters.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The (line, column) of byte `offset`, both 1-based.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let index = LineIndex::new("đầu\nbài hai\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position("đầu\n".len()), (2, 1));
        assert_eq!(index.position("đầu\nbài ".len()), (2, 5));
    }

    #[test]
    fn displays_as_path_line_column() {
        let d = Diagnostic::error("content/a/b.md", 3, 7, "missing `title`").shifted(2);
        assert_eq!(d.to_string(), "content/a/b.md:5:7: error: missing `title`");
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut all = vec![
            Diagnostic::warning("b.md", 1, 1, "w"),
            Diagnostic::error("a.md", 9, 1, "late"),
            Diagnostic::error("a.md", 2, 1, "early"),
            Diagnostic::error("a.md", 2, 1, "early"),
        ];
        sort(&mut all);
        let order: Vec<_> = all.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["early", "late", "w"]);
    }
}
