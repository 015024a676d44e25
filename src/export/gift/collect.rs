//! Finds every quiz block of a course in its authored form: each lesson's Markdown goes through
//! the Markdown stage with a fenced-block hook that reads quiz blocks instead of rendering them,
//! so the export sees exactly the blocks the site shows.

use crate::highlight::Highlighter;
use crate::links::LinkMap;
use crate::markdown::{self, FencedBlock, FencedBlocks, PageInput, Replacement};
use crate::model::{Course, Lesson, Site};
use crate::quiz::{self, SourceQuiz};
use std::sync::Mutex;

/// The questions of one lesson, in page order.
pub struct LessonQuizzes<'s> {
    pub lesson: &'s Lesson,
    pub quizzes: Vec<SourceQuiz>,
}

/// Reads quiz blocks and leaves everything else to the Markdown stage.
#[derive(Default)]
struct Reader {
    found: Mutex<Vec<SourceQuiz>>,
}

impl FencedBlocks for Reader {
    fn replace(&self, block: &FencedBlock) -> Option<Replacement> {
        if block.language != quiz::FENCE_WORD {
            return None;
        }
        let source = quiz::read_source(&quiz::Block {
            attributes: block.attributes,
            attributes_column: block.attributes_column,
            body: block.body,
            fence_line: block.fence_line,
            page: block.page,
        });
        if let Some(source) = source {
            self.found
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(source);
        }
        Some(Replacement::default())
    }
}

/// Every module of `course` with its lessons' questions.
pub fn course_quizzes<'s>(site: &Site, course: &'s Course) -> Vec<Vec<LessonQuizzes<'s>>> {
    let links = LinkMap::new(site);
    let highlighter = Highlighter::new();
    course
        .modules
        .iter()
        .map(|module| {
            module
                .lessons
                .iter()
                .map(|lesson| {
                    let reader = Reader::default();
                    markdown::render_page(&PageInput {
                        text: &lesson.source.body,
                        path: &lesson.source.path,
                        line_offset: lesson.source.line_offset,
                        url: &lesson.url,
                        language: course.language,
                        ui: &site.ui,
                        lesson_id: &lesson.id,
                        links: &links,
                        highlighter: &highlighter,
                        fenced: Some(&reader),
                        raw_html: site.config.markdown.raw_html,
                        renamed_anchors: None,
                        pictures: None,
                    });
                    let quizzes = reader.found.into_inner().unwrap_or_else(|e| e.into_inner());
                    LessonQuizzes { lesson, quizzes }
                })
                .collect()
        })
        .collect()
}
