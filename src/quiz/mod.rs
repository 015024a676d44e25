//! Quiz blocks: parses a fenced `quiz` block into a question and the view its templates render.
//!
//! Flow: attributes of the fence line ([`attrs`]) → top-level parts of the body ([`scan`]) →
//! question model with every build-time check ([`parse`], [`build`], [`answers`]) → the view the
//! theme's quiz templates render ([`view`], its Markdown through [`fragments`]). The `render` module
//! offers quiz blocks to [`render`] through the Markdown stage's fenced-block hook and renders the
//! view; the answer key travels as JSON next to the markup, and `quiz-grade.js` grades it.

mod answers;
mod attrs;
mod build;
mod fragments;
mod parse;
#[cfg(test)]
mod properties;
mod scan;
mod shape;
mod source;
mod view;

use crate::diagnostic::{Diagnostic, LineIndex};
pub use crate::markdown::Question;
use crate::markdown::{PageInput, PageLink};
pub use answers::Gap;
#[cfg(test)]
pub(crate) use parse::gap_marker;
pub use source::{SourceAnswer, SourceOption, SourceQuiz, StemPart, read_source, stem_parts};
pub use view::{AnswerView, GapView, ItemView, OptionView, PairView, QuizView, StemPiece};

/// Most pairs in a match question: every row is a drop-down of every right side, so its markup
/// grows with pairs × right sides (10,000 pairs once made a 4 GB page).
pub const MAX_MATCH_PAIRS: usize = 20;
/// Most choices in one drop-down: a dropdown gap, or the right sides of a match question.
pub const MAX_CHOICES: usize = 50;

/// Whether a `= answer` line holding `text` would be read as a number (or refused as one written
/// with a decimal comma) unless the block says `type=text`.
pub fn looks_like_number(text: &str) -> bool {
    answers::number(text).is_ok() || answers::comma_decimal(text)
}

/// The first word of a quiz block's info string: ```` ```quiz id=… ````.
pub const FENCE_WORD: &str = "quiz";

/// A fenced quiz block as found by the Markdown stage.
pub struct Block<'a> {
    /// The info string after `quiz` (`id=x type=text`).
    pub attributes: &'a str,
    /// File column of the first character of `attributes`.
    pub attributes_column: usize,
    /// The block's content.
    pub body: &'a str,
    /// File line of the opening fence.
    pub fence_line: usize,
    /// The page the block is on (path, language, links, highlighter…).
    pub page: &'a PageInput<'a>,
}

/// What a block shows: the question's view, or the block as code when it has errors.
#[derive(Debug, PartialEq)]
pub enum Markup {
    Question(Box<QuizView>),
    /// Highlighted HTML of the block's source.
    Code(String),
}

/// What a block shows, its question if it parsed, and its problems.
pub struct CompiledQuiz {
    pub markup: Markup,
    pub question: Option<Question>,
    pub diagnostics: Vec<Diagnostic>,
    /// Links inside the question's Markdown (their anchors are checked with the page's).
    pub links: Vec<PageLink>,
}

/// Parses `block` into the view of its question; a block with errors is shown as code and yields
/// no question.
pub fn compile_quiz(block: &Block) -> CompiledQuiz {
    let mut problems = Problems::new(block);
    if let Some(offset) = unclosed_before_another(block) {
        let message = format!(
            "a new `quiz` block starts here, but the one opened on line {} is not closed: end it with its fence line before this one (it would take this question in and never score it)",
            block.fence_line
        );
        problems.at(offset, message);
        return CompiledQuiz {
            markup: Markup::Code(block.page.highlighter.block("markdown", block.body)),
            question: None,
            diagnostics: problems.list,
            links: Vec::new(),
        };
    }
    let attrs = attrs::parse(block.attributes, block.attributes_column, &mut problems);
    let parsed = parse::parse(block.body, &attrs, &mut problems);
    let answer = match &parsed.answer {
        Some(answer) if !problems.has_errors() => answer,
        _ => {
            return CompiledQuiz {
                markup: Markup::Code(block.page.highlighter.block("markdown", block.body)),
                question: None,
                diagnostics: problems.list,
                links: Vec::new(),
            };
        }
    };
    let kind = view::kind_name(answer);
    warn_useless(&attrs, kind, &mut problems);
    let (id, column) = match &attrs.id {
        Some(id) => (id.value.clone(), id.column),
        None => {
            let id = derived_id(block.page.lesson_id, &parsed.stem_text);
            let message = format!(
                "question has no `id`; it gets `{id}`, which changes when its text changes and loses learners' progress: add `id=...` to the fence line"
            );
            problems.warn_fence(1, message);
            (id, 1)
        }
    };
    let question = Question {
        id,
        points: attrs.points.unwrap_or(1),
        kind,
        line: block.fence_line,
        column,
        shape: shape::shape(answer),
    };
    let mut diagnostics = problems.list;
    let (view, links) = view::build(block, &question, &attrs, &parsed, answer, &mut diagnostics);
    CompiledQuiz {
        markup: Markup::Question(Box::new(view)),
        question: Some(question),
        diagnostics,
        links,
    }
}

