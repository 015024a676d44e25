//! The whole course at once: each course's lessons rendered once more, at the URL of
//! `<course>/print.html`, with their quiz blocks in printed form (room to answer, numbered, the
//! answer key collected for the end) and in their usual markup for `<course>/review.html`.
//!
//! A course of more than [`FULL_COURSE`] lessons prints one module per page instead, so that no
//! page grows with the course: `print.html` is then an index of the modules, and each module's
//! lessons, questions (numbered from 1) and key are on `print-<module>.html` beside it
//! ([`Course::print_module_url`]); the modules render in parallel, each page's questions in
//! reading order.
//!
//! Rendering at a print page's URL makes every relative link and image right from the course
//! folder, where all these pages live. The review page gets its questions from one classic script per
//! course (`_khoa/review/<course>.js`, `KhoaReview[<course id>] = [[lesson id, title, url,
//! [[question id, markup], …]], …]`), so it works from `file://` and lesson pages carry nothing
//! of it. Problems in the Markdown were reported by the first rendering; this one drops them.

use super::MarkdownJob;
use super::lesson_outline::FULL_COURSE;
use super::page_cache::{PrintForm, PrintedQuiz};
use super::templates::{
    self, PageResult, PrintedLesson, PrintedModule, PrintedQuestion, Templates,
};
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape::script_json;
use crate::links::relative_url;
use crate::markdown::{self, FencedBlock, FencedBlocks, PageInput, Replacement};
use crate::model::{Course, Module};
use crate::output::{Outputs, Owner, STATIC_PREFIX};
use crate::quiz::{self, Markup};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;

/// Output path of a course's review script, relative to the site root.
pub fn review_data_path(course: &Course) -> String {
    format!("{STATIC_PREFIX}review/{}.js", course.slug)
}

/// The modules of `course` that print each on its own page, with that page's output path; none
/// when the course prints whole on `print.html` (at most [`FULL_COURSE`] lessons). A module
/// without lessons has nothing to print.
pub fn module_print_pages(course: &Course) -> Vec<(&Module, String)> {
    if course.lessons().count() <= FULL_COURSE {
        return Vec::new();
    }
    course
        .modules
        .iter()
        .filter(|m| !m.lessons.is_empty())
        .map(|m| (m, course.print_module_url(m)))
        .collect()
}

/// Adds every course's print pages and review script to `outputs`. When the site already has an
/// error nothing will be written, so they are left empty rather than rendered (a huge broken
/// question is not parsed twice); their paths are still claimed, so a collision is reported.
pub(super) fn render(
    job: &MarkdownJob,
    templates: &Templates,
    outputs: &mut Outputs,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let rendered: Vec<_> = job
        .site
        .courses
        .par_iter()
        .map(|course| {
            let made = if failed {
                (claimed(course), String::new())
            } else {
                whole_course(job, templates, course)
            };
            (course, made)
        })
        .collect();
    for (course, (pages, review)) in rendered {
        for page in pages {
            match page {
                Ok((url, owner, html)) => diagnostics.extend(outputs.add(url, owner, html)),
                Err(problem) => diagnostics.push(problem),
            }
        }
        let owner = Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's review questions",
        };
        diagnostics.extend(outputs.add(review_data_path(course), owner, review));
    }
}

/// The print pages of `course`, empty: their paths claimed, nothing rendered.
fn claimed(course: &Course) -> Vec<PageResult> {
    let index = (course.print_url(), templates::print_owner(course));
    let modules = module_print_pages(course)
        .into_iter()
        .map(|(_, url)| (url, templates::print_module_owner(course)));
    std::iter::once(index)
        .chain(modules)
        .map(|(url, owner)| Ok((url, owner, String::new())))
        .collect()
}

/// A question met on the way through the course.
struct Found {
    lesson: String,
    id: String,
    /// Its usual markup, for the review page.
    markup: String,
    /// Its entry in the answer key.
    key: String,
}

/// The quiz hook of the second rendering: printed questions, and what the key and review need.
struct CourseQuizzes<'t> {
    templates: &'t Templates<'t>,
    found: Mutex<Vec<Found>>,
}

