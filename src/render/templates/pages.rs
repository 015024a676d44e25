//! The context of each kind of page: home, 404, offline, course, completion and lesson.

use super::{InOrder, PageContext, Templates, strings_path};
use crate::links::relative_url;
use crate::model::Course;
use crate::output::Owner;
use crate::render::views::{
    CourseCard, CourseLink, CoursePages, CourseView, LessonLink, LessonView, toc,
};
use serde_json::json;
use tera::Context;

impl<'s> Templates<'s> {
    pub(super) fn home(&self) -> PageContext<'s> {
        let url = format!("{}index.html", self.site.prefix());
        let cards: Vec<CourseCard> = crate::model::path_order(&self.site.courses)
            .into_iter()
            .map(|c| CourseCard::new(c, &url, &self.site.ui))
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
            scripts: Vec::new(),
            template: "index.html",
            url,
            kind: "home",
            owner: Owner::Khoa("the home page"),
            title: config.title.clone(),
            description: config.description.as_deref(),
            image: None,
            language: self.site.edition,
            data,
            context,
            translated: Some(config.languages.clone()),
            fallback: None,
        }
    }

    pub(super) fn not_found(&self) -> PageContext<'s> {
        let language = self.site.edition;
        PageContext {
            translated: None,
            fallback: None,
            data_scripts: Vec::new(),
            scripts: Vec::new(),
            template: "404.html",
            url: "404.html".into(),
            kind: "not-found",
            owner: Owner::Khoa("the not-found page"),
            title: format!(
                "{} · {}",
                self.site.ui.text(language, "not_found_title"),
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
        let language = self.site.edition;
        PageContext {
            template: "offline.html",
            url: crate::render::offline::OFFLINE_PAGE.into(),
            kind: "offline",
            owner: Owner::Khoa("the offline page"),
            title: format!(
                "{} · {}",
                self.site.ui.text(language, "offline_title"),
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
        let named = |id: &str| self.site.courses.iter().find(|c| c.id == id);
        let requires: Vec<CourseLink> = course
            .requires
            .iter()
            .filter_map(|r| named(&r.id))
            .map(|c| CourseLink::new(c, &url))
            .collect();
        let next = course.next.as_ref().and_then(|n| named(&n.id));
        context.insert("requires", &requires);
        context.insert("next_course", &next.map(|c| CourseLink::new(c, &url)));
        context.insert("course_pages", &CoursePages::new(course, &url));
        let mut data_scripts = vec![crate::render::outline::data_path(course)];
        data_scripts.extend(
            course
                .requires
                .iter()
                .filter_map(|r| named(&r.id))
                .map(crate::render::outline::data_path),
        );
        PageContext {
            data_scripts,
            scripts: vec![crate::render::runtime::REVIEW.path],
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
            translated: Some(self.course_languages(course)),
            fallback: course.fallback,
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
        context.insert("course_pages", &CoursePages::new(course, &url));
        let title = self.site.ui.text(course.language, "completion_title");
        PageContext {
            data_scripts: vec![crate::render::outline::data_path(course)],
            scripts: vec![crate::render::runtime::REVIEW.path],
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
            translated: Some(self.course_languages(course)),
            fallback: None,
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
            module_slug,
            module_title,
            ..
        } = lessons[i];
        let url = lesson.url.clone();
        let mut context = Context::new();
        let course_link = serde_json::json!({ "id": course.id, "title": course.title, "href": relative_url(&url, &course.url()) });
        context.insert("course", &course_link);
        context.insert_value("outline", lessons[i].outline(course));
        context.insert("current_module", module_slug);
        context.insert("course_pages", &CoursePages::new(course, &url));
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
            scripts: vec![crate::render::runtime::LESSON.path],
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
            translated: Some(crate::model::translated_in(
                &self.site.config.languages,
                &lesson.translations,
            )),
            fallback: lesson.fallback,
        }
    }
}