fn warn_useless(attrs: &attrs::Attrs, kind: &str, problems: &mut Problems) {
    if let Some(fold) = &attrs.fold
        && !matches!(kind, "text" | "gaps")
    {
        problems.warn_fence(fold.column, "`fold` only affects text answers and gaps");
    }
    if let Some(shuffle) = &attrs.shuffle
        && !matches!(kind, "single" | "multiple" | "order" | "match")
    {
        let message = "`shuffle` only affects options, order and match questions";
        problems.warn_fence(shuffle.column, message);
    }
}

/// The body offset of a `quiz` fence line inside `block` that would have closed it but for its
/// info string: the block was left open and swallowed the next quiz.
fn unclosed_before_another(block: &Block) -> Option<usize> {
    let first = block.fence_line.checked_sub(block.page.line_offset + 1)?;
    let opening = fence_of(block.page.text.lines().nth(first)?)?;
    let mut offset = 0;
    for line in block.body.split_inclusive('\n') {
        if let Some((marker, info)) = fence_of(line).map(|f| (f, &line.trim_start()[f.len()..]))
            && marker.starts_with(opening)
            && info.split_whitespace().next() == Some(FENCE_WORD)
        {
            return Some(offset + line.len() - line.trim_start().len());
        }
        offset += line.len();
    }
    None
}

/// The run of backticks or tildes (at least three) a fence line starts with.
fn fence_of(line: &str) -> Option<&str> {
    let trimmed = line.trim_start_matches(' ');
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.len() - trimmed.trim_start_matches(c).len();
    (len >= 3 && line.len() - trimmed.len() < 4).then(|| &trimmed[..len])
}

/// A stable id from the lesson id and the stem's text: `<lesson>-q<8 hex digits>`.
fn derived_id(lesson_id: &str, stem_text: &str) -> String {
    let lesson: String = lesson_id
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => c,
            _ => '-',
        })
        .collect();
    let hash = fnv1a(&crate::fold::lower(stem_text));
    if lesson.is_empty() {
        format!("q{hash:08x}")
    } else {
        format!("{lesson}-q{hash:08x}")
    }
}

/// 32-bit FNV-1a: a small stable hash (ids and the build-time order of order questions).
pub(crate) fn fnv1a(text: &str) -> u32 {
    crate::fingerprint::fnv1a_32(text.bytes())
}

/// Collects the diagnostics of one block, mapping body offsets to `.md` lines.
pub(crate) struct Problems<'a> {
    path: &'a str,
    fence_line: usize,
    lines: LineIndex<'a>,
    pub list: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    fn new(block: &Block<'a>) -> Self {
        Problems {
            path: block.page.path,
            fence_line: block.fence_line,
            lines: LineIndex::new(block.body),
            list: Vec::new(),
        }
    }

    /// An error on the fence line at `column`.
    pub fn at_fence(&mut self, column: usize, message: impl Into<String>) {
        let d = Diagnostic::error(self.path, self.fence_line, column, message);
        self.list.push(d);
    }

    /// A warning on the fence line at `column`.
    pub fn warn_fence(&mut self, column: usize, message: impl Into<String>) {
        let d = Diagnostic::warning(self.path, self.fence_line, column, message);
        self.list.push(d);
    }

    /// An error at byte `offset` of the body.
    pub fn at(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = self.lines.position(offset);
        let d = Diagnostic::error(self.path, self.fence_line + line, column, message);
        self.list.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }
}
