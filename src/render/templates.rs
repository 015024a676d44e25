//! Page and quiz templates: the one place that knows tera. Builds each page's context (and each
//! question's) and renders it.

use super::Pages;
use super::views::{ShareView, Shared, SiteView};
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::escape::script_json;
use crate::i18n;
use crate::links::root_prefix;
use crate::markdown::RenderedPage;
use crate::model::{Course, Lesson, Site};
use crate::output::{Outputs, Owner};
use crate::quiz::QuizView;
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::json;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use tera::{Context, Tera};

/// The template every quiz question is rendered from (it includes the other `quiz/` files).
pub const QUIZ_TEMPLATE: &str = "quiz/question.html";

/// Compiled templates plus the site they render.
pub struct Templates<'s> {
    tera: Tera,
    site: &'s Site,
    /// What every question of a language sees besides itself (`t`, `lang`), built once.
    quiz_contexts: [(Language, Context); 2],
}

mod pages;

/// A page rendered (URL, owner, HTML) or the template's problem.
type PageResult = Result<(String, Owner, String), Diagnostic>;

/// Lesson page URL → what its template read of the model (hashed, see [`lesson_reads`]), the
/// rendered Markdown it placed (by identity) and the HTML it gave: what `serve` reuses.
pub type LessonPages = HashMap<String, (u64, Arc<RenderedPage>, String)>;

/// Page-specific parts of a template context.
struct PageContext<'a> {
    template: &'static str,
    url: String,
    kind: &'static str,
    title: String,
    description: Option<&'a str>,
    /// The page's first image (output path), for its share preview.
    image: Option<&'a str>,
    language: Language,
    data: serde_json::Value,
    /// Scripts that assign data (course outlines, UI strings of other languages), before the runtime.
    data_scripts: Vec<String>,
    context: Context,
    /// Who owns the page's output path.
    owner: Owner,
}

