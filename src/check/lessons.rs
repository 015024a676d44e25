//! What every lesson must have: content below its front matter, and a description.

use crate::diagnostic::Diagnostic;
use crate::model::Lesson;

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
    if lesson
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        diagnostics.push(Diagnostic::warning(
            path,
            1,
            1,
            "lesson has no `description`; add one line to the front matter saying what it teaches",
        ));
    }
}
