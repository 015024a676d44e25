//! What one render may take from the previous one: `serve` keeps a [`Reuse`] between rebuilds so
//! that a save re-renders only what it affects, through the same stages as a full render.
//!
//! Everything is reused only while the world it was made in holds: the same `khoa.yaml`, the same
//! theme, the same project UI strings (`i18n/<lang>.yaml`), the same link maps of every language
//! edition (which source file, or translation, is published where) and the same image sizes. When
//! any of them changes (a template, a theme file, a UI string, a new, renamed or deleted lesson,
//! translation or asset, an image's pixels), nothing is reused but the highlighted code. Within one world, a page's Markdown is reused while its source and what
//! rendering it reads are the same; a lesson page's HTML while its rendered Markdown (the same
//! `Arc`) and what its template reads of the model (see `templates`) are the same; a course's
//! search files while its lessons' rendered pages and its search fields are the same.
//!
//! When a render in the same world made only a few lesson pages anew, each again only for its
//! Markdown (what its template reads of the model and its questions are the same) and no course
//! intro changed, no other page can have changed: it hands those pages to [`PagesReady`] as soon
//! as their templates ran, before every other page, the print and review pages, search, checks
//! and publishing, and `serve` shows them first. Once the other pages are rendered it checks that
//! they are indeed the same as the last render's, and withdraws the pages otherwise
//! ([`Early::Withdrawn`]).

use crate::cache::BuildCache;
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::images::Pictures;
use crate::links::LinkMap;
use crate::markdown::{PageInput, RenderedPage};
use crate::model::Site;
use crate::output::Outputs;
use crate::search::KnownIndex;
use crate::theme::Theme;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Builds sharing one highlighting cache before it is dropped, so edited code blocks don't pile up.
const BUILDS_PER_CACHE: u32 = 100;

/// The most lesson pages a render hands over early; more is a change too wide to show first.
const EARLY_PAGES: usize = 16;

/// Receives lesson pages made anew before the rest of the build (see the module docs).
pub type PagesReady = Box<dyn FnMut(Early) + Send>;

/// What a render tells [`PagesReady`].
#[derive(Debug, PartialEq)]
pub enum Early {
    /// Lesson pages made anew (output path, HTML naming `_khoa/` files by their plain names).
    Pages(Vec<(String, String)>),
    /// The pages handed early were not all that changed after all: another page (a course page,
    /// an outline script) differs from the last render's, so the finished build must wake every
    /// page.
    Withdrawn,
}

/// The previous render's reusable results (see the module docs).
#[derive(Default)]
pub struct Reuse {
    /// Highlighted code blocks survive every rebuild: most of a full build's time is highlighting.
    /// Made on the first render, with that render's build cache.
    highlighter: Option<Highlighter>,
    builds: u32,
    world: Option<World>,
    /// Whether this render kept the previous render's world.
    kept: bool,
    /// Every output of the templates other than lesson pages, as the last render made them.
    others: HashMap<String, Vec<u8>>,
    /// Who gets the lesson pages a render made anew, early.
    pub(crate) ready: Option<PagesReady>,
    /// Whether this render handed pages early.
    handed: bool,
    /// Page URL → the Markdown input it was rendered from and the result (first pass, before
    /// anchors written for another tool are renamed).
    pub(super) markdown: HashMap<String, (Arc<SourceKey>, Arc<RenderedPage>)>,
    /// Lesson page URL → what its template read and the HTML it gave.
    pub(super) lessons: super::templates::LessonPages,
    /// The app icons, drawn again only when their source changes.
    pub(super) icons: super::offline::KnownIcons,
    /// The runtime bundles (minified from the theme's scripts), in `runtime::BUNDLES` order.
    pub(super) bundles: Vec<String>,
    /// What the search index found in each lesson and made for each course, by index folder
    /// (one per language edition).
    pub(super) search: HashMap<String, KnownIndex>,
}

/// What every page of a render depends on.
#[derive(PartialEq)]
struct World {
    config: String,
    ui: String,
    theme: Theme,
    /// The link map of the default language, then of each other edition.
    links: Vec<LinkMap>,
    pictures: Pictures,
}

impl Reuse {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a render in this world: forgets everything made in another one, and renews the
    /// highlighting cache now and then.
    pub(super) fn enter(
        &mut self,
        site: &Site,
        theme: &Theme,
        links: Vec<LinkMap>,
        pictures: &Pictures,
        cache: &Arc<BuildCache>,
    ) {
        self.builds += 1;
        if self.highlighter.is_none() || self.builds.is_multiple_of(BUILDS_PER_CACHE) {
            self.highlighter = Some(Highlighter::with_cache(cache.clone()));
        }
        let config = serde_json::to_string(&site.config).unwrap_or_default();
        let ui = format!("{:?}", site.ui);
        let same = self.world.as_ref().is_some_and(|world| {
            world.config == config
                && world.ui == ui
                && world.theme == *theme
                && world.links == links
                && world.pictures == *pictures
        });
        self.kept = same;
        if !same {
            self.markdown.clear();
            self.lessons.clear();
            self.search.clear();
            self.bundles.clear();
            self.icons = Default::default();
            self.world = Some(World {
                config,
                ui,
                theme: theme.clone(),
                links,
                pictures: pictures.clone(),
            });
        }
    }

