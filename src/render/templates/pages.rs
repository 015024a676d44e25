//! The context of each kind of page: home, 404, offline, course, completion and lesson.

use super::{InOrder, PageContext, Templates, strings_path};
use crate::i18n;
use crate::links::relative_url;
use crate::model::Course;
use crate::output::Owner;
use crate::render::views::{CourseCard, CourseView, LessonLink, LessonView, toc};
use serde_json::json;
use tera::Context;

impl<'s> Templates<'s> {
    pub(super) fn home(&self) -> PageContext<'s> {
        let url = "index.html".to_string();
        let cards: Vec<CourseCard> = self
            .site
            .courses
            .iter()
            .map(|c| CourseCard::new(c, &url))
            .collect();
        let mut context = Context::new();
        context.insert("courses", &cards);
        let outlines: Vec<String> = self
            .site
            .courses
            .iter()
            .map(crate::render::outline::data_path)
            .collect();
        let mut data_scripts: Vec<String> = self
            .site
            .courses
            .iter()
            .map(|c| strings_path(c.language))
            .collect();
        data_scripts.extend(outlines);
        let data =
            json!({ "courses": self.site.courses.iter().map(|c| &c.id).collect::<Vec<_>>() });
        let config = &self.site.config;
        PageContext {
            data_scripts,
            template: "index.html",
            url,
            kind: "home",
            owner: Owner::Khoa("the home page"),
            title: config.title.clone(),
            description: config.description.as_deref(),
            image: None,
            language: config.language,
            data,
            context,
        }
    }

    pub(super) fn not_found(&self) -> PageContext<'s> {
        let language = self.site.config.language;
        PageContext {
            data_scripts: Vec::new(),
            template: "404.html",
            url: "404.html".into(),
            kind: "not-found",
            owner: Owner::Khoa("the not-found page"),
            title: format!(
                "{} · {}",
                i18n::text(language, "not_found_title"),
                self.site.config.title
            ),
            description: None,
            image: None,
            language,
            data: json!({}),
            context: Context::new(),
        }
    }

    /// `offline.html`: what the service worker shows for a page it does not have while offline.
    pub(super) fn offline_page(&self) -> PageContext<'s> {
        let language = self.site.config.language;
        PageContext {
            template: "offline.html",
            url: crate::render::offline::OFFLINE_PAGE.into(),
            kind: "offline",
            owner: Owner::Khoa("the offline page"),
            title: format!(
                "{} · {}",
                i18n::text(language, "offline_title"),
                self.site.config.title
            ),
            ..self.not_found()
        }
    }

    pub(super) fn course_page<'a>(
        &self,
        course: &'a Course,
        intro: Option<&'a crate::markdown::RenderedPage>,
    ) -> PageContext<'a>
    where
        's: 'a,
    {
        let url = course.url();
        let mut context = Context::new();
        let intro_html = intro.map_or("", |p| p.html.as_str());
        context.insert("course", &CourseView::new(course, intro_html, &url));
        PageContext {
            data_scripts: vec![crate::render::outline::data_path(course)],
            template: "course.html",
            url,
            kind: "course",
            owner: Owner::Course {
                index: course.intro.path.clone(),
                what: "the course page",
            },
            title: format!("{} · {}", course.title, self.site.config.title),
            description: course.description.as_deref(),
            image: intro.and_then(|p| p.first_image.as_deref()),
            language: course.language,
            data: json!({ "course": course.id, "offline": crate::render::offline::list_path(course) }),
            context,
        }
    }

    /// `<course>/completion.html`: the runtime shows the certificate once the course rule is met.
    pub(super) fn completion_page<'a>(&self, course: &'a Course) -> PageContext<'a>
    where
        's: 'a,
    {
        let url = course.completion_url();
        let mut context = Context::new();
        context.insert("course", &CourseView::new(course, "", &url));
        let title = i18n::text(course.language, "completion_title");
        PageContext {
            data_scripts: vec![crate::render::outline::data_path(course)],
            template: "completion.html",
            url,
            kind: "completion",
            owner: Owner::Course {
                index: course.intro.path.clone(),
                what: "the course's completion page",
            },
            title: format!("{title} · {}", course.title),
            description: None,
            image: None,
            language: course.language,
            data: json!({ "course": course.id }),
            context,
        }
    }

    /// Who owns a lesson page: the lesson's author.
    pub(super) fn lesson_owner(&self, lesson: &crate::model::Lesson) -> Owner {
        Owner::Author(lesson.source.path.clone())
    }

    pub(super) fn lesson_page<'a>(
        &self,
        course: &'a Course,
        lessons: &[InOrder<'a>],
        i: usize,
        page: &'a crate::markdown::RenderedPage,
    ) -> PageContext<'a>
    where
        's: 'a,
    {
        let InOrder {
            lesson,
            module_title,
        } = lessons[i];
        let url = lesson.url.clone();
        let mut context = Context::new();
        let course_link = serde_json::json!({ "id": course.id, "title": course.title, "href": relative_url(&url, &course.url()) });
        context.insert("course", &course_link);
        context.insert("module_title", &module_title);
        let view = LessonView {
            id: &lesson.id,
            title: &lesson.title,
            description: lesson.description.as_deref(),
            duration: lesson.duration,
            html: &page.html,
        };
        context.insert("lesson", &view);
        context.insert("toc", &toc(&page.headings));
        let prev = i
            .checked_sub(1)
            .map(|p| LessonLink::new(lessons[p].lesson, &url));
        let next = lessons.get(i + 1).map(|n| LessonLink::new(n.lesson, &url));
        context.insert("prev", &prev);
        context.insert("next", &next);
        // The xAPI sender names the course and lesson and sees the course end from its outline.
        let xapi = self.site.config.xapi.is_some();
        let outline = xapi.then(|| crate::render::outline::data_path(course));
        PageContext {
            data_scripts: outline.into_iter().collect(),
            template: "lesson.html",
            url,
            kind: "lesson",
            owner: self.lesson_owner(lesson),
            title: format!("{} · {}", lesson.title, course.title),
            description: lesson.description.as_deref(),
            image: page.first_image.as_deref(),
            language: course.language,
            data: json!({ "course": course.id, "lesson": lesson.id, "questions": page.questions, "complete": course.complete, "offline": crate::render::offline::list_path(course) }),
            context,
        }
    }
}
