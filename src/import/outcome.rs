//! What an import did, in the words the command prints: counts, questions by type, every note
//! about something not converted (with `file:line`), and the check of the new project.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The result of one import.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The course's title.
    pub title: String,
    pub modules: usize,
    pub lessons: usize,
    pub assets: usize,
    /// Converted questions by mdbook-quiz type.
    pub questions: BTreeMap<&'static str, usize>,
    /// What was not converted, or converted with a change, located in the book.
    pub notes: Vec<Diagnostic>,
    /// Problems `khoa check` finds in the new project.
    pub check: Vec<Diagnostic>,
    pub check_errors: usize,
    pub check_warnings: usize,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl Outcome {
    /// The summary printed after an import into `dest`.
    pub fn summary(&self, dest: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Imported \"{}\" into {dest}: 1 course, {}, {}, {}",
            self.title,
            plural(self.modules, "module", "modules"),
            plural(self.lessons, "lesson", "lessons"),
            plural(self.assets, "copied file", "copied files"),
        );
        let total: usize = self.questions.values().sum();
        let kinds: Vec<String> = self
            .questions
            .iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        let detail = if kinds.is_empty() {
            String::new()
        } else {
            format!(": {}", kinds.join(", "))
        };
        let _ = writeln!(out, "Questions: {total}{detail}");
        if self.notes.is_empty() {
            let _ = writeln!(out, "Everything was converted.");
        } else {
            let _ = writeln!(
                out,
                "Not converted, or converted with a change ({}):",
                self.notes.len()
            );
            for note in &self.notes {
                let _ = writeln!(out, "  {}", located(note));
            }
        }
        let _ = write!(
            out,
            "khoa check: {}, {}",
            plural(self.check_errors, "error", "errors"),
            plural(self.check_warnings, "warning", "warnings")
        );
        if self.check_warnings > 0 {
            let _ = write!(out, " (`khoa check --root {dest}` lists them)");
        }
        out.push('\n');
        out
    }
}

/// `path:line:col: message`, leaving out a line or column that is unknown.
fn located(note: &Diagnostic) -> String {
    match (note.line, note.column) {
        (0, _) => format!("{}: {}", note.path, note.message),
        (line, 0) => format!("{}:{line}: {}", note.path, note.message),
        (line, column) => format!("{}:{line}:{column}: {}", note.path, note.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_questions_by_type_and_locates_every_note() {
        let outcome = Outcome {
            title: "Sách".into(),
            modules: 2,
            lessons: 1,
            assets: 0,
            questions: BTreeMap::from([("ShortAnswer", 2), ("Tracing", 1)]),
            notes: vec![Diagnostic::warning("src/q.toml", 4, 1, "skipped")],
            check_warnings: 3,
            ..Outcome::default()
        };
        let text = outcome.summary("out");
        assert!(
            text.starts_with(
                "Imported \"Sách\" into out: 1 course, 2 modules, 1 lesson, 0 copied files\n"
            ),
            "{text}"
        );
        assert!(text.contains("Questions: 3: 2 ShortAnswer, 1 Tracing\n"));
        assert!(text.contains("  src/q.toml:4:1: skipped\n"));
        assert!(
            text.ends_with(
                "khoa check: 0 errors, 3 warnings (`khoa check --root out` lists them)\n"
            )
        );
    }
}
