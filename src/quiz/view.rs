//! What the theme's quiz templates see: a parsed question with its Markdown already rendered to
//! HTML, authors' plain text left for the templates to escape, and the answer key for `quiz.js`.
//!
//! The markup itself lives in `themes/default/templates/quiz/`, which also lists the CSS classes
//! themes may style; the `render` module renders this view through those templates.

use super::answers::Gap;
use super::attrs::Attrs;
use super::build::plain;
use super::fragments::Fragments;
use super::parse::{Answer, Fragment, GAP_CLOSE, GAP_OPEN, Parsed};
use super::{Block, Question, fnv1a};
use crate::diagnostic::Diagnostic;
use crate::markdown::PageLink;
use serde::Serialize;
use serde_json::{Value, json};

/// One question, as `quiz` in the quiz templates. Strings documented as HTML are written with
/// `| safe`; every other string is authors' plain text, which the templates escape.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuizView {
    /// The question id; element ids are `_khoa-q-<id>` (the question), `_khoa-s-<id>` (its stem),
    /// `_khoa-o<n>-<id>` (an option), `_khoa-l<n>-<id>` (a match row), `_khoa-i-<id>` (a text box).
    pub id: String,
    /// `single`, `multiple`, `text`, `number`, `order`, `match` or `gaps`.
    pub kind: &'static str,
    pub points: u32,
    /// Whether `quiz.js` shuffles options, items and right sides.
    pub shuffle: bool,
    /// The stem (HTML); empty for gap questions, whose stem is `answer.stem`.
    pub stem: String,
    pub answer: AnswerView,
    /// Hints (HTML each).
    pub hints: Vec<String>,
    /// The explanation shown with the answer (HTML, maybe empty).
    pub explanation: String,
    /// The answer key `quiz-grade.js` grades with; the renderer writes it as script-safe JSON.
    #[serde(skip)]
    pub key: Value,
}

/// The answer part of a question; which fields it has depends on `kind`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerView {
    /// `single` and `multiple`.
    Choices { options: Vec<OptionView> },
    /// `text` and `number`: the accepted answers as written.
    Typed { accepted: Vec<String> },
    /// `order`: the items as shown (never in the right order) and the right order (HTML each).
    Order {
        shown: Vec<ItemView>,
        in_order: Vec<String>,
    },
    /// `match`: the left sides with their right side, and every right side (distractors too).
    Match {
        pairs: Vec<PairView>,
        rights: Vec<String>,
    },
    /// `gaps`: the stem cut at its gaps, and the gaps in order.
    Gaps {
        stem: Vec<StemPiece>,
        gaps: Vec<GapView>,
    },
}

/// An option of a choice question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionView {
    /// Inline HTML.
    pub text: String,
    /// Shown after a wrong check (HTML).
    pub feedback: Option<String>,
    pub correct: bool,
}

/// An item of an order question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemView {
    /// Its place in the right order (what `quiz.js` reports).
    pub index: usize,
    /// Inline HTML.
    pub text: String,
    /// Plain text, for the move buttons' labels.
    pub name: String,
}

/// A row of a match question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairView {
    /// Inline HTML.
    pub left: String,
    /// The right side that belongs to it (plain text).
    pub right: String,
}

/// HTML of a gap question's stem up to a gap (or its end), and the gap that follows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StemPiece {
    pub html: String,
    pub gap: Option<GapView>,
}

/// A gap: a text box or a drop-down.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "control", rename_all = "lowercase")]
pub enum GapView {
    /// A text box wide enough for its longest answer (`size`, 4 to 24 characters).
    Blank {
        index: usize,
        size: usize,
        accepted: Vec<String>,
    },
    /// A drop-down: its choices and the index of the right one.
    Choice {
        index: usize,
        choices: Vec<String>,
        correct: usize,
    },
}

/// The `type` a parsed answer has in the page data.
pub fn kind_name(answer: &Answer) -> &'static str {
    match answer {
        Answer::Choices {
            multiple: false, ..
        } => "single",
        Answer::Choices { multiple: true, .. } => "multiple",
        Answer::Text(_) => "text",
        Answer::Number(_) => "number",
        Answer::Order(_) => "order",
        Answer::Match { .. } => "match",
        Answer::Gaps(_) => "gaps",
    }
}

/// The view of one question and the links inside its Markdown.
pub fn build(
    block: &Block,
    question: &Question,
    attrs: &Attrs,
    parsed: &Parsed,
    answer: &Answer,
    diagnostics: &mut Vec<Diagnostic>,
) -> (QuizView, Vec<PageLink>) {
    let mut fragments = Fragments::new(block, diagnostics);
    let fold = attrs.fold.as_ref().is_some_and(|f| f.value);
    let stem = fragments.all(&parsed.stem);
    let (answer, mut key) = answer_view(&mut fragments, &question.id, answer, fold, &stem);
    key["type"] = json!(question.kind);
    let view = QuizView {
        id: question.id.clone(),
        kind: question.kind,
        points: question.points,
        shuffle: attrs.shuffle.as_ref().is_none_or(|s| s.value),
        stem: if matches!(answer, AnswerView::Gaps { .. }) {
            String::new()
        } else {
            stem
        },
        answer,
        hints: parsed.hints.iter().map(|h| fragments.html(h)).collect(),
        explanation: fragments.all(&parsed.explanation),
        key,
    };
    (view, fragments.links)
}