impl FencedBlocks for CourseQuizzes<'_> {
    fn replace(&self, block: &FencedBlock) -> Option<Replacement> {
        if block.language != quiz::FENCE_WORD {
            return None;
        }
        let compiled = quiz::compile_quiz(&quiz::Block {
            attributes: block.attributes,
            attributes_column: block.attributes_column,
            body: block.body,
            fence_line: block.fence_line,
            page: block.page,
        });
        let html = match compiled.markup {
            Markup::Code(html) => html,
            Markup::Question(view) => {
                let language = block.page.language;
                let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
                let number = found.len() + 1;
                let printed = self.templates.print_quiz(&view, language, number);
                let markup = self.templates.quiz(&view, language);
                match (printed, markup) {
                    (Ok((question, key)), Ok(markup)) => {
                        found.push(Found {
                            lesson: block.page.lesson_id.to_string(),
                            id: view.id.clone(),
                            markup,
                            key,
                        });
                        question
                    }
                    // The first rendering reported the template's problem.
                    _ => String::new(),
                }
            }
        };
        Some(Replacement {
            html,
            ..Replacement::default()
        })
    }
}

/// The print pages of `course` (one, or the index and a page per module) and its review script.
fn whole_course(
    job: &MarkdownJob,
    templates: &Templates,
    course: &Course,
) -> (Vec<PageResult>, String) {
    let modules = module_print_pages(course);
    if modules.is_empty() {
        let url = course.print_url();
        let printed = print_lessons(job, templates, course, &url, &course.modules);
        let page = templates.print_page(course, &printed.lessons, &printed.key);
        return (vec![page], review_script(course, &printed.found));
    }
    let listed: Vec<PrintedModule> = modules
        .iter()
        .map(|(module, url)| PrintedModule {
            title: (module.title.as_ref())
                .unwrap_or(&module.lessons[0].title)
                .clone(),
            href: relative_url(&course.print_url(), url),
            lessons: module.lessons.len(),
            url: url.clone(),
        })
        .collect();
    let printed: Vec<(PageResult, Vec<Found>)> = modules
        .par_iter()
        .zip(&listed)
        .map(|((module, url), listing)| {
            let lessons = std::slice::from_ref(*module);
            let printed = print_lessons(job, templates, course, url, lessons);
            let page = templates.print_module_page(course, listing, &printed.lessons, &printed.key);
            (page, printed.found)
        })
        .collect();
    let mut pages = vec![templates.print_index_page(course, &listed)];
    let mut found = Vec::new();
    for (page, questions) in printed {
        pages.push(page);
        found.extend(questions);
    }
    (pages, review_script(course, &found))
}

/// What one print page holds: its lessons, its answer key, and the questions met on the way (for
/// the review script).
struct Printed {
    lessons: Vec<PrintedLesson>,
    key: Vec<PrintedQuestion>,
    found: Vec<Found>,
}

/// The lessons of `modules` printed on the page at `url`, its questions numbered from 1 in
/// reading order.
fn print_lessons(
    job: &MarkdownJob,
    templates: &Templates,
    course: &Course,
    url: &str,
    modules: &[Module],
) -> Printed {
    let hook = CourseQuizzes {
        templates,
        found: Mutex::new(Vec::new()),
    };
    let job = MarkdownJob {
        fenced: &hook,
        ..*job
    };
    let mut lessons = Vec::new();
    for module in modules {
        for (i, lesson) in module.lessons.iter().enumerate() {
            let page = job.page(course, &lesson.source, url, &lesson.id);
            let html = print_form(&job, &hook, &page);
            let apart = format!("l{}", lessons.len() + 1);
            lessons.push(PrintedLesson {
                title: lesson.title.clone(),
                module_title: module.title.clone().filter(|_| i == 0),
                html: ids_apart(&html, &apart),
            });
        }
    }
    let mut found = hook.found.into_inner().unwrap_or_else(|e| e.into_inner());
    // The key entries move to the key: the review script reads only ids and markup.
    let key = found
        .iter_mut()
        .enumerate()
        .map(|(i, f)| PrintedQuestion {
            number: i + 1,
            html: std::mem::take(&mut f.key),
        })
        .collect();
    Printed {
        lessons,
        key,
        found,
    }
}

/// The HTML of `page` in print form through the page cache; its questions join `hook`'s
/// (numbered on from those of the lessons before it) whether rendered now or read from the cache.
fn print_form(job: &MarkdownJob, hook: &CourseQuizzes, page: &PageInput) -> String {
    let found = |hook: &CourseQuizzes| hook.found.lock().unwrap_or_else(|e| e.into_inner()).len();
    let before = found(hook);
    let mut rendered_now = false;
    let form = job.page_cache.print_form(page, before + 1, || {
        rendered_now = true;
        let html = markdown::render_page(page).html;
        let found = hook.found.lock().unwrap_or_else(|e| e.into_inner());
        let questions = found[before..]
            .iter()
            .map(|f| PrintedQuiz {
                id: f.id.clone(),
                markup: f.markup.clone(),
                key: f.key.clone(),
            })
            .collect();
        PrintForm { html, questions }
    });
    let PrintForm { html, questions } = form;
    if !rendered_now {
        let mut found = hook.found.lock().unwrap_or_else(|e| e.into_inner());
        found.extend(questions.into_iter().map(|quiz| Found {
            lesson: page.lesson_id.to_string(),
            id: quiz.id,
            markup: quiz.markup,
            key: quiz.key,
        }));
    }
    html
}

