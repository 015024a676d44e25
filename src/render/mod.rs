//! Rendering: turns the loaded [`Site`] into [`Outputs`] in memory, in parallel.
//!
//! Steps: compile the theme's templates → Markdown of every page (rayon), its quiz blocks through
//! `quizzes::QuizBlocks` and the quiz templates → templates for the home, course and lesson pages
//! and `404.html` (rayon) → the search index → theme static files, assets, and with `base_url`
//! `sitemap.xml` and `robots.txt` → what a browser needs to keep the site offline (`offline`:
//! manifest, icons, lists, worker). `whole_course` renders each course once more for its print
//! pages (one, or an index and one per module for a long course) and its review questions.
//! The only filesystem access is reading the bytes of assets other than PNG and JPEG images
//! (`load` reads those, which rendering sizes in `assets`).

mod anchors;
mod assets;
mod edition;
mod lesson_outline;
pub mod offline;
pub mod outline;
mod page_cache;
mod quizzes;
mod reuse;
mod runtime;
mod site_files;
mod templates;
mod views;
pub mod whole_course;
mod xapi;

use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::images::Pictures;
use crate::links::LinkMap;
use crate::markdown::{self, FencedBlocks, PageInput, RenamedAnchors};
use crate::model::{Course, Lesson, Site, Source};
use crate::output::{Outputs, Owner, ROBOTS, SITEMAP, STATIC_PREFIX};
use crate::theme::Theme;
use edition::EditionJob;
use page_cache::PageCache;
use rayon::prelude::*;
pub use reuse::{Early, PagesReady, Reuse};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use templates::Templates;

/// Rendered Markdown of a site, by page URL. After rendering, `html` and `text` are empty (see
/// `release_html`, `release_text`) unless a [`Reuse`] keeps the page for the next render.
pub struct Pages {
    pub lessons: BTreeMap<String, Arc<markdown::RenderedPage>>,
    pub intros: BTreeMap<String, Arc<markdown::RenderedPage>>,
}

impl Pages {
    /// Frees the pages' HTML once the templates have placed it in the outputs: the outputs hold
    /// a copy, and later stages (search, checks, writing) read only text, headings and links.
    /// This lowers peak memory by about a sixth on large sites.
    fn release_html(&mut self) {
        for page in self.lessons.values_mut().chain(self.intros.values_mut()) {
            if let Some(page) = Arc::get_mut(page) {
                page.html = String::new();
            }
        }
    }

    /// Frees the pages' text once the search index is made: checks and writing read only
    /// headings, links and questions. Some 60 MB at 10,000 lessons, off the peak of publishing.
    fn release_text(&mut self) {
        for page in self.lessons.values_mut().chain(self.intros.values_mut()) {
            if let Some(page) = Arc::get_mut(page) {
                page.text = String::new();
            }
        }
    }
}

/// Where rendering spent its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderTimings {
    pub markdown: Duration,
    /// CPU time inside syntax highlighting, summed over threads (part of `markdown`).
    pub highlight_cpu: Duration,
    pub templates: Duration,
    /// Pages whose rendered Markdown came from the build cache (`page_cache`).
    pub pages_from_cache: usize,
    /// The print and review pages (`whole_course`), after the other pages.
    pub whole_course: Duration,
    /// Building the search index (`crate::search`).
    pub search: Duration,
    pub assets: Duration,
}

/// The result of rendering: files, the rendered pages (for checks and search), and problems.
pub struct RenderedSite {
    pub outputs: Outputs,
    pub pages: Pages,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: RenderTimings,
}

/// Renders all of `site` with `theme`.
pub fn render_site(site: &Site, theme: &Theme) -> RenderedSite {
    render_site_reusing(site, theme, None, &Arc::new(BuildCache::disabled()))
}

/// Like [`render_site`], reading and filling the build `cache`, taking from `reuse` what the
/// previous render made and is still valid (`serve` keeps one across rebuilds), and leaving in it
/// what this render made.
pub fn render_site_reusing(
    site: &Site,
    theme: &Theme,
    reuse: Option<&mut Reuse>,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    render_with_links(site, &LinkMap::new(site), theme, reuse, cache)
}

/// Renders `part` (a site holding some of `whole`'s courses, see [`Site::only_course`]) with the
/// links of `whole`: a link to a course left out still points where that course is published.
pub fn render_part(
    part: &Site,
    whole: &Site,
    theme: &Theme,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    render_with_links(part, &LinkMap::new(whole), theme, None, cache)
}

