//! Learning paths: every course named by `requires:` or `next:` exists, and no course requires
//! itself through others (a cycle would leave learners no place to start).

use crate::diagnostic::Diagnostic;
use crate::model::{Course, CourseRef};
use std::collections::HashMap;

pub(super) fn check_learning_paths(courses: &[Course], diagnostics: &mut Vec<Diagnostic>) {
    let known: HashMap<&str, &Course> = courses.iter().map(|c| (c.id.as_str(), c)).collect();
    for course in courses {
        for (key, named) in course
            .requires
            .iter()
            .map(|r| ("requires", r))
            .chain(course.next.iter().map(|n| ("next", n)))
        {
            if !known.contains_key(named.id.as_str()) {
                let message = format!(
                    "`{key}` names course `{}`, which does not exist (course ids: {})",
                    named.id,
                    course_ids(courses)
                );
                diagnostics.push(located(course, named, message));
            }
        }
    }
    for cycle in cycles(courses, &known) {
        let (course, named) = cycle[0];
        let back_to_start = cycle.last().map(|(_, r)| r.id.as_str());
        let path: Vec<&str> = cycle
            .iter()
            .map(|(c, _)| c.id.as_str())
            .chain(back_to_start)
            .collect();
        let message = format!(
            "`requires` goes round in a circle: {} (each course would have to come before itself)",
            path.join(" → ")
        );
        diagnostics.push(located(course, named, message));
    }
}

fn located(course: &Course, named: &CourseRef, message: String) -> Diagnostic {
    Diagnostic::error(&course.intro.path, named.line, named.column, message)
}

fn course_ids(courses: &[Course]) -> String {
    let ids: Vec<String> = courses.iter().map(|c| format!("`{}`", c.id)).collect();
    ids.join(", ")
}

/// Each cycle of `requires` once, as its steps (a course and the `requires` entry that leads on),
/// starting at the course that comes first in the site's order.
fn cycles<'a>(
    courses: &'a [Course],
    known: &HashMap<&str, &'a Course>,
) -> Vec<Vec<(&'a Course, &'a CourseRef)>> {
    let position: HashMap<&str, usize> = courses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut found = Vec::new();
    for (start, course) in courses.iter().enumerate() {
        let mut path = Vec::new();
        walk(course, start, known, &position, &mut path, &mut found);
    }
    found
}

/// Depth-first from `course`, keeping only cycles through `start` whose other courses come after
/// it (so that each cycle is reported once, from its first course).
fn walk<'a>(
    course: &'a Course,
    start: usize,
    known: &HashMap<&str, &'a Course>,
    position: &HashMap<&str, usize>,
    path: &mut Vec<(&'a Course, &'a CourseRef)>,
    found: &mut Vec<Vec<(&'a Course, &'a CourseRef)>>,
) {
    for named in &course.requires {
        let Some(&to) = position.get(named.id.as_str()) else {
            continue;
        };
        path.push((course, named));
        if to == start {
            found.push(path.clone());
        } else if to > start && !path.iter().any(|(c, _)| c.id == named.id) {
            walk(
                known[named.id.as_str()],
                start,
                known,
                position,
                path,
                found,
            );
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, path_order};

    fn course(id: &str, requires: &[&str]) -> Course {
        Course {
            id: id.into(),
            id_line: 1,
            slug: id.into(),
            title: id.into(),
            description: None,
            language: Default::default(),
            draft: false,
            extra: None,
            complete: Default::default(),
            pass: 80,
            intro: Source {
                path: format!("content/{id}/_index.md"),
                body: "".into(),
                line_offset: 0,
            },
            modules: Vec::new(),
            translations: Default::default(),
            fallback: None,
            original: None,
            requires: requires
                .iter()
                .enumerate()
                .map(|(i, r)| CourseRef {
                    id: r.to_string(),
                    line: 3,
                    column: 12 + 4 * i,
                })
                .collect(),
            next: None,
        }
    }

    fn ids(courses: Vec<&Course>) -> Vec<&str> {
        courses.into_iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn requirements_come_first_and_the_rest_keeps_its_order() {
        let courses = [
            course("b", &["c"]),
            course("a", &[]),
            course("c", &["a"]),
            course("d", &[]),
        ];
        assert_eq!(ids(path_order(&courses)), ["a", "c", "b", "d"]);
        let plain = [course("x", &[]), course("y", &[])];
        assert_eq!(ids(path_order(&plain)), ["x", "y"]);
    }

    #[test]
    fn courses_in_a_cycle_come_last_in_the_site_order_instead_of_looping() {
        let courses = [course("a", &["b"]), course("b", &["a"]), course("c", &[])];
        assert_eq!(ids(path_order(&courses)), ["c", "a", "b"]);
    }

    #[test]
    fn each_cycle_is_reported_once_at_its_first_course() {
        let courses = [
            course("a", &["b"]),
            course("b", &["c"]),
            course("c", &["a"]),
            course("d", &["d"]),
            course("e", &["a"]),
        ];
        let mut diagnostics = Vec::new();
        check_learning_paths(&courses, &mut diagnostics);
        let messages: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, "content/a/_index.md");
        assert!(messages[0].1.contains("a → b → c → a"), "{messages:?}");
        assert!(messages[1].1.contains("d → d"), "{messages:?}");
    }

    #[test]
    fn an_unknown_course_is_named_where_it_is_written() {
        let courses = [course("a", &["zz", "a-b"])];
        let mut diagnostics = Vec::new();
        check_learning_paths(&courses, &mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 12));
        assert!(
            diagnostics[1]
                .message
                .contains("`a-b`, which does not exist")
        );
    }
}
