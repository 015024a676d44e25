//! The lesson pages: each rendered anew, or taken from the last render when what its template
//! reads is unchanged (`serve`), before any other page.

use super::{LessonPages, PageResult, Templates};
use crate::markdown::RenderedPage;
use crate::model::{Course, Lesson};
use crate::output::Outputs;
use crate::render::Pages;
use crate::render::lesson_outline::LessonOutline;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The lesson pages of one edition as [`Templates::render_lessons`] made them, before
/// [`Templates::render_rest`] puts them into the outputs.
pub struct RenderedLessons {
    /// Each lesson page, or its template's problem; empty when taken from the last render.
    pub(super) results: Vec<PageResult>,
    /// The URLs of the lesson pages rendered anew.
    pub fresh: Vec<String>,
    /// The URLs of the lesson pages taken from the last render.
    pub(super) deferred: Vec<String>,
    /// Whether every page rendered anew was one the last render made, rendered again only for
    /// its Markdown, with the same questions: then no other page reads anything new of them.
    pub others_unchanged: bool,
}

impl RenderedLessons {
    /// The HTML of the lesson page at `url`, if it rendered.
    pub fn html(&self, url: &str) -> Option<&str> {
        self.results.iter().find_map(|result| match result {
            Ok((page, _, html)) if page == url => Some(html.as_str()),
            _ => None,
        })
    }
}

/// Whether two renders of a page hold the same questions (id and points), as the course outline
/// script lists them.
fn same_questions(old: &RenderedPage, new: &RenderedPage) -> bool {
    let key = |page: &RenderedPage| -> Vec<(String, u32)> {
        page.questions
            .iter()
            .map(|q| (q.id.clone(), q.points))
            .collect()
    };
    key(old) == key(new)
}

impl Templates<'_> {
    /// Renders every lesson page, taking from `reused` each one whose template would read the
    /// same (and leaving every lesson page there for the next render). The pages go into the
    /// outputs with [`Templates::render_rest`], after `serve` may have shown the ones made anew.
    /// Without `reused` (a build, not `serve`) no page is kept.
    pub fn render_lessons(
        &self,
        pages: &Pages,
        mut reused: Option<&mut LessonPages>,
    ) -> RenderedLessons {
        let reading_orders: Vec<(&Course, Vec<InOrder>, u64)> = self
            .site
            .courses
            .iter()
            .map(|course| (course, reading_order(course), self.course_reads(course)))
            .collect();
        let lesson_pages: Vec<(&Course, &[InOrder], usize, u64)> = reading_orders
            .iter()
            .flat_map(|(course, lessons, reads)| {
                (0..lessons.len()).map(move |i| (*course, lessons.as_slice(), i, *reads))
            })
            .collect();
        let mut previous = reused
            .as_deref_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let keep = reused.is_some();
        let lessons: Vec<(PageResult, Option<u64>)> = lesson_pages
            .par_iter()
            .map(|&(course, lessons, i, course_reads)| {
                let lesson = lessons[i].lesson;
                let Some(page) = pages.lessons.get(&lesson.url) else {
                    let empty = RenderedPage::default();
                    return (
                        self.render_page(self.lesson_page(course, lessons, i, &empty)),
                        None,
                    );
                };
                let reads = self.lesson_reads(lessons, i, course_reads);
                let same = |(r, p, _): &&(u64, Arc<RenderedPage>, String)| {
                    *r == reads && Arc::ptr_eq(p, page)
                };
                match previous.get(&lesson.url).filter(same) {
                    Some(_) => (
                        Ok((lesson.url.clone(), self.lesson_owner(lesson), String::new())),
                        None,
                    ),
                    None => (
                        self.render_page(self.lesson_page(course, lessons, i, page)),
                        Some(reads),
                    ),
                }
            })
            .collect();
        let mut made = RenderedLessons {
            results: Vec::with_capacity(lessons.len()),
            fresh: Vec::new(),
            deferred: Vec::new(),
            others_unchanged: true,
        };
        // A page taken from `previous` is kept as it was; one rendered anew (`reads` set) is kept
        // with what its template read.
        for ((_, order, i, _), (result, reads)) in lesson_pages.iter().zip(lessons) {
            let url = &order[*i].lesson.url;
            let page = pages.lessons.get(url);
            made.others_unchanged &= page.is_some();
            if let (Some(page), Some(reads)) = (page, reads) {
                let before = previous.get(url);
                made.others_unchanged &=
                    before.is_some_and(|(r, old, _)| *r == reads && same_questions(old, page));
            }
            let kept = match (page, &result, reads) {
                (Some(page), Ok((_, _, html)), Some(reads)) if keep => {
                    Some((reads, page.clone(), html.clone()))
                }
                (Some(_), Ok(_), None) => previous.remove(url),
                _ => None,
            };
            if page.is_none() || reads.is_some() {
                made.fresh.push(url.clone());
            } else if kept.is_some() {
                made.deferred.push(url.clone());
            }
            if let (Some(reused), Some(kept)) = (reused.as_deref_mut(), kept) {
                reused.insert(url.clone(), kept);
            }
            made.results.push(result);
        }
        // Pages of the other language editions, rendered by their own `Templates`.
        if let Some(reused) = reused {
            for (url, kept) in previous {
                reused.entry(url).or_insert(kept);
            }
        }
        made
    }
}

/// A lesson in the course's reading order, with the title of its module.
#[derive(Clone)]
pub(super) struct InOrder<'a> {
    pub(super) lesson: &'a Lesson,
    pub(super) module_slug: &'a str,
    pub(super) module_title: Option<&'a str>,
    /// Where the lesson is: its module's index in the course, its own in the module.
    module: usize,
    position: usize,
    /// The course outline as the lesson's page shows it (links relative to the page's folder):
    /// made once per folder and window ([`LessonOutline::window_of`]), which is all it depends
    /// on, and shared by those pages (a tera value clones by reference), so pages do not each
    /// rebuild an outline as long as the course. Made when a page first needs it: `serve`
    /// renders few pages again.
    outline: Arc<OnceLock<tera::Value>>,
}

impl InOrder<'_> {
    /// The outline beside this lesson in `course` (see [`InOrder::outline`]).
    pub(super) fn outline(&self, course: &Course) -> tera::Value {
        let (m, l, url) = (self.module, self.position, &self.lesson.url);
        let made = || tera::Value::from_serializable(&LessonOutline::new(course, m, l, url));
        self.outline.get_or_init(made).clone()
    }
}

fn reading_order(course: &Course) -> Vec<InOrder<'_>> {
    let mut outlines: HashMap<_, Arc<OnceLock<tera::Value>>> = HashMap::new();
    let mut lessons = Vec::new();
    for (m, module) in course.modules.iter().enumerate() {
        for (l, lesson) in module.lessons.iter().enumerate() {
            let folder = lesson.url.rsplit_once('/').map_or("", |(folder, _)| folder);
            let key = (folder, LessonOutline::window_of(course, m, l));
            lessons.push(InOrder {
                lesson,
                module_slug: &module.slug,
                module_title: module.title.as_deref(),
                module: m,
                position: l,
                outline: outlines.entry(key).or_default().clone(),
            });
        }
    }
    lessons
}

/// Puts into `outputs` the HTML of each lesson page at `deferred` that
/// [`Templates::render_lessons`] took from `reused` and [`Templates::render_rest`] added empty
/// (unless another file won its path).
pub fn fill_deferred(outputs: &mut Outputs, reused: &LessonPages, deferred: &[String]) {
    for url in deferred {
        if let Some((_, _, html)) = reused.get(url) {
            outputs.fill(url, html.as_bytes());
        }
    }
}
