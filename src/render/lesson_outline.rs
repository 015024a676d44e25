//! The course outline beside a lesson, bounded: a lesson page lists at most a fixed number of
//! modules and lessons, so it does not grow with its course.
//!
//! A course of up to [`FULL_COURSE`] lessons is listed whole, every module with its lessons (the
//! current one open). A longer course lists the lessons of the current module only, and the other
//! modules as links to their first lesson; of more than [`MODULES`] modules, those around the
//! current one; of a module of more than [`LESSONS`] lessons, those around the current lesson. A
//! partial outline ends with a link to the course page, which lists everything. Without the bound
//! a course of 10,000 lessons gives each of its pages 10,000 links: a site quadratic in its course.

use crate::links::relative_url;
use crate::model::Course;
use crate::render::views::LessonLink;
use serde::Serialize;
use std::ops::Range;

/// Courses of at most this many lessons are listed whole beside each lesson.
pub const FULL_COURSE: usize = 60;
/// At most this many modules are listed beside a lesson.
pub const MODULES: usize = 25;
/// At most this many lessons of the current module are listed beside a lesson.
pub const LESSONS: usize = 50;

/// What the `outline` of `lesson.html` holds.
#[derive(Serialize)]
pub struct LessonOutline<'a> {
    pub modules: Vec<OutlineModule<'a>>,
    /// Whether modules or lessons were left out (the page then links to the course page).
    pub partial: bool,
}

/// A module of the outline: with its lessons, or `folded` to a link to its first lesson.
#[derive(Serialize)]
pub struct OutlineModule<'a> {
    pub slug: &'a str,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub folded: bool,
    /// A folded module's link: its first lesson, named by the module's title (or, for the
    /// lessons outside any module, by that lesson's title).
    pub href: Option<String>,
    pub link_title: &'a str,
    pub lessons: Vec<LessonLink<'a>>,
}

impl<'a> LessonOutline<'a> {
    /// The outline beside lesson `lesson` of module `module` of `course`, on the page at
    /// `page_url`.
    pub fn new(course: &'a Course, module: usize, lesson: usize, page_url: &str) -> Self {
        let whole = course.lessons().count() <= FULL_COURSE;
        let shown = window(course.modules.len(), module, MODULES);
        let mut partial = shown.len() < course.modules.len();
        let modules = course.modules[shown.clone()]
            .iter()
            .zip(shown)
            .filter(|(m, _)| !m.lessons.is_empty())
            .map(|(m, index)| {
                let open = whole || index == module;
                let lessons = if open {
                    let around = if index == module { lesson } else { 0 };
                    window(m.lessons.len(), around, LESSONS)
                } else {
                    0..0
                };
                partial |= !open || lessons.len() < m.lessons.len();
                OutlineModule {
                    slug: &m.slug,
                    title: m.title.as_deref(),
                    description: m.description.as_deref(),
                    folded: !open,
                    href: (!open).then(|| relative_url(page_url, &m.lessons[0].url)),
                    link_title: m.title.as_deref().unwrap_or(&m.lessons[0].title),
                    lessons: m.lessons[lessons]
                        .iter()
                        .map(|l| LessonLink::new(l, page_url))
                        .collect(),
                }
            })
            .collect();
        LessonOutline { modules, partial }
    }

    /// The window of modules and lessons the outline beside lesson `lesson` of module `module`
    /// shows: pages whose windows are equal (and whose folder is) share one outline.
    pub fn window_of(
        course: &Course,
        module: usize,
        lesson: usize,
    ) -> (Range<usize>, Range<usize>) {
        let lessons = course.modules.get(module).map_or(0, |m| m.lessons.len());
        (
            window(course.modules.len(), module, MODULES),
            window(lessons, lesson, LESSONS),
        )
    }
}

/// At most `size` consecutive indexes of `0..len`, centred on `at` where the ends allow.
fn window(len: usize, at: usize, size: usize) -> Range<usize> {
    if len <= size {
        return 0..len;
    }
    let start = at.saturating_sub(size / 2).min(len - size);
    start..start + size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_centred_and_stay_inside() {
        assert_eq!(window(10, 3, 25), 0..10);
        assert_eq!(window(100, 0, 25), 0..25);
        assert_eq!(window(100, 50, 25), 38..63);
        assert_eq!(window(100, 99, 25), 75..100);
        assert_eq!(window(26, 13, 25), 1..26);
    }

    #[test]
    fn every_index_is_inside_its_own_window() {
        for len in 1..80 {
            for at in 0..len {
                let shown = window(len, at, 25);
                assert!(shown.contains(&at), "{len} {at} {shown:?}");
                assert_eq!(shown.len(), len.min(25));
            }
        }
    }
}