/// (answer view, answer key) of each type.
fn answer_view(
    fragments: &mut Fragments,
    id: &str,
    answer: &Answer,
    fold: bool,
    stem: &str,
) -> (AnswerView, Value) {
    match answer {
        Answer::Choices { options, .. } => {
            let options: Vec<OptionView> = options
                .iter()
                .map(|option| OptionView {
                    text: fragments.inline(&option.content),
                    feedback: option.feedback.as_ref().map(|f| fragments.html(f)),
                    correct: option.correct,
                })
                .collect();
            let correct: Vec<usize> = (0..options.len()).filter(|&i| options[i].correct).collect();
            (
                AnswerView::Choices { options },
                json!({ "correct": correct }),
            )
        }
        Answer::Text(answers) => {
            let accepted = answers.clone();
            let key = json!({ "answers": answers, "fold": fold });
            (AnswerView::Typed { accepted }, key)
        }
        Answer::Number(numbers) => {
            let accepted = numbers.iter().map(|(_, text)| text.clone()).collect();
            let key: Vec<[f64; 2]> = numbers
                .iter()
                .map(|(n, _)| [n.value, n.tolerance])
                .collect();
            (AnswerView::Typed { accepted }, json!({ "numbers": key }))
        }
        Answer::Order(items) => order_view(fragments, id, items),
        Answer::Match { pairs, rights } => {
            let correct: Vec<usize> = pairs.iter().map(|(_, right)| *right).collect();
            let pairs: Vec<PairView> = pairs
                .iter()
                .map(|(left, right)| PairView {
                    left: fragments.inline(left),
                    right: rights[*right].clone(),
                })
                .collect();
            let rights = rights.clone();
            (
                AnswerView::Match { pairs, rights },
                json!({ "correct": correct }),
            )
        }
        Answer::Gaps(gaps) => gaps_view(gaps, stem, fold),
    }
}

fn order_view(fragments: &mut Fragments, id: &str, items: &[Fragment]) -> (AnswerView, Value) {
    let in_order: Vec<String> = items.iter().map(|f| fragments.inline(f)).collect();
    // Seeded with the question's former element id so that shown orders stay as published.
    let shown = shown_order(&format!("quiz-{id}"), items.len())
        .into_iter()
        .map(|index| ItemView {
            index,
            text: in_order[index].clone(),
            name: plain(&items[index].text),
        })
        .collect();
    let key = json!({ "count": items.len() });
    (AnswerView::Order { shown, in_order }, key)
}

/// A fixed permutation of `0..n` derived from the question id, never the correct order (n > 1).
fn shown_order(id: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = fnv1a(id) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        order.swap(i, state as usize % (i + 1));
    }
    if n > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// Gap questions: the stem itself is the form, each marker standing for a text box or a drop-down.
fn gaps_view(gaps: &[Gap], stem: &str, fold: bool) -> (AnswerView, Value) {
    let mut key = Vec::with_capacity(gaps.len());
    let mut views = Vec::with_capacity(gaps.len());
    for (index, gap) in gaps.iter().enumerate() {
        let view = match gap {
            Gap::Blank(answers) => {
                key.push(json!({ "answers": answers }));
                let longest = answers.iter().map(|a| a.chars().count()).max();
                GapView::Blank {
                    index,
                    size: longest.unwrap_or(4).clamp(4, 24),
                    accepted: answers.clone(),
                }
            }
            Gap::Choice { choices, correct } => {
                key.push(json!({ "choice": correct }));
                GapView::Choice {
                    index,
                    choices: choices.clone(),
                    correct: *correct,
                }
            }
        };
        views.push(view);
    }
    let stem = split_at_gaps(stem, &views);
    let key = json!({ "gaps": key, "fold": fold });
    (AnswerView::Gaps { stem, gaps: views }, key)
}

/// The stem cut at each gap marker, in one pass; a marker naming no gap stays as it is.
fn split_at_gaps(stem: &str, gaps: &[GapView]) -> Vec<StemPiece> {
    let mut pieces = Vec::with_capacity(gaps.len() + 1);
    let mut html = String::new();
    let mut rest = stem;
    while let Some(open) = rest.find(GAP_OPEN) {
        let after = &rest[open + GAP_OPEN.len_utf8()..];
        let close = after.find(GAP_CLOSE);
        let gap = close
            .and_then(|close| after[..close].parse::<usize>().ok())
            .and_then(|n| gaps.get(n));
        match (gap, close) {
            (Some(gap), Some(close)) => {
                html.push_str(&rest[..open]);
                let gap = Some(gap.clone());
                pieces.push(StemPiece {
                    html: std::mem::take(&mut html),
                    gap,
                });
                rest = &after[close + GAP_CLOSE.len_utf8()..];
            }
            _ => {
                html.push_str(&rest[..open + GAP_OPEN.len_utf8()]);
                rest = after;
            }
        }
    }
    html.push_str(rest);
    pieces.push(StemPiece { html, gap: None });
    pieces
}
