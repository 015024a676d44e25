//! What every lesson must have: content below its front matter, and a description (missing ones
//! are summed up in one warning per course: converted courses often have none).

use crate::diagnostic::Diagnostic;
use crate::model::{Course, Lesson};

/// Files named in the warning about missing descriptions before it says "and N more".
const NAMED: usize = 3;

pub(super) fn check_lesson(lesson: &Lesson, diagnostics: &mut Vec<Diagnostic>) {
    let path = &lesson.source.path;
    if lesson.source.body.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            path,
            lesson.source.line_offset.max(1),
            1,
            "lesson is empty: write its content below the front matter",
        ));
    }
}

/// One warning for the lessons of `course` without a description, at the first of them.
pub(super) fn check_descriptions(course: &Course, diagnostics: &mut Vec<Diagnostic>) {
    let missing: Vec<&Lesson> = course
        .lessons()
        .filter(|l| l.description.as_deref().is_none_or(|d| d.trim().is_empty()))
        .collect();
    let Some(first) = missing.first() else {
        return;
    };
    let message = if missing.len() == 1 {
        "lesson has no `description`; add one line to the front matter saying what it teaches"
            .to_string()
    } else {
        let mut names: Vec<String> = missing
            .iter()
            .take(NAMED)
            .map(|l| format!("`{}`", l.source.path))
            .collect();
        if missing.len() > NAMED {
            names.push(format!("and {} more", missing.len() - NAMED));
        }
        format!(
            "{} lessons of this course have no `description` ({}); add one line to each front matter saying what it teaches",
            missing.len(),
            names.join(", ")
        )
    };
    diagnostics.push(Diagnostic::warning(&first.source.path, 1, 1, message));
}
