//! The contexts of the pages that hold a whole course: `print.html` (every lesson, questions with
//! room to write, the answer key at the end) and `review.html` (filled by the runtime with the
//! questions this learner missed), and the printed form of one question.

use super::{PageContext, Templates, template_error};
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::model::Course;
use crate::output::Owner;
use crate::quiz::QuizView;
use crate::render::views::{CoursePages, CourseView};
use serde::Serialize;
use serde_json::json;
use tera::Context;

/// The printed question: `quiz/print.html`, the question with room to answer.
const PRINT_TEMPLATE: &str = "quiz/print.html";
/// Its entry in the answer key: `quiz/print-key.html`.
const KEY_TEMPLATE: &str = "quiz/print-key.html";

/// One lesson of the printed course: its Markdown rendered at the print page's URL, questions
/// in their printed form.
#[derive(Serialize)]
pub struct PrintedLesson {
    pub title: String,
    /// The module's title when the lesson opens a module.
    pub module_title: Option<String>,
    pub html: String,
}

/// One entry of the answer key.
#[derive(Serialize)]
pub struct PrintedQuestion {
    pub number: usize,
    pub html: String,
}

impl<'s> Templates<'s> {
    /// `<course>/review.html`: the runtime lists there the questions the learner missed.
    pub(super) fn review_page<'a>(&self, course: &'a Course) -> PageContext<'a>
    where
        's: 'a,
    {
        let url = course.review_url();
        let mut context = Context::new();
        context.insert("course", &CourseView::new(course, "", &url));
        let title = self.site.ui.text(course.language, "review_title");
        PageContext {
            data_scripts: vec![
                crate::render::outline::data_path(course),
                crate::render::whole_course::review_data_path(course),
            ],
            scripts: vec![crate::render::runtime::REVIEW.path],
            template: "review.html",
            url,
            kind: "review",
            owner: Owner::Course {
                index: course.intro.path.clone(),
                what: "the course's review page",
            },
            title: format!("{title} · {}", course.title),
            description: course.description.as_deref(),
            image: None,
            language: course.language,
            data: json!({ "course": course.id }),
            context,
            translated: Some(self.course_languages(course)),
            fallback: course.fallback,
        }
    }

    /// The printed form of question `number` and its entry in the answer key.
    pub fn print_quiz(
        &self,
        quiz: &QuizView,
        language: Language,
        number: usize,
    ) -> Result<(String, String), Diagnostic> {
        let base = self.quiz_contexts.iter().find(|(l, _)| *l == language);
        let mut context = base.map(|(_, c)| c.clone()).unwrap_or_default();
        context.insert("quiz", quiz);
        context.insert("number", &number);
        let render = |name: &str| {
            self.tera
                .render(name, &context)
                .map_err(|e| template_error(name, &e))
        };
        Ok((render(PRINT_TEMPLATE)?, render(KEY_TEMPLATE)?))
    }

    /// `<course>/print.html`: `lessons` in reading order, then `key`.
    pub fn print_page(
        &self,
        course: &Course,
        lessons: &[PrintedLesson],
        key: &[PrintedQuestion],
    ) -> Result<(String, Owner, String), Diagnostic> {
        let url = course.print_url();
        let mut context = Context::new();
        context.insert("course", &CourseView::new(course, "", &url));
        context.insert("course_pages", &CoursePages::new(course, &url));
        context.insert("lessons", lessons);
        context.insert("key", key);
        let title = self.site.ui.text(course.language, "print_link");
        self.render_page(PageContext {
            data_scripts: Vec::new(),
            scripts: Vec::new(),
            template: "print.html",
            url,
            kind: "print",
            owner: print_owner(course),
            title: format!("{title} · {}", course.title),
            description: course.description.as_deref(),
            image: None,
            language: course.language,
            data: json!({ "course": course.id }),
            context,
            translated: Some(self.course_languages(course)),
            fallback: course.fallback,
        })
    }
}

/// Who owns `<course>/print.html`.
pub fn print_owner(course: &Course) -> Owner {
    Owner::Course {
        index: course.intro.path.clone(),
        what: "the course's printable page",
    }
}
