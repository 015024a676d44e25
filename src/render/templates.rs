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
use crate::model::{Course, Site};
use crate::output::{Outputs, Owner};
use crate::quiz::QuizView;
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Context, Tera};

/// The template every quiz question is rendered from (it includes the other `quiz/` files).
pub const QUIZ_TEMPLATE: &str = "quiz/question.html";

/// Compiled templates plus the site they render.
pub struct Templates<'s> {
    tera: Tera,
    site: &'s Site,
    /// What every question of a language sees besides itself (`t`, `lang`), built once.
    quiz_contexts: Vec<(Language, Context)>,
}

mod course_pages;
mod languages;
mod lessons;
mod pages;
mod reads;
pub use course_pages::{
    PrintedLesson, PrintedModule, PrintedQuestion, print_module_owner, print_owner,
};
use lessons::InOrder;
pub use lessons::{RenderedLessons, fill_deferred};

/// A page rendered (URL, owner, HTML) or the template's problem.
pub type PageResult = Result<(String, Owner, String), Diagnostic>;

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
    /// Bundles this kind of page loads after the main runtime (`render::runtime`).
    scripts: Vec<&'static str>,
    context: Context,
    /// Who owns the page's output path.
    owner: Owner,
    /// The languages the page is written in (translated), when it is published in every
    /// language of the site; `None` for the pages of the default language only (404, offline).
    translated: Option<Vec<Language>>,
    /// The language of the page's text when it is not the page's (an untranslated page).
    fallback: Option<Language>,
}

impl<'s> Templates<'s> {
    pub fn new(site: &'s Site, theme: &Theme) -> Result<Self, Diagnostic> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(crate::escape::html_write);
        tera.register_filter("safe", safe);
        let sources: Vec<(&str, String)> = theme
            .templates()
            .map(|(name, bytes)| (name, String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        tera.add_raw_templates(sources)
            .map_err(|e| template_error("", &e))?;
        let quiz_contexts = ui_languages(site)
            .into_iter()
            .map(|language| {
                let mut context = Context::new();
                context.insert("t", &site.ui.strings(language));
                context.insert("lang", language.code());
                (language, context)
            })
            .collect();
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

    /// Renders every page but the lesson pages (home, course, completion and review pages,
    /// `404.html`, the offline page) and the course outline scripts, and puts them and the
    /// lesson pages `lessons` holds into `outputs`. A lesson page taken from the last render is
    /// added empty, its URL in `lessons.deferred`: [`fill_deferred`] puts its HTML in later.
    pub fn render_rest(
        &self,
        pages: &Pages,
        lessons: RenderedLessons,
        outputs: &mut Outputs,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        let outline = |course: &Course| Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's outline script",
        };
        let mut contexts = vec![self.home()];
        if self.site.prefix().is_empty() {
            contexts.extend([self.not_found(), self.offline_page()]);
        }
        for course in &self.site.courses {
            let intro = pages.intros.get(&course.url()).map(|p| &**p);
            contexts.push(self.course_page(course, intro));
            contexts.push(self.completion_page(course));
            contexts.push(self.review_page(course));
            diagnostics.extend(outputs.add(
                super::outline::data_path(course),
                outline(course),
                super::outline::data_script(course, pages),
            ));
        }
        let others: Vec<PageResult> = contexts
            .into_par_iter()
            .map(|c| self.render_page(c))
            .collect();
        for result in lessons.results.into_iter().chain(others) {
            match result {
                Ok((url, owner, html)) => diagnostics.extend(outputs.add(url, owner, html)),
                Err(problem) => diagnostics.push(problem),
            }
        }
        lessons.deferred
    }

    fn render_page(&self, page: PageContext) -> PageResult {
        let config = &self.site.config;
        let versions = self.versions(&page);
        let mut context = page.context;
        context.insert("site", &SiteView::new(config));
        context.insert("lang", page.language.code());
        // The UI strings, serialized once per language in `quiz_contexts`.
        let strings = self.quiz_contexts.iter().find(|(l, _)| *l == page.language);
        match strings.and_then(|(_, quiz)| quiz.get("t")) {
            Some(t) => context.insert_value("t", t.clone()),
            None => context.insert("t", &self.site.ui.strings(page.language)),
        }
        context.insert("root", &root_prefix(&page.url));
        context.insert("page_kind", page.kind);
        context.insert("page_title", &page.title);
        context.insert("description", &page.description);
        let canonical = config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", versions.canonical));
        context.insert("canonical", &canonical);
        context.insert("switcher", &versions.switcher);
        context.insert("alternates", &versions.alternates);
        context.insert("fallback", &versions.fallback);
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
        scripts.extend(page.scripts);
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
        let dir = crate::search::dir(&self.site.prefix());
        data["search"] = json!(crate::search::page_files(&dir));
        context.insert("page_data", &script_json(&data));
        let html = self.render_text(page.template, &context)?;
        Ok((page.url, page.owner, html))
    }
}

/// Output path of the script that defines the UI strings of `language` for the browser runtime.
pub fn strings_path(language: Language) -> String {
    format!("_khoa/i18n/{}.js", language.code())
}

/// The languages whose UI strings pages may need: vi and en (always written, so a site's output
/// does not change with its courses' languages), the site's, and any course's own.
fn ui_languages(site: &Site) -> Vec<Language> {
    let mut languages = vec![Language::VI, Language::EN];
    let others = site.config.languages.iter().copied();
    for language in others.chain(site.courses.iter().map(|c| c.language)) {
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    languages
}

/// Adds `_khoa/i18n/<lang>.js` for every language pages may be shown in.
pub fn add_strings(site: &Site, outputs: &mut Outputs, diagnostics: &mut Vec<Diagnostic>) {
    for language in ui_languages(site) {
        let owner = Owner::Khoa("the UI strings");
        let script = strings_script(&site.ui, language);
        diagnostics.extend(outputs.add(strings_path(language), owner, script));
    }
}

/// `KhoaStrings[<lang>] = {…}`: the catalog for scripts, loaded once and cached by the browser
/// rather than repeated in every page.
fn strings_script(ui: &i18n::UiStrings, language: Language) -> String {
    let strings = script_json(&ui.strings(language));
    format!(
        "(window.KhoaStrings = window.KhoaStrings || {{}})[\"{}\"] = {strings};\n",
        language.code()
    )
}

impl Templates<'_> {
    /// `name` rendered with `context`, as text: rendered into this thread's buffer (which keeps
    /// its size from page to page), checked by [`crate::utf8`], and copied out at its exact size.
    /// tera's own `render` grows a new buffer for each page, copying it at each doubling (a
    /// module's print page reached 512 KB through six of them, each in fresh memory) and keeping
    /// the doubled size, then runs the standard library's slower UTF-8 check over it.
    fn render_text(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            self.tera
                .render_to(name, context, &mut *buffer)
                .map_err(|e| template_error(name, &e))?;
            let text = crate::utf8::as_str(buffer).map(str::to_string);
            if buffer.capacity() > MAX_KEPT_BUFFER {
                *buffer = Vec::new();
            }
            text.map_err(|_| {
                Diagnostic::error(
                    format!("templates/{name}"),
                    0,
                    0,
                    "template error: the output is not UTF-8",
                )
            })
        })
    }
}