/// Every render goes through here; `cache` is the persistent build cache (disabled with
/// `--no-cache`), for any stage whose work is worth keeping between builds. `site` is rendered in
/// each of its languages (the default at the root, each other under `<lang>/`, see
/// [`Site::edition`]); the theme's files, assets and offline files are written once.
fn render_with_links(
    site: &Site,
    links: &LinkMap,
    theme: &Theme,
    mut reuse: Option<&mut Reuse>,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    let mut diagnostics = Vec::new();
    let mut timings = RenderTimings::default();
    let sized = assets::SizedImages::of(site, cache, &mut diagnostics);
    let pictures = sized.pictures();
    let editions = site.other_editions();
    let edition_links: Vec<LinkMap> = editions.iter().map(|e| links.in_edition(e)).collect();
    if let Some(reuse) = reuse.as_deref_mut() {
        let every = std::iter::once(links).chain(&edition_links).cloned();
        reuse.enter(site, theme, every.collect(), &pictures, cache);
    }
    let kept = reuse.as_deref_mut().and_then(Reuse::lend_highlighter);
    let highlighter = kept.unwrap_or_else(|| Highlighter::with_cache(cache.clone()));
    let mut outputs = Outputs::new();
    let mut made = MadePages::new();
    let mut fresh = Vec::new();
    let (previous, mut lessons) = match reuse.as_deref_mut() {
        Some(reuse) => (
            Some(std::mem::take(&mut reuse.markdown)),
            Some(std::mem::take(&mut reuse.lessons)),
        ),
        None => (None, None),
    };
    let mut shared = EditionJob {
        theme,
        cache,
        highlighter: &highlighter,
        pictures: &pictures,
        outputs: &mut outputs,
        diagnostics: &mut diagnostics,
        timings: &mut timings,
        previous: previous.as_ref(),
        made: &mut made,
        lessons: lessons.as_mut(),
        fresh: &mut fresh,
        deferred: Vec::new(),
        others_unchanged: true,
    };
    let (mut pages, first) = shared.render(site, links);
    let mut rendered = vec![first];
    for (edition, links) in editions.iter().zip(&edition_links) {
        let (more, rest) = shared.render(edition, links);
        pages.lessons.extend(more.lessons);
        pages.intros.extend(more.intros);
        rendered.push(rest);
    }
    if let Some(reuse) = reuse.as_deref_mut() {
        let page = |url: &str| rendered.iter().find_map(|e| EditionJob::fresh_page(e, url));
        let unchanged = shared.others_unchanged;
        reuse.lessons_rendered(shared.fresh, unchanged, shared.diagnostics, page);
    }
    for edition in &mut rendered {
        shared.rest(edition, &pages);
    }
    if let Some(reuse) = reuse.as_deref_mut() {
        let all: Vec<&Site> = std::iter::once(site).chain(&editions).collect();
        reuse.pages_rendered(&all, shared.outputs);
    }
    shared.fill_deferred();
    if reuse.is_none() {
        // Every page's HTML is in the outputs now. The pages' Markdown keys hold each page too:
        // dropped, they let `release_html` free the HTML before the print pages take as much.
        drop(std::mem::take(shared.made));
        pages.release_html();
    }
    for edition in &rendered {
        shared.whole_course(edition);
    }
    timings.highlight_cpu = highlighter.cpu_time();
    match reuse.as_deref_mut() {
        Some(reuse) => {
            reuse.markdown = made;
            reuse.lessons = lessons.unwrap_or_default();
            reuse.give_back(highlighter);
        }
        // Its cache is only useful while Markdown renders; free it before search.
        None => drop(highlighter),
    }
    pages.release_html();

    let started = Instant::now();
    let words = |lesson: &Lesson, page: &markdown::RenderedPage| {
        page_cache::lesson_words(cache, lesson, page)
    };
    for edition in std::iter::once(site).chain(&editions) {
        let dir = crate::search::dir(&edition.prefix());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let known = reuse
            .as_deref_mut()
            .map(|r| r.search.entry(dir.clone()).or_default());
        let files =
            crate::search::build_with(&edition.courses, &pages.lessons, &dir, known, &words);
        for (path, source) in files {
            let nth = seen.entry(path.clone()).or_default();
            let owner = site_files::search_owner(site, &dir, &path, *nth);
            *nth += 1;
            diagnostics.extend(outputs.add(path, owner, source));
        }
    }
    if reuse.is_none() {
        pages.release_text();
    }
    timings.search = started.elapsed();

    let started = Instant::now();
    templates::add_strings(site, &mut outputs, &mut diagnostics);
    let mut joined = Vec::new();
    let bundles = match reuse.as_deref_mut() {
        Some(reuse) if !reuse.bundles.is_empty() => &mut reuse.bundles,
        reuse => {
            let made = runtime::BUNDLES
                .iter()
                .map(|b| runtime::join(theme, b))
                .collect();
            let kept = reuse.map(|r| &mut r.bundles).unwrap_or(&mut joined);
            *kept = made;
            kept
        }
    };
    for (bundle, script) in runtime::BUNDLES.iter().zip(bundles.iter()) {
        let owner = Owner::Khoa("the browser runtime");
        diagnostics.extend(outputs.add(bundle.path, owner, script.clone()));
    }
    if let Some((path, script)) = xapi::script(&site.config, theme) {
        let owner = Owner::Khoa("the learning-record sender");
        diagnostics.extend(outputs.add(path, owner, script));
    }
    for (path, bytes) in theme
        .statics()
        .filter(|(path, _)| !runtime::is_bundled(path))
    {
        let owner = site_files::static_owner(site, path);
        diagnostics.extend(outputs.add(format!("{STATIC_PREFIX}{path}"), owner, bytes));
    }
    assets::add_assets(site, sized, &pages, &mut outputs, &mut diagnostics);
    if let Some(sitemap) = site_files::sitemap(site) {
        let owner = Owner::Khoa("the sitemap");
        diagnostics.extend(outputs.add(SITEMAP, owner, sitemap));
    }
    if let Some(robots) = site_files::robots(site) {
        let owner = Owner::Khoa("the robots file");
        diagnostics.extend(outputs.add(ROBOTS, owner, robots));
    }
    // Last: the offline lists and the build id describe every other output as published.
    let icons = reuse.map(|r| &mut r.icons);
    offline::add_manifest(site, theme, &mut outputs, &mut diagnostics, icons, cache);
    timings.assets = started.elapsed();
    RenderedSite {
        outputs,
        pages,
        diagnostics,
        timings,
    }
}

