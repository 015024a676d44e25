//! What templates see: small serializable views of the model, with every link already made
//! relative to the page being rendered.

use crate::config::{Language, SiteConfig};
use crate::links::relative_url;
use crate::model::{Course, Lesson};
use crate::{i18n, markdown};
use serde::Serialize;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub base_url: Option<&'a str>,
    pub site_id: &'a str,
    /// `#rrggbb`, for `<meta name="theme-color">`.
    pub theme_color: String,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig) -> Self {
        SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            base_url: config.base_url.as_deref(),
            site_id: &config.site_id,
            theme_color: config.theme_colour_css(),
        }
    }
}

/// The share preview of a page (Open Graph and Twitter-card tags), only when `base_url` is set:
/// chat apps fetch the card from another origin, so its URLs are absolute. Nothing else is.
#[derive(Serialize)]
pub struct ShareView<'a> {
    /// The page's absolute URL.
    pub url: String,
    /// `article` for a lesson, `website` for the other pages.
    pub kind: &'static str,
    pub description: Option<&'a str>,
    /// The page's first image, else the site icon, as an absolute URL.
    pub image: String,
    /// Whether `image` is the page's own (a large card) rather than the icon (a small one).
    pub large: bool,
    /// `vi_VN`, `en_US`, or the language code with `-` as `_` (Open Graph's form).
    pub locale: String,
}

/// The site icon a share preview shows when a page has no image of its own: the app icon as a
/// 512 px PNG (`render::offline` draws it), since chat apps show no SVG previews.
pub const SITE_ICON: &str = "_khoa/icons/icon-512.png";

/// What a page offers to share: its output path, kind, description and first image.
pub struct Shared<'a> {
    pub url: &'a str,
    pub kind: &'static str,
    pub description: Option<&'a str>,
    pub image: Option<&'a str>,
    pub language: Language,
}

impl<'a> ShareView<'a> {
    /// The preview of `page` on the site of `config`; `None` without `base_url`.
    pub fn new(config: &'a SiteConfig, page: Shared<'a>) -> Option<Self> {
        let base = config.base_url.as_deref()?;
        Some(ShareView {
            url: format!("{base}{}", crate::escape::percent_encode_path(page.url)),
            kind: if page.kind == "lesson" {
                "article"
            } else {
                "website"
            },
            description: page.description.or(config.description.as_deref()),
            image: format!(
                "{base}{}",
                crate::escape::percent_encode_path(page.image.unwrap_or(SITE_ICON))
            ),
            large: page.image.is_some(),
            locale: locale(page.language),
        })
    }
}

/// The Open Graph locale of `language`: `vi_VN` and `en_US` as khoa always wrote them, else the
/// code with `_` for `-` (`zh_Hant`).
fn locale(language: Language) -> String {
    match language {
        Language::VI => "vi_VN".into(),
        Language::EN => "en_US".into(),
        other => other.code().replace('-', "_"),
    }
}

/// A course as listed on the home page.
#[derive(Serialize)]
pub struct CourseCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub lang: &'a str,
    pub href: String,
    pub first_href: Option<String>,
    pub lesson_count: usize,
    /// UI words in the course's own language.
    pub extra: Option<&'a serde_json::Value>,
    pub t_lessons: &'a str,
    pub t_start: &'a str,
}

impl<'a> CourseCard<'a> {
    pub fn new(course: &'a Course, page_url: &str, ui: &'a i18n::UiStrings) -> Self {
        CourseCard {
            id: &course.id,
            title: &course.title,
            description: course.description.as_deref(),
            lang: match &course.fallback {
                Some(original) => original.code(),
                None => course.language.code(),
            },
            href: relative_url(page_url, &course.url()),
            first_href: course
                .lessons()
                .next()
                .map(|l| relative_url(page_url, &l.url)),
            lesson_count: course.lessons().count(),
            extra: course.extra.as_ref(),
            t_lessons: ui.text(course.language, "lessons"),
            t_start: ui.text(course.language, "start"),
        }
    }
}

/// Another course named by a learning path (`requires`, `next`), as a course page links to it.
#[derive(Serialize)]
pub struct CourseLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
}

impl<'a> CourseLink<'a> {
    pub fn new(course: &'a Course, page_url: &str) -> Self {
        CourseLink {
            id: &course.id,
            title: &course.title,
            href: relative_url(page_url, &course.url()),
        }
    }
}

/// A course with its outline, as the course and lesson pages show it.
#[derive(Serialize)]
pub struct CourseView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub href: String,
    pub first_href: Option<String>,
    pub intro_html: &'a str,
    pub modules: Vec<ModuleView<'a>>,
    /// The course's free-form `extra` front matter, for themes.
    pub extra: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
pub struct ModuleView<'a> {
    pub slug: &'a str,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub lessons: Vec<LessonLink<'a>>,
}

#[derive(Serialize)]
pub struct LessonLink<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub href: String,
    pub duration: Option<u32>,
}

impl<'a> LessonLink<'a> {
    pub fn new(lesson: &'a Lesson, page_url: &str) -> Self {
        LessonLink {
            id: &lesson.id,
            title: &lesson.title,
            href: relative_url(page_url, &lesson.url),
            duration: lesson.duration,
        }
    }
}

impl<'a> CourseView<'a> {
    /// The outline of `course` with links relative to `page_url`.
    pub fn new(course: &'a Course, intro_html: &'a str, page_url: &str) -> Self {
        let modules = course
            .modules
            .iter()
            .map(|module| ModuleView {
                slug: &module.slug,
                title: module.title.as_deref(),
                description: module.description.as_deref(),
                lessons: module
                    .lessons
                    .iter()
                    .map(|l| LessonLink::new(l, page_url))
                    .collect(),
            })
            .collect();
        CourseView {
            id: &course.id,
            title: &course.title,
            description: course.description.as_deref(),
            href: relative_url(page_url, &course.url()),
            first_href: course
                .lessons()
                .next()
                .map(|l| relative_url(page_url, &l.url)),
            intro_html,
            modules,
            extra: course.extra.as_ref(),
        }
    }
}

/// Links from a page of a course to the course's pages that hold the whole course.
#[derive(Serialize)]
pub struct CoursePages {
    /// `<course>/print.html`.
    pub print: String,
    /// `<course>/review.html`.
    pub review: String,
}

impl CoursePages {
    pub fn new(course: &Course, page_url: &str) -> Self {
        CoursePages {
            print: relative_url(page_url, &course.print_url()),
            review: relative_url(page_url, &course.review_url()),
        }
    }
}

/// The lesson itself.
#[derive(Serialize)]
pub struct LessonView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub duration: Option<u32>,
    pub html: &'a str,
}

/// Table of contents: the lesson's h2 and h3 headings.
pub fn toc(headings: &[markdown::Heading]) -> Vec<&markdown::Heading> {
    headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .collect()
}
