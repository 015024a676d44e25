//! A quiz block as its author wrote it (Markdown stem, options, feedback, explanation, answer
//! key in plain values), for exporters that carry questions to other formats (`khoa export`).
//!
//! Built from the same parse as the page's question, so an exported question can never disagree
//! with the one learners answer on the site.

use super::answers::Gap;
use super::parse::{self, Answer, Fragment, GAP_CLOSE, GAP_OPEN};
use super::{Block, Problems, attrs};

/// One question in its authored form.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceQuiz {
    /// The `id=` attribute, or the id the page derives from the stem.
    pub id: String,
    pub points: u32,
    /// `fold=true`: tone marks and `đ` are ignored when grading text.
    pub fold: bool,
    /// `false` when the author wrote `shuffle=false`.
    pub shuffle: bool,
    /// File line of the opening fence.
    pub line: usize,
    /// The stem's Markdown; gap `n` of a gap question is written [`gap_marker`]`(n)`.
    pub stem: String,
    /// Markdown of each hint.
    pub hints: Vec<String>,
    /// Markdown of the explanation (maybe empty).
    pub explanation: String,
    pub answer: SourceAnswer,
}

/// The answer part of a question, plain values only.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceAnswer {
    Choices {
        options: Vec<SourceOption>,
        /// Check boxes (`type=multiple` or several right options) rather than radio buttons.
        multiple: bool,
    },
    /// Accepted texts.
    Text(Vec<String>),
    /// Accepted numbers as (value, tolerance).
    Number(Vec<(f64, f64)>),
    /// Items' Markdown in the right order.
    Order(Vec<String>),
    /// Left Markdown → right plain text, and right sides that match no left side.
    Match {
        pairs: Vec<(String, String)>,
        distractors: Vec<String>,
    },
    Gaps(Vec<Gap>),
}

/// An option of a choice question.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceOption {
    /// Inline Markdown.
    pub text: String,
    /// Markdown shown after choosing it.
    pub feedback: Option<String>,
    pub correct: bool,
}

/// Splits a stem with gaps into text and gap numbers: `Là ⟨0⟩.` → `[Text("Là "), Gap(0), Text(".")]`.
#[derive(Clone, Debug, PartialEq)]
pub enum StemPart<'a> {
    Text(&'a str),
    Gap(usize),
}

/// The stem of a gap question cut at its gap markers.
pub fn stem_parts(stem: &str) -> Vec<StemPart<'_>> {
    let mut parts = Vec::new();
    let mut rest = stem;
    while let Some(open) = rest.find(GAP_OPEN) {
        let after = &rest[open + GAP_OPEN.len_utf8()..];
        let Some((number, tail)) = after
            .split_once(GAP_CLOSE)
            .and_then(|(n, tail)| Some((n.parse().ok()?, tail)))
        else {
            break;
        };
        parts.push(StemPart::Text(&rest[..open]));
        parts.push(StemPart::Gap(number));
        rest = tail;
    }
    parts.push(StemPart::Text(rest));
    parts
}

/// The authored form of `block`, or `None` when it has errors (the page reports them).
pub fn read_source(block: &Block) -> Option<SourceQuiz> {
    let mut problems = Problems::new(block);
    let attrs = attrs::parse(block.attributes, block.attributes_column, &mut problems);
    let parsed = parse::parse(block.body, &attrs, &mut problems);
    let answer = parsed.answer.as_ref().filter(|_| !problems.has_errors())?;
    let id = match &attrs.id {
        Some(id) => id.value.clone(),
        None => super::derived_id(block.page.lesson_id, &parsed.stem_text),
    };
    Some(SourceQuiz {
        id,
        points: attrs.points.unwrap_or(1),
        fold: attrs.fold.as_ref().is_some_and(|f| f.value),
        shuffle: attrs.shuffle.as_ref().is_none_or(|s| s.value),
        line: block.fence_line,
        stem: joined(&parsed.stem),
        hints: parsed.hints.iter().map(|h| h.text.clone()).collect(),
        explanation: joined(&parsed.explanation),
        answer: source_answer(answer),
    })
}

