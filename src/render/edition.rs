//! Renders one language edition of the site (Markdown, page templates, then print and review
//! pages) into the shared outputs, taking what `serve`'s [`super::Reuse`] kept from the previous
//! render.

use super::page_cache::PageCache;
use super::quizzes::QuizBlocks;
use super::templates::Templates;
use super::{
    MadePages, MarkdownJob, Pages, RenderTimings, anchors, render_markdown, templates, whole_course,
};
use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::images::Pictures;
use crate::links::LinkMap;
use crate::markdown::RenamedAnchors;
use crate::model::Site;
use crate::output::Outputs;
use crate::theme::Theme;
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
}

/// One edition's pages as [`EditionJob::render`] left them, for [`EditionJob::whole_course`].
pub(super) struct EditionPages<'s> {
    site: &'s Site,
    links: &'s LinkMap,
    /// The compiled templates (`None` when they failed, which is reported).
    templates: Option<Templates<'s>>,
    renamed: RenamedAnchors,
    /// The edition's handle on the build cache: the print pages keep each lesson's print form
    /// under the same context as its page.
    page_cache: PageCache<'s>,
}

impl<'a> EditionJob<'a> {
    /// Renders the pages of `site` (one language's edition) into the outputs: Markdown and page
    /// templates; returns its rendered Markdown, and what its print and review pages need
    /// ([`EditionJob::whole_course`], after `serve` got the edited pages).
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
        let templates = match templates {
            Ok(templates) => {
                let fresh = templates.render_all(
                    &pages,
                    self.outputs,
                    self.diagnostics,
                    self.lessons.as_deref_mut(),
                    &mut self.deferred,
                );
                self.fresh.extend(fresh);
                Some(templates)
            }
            Err(problem) => {
                self.diagnostics.push(problem);
                None
            }
        };
        self.timings.templates += compile_templates + started.elapsed();
        let rest = EditionPages {
            site,
            links,
            templates,
            renamed,
            page_cache,
        };
        (pages, rest)
    }

    /// Puts the HTML of the lesson pages taken from the previous render into the outputs (see
    /// `Templates::render_all`).
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
