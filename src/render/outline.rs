//! Course outlines for the progress runtime: one `_khoa/data/<course>.js` script per course.
//!
//! The script assigns `KhoaCourses[<course id>] = {id, title, url, complete, pass, lessons}` where
//! `lessons` is `[[lesson id, url, [[question id, points], ...]], ...]` in reading order and every URL
//! is relative to the site root. A classic script (not JSON fetched at run time) so it loads from
//! `file://`; one small file per course so a page loads only the outlines it shows.

use super::Pages;
use crate::escape::script_json;
use crate::model::Course;
use crate::output::STATIC_PREFIX;
use serde_json::json;

/// Output path of a course's outline script, relative to the site root.
pub fn data_path(course: &Course) -> String {
    format!("{STATIC_PREFIX}data/{}.js", course.slug)
}

/// The outline of `course` as the progress runtime reads it.
pub fn outline(course: &Course, pages: &Pages) -> serde_json::Value {
    let lessons: Vec<serde_json::Value> = course
        .lessons()
        .map(|lesson| {
            let questions: Vec<serde_json::Value> = pages
                .lessons
                .get(&lesson.url)
                .map(|page| {
                    page.questions
                        .iter()
                        .map(|q| json!([q.id, q.points]))
                        .collect()
                })
                .unwrap_or_default();
            json!([lesson.id, lesson.url, questions])
        })
        .collect();
    json!({
        "id": course.id,
        "title": course.title,
        "url": course.url(),
        "complete": course.complete,
        "pass": course.pass,
        "lessons": lessons,
    })
}

/// The script text of `course`'s outline.
pub fn data_script(course: &Course, pages: &Pages) -> String {
    format!(
        "(self.KhoaCourses=self.KhoaCourses||{{}})[{}]={};\n",
        script_json(&course.id),
        script_json(&outline(course, pages))
    )
}