fn source_answer(answer: &Answer) -> SourceAnswer {
    match answer {
        Answer::Choices { options, multiple } => SourceAnswer::Choices {
            options: options
                .iter()
                .map(|o| SourceOption {
                    text: o.content.text.trim().to_string(),
                    feedback: o.feedback.as_ref().map(|f| f.text.trim().to_string()),
                    correct: o.correct,
                })
                .collect(),
            multiple: *multiple,
        },
        Answer::Text(texts) => SourceAnswer::Text(texts.clone()),
        Answer::Number(numbers) => SourceAnswer::Number(
            numbers
                .iter()
                .map(|(n, _)| (n.value, n.tolerance))
                .collect(),
        ),
        Answer::Order(items) => {
            SourceAnswer::Order(items.iter().map(|f| f.text.trim().to_string()).collect())
        }
        Answer::Match { pairs, rights } => {
            let used: Vec<usize> = pairs.iter().map(|(_, r)| *r).collect();
            SourceAnswer::Match {
                pairs: pairs
                    .iter()
                    .map(|(left, r)| (left.text.trim().to_string(), rights[*r].clone()))
                    .collect(),
                distractors: (0..rights.len())
                    .filter(|i| !used.contains(i))
                    .map(|i| rights[i].clone())
                    .collect(),
            }
        }
        Answer::Gaps(gaps) => SourceAnswer::Gaps(gaps.clone()),
    }
}

/// Fragments of one part (the stem, the explanation) as one Markdown text.
fn joined(fragments: &[Fragment]) -> String {
    let texts: Vec<&str> = fragments
        .iter()
        .map(|f| f.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    texts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::Highlighter;
    use crate::links::LinkMap;
    use crate::markdown::PageInput;

    fn with_block<T>(attributes: &str, body: &str, f: impl Fn(&Block) -> T) -> T {
        let links = LinkMap::default();
        let highlighter = Highlighter::new();
        let page = PageInput::standalone("", &links, &highlighter);
        f(&Block {
            attributes,
            attributes_column: 9,
            body,
            fence_line: 3,
            page: &page,
        })
    }

    #[test]
    fn reads_the_authored_markdown_of_every_part() {
        let body = "Chọn **một**.\n\n- [ ] A\n  > Không.\n- [x] B\n\nVì B.\n";
        let quiz = with_block("id=q points=2", body, read_source).unwrap();
        assert_eq!((quiz.id.as_str(), quiz.points), ("q", 2));
        assert_eq!(quiz.stem, "Chọn **một**.");
        assert_eq!(quiz.explanation, "Vì B.");
        let SourceAnswer::Choices { options, multiple } = quiz.answer else {
            panic!("choices")
        };
        assert!(!multiple);
        assert_eq!(options[0].feedback.as_deref(), Some("Không."));
        assert!(options[1].correct && !options[0].correct);
    }

    #[test]
    fn match_keeps_distractors_and_gaps_keep_their_places() {
        let body = "Ghép.\n\n- 113 -> Công an\n- -> Cứu hỏa\n";
        let quiz = with_block("id=m type=match", body, read_source).unwrap();
        assert_eq!(
            quiz.answer,
            SourceAnswer::Match {
                pairs: vec![("113".into(), "Công an".into())],
                distractors: vec!["Cứu hỏa".into()],
            }
        );
        let gaps = with_block("id=g fold=true", "Là [[A|a]] và [[1|(2)]].\n", read_source).unwrap();
        assert!(gaps.fold);
        let parts = stem_parts(&gaps.stem);
        assert_eq!(
            parts,
            [
                StemPart::Text("Là "),
                StemPart::Gap(0),
                StemPart::Text(" và "),
                StemPart::Gap(1),
                StemPart::Text(".")
            ]
        );
    }

    #[test]
    fn a_block_with_errors_has_no_source() {
        assert_eq!(with_block("id=x", "Câu?\n", read_source), None);
    }
}
