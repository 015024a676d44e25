//! Reporting diagnostics to people (rustc-style, with the source line and a caret) or to tools
//! (one JSON object per line), plus the closing summary.

use crate::diagnostic::{self, Diagnostic};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: error: message`, the source line and a caret.
    #[default]
    Human,
    /// One JSON object per diagnostic: `{"path","line","column","severity","message"}`.
    Json,
}

/// Formats every diagnostic for people, reading source lines from the files under `root`.
pub fn human(diagnostics: &[Diagnostic], root: &Path) -> String {
    let mut sources = Sources::new(root);
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{d}");
        if let Some(line) = sources.line(&d.path, d.line) {
            out.push_str(&snippet(d, line));
        }
        for r in &d.related {
            let at = Diagnostic::warning(&r.path, r.line, r.column, "");
            let _ = writeln!(
                out,
                "{}:{}:{}: note: {}",
                r.path,
                r.line.max(1),
                r.column.max(1),
                r.note
            );
            if let Some(line) = sources.line(&r.path, r.line) {
                out.push_str(&snippet(&at, line));
            }
        }
    }
    out
}

/// Longest part of a source line shown; longer lines are cut around the column, with `…`.
const MAX_SHOWN_CHARS: usize = 120;

/// The source line under its line number, and a caret under the column.
fn snippet(d: &Diagnostic, line: &str) -> String {
    let number = d.line.to_string();
    let gutter = " ".repeat(number.len());
    let chars: Vec<char> = line.chars().collect();
    let column = d.column.max(1) - 1;
    let start = if chars.len() > MAX_SHOWN_CHARS {
        column.saturating_sub(MAX_SHOWN_CHARS / 2)
    } else {
        0
    };
    let end = (start + MAX_SHOWN_CHARS).min(chars.len());
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let shown: String = chars[start..end].iter().collect();
    let before: String = lead
        .chars()
        .map(|_| ' ')
        .chain(
            chars[start..column.clamp(start, end)]
                .iter()
                .map(|&c| if c == '\t' { '\t' } else { ' ' }),
        )
        .collect();
    format!("{gutter} |\n{number} | {lead}{shown}{tail}\n{gutter} | {before}^\n")
}

/// Formats every diagnostic as one JSON object per line.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        // A Diagnostic holds only strings, numbers and a unit enum: serializing cannot fail.
        if let Ok(line) = serde_json::to_string(d) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `2 errors, 5 warnings in 48 lessons`.
pub fn summary(diagnostics: &[Diagnostic], lessons: usize) -> String {
    let errors = diagnostic::error_count(diagnostics);
    let warnings = diagnostics.len() - errors;
    format!(
        "{}, {} in {}",
        count(errors, "error"),
        count(warnings, "warning"),
        count(lessons, "lesson")
    )
}

/// `n` and the English noun, plural unless `n` is 1: `1 course`, `3 lessons`, `0 errors`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Source files read on demand (once each), split into lines.
struct Sources<'a> {
    root: &'a Path,
    files: HashMap<String, Option<Vec<String>>>,
}

impl<'a> Sources<'a> {
    fn new(root: &'a Path) -> Self {
        Sources {
            root,
            files: HashMap::new(),
        }
    }

    /// Line `number` (1-based) of `path`, if the file and the line exist and the line is not blank.
    fn line(&mut self, path: &str, number: usize) -> Option<&str> {
        let root = self.root;
        let lines = self
            .files
            .entry(path.to_string())
            .or_insert_with(|| read_lines(&root.join(path)));
        let line = lines.as_ref()?.get(number.checked_sub(1)?)?;
        (!line.trim().is_empty()).then_some(line.as_str())
    }
}

fn read_lines(file: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(
        text.split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_column_counting_characters() {
        let d = Diagnostic::error("a.md", 12, 5, "x");
        let out = snippet(&d, "Bài [x](y.md)");
        assert_eq!(out, "   |\n12 | Bài [x](y.md)\n   |     ^\n");
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}X{}", ">".repeat(5000), "y".repeat(5000));
        let d = Diagnostic::warning("a.md", 3, 5001, "deep");
        let shown = snippet(&d, &line);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[1].chars().count() < 140, "{}", lines[1]);
        let x = lines[1].chars().position(|c| c == 'X').unwrap();
        assert_eq!(lines[2].chars().position(|c| c == '^'), Some(x), "{shown}");
        assert!(lines[1].contains("| …") && lines[1].ends_with('…'));
    }

    #[test]
    fn tabs_before_the_column_are_kept_so_the_caret_lines_up() {
        let d = Diagnostic::warning("a.md", 1, 3, "x");
        assert_eq!(snippet(&d, "\t-x"), "  |\n1 | \t-x\n  | \t ^\n");
    }

    #[test]
    fn summary_counts_and_pluralizes() {
        let all = [
            Diagnostic::error("a", 1, 1, "e"),
            Diagnostic::warning("a", 1, 1, "w"),
            Diagnostic::warning("a", 2, 1, "w"),
        ];
        assert_eq!(summary(&all, 1), "1 error, 2 warnings in 1 lesson");
        assert_eq!(summary(&[], 48), "0 errors, 0 warnings in 48 lessons");
        assert_eq!(count(1, "course"), "1 course");
        assert_eq!(count(0, "file"), "0 files");
    }

    #[test]
    fn a_related_place_is_printed_as_a_note_and_kept_in_json() {
        let d = Diagnostic::error("a.en.md", 3, 1, "differs").with_related(
            "a.md",
            5,
            2,
            "the original",
        );
        let shown = human(std::slice::from_ref(&d), Path::new("/nonexistent"));
        assert_eq!(
            shown,
            "a.en.md:3:1: error: differs\na.md:5:2: note: the original\n"
        );
        let line: serde_json::Value = serde_json::from_str(json(&[d]).trim()).unwrap();
        assert_eq!(line["related"][0]["path"], "a.md");
        assert_eq!(line["related"][0]["line"], 5);
        let plain = json(&[Diagnostic::error("a.md", 1, 1, "x")]);
        assert!(!plain.contains("related"), "{plain}");
    }

    #[test]
    fn json_is_one_object_per_line() {
        let out = json(&[
            Diagnostic::error("a.md", 3, 2, "sai \"x\""),
            Diagnostic::warning("b.md", 0, 0, "w"),
        ]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["message"], "sai \"x\"");
        assert_eq!(lines[0]["line"], 3);
        assert_eq!(lines[1]["severity"], "warning");
    }
}
