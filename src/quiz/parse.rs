//! Quiz parsing: turns the scanned parts of a quiz body into a question (stem, hints, answer,
//! explanation), reporting every way it could be unanswerable or ambiguous.

use super::Problems;
use super::answers::{self, Gap, Number};
use super::attrs::{At, Attrs, Kind};
use super::build::{answer, gaps_answer};
use super::scan::{self, Part, Segment};

/// Markdown source of one part of the question and the body offset where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Fragment {
    pub text: String,
    pub offset: usize,
}

/// An option of a choice question.
#[derive(Debug, PartialEq)]
pub struct Choice {
    pub content: Fragment,
    pub feedback: Option<Fragment>,
    pub correct: bool,
}

/// The answer part of a question.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Choices {
        options: Vec<Choice>,
        multiple: bool,
    },
    Text(Vec<String>),
    /// Accepted numbers with the text the author wrote.
    Number(Vec<(Number, String)>),
    /// Items in the correct order.
    Order(Vec<Fragment>),
    /// Left sides with the index of their right side in `rights` (plain text, distractors included).
    Match {
        pairs: Vec<(Fragment, usize)>,
        rights: Vec<String>,
    },
    Gaps(Vec<Gap>),
}

/// A parsed question; `answer` is `None` when the block has errors.
#[derive(Debug, PartialEq)]
pub struct Parsed {
    pub stem: Vec<Fragment>,
    pub hints: Vec<Fragment>,
    pub answer: Option<Answer>,
    pub explanation: Vec<Fragment>,
    /// The stem's source with spaces collapsed (derived ids hash it).
    pub stem_text: String,
}

/// Opens and closes the marker of a gap inside stem Markdown (private-use characters that
/// Markdown keeps as they are); the marker is replaced by the gap's control after rendering.
pub const GAP_OPEN: char = '\u{E000}';
pub const GAP_CLOSE: char = '\u{E001}';

/// Marks gap `n` inside stem Markdown.
pub fn gap_marker(n: usize) -> String {
    format!("{GAP_OPEN}{n}{GAP_CLOSE}")
}

