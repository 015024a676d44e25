//! Quiz answer building: turns the answer part of a body (options, order or match list, `=` lines,
//! gaps) into an [`Answer`], checking that it has a correct answer and is not ambiguous.

use super::Problems;
use super::answers::{self, Gap, NumberError};
use super::attrs::{Attrs, Kind};
use super::parse::{Answer, Choice, Fragment};
use super::scan::{self, Item, Part, Segment};
use super::{MAX_CHOICES, MAX_MATCH_PAIRS};
use pulldown_cmark::{Event, Parser};
use std::collections::{HashMap, HashSet};

fn contradiction(attrs: &Attrs, body_is: &str, p: &mut Problems) {
    if let Some(kind) = &attrs.kind {
        let message = format!("`type` contradicts the body, which is {body_is}");
        p.at_fence(kind.column, message);
    }
}

pub fn answer(body: &str, span: &[Segment], attrs: &Attrs, p: &mut Problems) -> Option<Answer> {
    match &span[0].part {
        Part::Choices(items) => choices(body, items, &span[0], attrs, p),
        Part::List(items) if attrs.kind.as_ref().is_some_and(|k| k.value == Kind::Order) => {
            order(body, items, &span[0], p)
        }
        Part::List(items) => matching(body, items, &span[0], p),
        _ => typed_lines(body, span, attrs, p),
    }
}

fn choices(
    body: &str,
    items: &[Item],
    list: &Segment,
    attrs: &Attrs,
    p: &mut Problems,
) -> Option<Answer> {
    let mut options = Vec::new();
    let mut seen = HashSet::new();
    for item in items {
        let content = item_fragment(body, item);
        if item.task.is_none() {
            p.at(
                item.start,
                "option without `[ ]` or `[x]`: every item of an option list needs one",
            );
        } else if content.text.trim().is_empty() {
            p.at(item.start, "empty option");
        } else if !seen.insert(normalized(&plain(&content.text))) {
            p.at(
                item.start,
                format!("duplicate option `{}`", plain(&content.text)),
            );
        }
        let feedback = item.feedback.clone().map(|r| Fragment {
            text: scan::dedent(&body[r.clone()], item.indent, true),
            offset: r.start,
        });
        options.push(Choice {
            content,
            feedback,
            correct: item.task == Some(true),
        });
    }
    let correct = options.iter().filter(|o| o.correct).count();
    if correct == 0 {
        p.at(
            list.range.start,
            "no correct option: mark the right answer with `- [x]`",
        );
    }
    match attrs.kind.as_ref().map(|k| k.value) {
        Some(Kind::Single) if correct > 1 => {
            contradiction(attrs, "multiple choice (several `[x]`)", p)
        }
        Some(Kind::Text | Kind::Number) => contradiction(attrs, "a list of options", p),
        _ => {}
    }
    let multiple = correct > 1
        || attrs
            .kind
            .as_ref()
            .is_some_and(|k| k.value == Kind::Multiple);
    Some(Answer::Choices { options, multiple })
}

fn order(body: &str, items: &[Item], list: &Segment, p: &mut Problems) -> Option<Answer> {
    if items.len() < 2 {
        p.at(
            list.range.start,
            "an order question needs at least two items",
        );
    }
    let mut seen = HashSet::new();
    let mut result = Vec::new();
    for item in items {
        let fragment = item_fragment(body, item);
        if fragment.text.trim().is_empty() {
            p.at(item.start, "empty item");
        } else if !seen.insert(normalized(&plain(&fragment.text))) {
            p.at(
                item.start,
                format!(
                    "duplicate item `{}`: the order would be ambiguous",
                    plain(&fragment.text)
                ),
            );
        }
        result.push(fragment);
    }
    Some(Answer::Order(result))
}

