//! Rendering: turns the loaded [`Site`] into [`Outputs`] in memory, in parallel.
//!
//! Steps: compile the theme's templates → Markdown of every page (rayon), its quiz blocks through
//! `quizzes::QuizBlocks` and the quiz templates → templates for the home, course and lesson pages
//! and `404.html` (rayon) → the search index → theme static files, assets, and with `base_url`
//! `sitemap.xml` and `robots.txt` → what a browser needs to keep the site offline (`offline`:
//! manifest, icons, lists, worker).
//! The only filesystem access is reading the bytes of assets other than PNG and JPEG images
//! (`load` reads those, which rendering sizes in `assets`).

mod anchors;
mod assets;
pub mod offline;
pub mod outline;
mod quizzes;
mod reuse;
mod runtime;
mod templates;
mod views;
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
use quizzes::QuizBlocks;
use rayon::prelude::*;
pub use reuse::{PagesReady, Reuse};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};
pub use templates::Templates;

/// Rendered Markdown of a site, by page URL. After rendering, `html` is empty (see `release_html`)
/// unless a [`Reuse`] keeps the page for the next render.
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
}

/// Where rendering spent its time.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderTimings {
    pub markdown: Duration,
    /// CPU time inside syntax highlighting, summed over threads (part of `markdown`).
    pub highlight_cpu: Duration,
    pub templates: Duration,
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
/// `--no-cache`), for any stage whose work is worth keeping between builds.
fn render_with_links(
    site: &Site,
    links: &LinkMap,
    theme: &Theme,
    mut reuse: Option<&mut Reuse>,
    cache: &Arc<BuildCache>,
) -> RenderedSite {
    let mut diagnostics = Vec::new();
    let mut timings = RenderTimings::default();
    let started = Instant::now();
    let templates = Templates::new(site, theme);
    let compile_templates = started.elapsed();
    let started = Instant::now();
    let sized = assets::SizedImages::of(site, cache, &mut diagnostics);
    let pictures = sized.pictures();
    if let Some(reuse) = reuse.as_deref_mut() {
        reuse.enter(&site.config, theme, links, &pictures, cache);
    }
    let own = Highlighter::with_cache(cache.clone());
    let highlighter = reuse.as_ref().map_or(&own, |r| r.highlighter());
    let quizzes = QuizBlocks::new(templates.as_ref().ok());
    let job = MarkdownJob {
        site,
        links,
        highlighter,
        fenced: &quizzes,
        renamed_anchors: None,
        pictures: &pictures,
    };
    let previous = reuse.as_ref().map(|r| &r.markdown);
    let (mut pages, made) = render_markdown(&job, |_| true, previous);
    let (renamed, linking) = anchors::foreign_anchors(&pages);
    if !renamed.is_empty() {
        let job = MarkdownJob {
            renamed_anchors: Some(&renamed),
            ..job
        };
        let (again, _) = render_markdown(&job, |url| linking.contains(url), None);
        pages.lessons.extend(again.lessons);
        pages.intros.extend(again.intros);
    }
    let highlight_cpu = highlighter.cpu_time();
    if let Some(reuse) = reuse.as_deref_mut() {
        reuse.markdown = made;
    }
    timings.markdown = started.elapsed();
    timings.highlight_cpu = highlight_cpu;
    drop(own); // its cache is only useful while Markdown renders; free it before templates.
    for page in pages.lessons.values().chain(pages.intros.values()) {
        diagnostics.extend(page.diagnostics.iter().cloned());
    }

    let started = Instant::now();
    let mut outputs = Outputs::new();
    match templates {
        Ok(templates) => {
            let mut none = templates::LessonPages::new();
            let lessons = reuse.as_deref_mut().map_or(&mut none, |r| &mut r.lessons);
            let fresh = templates.render_all(&pages, &mut outputs, &mut diagnostics, lessons);
            if let Some(reuse) = reuse.as_deref_mut() {
                reuse.pages_rendered(site, &outputs, &fresh, &diagnostics);
            }
        }
        Err(problem) => diagnostics.push(problem),
    }
    timings.templates = compile_templates + started.elapsed();
    pages.release_html();

    let started = Instant::now();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let known = reuse.as_deref_mut().map(|r| &mut r.search);
    for (path, source) in crate::search::build(&site.courses, &pages.lessons, known) {
        let nth = seen.entry(path.clone()).or_default();
        let owner = search_owner(site, &path, *nth);
        *nth += 1;
        diagnostics.extend(outputs.add(path, owner, source));
    }
    timings.search = started.elapsed();

    let started = Instant::now();
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
        let owner = static_owner(site, path);
        diagnostics.extend(outputs.add(format!("{STATIC_PREFIX}{path}"), owner, bytes));
    }
    assets::add_assets(site, sized, &pages, &mut outputs, &mut diagnostics);
    if let Some(sitemap) = sitemap(site) {
        let owner = Owner::Khoa("the sitemap");
        diagnostics.extend(outputs.add(SITEMAP, owner, sitemap));
    }
    if let Some(robots) = robots(site) {
        let owner = Owner::Khoa("the robots file");
        diagnostics.extend(outputs.add(ROBOTS, owner, robots));
    }
    // Last: the offline lists and the build id describe every other output as published.
    let icons = reuse.map(|r| &mut r.icons);
    offline::add_manifest(site, theme, &mut outputs, &mut diagnostics, icons);
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
    let render = |page: PageInput, url: &str| {
        let reused = previous
            .and_then(|p| p.get(url))
            .filter(|(key, _)| key.matches(&page));
        match reused {
            Some((key, rendered)) => (key.clone(), rendered.clone()),
            None => (
                Arc::new(reuse::SourceKey::of(&page)),
                Arc::new(markdown::render_page(&page)),
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
            (lesson.url.clone(), render(page, &lesson.url))
        })
        .collect();
    let intros: Vec<(String, MadePage)> = job
        .site
        .courses
        .par_iter()
        .filter(|course| wanted(&course.url()))
        .map(|course| {
            let url = course.url();
            let made = render(job.page(course, &course.intro, &url, ""), &url);
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

/// The search catalog is khoa's; each course's index files belong to that course (the `nth`
/// course with that file name: two courses sharing an id both claim it).
fn search_owner(site: &Site, path: &str, nth: usize) -> Owner {
    let file = path.strip_prefix(crate::search::DIR).unwrap_or(path);
    let mut courses = site.courses.iter().filter(|c| {
        file == crate::search::shard_file(&c.id) || file == crate::search::text_file(&c.id)
    });
    let course = courses.nth(nth);
    match course {
        Some(course) => Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's search index",
        },
        None => Owner::Khoa("the search catalog"),
    }
}

/// A file of the default theme is khoa's; one that only the project's theme has is the author's.
fn static_owner(site: &Site, path: &str) -> Owner {
    let default = crate::theme::DEFAULT_FILES
        .iter()
        .any(|(file, _)| file.strip_prefix("static/") == Some(path));
    match site.config.theme.as_deref() {
        Some(theme) if !default => Owner::Author(format!("themes/{theme}/static/{path}")),
        _ => Owner::Khoa("a file of the default theme"),
    }
}

/// `robots.txt` (only with `base_url`): everything may be crawled; the sitemap is named by its
/// absolute URL, as the format requires.
fn robots(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_deref()?;
    Some(format!(
        "User-agent: *\nAllow: /\nSitemap: {base}{SITEMAP}\n"
    ))
}

/// The sitemap (only with `base_url`): every page by its absolute URL.
fn sitemap(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_deref()?;
    let urls = std::iter::once("index.html".to_string()).chain(
        site.courses
            .iter()
            .flat_map(|c| std::iter::once(c.url()).chain(c.lessons().map(|l| l.url.clone()))),
    );
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            crate::escape::html(&format!("{base}{url}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
