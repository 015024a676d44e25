//! Renders one language edition of the site (Markdown, page templates, then print and review
//! pages) into the shared outputs, taking what `serve`'s [`super::Reuse`] kept from the previous
//! render.

use super::page_cache::PageCache;
use super::quizzes::QuizBlocks;
use super::templates::{RenderedLessons, Templates};
use super::{
    MadePages, MarkdownJob, Pages, RenderTimings, anchors, render_markdown, templates, whole_course,
};
use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::images::Pictures;
use crate::links::LinkMap;
use crate::markdown::{RenamedAnchors, RenderedPage};
use crate::model::Site;
use crate::output::Outputs;
use crate::theme::Theme;
use std::sync::Arc;
use std::time::Instant;

/// What rendering the pages of each language shares, and where they go.
pub(super) struct EditionJob<'a> {
    pub(super) theme: &'a Theme,
    pub(super) cache: &'a BuildCache,
    pub(super) highlighter: &'a Highlighter,
    pub(super) pictures: &'a Pictures,
    pub(super) outputs: &'a mut Outputs,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
    pub(super) timings: &'a mut RenderTimings,
    /// The previous render's Markdown (`serve`), and this render's, for the next one.
    pub(super) previous: Option<&'a MadePages>,
    pub(super) made: &'a mut MadePages,
    /// Lesson pages as the previous render's templates made them, replaced by this render's.
    /// `None` when nothing is kept for a next render (a build).
    pub(super) lessons: Option<&'a mut templates::LessonPages>,
    /// The lesson pages made anew (not taken from `lessons`).
    pub(super) fresh: &'a mut Vec<String>,
    /// The lesson pages taken from `lessons`, added empty until [`EditionJob::fill_deferred`].
    pub(super) deferred: Vec<String>,
    /// Whether, as far as the lesson pages and intros tell, no page but the lesson pages made
    /// anew changed (see [`RenderedLessons::others_unchanged`]).
    pub(super) others_unchanged: bool,
}

/// One edition's pages as [`EditionJob::render`] left them, for [`EditionJob::rest`] and
/// [`EditionJob::whole_course`].
pub(super) struct EditionPages<'s> {
    site: &'s Site,
    links: &'s LinkMap,
    /// The compiled templates (`None` when they failed, which is reported).
    templates: Option<Templates<'s>>,
    /// Its lesson pages, until [`EditionJob::rest`] puts them into the outputs.
    lessons: Option<RenderedLessons>,
    renamed: RenamedAnchors,
    /// The edition's handle on the build cache: the print pages keep each lesson's print form
    /// under the same context as its page.
    page_cache: PageCache<'s>,
}

impl<'a> EditionJob<'a> {
    /// Renders the pages of `site` (one language's edition): Markdown and the lesson pages'
    /// templates; returns its rendered Markdown, and what its other pages
    /// ([`EditionJob::rest`]) and its print and review pages ([`EditionJob::whole_course`]) need,
    /// which `serve` renders after it got the edited pages.
    pub(super) fn render<'s>(
        &mut self,
        site: &'s Site,
        links: &'s LinkMap,
    ) -> (Pages, EditionPages<'s>)
    where
        'a: 's,
    {
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
        let (mut pages, made) = render_markdown(&job, |_| true, self.previous);
        self.made.extend(made);
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
        self.timings.markdown += started.elapsed();
        self.timings.pages_from_cache += page_cache.hits();
        for page in pages.lessons.values().chain(pages.intros.values()) {
            self.diagnostics.extend(page.diagnostics.iter().cloned());
        }
        let started = Instant::now();
        let intro_made_again = |url: &String, page: &Arc<RenderedPage>| {
            let before = self.previous.and_then(|p| p.get(url));
            before.is_none_or(|(_, old)| !Arc::ptr_eq(old, page))
        };
        if pages
            .intros
            .iter()
            .any(|(url, page)| intro_made_again(url, page))
        {
            self.others_unchanged = false;
        }
        let (templates, lessons) = match templates {
            Ok(templates) => {
                let lessons = templates.render_lessons(&pages, self.lessons.as_deref_mut());
                self.fresh.extend(lessons.fresh.iter().cloned());
                self.others_unchanged &= lessons.others_unchanged;
                (Some(templates), Some(lessons))
            }
            Err(problem) => {
                self.diagnostics.push(problem);
                (None, None)
            }
        };
        self.timings.templates += compile_templates + started.elapsed();
        let rest = EditionPages {
            site,
            links,
            templates,
            lessons,
            renamed,
            page_cache,
        };
        (pages, rest)
    }

    /// The HTML of the lesson page at `url` that [`EditionJob::render`] rendered anew.
    pub(super) fn fresh_page<'e>(edition: &'e EditionPages, url: &str) -> Option<&'e str> {
        edition.lessons.as_ref()?.html(url)
    }

    /// Renders the edition's other pages and puts every page into the outputs (see
    /// `Templates::render_rest`).
    pub(super) fn rest(&mut self, edition: &mut EditionPages, pages: &Pages) {
        let (Some(templates), Some(lessons)) = (&edition.templates, edition.lessons.take()) else {
            return;
        };
        let started = Instant::now();
        let deferred = templates.render_rest(pages, lessons, self.outputs, self.diagnostics);
        self.deferred.extend(deferred);
        self.timings.templates += started.elapsed();
    }

    /// Puts the HTML of the lesson pages taken from the previous render into the outputs (see
    /// `Templates::render_rest`).
    pub(super) fn fill_deferred(&mut self) {
        let deferred = std::mem::take(&mut self.deferred);
        if let Some(lessons) = self.lessons.as_deref() {
            templates::fill_deferred(self.outputs, lessons, &deferred);
        }
    }

    /// Renders the print and review pages of an edition [`EditionJob::render`] rendered.
    pub(super) fn whole_course(&mut self, edition: &EditionPages) {
        let Some(templates) = &edition.templates else {
            return;
        };
        let started = Instant::now();
        let quizzes = QuizBlocks::new(Some(templates));
        let job = MarkdownJob {
            site: edition.site,
            links: edition.links,
            highlighter: self.highlighter,
            fenced: &quizzes,
            renamed_anchors: Some(&edition.renamed),
            pictures: self.pictures,
            page_cache: &edition.page_cache,
        };
        // Every code block is in the highlighter's cache by now: this pass highlights nothing.
        whole_course::render(&job, templates, self.outputs, self.diagnostics);
        self.timings.whole_course += started.elapsed();
    }
}
