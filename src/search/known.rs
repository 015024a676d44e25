//! What the previous build's index made, kept by `serve` between rebuilds: each lesson's text and
//! words (analysed again only when its rendered page, title or description changes) and each
//! course's files (made again only when one of its lessons or its search fields change).

use crate::markdown::RenderedPage;
use crate::model::{Course, Lesson};
use std::collections::HashMap;
use std::sync::Arc;

/// A lesson as the index reads it: snippet text and each word found (exact form, field mask,
/// count).
pub(super) struct Analysed {
    pub text: String,
    pub found: super::Words,
}

/// What one lesson's analysis was made from; the page is kept (so its address is never reused)
/// and compared by identity.
struct LessonKey {
    page: Arc<RenderedPage>,
    title: String,
    description: Option<String>,
}

/// What a course's files were made from: its search fields and its lessons' pages (by identity).
struct CourseKey {
    fields: u64,
    pages: Vec<Arc<RenderedPage>>,
}

/// A course, its lessons' pages and the files made from them.
pub(super) type CourseFiles<'c> = (&'c Course, Vec<Arc<RenderedPage>>, (String, String));

/// The index of the previous build (see the module docs).
#[derive(Default)]
pub struct KnownIndex {
    lessons: HashMap<String, (LessonKey, Arc<Analysed>)>,
    courses: HashMap<String, (CourseKey, (String, String))>,
}

impl KnownIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub(super) fn lesson(
        &self,
        lesson: &Lesson,
        page: &Arc<RenderedPage>,
    ) -> Option<Arc<Analysed>> {
        let (key, analysed) = self.lessons.get(&lesson.url)?;
        let same = Arc::ptr_eq(&key.page, page)
            && key.title == lesson.title
            && key.description == lesson.description;
        same.then(|| analysed.clone())
    }

    pub(super) fn course(
        &self,
        course: &Course,
        pages: &[Arc<RenderedPage>],
    ) -> Option<(String, String)> {
        let (key, files) = self.courses.get(&course.id)?;
        let same = key.fields == fields_fingerprint(course)
            && key.pages.len() == pages.len()
            && key.pages.iter().zip(pages).all(|(a, b)| Arc::ptr_eq(a, b));
        same.then(|| files.clone())
    }

    /// Replaces what is known with this build's lessons and courses.
    pub(super) fn keep(
        &mut self,
        lessons: Vec<(&Lesson, Arc<RenderedPage>, Arc<Analysed>)>,
        courses: Vec<CourseFiles>,
    ) {
        self.lessons = lessons
            .into_iter()
            .map(|(lesson, page, analysed)| {
                let key = LessonKey {
                    page,
                    title: lesson.title.clone(),
                    description: lesson.description.clone(),
                };
                (lesson.url.clone(), (key, analysed))
            })
            .collect();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (course, _, _) in &courses {
            *ids.entry(course.id.as_str()).or_default() += 1;
        }
        self.courses.clear();
        for (course, pages, files) in courses {
            // Two courses sharing an id (an error) are not told apart: neither is kept.
            if ids[course.id.as_str()] == 1 {
                let fields = fields_fingerprint(course);
                let key = CourseKey { fields, pages };
                self.courses.insert(course.id.clone(), (key, files));
            }
        }
    }
}

/// A fingerprint of what a course's search files read of the model besides its lessons' rendered
/// pages: ids, titles, URLs, descriptions, modules, and which lessons are shown in another
/// language than the course's (untranslated, left out).
fn fields_fingerprint(course: &Course) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&course.id, &course.title, course.language.code()).hash(&mut hasher);
    for module in &course.modules {
        (&module.title, module.lessons.len()).hash(&mut hasher);
        for lesson in &module.lessons {
            (&lesson.url, &lesson.title, &lesson.description).hash(&mut hasher);
            lesson.fallback.as_ref().map(|l| l.code()).hash(&mut hasher);
        }
    }
    hasher.finish()
}