impl<'s> Templates<'s> {
    pub fn new(site: &'s Site, theme: &Theme) -> Result<Self, Diagnostic> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let sources: Vec<(&str, String)> = theme
            .templates()
            .map(|(name, bytes)| (name, String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        tera.add_raw_templates(sources)
            .map_err(|e| template_error("", &e))?;
        let quiz_contexts = [Language::Vi, Language::En].map(|language| {
            let mut context = Context::new();
            context.insert("t", &i18n::strings(language));
            context.insert("lang", language.code());
            (language, context)
        });
        Ok(Templates {
            tera,
            site,
            quiz_contexts,
        })
    }

    /// The markup of one question, in a course of `language`.
    pub fn quiz(&self, quiz: &QuizView, language: Language) -> Result<String, Diagnostic> {
        let base = self.quiz_contexts.iter().find(|(l, _)| *l == language);
        let mut context = base.map(|(_, c)| c.clone()).unwrap_or_default();
        context.insert("quiz", quiz);
        context.insert("answer_json", &script_json(&quiz.key));
        self.tera
            .render(QUIZ_TEMPLATE, &context)
            .map_err(|e| template_error(QUIZ_TEMPLATE, &e))
    }

    /// Renders every page into `outputs`, taking from `reused` each lesson page whose template
    /// would read the same (and leaving every lesson page there for the next render). Returns
    /// the URLs of the lesson pages rendered anew.
    pub fn render_all(
        &self,
        pages: &Pages,
        outputs: &mut Outputs,
        diagnostics: &mut Vec<Diagnostic>,
        reused: &mut LessonPages,
    ) -> Vec<String> {
        for language in [Language::Vi, Language::En] {
            let owner = Owner::Khoa("the UI strings");
            diagnostics.extend(outputs.add(
                strings_path(language),
                owner,
                strings_script(language),
            ));
        }
        let outline = |course: &Course| Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's outline script",
        };
        let mut contexts = vec![self.home(), self.not_found(), self.offline_page()];
        for course in &self.site.courses {
            let intro = pages.intros.get(&course.url()).map(|p| &**p);
            contexts.push(self.course_page(course, intro));
            contexts.push(self.completion_page(course));
            diagnostics.extend(outputs.add(
                super::outline::data_path(course),
                outline(course),
                super::outline::data_script(course, pages),
            ));
        }
        let reading_orders: Vec<(&Course, Vec<InOrder>)> = self
            .site
            .courses
            .iter()
            .map(|course| (course, reading_order(course)))
            .collect();
        let lesson_pages: Vec<(&Course, &[InOrder], usize)> = reading_orders
            .iter()
            .flat_map(|(course, lessons)| {
                (0..lessons.len()).map(move |i| (*course, lessons.as_slice(), i))
            })
            .collect();
        let mut previous = std::mem::take(reused);
        let lessons: Vec<(PageResult, Option<u64>)> = lesson_pages
            .par_iter()
            .map(|&(course, lessons, i)| {
                let lesson = lessons[i].lesson;
                let Some(page) = pages.lessons.get(&lesson.url) else {
                    let empty = RenderedPage::default();
                    return (
                        self.render_page(self.lesson_page(course, lessons, i, &empty)),
                        None,
                    );
                };
                let reads = lesson_reads(course, lessons, i);
                let same = |(r, p, _): &&(u64, Arc<RenderedPage>, String)| {
                    *r == reads && Arc::ptr_eq(p, page)
                };
                match previous.get(&lesson.url).filter(same) {
                    Some((_, _, html)) => (
                        Ok((lesson.url.clone(), self.lesson_owner(lesson), html.clone())),
                        None,
                    ),
                    None => (
                        self.render_page(self.lesson_page(course, lessons, i, page)),
                        Some(reads),
                    ),
                }
            })
            .collect();
        let mut fresh = Vec::new();
        // A page taken from `previous` is kept as it was; one rendered anew (`reads` set) is kept
        // with what its template read.
        for ((_, order, i), (result, reads)) in lesson_pages.iter().zip(&lessons) {
            let url = &order[*i].lesson.url;
            let page = pages.lessons.get(url);
            let made = match (page, result, reads) {
                (Some(page), Ok((_, _, html)), Some(reads)) => {
                    Some((*reads, page.clone(), html.clone()))
                }
                (Some(_), Ok(_), None) => previous.remove(url),
                _ => None,
            };
            if page.is_none() || reads.is_some() {
                fresh.push(url.clone());
            }
            if let Some(made) = made {
                reused.insert(url.clone(), made);
            }
        }
        let others: Vec<PageResult> = contexts
            .into_par_iter()
            .map(|c| self.render_page(c))
            .collect();
        let lessons = lessons.into_iter().map(|(result, _)| result);
        for result in lessons.chain(others) {
            match result {
                Ok((url, owner, html)) => diagnostics.extend(outputs.add(url, owner, html)),
                Err(problem) => diagnostics.push(problem),
            }
        }
        fresh
    }

    fn render_page(&self, page: PageContext) -> PageResult {
        let config = &self.site.config;
        let mut context = page.context;
        context.insert("site", &SiteView::new(config));
        context.insert("lang", page.language.code());
        context.insert("t", &i18n::strings(page.language));
        context.insert("root", &root_prefix(&page.url));
        context.insert("page_kind", page.kind);
        context.insert("page_title", &page.title);
        context.insert("description", &page.description);
        let canonical = config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", page.url));
        context.insert("canonical", &canonical);
        let shared = Shared {
            url: &page.url,
            kind: page.kind,
            description: page.description,
            image: page.image,
            language: page.language,
        };
        let share = (page.kind != "not-found")
            .then(|| ShareView::new(config, shared))
            .flatten();
        context.insert("share", &share);
        let mut scripts = vec![super::runtime::MAIN.path];
        if config.xapi.is_some() {
            scripts.push(super::runtime::XAPI.path);
        }
        context.insert("scripts", &scripts);
        let mut data_scripts = vec![strings_path(page.language)];
        for script in page.data_scripts {
            if !data_scripts.contains(&script) {
                data_scripts.push(script);
            }
        }
        context.insert("data_scripts", &data_scripts);
        let mut data = page.data;
        data["site"] = json!(config.site_id);
        data["page"] = json!(page.kind);
        data["lang"] = json!(page.language.code());
        let course = data
            .get("course")
            .and_then(|c| c.as_str())
            .map(str::to_string);
        data["search"] = json!(crate::search::page_files(course.as_deref()));
        context.insert("page_data", &script_json(&data));
        let html = self
            .tera
            .render(page.template, &context)
            .map_err(|e| template_error(page.template, &e))?;
        Ok((page.url, page.owner, html))
    }
}

/// A fingerprint of what a lesson page's template reads of the model besides the lesson's rendered
/// Markdown (see `pages::lesson_page`): the lesson, its module's title, its course's heading
/// fields and its neighbours' links. Site-wide inputs (`khoa.yaml`, the theme) are not in it:
/// [`super::Reuse`] forgets every page when they change.
fn lesson_reads(course: &Course, lessons: &[InOrder], i: usize) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let InOrder {
        lesson,
        module_title,
    } = lessons[i];
    let own = (
        &lesson.id,
        &lesson.title,
        &lesson.description,
        lesson.duration,
    );
    (own, &lesson.url, &lesson.source.path, module_title).hash(&mut hasher);
    let heading = (
        &course.id,
        &course.title,
        &course.slug,
        course.language.code(),
    );
    (heading, format!("{:?}", course.complete)).hash(&mut hasher);
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

/// A lesson in the course's reading order, with the title of its module.
#[derive(Clone, Copy)]
struct InOrder<'a> {
    lesson: &'a Lesson,
    module_title: Option<&'a str>,
}

fn reading_order(course: &Course) -> Vec<InOrder<'_>> {
    let modules = course.modules.iter();
    modules
        .flat_map(|m| {
            m.lessons.iter().map(|lesson| InOrder {
                lesson,
                module_title: m.title.as_deref(),
            })
        })
        .collect()
}

/// Output path of the script that defines the UI strings of `language` for the browser runtime.
pub fn strings_path(language: Language) -> String {
    format!("_khoa/i18n/{}.js", language.code())
}

/// `KhoaStrings[<lang>] = {…}`: the catalog for scripts, loaded once and cached by the browser
/// rather than repeated in every page.
fn strings_script(language: Language) -> String {
    let strings = script_json(&i18n::strings(language));
    format!(
        "(window.KhoaStrings = window.KhoaStrings || {{}})[\"{}\"] = {strings};\n",
        language.code()
    )
}

fn template_error(name: &str, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Diagnostic::error(
        format!("templates/{name}"),
        0,
        0,
        format!("template error: {message}"),
    )
}
