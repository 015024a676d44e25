//! Fingerprints of what a lesson page's template reads of the model besides its rendered
//! Markdown: `serve` takes the previous render's page when they are unchanged.

use super::{InOrder, Templates};
use crate::model::Course;
use crate::render::views::{CoursePages, CourseView};
use std::hash::{Hash, Hasher};

impl Templates<'_> {
    /// A fingerprint of what every lesson page of `course` reads of the course (see
    /// `pages::lesson_page`): its heading fields, its whole outline (every module and lesson
    /// title, description and link: the outline is beside every lesson), its print and review
    /// links, and the site's language edition. Site-wide inputs (`khoa.yaml`, the theme, the UI
    /// strings, the link maps) are not in it: [`super::Reuse`] forgets every page when they change.
    pub(super) fn course_reads(&self, course: &Course) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let url = course.url();
        let outline = serde_json::to_string(&CourseView::new(course, "", &url));
        let pages = serde_json::to_string(&CoursePages::new(course, &url));
        (outline.ok(), pages.ok()).hash(&mut hasher);
        let heading = (
            &course.slug,
            course.language.code(),
            self.site.edition.code(),
        );
        (heading, format!("{:?}", course.complete)).hash(&mut hasher);
        hasher.finish()
    }

    /// A fingerprint of what a lesson page's template reads of the model besides the lesson's
    /// rendered Markdown: its course's (`course_reads`), the lesson, its module's title, its
    /// neighbours' links and the languages it is translated into (the switcher, hreflang links
    /// and the untranslated note).
    pub(super) fn lesson_reads(&self, lessons: &[InOrder], i: usize, course_reads: u64) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let InOrder {
            lesson,
            module_title,
            ..
        } = &lessons[i];
        let own = (
            &lesson.id,
            &lesson.title,
            &lesson.description,
            lesson.duration,
        );
        (own, &lesson.url, &lesson.source.path, module_title).hash(&mut hasher);
        let translated =
            crate::model::translated_in(&self.site.config.languages, &lesson.translations);
        let codes: Vec<&str> = translated.iter().map(|l| l.code()).collect();
        let fallback = lesson.fallback.as_ref().map(|l| l.code());
        (course_reads, codes, fallback).hash(&mut hasher);
        let previous = i.checked_sub(1).and_then(|p| lessons.get(p));
        for neighbour in [previous, lessons.get(i + 1)] {
            neighbour
                .map(|n| {
                    (
                        &n.lesson.id,
                        &n.lesson.title,
                        &n.lesson.url,
                        n.lesson.duration,
                    )
                })
                .hash(&mut hasher);
        }
        hasher.finish()
    }
}