    /// After the lesson pages' templates, before every other page: hands the lesson pages at
    /// `fresh` (their HTML from `page`) to [`Reuse::ready`] when they are few, error-free so far,
    /// and, as far as `others_unchanged` tells, all that changed among the pages. Whether that
    /// held is known after the other pages ([`Reuse::pages_rendered`]).
    pub(super) fn lessons_rendered<'p>(
        &mut self,
        fresh: &[String],
        others_unchanged: bool,
        diagnostics: &[Diagnostic],
        page: impl Fn(&str) -> Option<&'p str>,
    ) {
        self.handed = false;
        let few = !fresh.is_empty() && fresh.len() <= EARLY_PAGES;
        let clean = !diagnostics.iter().any(Diagnostic::is_error);
        let Some(ready) = self
            .ready
            .as_mut()
            .filter(|_| self.kept && others_unchanged && few && clean)
        else {
            return;
        };
        let pages = fresh
            .iter()
            .filter_map(|url| Some((url.clone(), page(url)?.to_string())));
        ready(Early::Pages(pages.collect()));
        self.handed = true;
    }

    /// After every page's template: keeps the outputs other than lesson pages for the next
    /// render, and withdraws the pages handed early if any other page changed after all.
    pub(super) fn pages_rendered(&mut self, editions: &[&Site], outputs: &Outputs) {
        let lessons: HashSet<&str> = editions
            .iter()
            .flat_map(|site| site.lessons().map(|(_, l)| l.url.as_str()))
            .collect();
        let others: HashMap<String, Vec<u8>> = outputs
            .iter()
            .filter(|(path, _)| !lessons.contains(path))
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        let same = self.kept && others == self.others;
        self.others = others;
        if let Some(ready) = self.ready.as_mut().filter(|_| self.handed && !same) {
            ready(Early::Withdrawn);
        }
    }

    /// Lends the highlighter kept between renders (made by [`Reuse::enter`]) for one render; the
    /// render gives it back with [`Reuse::give_back`].
    pub(super) fn lend_highlighter(&mut self) -> Option<Highlighter> {
        self.highlighter.take()
    }

    pub(super) fn give_back(&mut self, highlighter: Highlighter) {
        self.highlighter = Some(highlighter);
    }
}

/// Everything of a page's Markdown input that the world does not fix.
#[derive(PartialEq)]
pub(super) struct SourceKey {
    /// The page's Markdown: the source's own text, shared, not copied.
    text: Arc<str>,
    path: String,
    line_offset: usize,
    language: Language,
    lesson_id: String,
}

impl SourceKey {
    /// The key of `page`, whose text is `body`.
    pub(super) fn of(page: &PageInput, body: &Arc<str>) -> Self {
        debug_assert_eq!(page.text, &**body);
        SourceKey {
            text: body.clone(),
            path: page.path.to_string(),
            line_offset: page.line_offset,
            language: page.language,
            lesson_id: page.lesson_id.to_string(),
        }
    }

    /// Whether `page` is the input this key was made from (without copying it).
    pub(super) fn matches(&self, page: &PageInput) -> bool {
        let same_text = std::ptr::eq(self.text.as_ptr(), page.text.as_ptr())
            && self.text.len() == page.text.len()
            || *self.text == *page.text;
        same_text
            && self.path == page.path
            && self.line_offset == page.line_offset
            && self.language == page.language
            && self.lesson_id == page.lesson_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn told(reuse: &mut Reuse) -> Arc<Mutex<Vec<Early>>> {
        let told = Arc::new(Mutex::new(Vec::new()));
        let sink = told.clone();
        reuse.ready = Some(Box::new(move |early| sink.lock().unwrap().push(early)));
        told
    }

    #[test]
    fn pages_handed_early_are_withdrawn_when_another_page_changed_after_all() {
        let mut reuse = Reuse::new();
        let told = told(&mut reuse);
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "home");
        reuse.kept = true;
        reuse.pages_rendered(&[], &outputs);
        let page = |_: &str| Some("<p>new</p>");
        reuse.lessons_rendered(&["a.html".to_string()], true, &[], page);
        reuse.pages_rendered(&[], &outputs);
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "home, with a new course outline");
        reuse.lessons_rendered(&["a.html".to_string()], true, &[], page);
        reuse.pages_rendered(&[], &outputs);
        let pages = || Early::Pages(vec![("a.html".into(), "<p>new</p>".into())]);
        assert_eq!(
            *told.lock().unwrap(),
            [pages(), pages(), Early::Withdrawn],
            "the home page changed in the second render only"
        );
    }

    #[test]
    fn no_page_is_handed_early_when_others_may_have_changed_or_too_many_are_new() {
        let mut reuse = Reuse::new();
        let told = told(&mut reuse);
        reuse.kept = true;
        let page = |_: &str| Some("<p>new</p>");
        reuse.lessons_rendered(&["a.html".to_string()], false, &[], page);
        let many: Vec<String> = (0..=EARLY_PAGES).map(|i| format!("{i}.html")).collect();
        reuse.lessons_rendered(&many, true, &[], page);
        reuse.kept = false;
        reuse.lessons_rendered(&["a.html".to_string()], true, &[], page);
        assert!(told.lock().unwrap().is_empty());
    }
}
