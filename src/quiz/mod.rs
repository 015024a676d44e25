//! Quiz blocks: parses a fenced `quiz` block into a question and renders its markup.
//!
//! (Interface placeholder while the quiz parser is written: the block is shown as code.)

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::highlight::Highlighter;
use crate::links::LinkMap;
use serde::Serialize;

/// A fenced quiz block as found by the Markdown stage.
pub struct Block<'a> {
    /// The info string after `quiz` (`id=x type=text`).
    pub attributes: &'a str,
    /// The block's content.
    pub body: &'a str,
    pub path: &'a str,
    /// File line of the opening fence.
    pub fence_line: usize,
    pub lesson_id: &'a str,
    pub language: Language,
    pub links: &'a LinkMap,
    pub url: &'a str,
    pub highlighter: &'a Highlighter,
}

/// One question as the runtime and the progress store see it.
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub id: String,
    pub points: u32,
}

/// The markup of a block, its question if it parsed, and its problems.
pub struct Rendered {
    pub html: String,
    pub question: Option<Question>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn render(block: &Block) -> Rendered {
    Rendered {
        html: block.highlighter.block("markdown", block.body),
        question: None,
        diagnostics: Vec::new(),
    }
}
