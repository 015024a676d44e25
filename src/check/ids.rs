//! Ids that progress is stored under: course ids unique in the site, lesson ids and question ids
//! unique in their course.

use crate::diagnostic::Diagnostic;
use crate::model::{Course, Site};
use crate::render::Pages;
use std::collections::{BTreeMap, HashMap};

pub(super) fn check_unique_ids(courses: &[Course], diagnostics: &mut Vec<Diagnostic>) {
    let mut course_ids: BTreeMap<&str, &str> = BTreeMap::new();
    for course in courses {
        if let Some(first) = course_ids.insert(&course.id, &course.intro.path) {
            diagnostics.push(Diagnostic::error(
                &course.intro.path,
                course.id_line,
                1,
                format!("duplicate course id `{}` (also used by {first})", course.id),
            ));
        }
        let mut lesson_ids: BTreeMap<&str, &str> = BTreeMap::new();
        for lesson in course.lessons() {
            if let Some(first) = lesson_ids.insert(&lesson.id, &lesson.source.path) {
                diagnostics.push(Diagnostic::error(
                    &lesson.source.path,
                    lesson.id_line,
                    1,
                    format!(
                        "duplicate lesson id `{}` in this course (also used by {first})",
                        lesson.id
                    ),
                ));
            }
        }
    }
}

/// A question id names one question of its course (progress is stored under it).
pub(super) fn check_question_ids(site: &Site, pages: &Pages, diagnostics: &mut Vec<Diagnostic>) {
    for course in &site.courses {
        let mut seen: HashMap<&str, (&str, usize)> = HashMap::new();
        for lesson in course.lessons() {
            let path = lesson.source.path.as_str();
            let questions = pages
                .lessons
                .get(&lesson.url)
                .map(|p| p.questions.as_slice());
            for q in questions.unwrap_or_default() {
                if let Some((first, line)) = seen.get(q.id.as_str()) {
                    let message = format!(
                        "duplicate question id `{}` in this course (first used at {first}:{line})",
                        q.id
                    );
                    diagnostics.push(Diagnostic::error(path, q.line, q.column, message));
                } else {
                    seen.insert(&q.id, (path, q.line));
                }
            }
        }
    }
}