/// Parses `body` given its attributes; problems go to `p`.
pub fn parse(body: &str, attrs: &Attrs, p: &mut Problems) -> Parsed {
    let scan = scan::scan(body);
    let segments = &scan.segments;
    let span = answer_span(segments, attrs, p);
    let mut gaps = Vec::new();
    let mut stem = Vec::new();
    let mut explanation = Vec::new();
    let mut stem_text = String::new();
    let all_gaps = answers::find_gaps(body, &scan.code);
    // `all_gaps` is in body order, so the gaps of a segment are one slice of it.
    let gaps_in = |range: &std::ops::Range<usize>| {
        let from = all_gaps.partition_point(|g| g.start < range.start);
        let to = all_gaps.partition_point(|g| g.start < range.end);
        &all_gaps[from..to.max(from)]
    };
    let last_gap_segment = segments
        .iter()
        .enumerate()
        .filter(|(i, s)| is_text(*i, s, span) && !gaps_in(&s.range).is_empty())
        .map(|(i, _)| i)
        .next_back();
    for (i, segment) in segments.iter().enumerate() {
        if !is_text(i, segment, span) {
            continue;
        }
        let in_stem = match span {
            Some((start, _)) => i < start,
            None => last_gap_segment.is_none_or(|last| i <= last),
        };
        let range = segment.range.clone();
        let found = gaps_in(&range);
        if in_stem {
            stem_text.push_str(&body[range.clone()]);
            stem_text.push(' ');
        }
        let mut text = String::new();
        let mut from = range.start;
        for found in found {
            if span.is_some() {
                p.at(
                    found.start,
                    "gaps `[[...]]` cannot be combined with options or `=` answers",
                );
                continue;
            }
            match &found.gap {
                Ok(gap) => {
                    text.push_str(&body[from..found.start]);
                    text.push_str(&gap_marker(gaps.len()));
                    gaps.push(gap.clone());
                    from = found.end;
                }
                Err(message) => p.at(found.start, message),
            }
        }
        text.push_str(&body[from..range.end]);
        let fragment = Fragment {
            text,
            offset: range.start,
        };
        if in_stem { &mut stem } else { &mut explanation }.push(fragment);
    }
    let hints = hints(body, segments, p);
    let answer = match span {
        Some((start, end)) => answer(body, &segments[start..=end], attrs, p),
        None if !gaps.is_empty() => gaps_answer(gaps, attrs, p),
        None => {
            // `type=order` and `type=match` have already said they need a list, and refused
            // gaps have said why; otherwise a block without answers must not vanish silently.
            let list_kind = attrs
                .kind
                .as_ref()
                .is_some_and(|k| matches!(k.value, Kind::Order | Kind::Match));
            if !list_kind && (all_gaps.is_empty() || !p.has_errors()) {
                p.at_fence(1, "quiz has no answers: add options (`- [x]`), `= answer` lines or gaps `[[answer]]`");
            }
            None
        }
    };
    if stem.iter().all(|f| f.text.trim().is_empty()) {
        p.at_fence(
            1,
            "quiz has an empty stem: write the question before its answers",
        );
    }
    Parsed {
        stem,
        hints,
        answer: answer.filter(|_| !p.has_errors()),
        explanation,
        stem_text: stem_text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Text parts and plain lists that are not the answer are Markdown of the stem or explanation.
fn is_text(i: usize, segment: &Segment, span: Option<(usize, usize)>) -> bool {
    match segment.part {
        Part::Text => true,
        Part::List(_) => span != Some((i, i)),
        _ => false,
    }
}

/// Indices of the first and last segments holding the answer, when there is one.
fn answer_span(segments: &[Segment], attrs: &Attrs, p: &mut Problems) -> Option<(usize, usize)> {
    let choices: Vec<usize> = indices(segments, |s| matches!(s, Part::Choices(_)));
    let lines: Vec<usize> = indices(segments, |s| *s == Part::Answer);
    let list = indices(segments, |s| matches!(s, Part::List(_))).pop();
    if let Some(At {
        value: kind @ (Kind::Order | Kind::Match),
        column,
    }) = attrs.kind
    {
        let name = if kind == Kind::Order {
            "order"
        } else {
            "match"
        };
        if !choices.is_empty() || !lines.is_empty() {
            p.at_fence(column, format!("`type={name}` contradicts the body: it has options or `=` answers; write a plain list"));
            return None;
        }
        if list.is_none() {
            p.at_fence(
                column,
                format!("`type={name}` needs a list (the last list of the block) as its answer"),
            );
        }
        return list.map(|l| (l, l));
    }
    if let Some(&first) = choices.first() {
        if let Some(&second) = choices.get(1) {
            p.at(
                segments[second].range.start,
                "a question has one list of options; this is a second one",
            );
        }
        if let Some(&line) = lines.first() {
            p.at(
                segments[line].range.start,
                "`=` answers cannot be mixed with options (`- [ ]`)",
            );
        }
        return Some((first, first));
    }
    Some((*lines.first()?, *lines.last()?))
}

fn indices(segments: &[Segment], test: impl Fn(&Part) -> bool) -> Vec<usize> {
    (0..segments.len())
        .filter(|&i| test(&segments[i].part))
        .collect()
}

fn hints(body: &str, segments: &[Segment], p: &mut Problems) -> Vec<Fragment> {
    let mut hints = Vec::new();
    for segment in segments.iter().filter(|s| s.part == Part::Hint) {
        if segment.range.is_empty() {
            p.at(
                segment.range.start,
                "empty hint: write the hint after `[[?]]`",
            );
        }
        hints.push(Fragment {
            text: body[segment.range.clone()].to_string(),
            offset: segment.range.start,
        });
    }
    hints
}