/// What rendering the Markdown of pages needs, shared by every page.
#[derive(Clone, Copy)]
struct MarkdownJob<'a> {
    site: &'a Site,
    links: &'a LinkMap,
    highlighter: &'a Highlighter,
    fenced: &'a dyn FencedBlocks,
    renamed_anchors: Option<&'a RenamedAnchors>,
    pictures: &'a Pictures,
    page_cache: &'a PageCache<'a>,
}

impl MarkdownJob<'_> {
    fn page<'p>(
        &'p self,
        course: &Course,
        source: &'p Source,
        url: &'p str,
        id: &'p str,
    ) -> PageInput<'p> {
        PageInput {
            text: &source.body,
            path: &source.path,
            line_offset: source.line_offset,
            url,
            language: course.language,
            ui: &self.site.ui,
            lesson_id: id,
            links: self.links,
            highlighter: self.highlighter,
            fenced: Some(self.fenced),
            raw_html: self.site.config.markdown.raw_html,
            renamed_anchors: self.renamed_anchors,
            pictures: Some(self.pictures),
        }
    }
}

/// Markdown results by page URL, with the input each came from.
type MadePages = HashMap<String, MadePage>;

/// A page's Markdown input (shared, so that keeping a page for the next render copies nothing) and
/// what it rendered to.
type MadePage = (Arc<reuse::SourceKey>, Arc<markdown::RenderedPage>);

/// Renders the Markdown of every lesson and course page whose URL `wanted` accepts, taking from
/// `previous` each page whose input is unchanged. Also returns every page with its input, for the
/// next render to reuse.
fn render_markdown(
    job: &MarkdownJob,
    wanted: impl Fn(&str) -> bool + Sync,
    previous: Option<&MadePages>,
) -> (Pages, MadePages) {
    let render = |page: PageInput, body: &Arc<str>, url: &str| {
        let reused = previous
            .and_then(|p| p.get(url))
            .filter(|(key, _)| key.matches(&page));
        match reused {
            Some((key, rendered)) => (key.clone(), rendered.clone()),
            None => (
                Arc::new(reuse::SourceKey::of(&page, body)),
                Arc::new(job.page_cache.render(&page)),
            ),
        }
    };
    let lessons: Vec<(&Course, &Lesson)> = job
        .site
        .lessons()
        .filter(|(_, lesson)| wanted(&lesson.url))
        .collect();
    let lessons: Vec<(String, MadePage)> = lessons
        .par_iter()
        .map(|(course, lesson)| {
            let page = job.page(course, &lesson.source, &lesson.url, &lesson.id);
            (
                lesson.url.clone(),
                render(page, &lesson.source.body, &lesson.url),
            )
        })
        .collect();
    let intros: Vec<(String, MadePage)> = job
        .site
        .courses
        .par_iter()
        .filter(|course| wanted(&course.url()))
        .map(|course| {
            let url = course.url();
            let page = job.page(course, &course.intro, &url, "");
            let made = render(page, &course.intro.body, &url);
            (url, made)
        })
        .collect();
    let pages = Pages {
        lessons: lessons
            .iter()
            .map(|(u, (_, p))| (u.clone(), p.clone()))
            .collect(),
        intros: intros
            .iter()
            .map(|(u, (_, p))| (u.clone(), p.clone()))
            .collect(),
    };
    (pages, lessons.into_iter().chain(intros).collect())
}
