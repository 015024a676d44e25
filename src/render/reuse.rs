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
//! When a render in the same world made only a few lesson pages anew and every other page and
//! script of the templates is the same, it hands those pages to [`PagesReady`] as soon as they
//! are rendered, before the print and review pages, search, checks and publishing: `serve` shows
//! them first.

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

/// Receives lesson pages made anew (output path, HTML naming `_khoa/` files by their plain names)
/// before the rest of the build (see the module docs).
pub type PagesReady = Box<dyn FnMut(Vec<(String, String)>) + Send>;

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

    /// After the page templates, before the print and review pages: hands the lesson pages at
    /// `fresh` to [`Reuse::ready`] when they are few, error-free so far, and all that changed
    /// among the templates' outputs.
    pub(super) fn pages_rendered(
        &mut self,
        editions: &[&Site],
        outputs: &Outputs,
        fresh: &[String],
        diagnostics: &[Diagnostic],
    ) {
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
        let few = !fresh.is_empty() && fresh.len() <= EARLY_PAGES;
        let clean = !diagnostics.iter().any(Diagnostic::is_error);
        let Some(ready) = self.ready.as_mut().filter(|_| same && few && clean) else {
            return;
        };
        let pages = fresh.iter().filter_map(|url| {
            let html = String::from_utf8(outputs.get(url)?.to_vec()).ok()?;
            Some((url.clone(), html))
        });
        ready(pages.collect());
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
    text: String,
    path: String,
    line_offset: usize,
    language: Language,
    lesson_id: String,
}

impl SourceKey {
    pub(super) fn of(page: &PageInput) -> Self {
        SourceKey {
            text: page.text.to_string(),
            path: page.path.to_string(),
            line_offset: page.line_offset,
            language: page.language,
            lesson_id: page.lesson_id.to_string(),
        }
    }

    /// Whether `page` is the input this key was made from (without copying it).
    pub(super) fn matches(&self, page: &PageInput) -> bool {
        self.text == page.text
            && self.path == page.path
            && self.line_offset == page.line_offset
            && self.language == page.language
            && self.lesson_id == page.lesson_id
    }
}