/// Tera's `safe` filter without its copy: a string (a lesson's HTML, the page data) is marked
/// safe where it sits; anything else is written as text and marked safe, as tera's own does.
fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.as_str().is_some() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// A render buffer larger than this (a whole course printed on one page) is not kept.
const MAX_KEPT_BUFFER: usize = 4 << 20;

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

#[cfg(test)]
mod tests {
    /// Autoescaping writes what tera's own escaping writes, byte for byte: pages made before and
    /// after `set_escape_fn` are the same.
    #[test]
    fn autoescaping_matches_teras_own() {
        let text = "Đường \"khó\" <b>'x'</b> & y> — ₫ &amp; \u{2028}<";
        let (mut ours, mut teras) = (Vec::new(), Vec::new());
        crate::escape::html_write(text, &mut ours).unwrap();
        tera::escape_html(text, &mut teras).unwrap();
        assert_eq!(ours, teras);
    }

    /// The `safe` filter keeps what tera's own kept: strings as they are, other values as text.
    #[test]
    fn safe_marks_strings_and_writes_other_values() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let template = "{{ s | safe }} {{ n | safe }} {{ l | safe }} {{ m | safe }} {{ s }}";
        tera.add_raw_template("t.html", template).unwrap();
        let mut context = tera::Context::new();
        context.insert("s", "<b>Đường</b> & 'x'");
        context.insert("n", &1.5);
        context.insert("l", &["<a>", "b"]);
        context.insert("m", &std::collections::BTreeMap::from([("k", "<v>")]));
        let theirs = tera.render("t.html", &context).unwrap();
        tera.register_filter("safe", super::safe);
        assert_eq!(tera.render("t.html", &context).unwrap(), theirs);
        assert!(theirs.starts_with("<b>Đường</b> & 'x' 1.5"), "{theirs}");
    }
}