fn matching(body: &str, items: &[Item], list: &Segment, p: &mut Problems) -> Option<Answer> {
    let mut rights: Vec<String> = Vec::new();
    let mut right_index: HashMap<String, usize> = HashMap::new();
    let mut lefts = Vec::new();
    let mut seen = HashSet::new();
    for item in items {
        let fragment = item_fragment(body, item);
        let Some((left, right)) = fragment.text.split_once("->") else {
            p.at(
                item.start,
                "match item without `->`: write `left -> right` (or `-> right` for a distractor)",
            );
            continue;
        };
        let right = plain(right)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if right.is_empty() {
            p.at(item.start, "match item has nothing after `->`");
            continue;
        }
        let index = *right_index.entry(normalized(&right)).or_insert_with(|| {
            rights.push(right.clone());
            rights.len() - 1
        });
        let key = normalized(&plain(left));
        if key.is_empty() {
            continue;
        }
        if !seen.insert(key) {
            p.at(item.start, format!("duplicate left side `{}`", plain(left)));
        }
        let left = Fragment {
            text: left.trim_end().to_string(),
            offset: fragment.offset,
        };
        lefts.push((left, index));
    }
    if lefts.is_empty() && !items.is_empty() {
        p.at(
            list.range.start,
            "a match question needs at least one `left -> right` item",
        );
    }
    match_caps(lefts.len(), rights.len(), list, p);
    let mut sorted: Vec<usize> = (0..rights.len()).collect();
    sorted.sort_by_cached_key(|&i| crate::fold::fold(&rights[i]));
    let mut shown_at = vec![0; rights.len()];
    for (position, &i) in sorted.iter().enumerate() {
        shown_at[i] = position;
    }
    let pairs = lefts
        .into_iter()
        .map(|(left, i)| (left, shown_at[i]))
        .collect();
    let rights = sorted.into_iter().map(|i| rights[i].clone()).collect();
    Some(Answer::Match { pairs, rights })
}

/// Every row of a match question is a drop-down listing every right side, so its markup grows
/// with pairs × right sides: both are capped.
fn match_caps(pairs: usize, rights: usize, list: &Segment, p: &mut Problems) {
    if pairs > MAX_MATCH_PAIRS {
        p.at(
            list.range.start,
            format!(
                "match question has {pairs} pairs (at most {MAX_MATCH_PAIRS}): each row lists every right side, so split it into several match questions of at most {MAX_MATCH_PAIRS} pairs"
            ),
        );
    }
    if rights > MAX_CHOICES {
        p.at(
            list.range.start,
            format!(
                "match question has {rights} different right sides (at most {MAX_CHOICES}, distractors included): each row lists every one of them, so drop distractors or split the question"
            ),
        );
    }
}

fn typed_lines(body: &str, span: &[Segment], attrs: &Attrs, p: &mut Problems) -> Option<Answer> {
    let kind = attrs.kind.as_ref().map(|k| k.value);
    if matches!(kind, Some(Kind::Single | Kind::Multiple)) {
        contradiction(attrs, "`=` answers, not options", p);
    }
    let mut texts = Vec::new();
    let mut numbers = Vec::new();
    for segment in span.iter().filter(|s| s.part == Part::Answer) {
        let text = body[segment.range.clone()].trim().to_string();
        if text.is_empty() {
            p.at(segment.range.start, "empty answer after `=`");
            continue;
        }
        match answers::number(&text) {
            Ok(n) => numbers.push((n, text.clone())),
            Err(NumberError::Malformed) if kind != Some(Kind::Text) => p.at(
                segment.range.start,
                format!(
                    "malformed number or tolerance `{text}`: write `3.5 ± 0.1` or `3.5 +- 0.1`"
                ),
            ),
            Err(_) if kind.is_none() && answers::comma_decimal(&text) => p.at(
                segment.range.start,
                format!(
                    "`{text}` would be a text answer: write the number with a decimal point (`{}`; learners may still type a comma) or add `type=text`",
                    text.replace(',', ".")
                ),
            ),
            Err(_) if kind == Some(Kind::Number) => p.at(
                segment.range.start,
                format!("`{text}` is not a number (write it with a decimal point: `3.5`)"),
            ),
            Err(_) => {}
        }
        texts.push(text);
    }
    if kind != Some(Kind::Text) && !texts.is_empty() && numbers.len() == texts.len() {
        Some(Answer::Number(numbers))
    } else {
        Some(Answer::Text(texts))
    }
}

pub fn gaps_answer(gaps: Vec<Gap>, attrs: &Attrs, p: &mut Problems) -> Option<Answer> {
    contradiction(attrs, "a text with gaps `[[...]]`", p);
    Some(Answer::Gaps(gaps))
}

/// The item's own Markdown (after its markers) with continuation lines de-indented.
fn item_fragment(body: &str, item: &Item) -> Fragment {
    Fragment {
        text: scan::dedent(&body[item.content.clone()], item.indent, false),
        offset: item.content.start,
    }
}

/// The readable text of a Markdown snippet (no markup; raw HTML kept as text, as pages show it).
pub fn plain(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, crate::commonmark::options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Lowercase NFC with inner spaces collapsed: how duplicate options are detected.
fn normalized(text: &str) -> String {
    crate::fold::lower(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
