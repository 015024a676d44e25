//! The contexts of the pages that hold a whole course: `print.html` (every lesson, questions with
//! room to write, the answer key at the end; for a long course, an index of its modules, each
//! printed on its own page `print-<module>.html`) and `review.html` (filled by the runtime with
//! the questions this learner missed), and the printed form of one question.

use super::{PageContext, PageResult, Templates};
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::links::relative_url;
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

/// A module of a course printed one module per page, as the print index lists it and as its own
/// page names it.
#[derive(Serialize)]
pub struct PrintedModule {
    /// The module's title (for the lessons outside any module, their first lesson's).
    pub title: String,
    /// Its print page, relative to the course folder (where the index and every module page are).
    pub href: String,
    /// How many lessons it holds.
    pub lessons: usize,
    /// Its print page's output path.
    #[serde(skip)]
    pub url: String,
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
        let owner = Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's review page",
        };
        PageContext {
            data_scripts: vec![
                crate::render::outline::data_path(course),
                crate::render::whole_course::review_data_path(course),
            ],
            scripts: vec![crate::render::runtime::REVIEW.path],
            ..self.whole_course_page(course, "review.html", "review_title", url, context, owner)
        }
    }

    /// What `print.html` and `review.html` share: made from `template` (its name without `.html`
    /// is the page's kind), titled by the UI string `title_key` and the course, in the course's
    /// language, published in each of its languages.
    fn whole_course_page<'a>(
        &self,
        course: &'a Course,
        template: &'static str,
        title_key: &str,
        url: String,
        context: Context,
        owner: Owner,
    ) -> PageContext<'a> {
        let title = self.site.ui.text(course.language, title_key);
        PageContext {
            data_scripts: Vec::new(),
            scripts: Vec::new(),
            template,
            url,
            kind: template.strip_suffix(".html").unwrap_or(template),
            owner,
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
        let render = |name: &str| self.render_text(name, &context);
        Ok((render(PRINT_TEMPLATE)?, render(KEY_TEMPLATE)?))
    }

    /// `<course>/print.html`: `lessons` in reading order, then `key`.
    pub fn print_page(
        &self,
        course: &Course,
        lessons: &[PrintedLesson],
        key: &[PrintedQuestion],
    ) -> PageResult {
        let url = course.print_url();
        let view = CourseView::new(course, "", &url);
        let context = printed_lessons(&view, course, &url, lessons, key);
        let owner = print_owner(course);
        self.render_page(self.whole_course_page(
            course,
            "print.html",
            "print_link",
            url,
            context,
            owner,
        ))
    }

    /// The print page of `module` (`<course>/print-<module>.html`): its `lessons` in reading order,
    /// then its own `key`, made from `print.html` with `module` set.
    pub fn print_module_page(
        &self,
        course: &Course,
        module: &PrintedModule,
        lessons: &[PrintedLesson],
        key: &[PrintedQuestion],
    ) -> PageResult {
        let url = module.url.clone();
        let view = CourseHeading::new(course, &url);
        let mut context = printed_lessons(&view, course, &url, lessons, key);
        context.insert("module", module);
        let owner = print_module_owner(course);
        let page = self.whole_course_page(course, "print.html", "print_link", url, context, owner);
        let title = format!("{} · {}", module.title, page.title);
        self.render_page(PageContext { title, ..page })
    }

    /// `<course>/print.html` of a course printed one module per page: `modules`, each with a link
    /// to its print page and its number of lessons (`print-index.html`).
    pub fn print_index_page(&self, course: &Course, modules: &[PrintedModule]) -> PageResult {
        let url = course.print_url();
        let mut context = Context::new();
        context.insert("course", &CourseHeading::new(course, &url));
        context.insert("course_pages", &CoursePages::new(course, &url));
        context.insert("modules", modules);
        let owner = print_owner(course);
        self.render_page(self.whole_course_page(
            course,
            "print-index.html",
            "print_link",
            url,
            context,
            owner,
        ))
    }
}

/// What the print index and a module's print page show of their course: not its outline, which
/// would make each module page of a long course grow with the course.
#[derive(Serialize)]
struct CourseHeading<'a> {
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    href: String,
}

impl<'a> CourseHeading<'a> {
    fn new(course: &'a Course, page_url: &str) -> Self {
        CourseHeading {
            id: &course.id,
            title: &course.title,
            description: course.description.as_deref(),
            href: relative_url(page_url, &course.url()),
        }
    }
}

/// What `print.html` at `url` shows of a course or a module: `lessons`, then `key`, with `view`
/// as its `course`.
fn printed_lessons(
    view: &impl Serialize,
    course: &Course,
    url: &str,
    lessons: &[PrintedLesson],
    key: &[PrintedQuestion],
) -> Context {
    let mut context = Context::new();
    context.insert("course", view);
    context.insert("course_pages", &CoursePages::new(course, url));
    context.insert("lessons", lessons);
    context.insert("key", key);
    context
}

/// Who owns `<course>/print.html`.
pub fn print_owner(course: &Course) -> Owner {
    Owner::Course {
        index: course.intro.path.clone(),
        what: "the course's printable page",
    }
}

/// Who owns `<course>/print-<module>.html`.
pub fn print_module_owner(course: &Course) -> Owner {
    Owner::Course {
        index: course.intro.path.clone(),
        what: "the printable page of one of the course's modules",
    }
}
