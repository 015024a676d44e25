//! Renders one language edition of the site (Markdown, page templates, print and review pages)
//! into the shared outputs, taking what `serve`'s [`super::Reuse`] kept from the previous render.

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
    pub(super) lessons: &'a mut templates::LessonPages,
    /// The lesson pages made anew (not taken from `lessons`).
    pub(super) fresh: &'a mut Vec<String>,
}

impl EditionJob<'_> {
    /// Renders the pages of `site` (one language's edition) into the outputs: Markdown, page
    /// templates, the print and review pages; returns its rendered Markdown.
    pub(super) fn render(&mut self, site: &Site, links: &LinkMap) -> Pages {
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
        match &templates {
            Ok(templates) => {
                let fresh =
                    templates.render_all(&pages, self.outputs, self.diagnostics, self.lessons);
                self.fresh.extend(fresh);
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
