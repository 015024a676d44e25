//! Rendering: turns the loaded [`Site`] into [`Outputs`] in memory, in parallel.
//!
//! Steps: compile the theme's templates → Markdown of every page (rayon), its quiz blocks through
//! `quizzes::QuizBlocks` and the quiz templates → templates for the home, course and lesson pages
//! and `404.html` (rayon) → the search index → theme static files, assets, and with `base_url`
//! `sitemap.xml` and `robots.txt` → what a browser needs to keep the site offline (`offline`:
//! manifest, icons, lists, worker). `whole_course` renders each course once more for its print
//! page and its review questions.
//! The only filesystem access is reading the bytes of assets other than PNG and JPEG images
//! (`load` reads those, which rendering sizes in `assets`).

mod anchors;
mod assets;
pub mod offline;
pub mod outline;
mod page_cache;
mod quizzes;
mod runtime;
mod site_files;
mod templates;
mod views;
mod whole_course;
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
use page_cache::PageCache;
use quizzes::QuizBlocks;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use templates::Templates;

/// Rendered Markdown of a site, by page URL. After rendering, `html` is empty (see `release_html`).
pub struct Pages {
    pub lessons: BTreeMap<String, markdown::RenderedPage>,
    pub intros: BTreeMap<String, markdown::RenderedPage>,
}

impl Pages {
    /// Frees the pages' HTML once the templates have placed it in the outputs: the outputs hold
    /// a copy, and later stages (search, checks, writing) read only text, headings and links.
    /// This lowers peak memory by about a sixth on large sites.
    fn release_html(&mut self) {
        for page in self.lessons.values_mut().chain(self.intros.values_mut()) {
            page.html = String::new();
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
    render_site_with(site, theme, None, &Arc::new(BuildCache::disabled()))
}

/// Like [`render_site`], reading and filling the build `cache`, and highlighting through `shared`
/// when given: `serve` keeps one across rebuilds so that unchanged code blocks are not
/// highlighted again.
pub fn render_site_with(
    site: &Site,
    theme: &Theme,
    shared: Option<&Highlighter>,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    render_with_links(site, &LinkMap::new(site), theme, shared, cache)
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
    shared: Option<&Highlighter>,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    let mut diagnostics = Vec::new();
    let mut timings = RenderTimings::default();
    let own = Highlighter::with_cache(cache.clone());
    let highlighter = shared.unwrap_or(&own);
    let sized = assets::SizedImages::of(site, cache, &mut diagnostics);
    let pictures = sized.pictures();
    let mut outputs = Outputs::new();
    let mut shared = EditionJob {
        theme,
        cache,
        highlighter,
        pictures: &pictures,
        outputs: &mut outputs,
        diagnostics: &mut diagnostics,
        timings: &mut timings,
    };
    let mut pages = shared.render(site, links);
    let editions = site.other_editions();
    for edition in &editions {
        let links = links.in_edition(edition);
        let more = shared.render(edition, &links);
        pages.lessons.extend(more.lessons);
        pages.intros.extend(more.intros);
    }
    timings.highlight_cpu = highlighter.cpu_time();
    drop(own); // its cache is only useful while Markdown renders; free it before search.
    pages.release_html();

    let started = Instant::now();
    let words = |lesson: &Lesson, page: &markdown::RenderedPage| {
        page_cache::lesson_words(cache, lesson, page)
    };
    for edition in std::iter::once(site).chain(&editions) {
        let dir = crate::search::dir(&edition.prefix());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let files = crate::search::build_with(&edition.courses, &pages.lessons, &dir, &words);
        for (path, source) in files {
            let nth = seen.entry(path.clone()).or_default();
            let owner = site_files::search_owner(site, &dir, &path, *nth);
            *nth += 1;
            diagnostics.extend(outputs.add(path, owner, source));
        }
    }
    timings.search = started.elapsed();

    let started = Instant::now();
    templates::add_strings(site, &mut outputs, &mut diagnostics);
    for bundle in runtime::BUNDLES {
        let owner = Owner::Khoa("the browser runtime");
        diagnostics.extend(outputs.add(bundle.path, owner, runtime::join(theme, bundle)));
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
    offline::add_manifest(site, theme, &mut outputs, &mut diagnostics);
    timings.assets = started.elapsed();
    RenderedSite {
        outputs,
        pages,
        diagnostics,
        timings,
    }
}

/// What rendering the pages of each language shares, and where they go.
struct EditionJob<'a> {
    theme: &'a Theme,
    cache: &'a BuildCache,
    highlighter: &'a Highlighter,
    pictures: &'a Pictures,
    outputs: &'a mut Outputs,
    diagnostics: &'a mut Vec<Diagnostic>,
    timings: &'a mut RenderTimings,
}

impl EditionJob<'_> {
    /// Renders the pages of `site` (one language's edition) into the outputs: Markdown, page
    /// templates, the print and review pages; returns its rendered Markdown.
    fn render(&mut self, site: &Site, links: &LinkMap) -> Pages {
        let started = Instant::now();
        let templates = Templates::new(site, self.theme);
        let compile_templates = started.elapsed();
        let started = Instant::now();
        let quizzes = QuizBlocks::new(templates.as_ref().ok());
        let page_cache = PageCache::new(self.cache, site, links, self.theme, self.pictures);
        let job = MarkdownJob {
            site,
            links,
            highlighter: self.highlighter,
            fenced: &quizzes,
            renamed_anchors: None,
            pictures: self.pictures,
            page_cache: &page_cache,
        };
        let mut pages = render_markdown(&job, |_| true);
        let (renamed, linking) = anchors::foreign_anchors(&pages);
        if !renamed.is_empty() {
            let job = MarkdownJob {
                renamed_anchors: Some(&renamed),
                ..job
            };
            let again = render_markdown(&job, |url| linking.contains(url));
            pages.lessons.extend(again.lessons);
            pages.intros.extend(again.intros);
        }
        self.timings.markdown += started.elapsed();
        self.timings.pages_from_cache += page_cache.hits();
        for page in pages.lessons.values().chain(pages.intros.values()) {
            self.diagnostics.extend(page.diagnostics.iter().cloned());
        }
        let started = Instant::now();
        match &templates {
            Ok(templates) => {
                templates.render_all(&pages, self.outputs, self.diagnostics);
                let job = MarkdownJob {
                    renamed_anchors: Some(&renamed),
                    ..job
                };
                // Every code block is in the highlighter's cache by now: this pass highlights nothing.
                whole_course::render(&job, templates, self.outputs, self.diagnostics);
            }
            Err(problem) => self.diagnostics.push(problem.clone()),
        }
        self.timings.templates += compile_templates + started.elapsed();
        pages
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

/// Renders the Markdown of every lesson and course page whose URL `wanted` accepts.
fn render_markdown(job: &MarkdownJob, wanted: impl Fn(&str) -> bool + Sync) -> Pages {
    let lessons: Vec<(&Course, &Lesson)> = job
        .site
        .lessons()
        .filter(|(_, lesson)| wanted(&lesson.url))
        .collect();
    let lessons = lessons
        .par_iter()
        .map(|(course, lesson)| {
            let page = job.page(course, &lesson.source, &lesson.url, &lesson.id);
            (lesson.url.clone(), job.page_cache.render(&page))
        })
        .collect();
    let intros = job
        .site
        .courses
        .par_iter()
        .filter(|course| wanted(&course.url()))
        .map(|course| {
            let url = course.url();
            let rendered = job
                .page_cache
                .render(&job.page(course, &course.intro, &url, ""));
            (url, rendered)
        })
        .collect();
    Pages { lessons, intros }
}
