//! Quiz blocks in pages: the Markdown stage's fenced-block hook that parses ```` ```quiz ````
//! blocks (`crate::quiz`) and renders each question's view through the theme's quiz templates.

use super::templates::Templates;
use crate::markdown::{FencedBlock, FencedBlocks, Replacement};
use crate::quiz::{self, Markup};

/// Replaces `quiz` blocks by their question's markup; other blocks stay code.
pub struct QuizBlocks<'t> {
    /// `None` when the theme's templates do not compile (that error is reported once, elsewhere):
    /// blocks are still checked, and shown as nothing.
    templates: Option<&'t Templates<'t>>,
}

impl<'t> QuizBlocks<'t> {
    pub fn new(templates: Option<&'t Templates<'t>>) -> Self {
        QuizBlocks { templates }
    }
}

impl FencedBlocks for QuizBlocks<'_> {
    fn replace(&self, block: &FencedBlock) -> Option<Replacement> {
        if block.language != quiz::FENCE_WORD {
            return None;
        }
        let rendered = quiz::compile_quiz(&quiz::Block {
            attributes: block.attributes,
            attributes_column: block.attributes_column,
            body: block.body,
            fence_line: block.fence_line,
            page: block.page,
        });
        let mut diagnostics = rendered.diagnostics;
        let html = match (rendered.markup, self.templates) {
            (Markup::Code(html), _) => html,
            (Markup::Question(view), Some(templates)) => {
                match templates.quiz(&view, block.page.language) {
                    Ok(html) => html,
                    Err(problem) => {
                        diagnostics.push(problem);
                        String::new()
                    }
                }
            }
            (Markup::Question(_), None) => String::new(),
        };
        Some(Replacement {
            html,
            diagnostics,
            links: rendered.links,
            question: rendered.question,
        })
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_located;
#[cfg(test)]
mod tests_snapshots;