/// `KhoaReview[<course id>]`: the course's questions by lesson, in reading order.
fn review_script(course: &Course, found: &[Found]) -> String {
    let mut by_lesson: HashMap<&str, Vec<&Found>> = HashMap::new();
    for f in found {
        by_lesson.entry(f.lesson.as_str()).or_default().push(f);
    }
    // Borrowed tuples serialise as the same arrays as `json!` values, without copying every
    // question's markup into a value first (tens of MB for a course of 10,000 lessons).
    type Questions<'f> = Vec<(&'f str, &'f str)>;
    let lessons: Vec<(&str, &str, &str, Questions)> = course
        .lessons()
        .filter_map(|lesson| {
            let questions: Questions = by_lesson
                .get(lesson.id.as_str())
                .into_iter()
                .flatten()
                .map(|f| (f.id.as_str(), f.markup.as_str()))
                .collect();
            let (id, title, url) = (
                lesson.id.as_str(),
                lesson.title.as_str(),
                lesson.url.as_str(),
            );
            (!questions.is_empty()).then_some((id, title, url, questions))
        })
        .collect();
    // `script_json(&lessons)`, the lessons' elements made in parallel a chunk at a time (the
    // questions' markup is some MB on a large course, 44 MB at 10,000 lessons) and each chunk
    // copied into the script before the next is made, so only one chunk is ever held twice.
    let mut script = format!(
        "(self.KhoaReview=self.KhoaReview||{{}})[{}]=[",
        script_json(&course.id)
    );
    for (n, chunk) in lessons.chunks(REVIEW_LESSONS_AT_ONCE).enumerate() {
        let elements: Vec<String> = chunk.par_iter().map(script_json).collect();
        for (i, element) in elements.iter().enumerate() {
            if n > 0 || i > 0 {
                script.push(',');
            }
            script.push_str(element);
        }
    }
    script.push_str("];\n");
    script.shrink_to_fit();
    script
}

/// Lessons whose review elements are made at once (see `review_script`).
const REVIEW_LESSONS_AT_ONCE: usize = 256;

/// `html` with the ids it defines and the `#fragment` links inside it moved apart by `prefix`,
/// so that the lessons of one page never share an id. khoa's own ids (`_khoa…`) stay: question
/// ids are unique within a course. khoa writes every attribute double-quoted, and a `"` in text
/// is always escaped, so these markers only ever start an attribute.
fn ids_apart(html: &str, prefix: &str) -> String {
    // Where each value starts, in order: the two markers never overlap, so one pass does both.
    let bytes = html.as_bytes();
    let ids = memchr::memmem::find_iter(bytes, b" id=\"").map(|at| at + 5);
    let links = memchr::memmem::find_iter(bytes, b" href=\"#").map(|at| at + 8);
    let mut starts: Vec<usize> = ids.chain(links).collect();
    starts.sort_unstable();
    let mut out = String::with_capacity(html.len() + starts.len() * (prefix.len() + 1));
    let mut done = 0;
    for start in starts {
        let value = &html[start..];
        let value_end = value.find('"').unwrap_or(value.len());
        if !value.starts_with(crate::markdown::RESERVED_ID_PREFIX) && value_end > 0 {
            out.push_str(&html[done..start]);
            out.push_str(prefix);
            out.push('-');
            done = start;
        }
    }
    out.push_str(&html[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::ids_apart;

    #[test]
    fn ids_and_fragment_links_move_apart_but_khoas_own_stay() {
        let html = r##"<h2 id="a">A</h2><p><a href="#a">x</a> <a href="b.html#c">y</a> <sup id="_khoa-x"></sup> <a href="#">top</a> <code> id=&quot;z&quot;</code></p>"##;
        assert_eq!(
            ids_apart(html, "l2"),
            r##"<h2 id="l2-a">A</h2><p><a href="#l2-a">x</a> <a href="b.html#c">y</a> <sup id="_khoa-x"></sup> <a href="#">top</a> <code> id=&quot;z&quot;</code></p>"##
        );
    }
}
