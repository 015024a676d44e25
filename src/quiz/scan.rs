//! Quiz body scanning: splits the Markdown of a quiz block into its top-level parts (text, hint
//! lines, `=` answer lines, task lists, plain lists) with their byte ranges in the body.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// What a top-level part of the body is.
#[derive(Debug, PartialEq)]
pub enum Part {
    /// Markdown that belongs to the stem or the explanation.
    Text,
    /// A `[[?]] text` line; the range covers the text after the marker.
    Hint,
    /// A `= answer` line; the range covers the answer after `=`.
    Answer,
    /// A list whose items start with `[ ]` or `[x]`.
    Choices(Vec<Item>),
    /// Any other list (the answer of order and match questions when it is the last one).
    List(Vec<Item>),
}

/// One top-level part with its range in the body.
#[derive(Debug)]
pub struct Segment {
    pub part: Part,
    pub range: Range<usize>,
}

/// An item of a top-level list.
#[derive(Debug, Default, PartialEq)]
pub struct Item {
    /// Start of the item (its list marker).
    pub start: usize,
    /// The item's own content: after the list and task markers, before any feedback blockquote.
    pub content: Range<usize>,
    /// `Some(checked)` when the item starts with a task marker.
    pub task: Option<bool>,
    /// A blockquote directly inside the item (an option's feedback).
    pub feedback: Option<Range<usize>>,
    /// Columns of indentation of the item's continuation lines.
    pub indent: usize,
}

/// The parts of a body and the ranges of its code (where `[[...]]` is not a gap).
#[derive(Debug, Default)]
pub struct Scan {
    pub segments: Vec<Segment>,
    pub code: Vec<Range<usize>>,
}

/// Scans `body` into its top-level parts, in order.
pub fn scan(body: &str) -> Scan {
    let mut scan = Scan::default();
    let mut depth = 0usize;
    let mut top: Option<(Tag, Range<usize>)> = None;
    let mut items: Vec<Item> = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::commonmark::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    top = Some((tag.clone(), range.clone()));
                    items.clear();
                }
                start_nested(&tag, depth, body, &range, &mut items);
                if matches!(tag, Tag::CodeBlock(_)) {
                    scan.code.push(range);
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some((tag, range)) = top.take() {
                        close_top(&mut scan, body, &tag, range, std::mem::take(&mut items));
                    }
                } else if end == TagEnd::Item && depth == 1 {
                    finish_item(body, items.last_mut());
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = items.last_mut()
                    && item.task.is_none()
                    && depth <= 3
                    && body[item.content.start..range.start].trim().is_empty()
                {
                    item.task = Some(checked);
                    item.content.start = skip_spaces(body, range.end);
                }
            }
            Event::Code(_) => scan.code.push(range),
            Event::Rule | Event::Html(_) if depth == 0 => scan.segments.push(Segment {
                part: Part::Text,
                range: trim_range(body, range),
            }),
            _ => {}
        }
    }
    scan
}

/// Records items of a top-level list and blockquotes directly inside them.
fn start_nested(tag: &Tag, depth: usize, body: &str, range: &Range<usize>, items: &mut Vec<Item>) {
    match tag {
        Tag::Item if depth == 1 => {
            let (content, indent) = after_list_marker(body, range.start);
            items.push(Item {
                start: range.start,
                content: content..range.end,
                indent,
                ..Item::default()
            });
        }
        Tag::BlockQuote(_) if depth == 2 => {
            if let Some(item) = items.last_mut() {
                item.feedback.get_or_insert(range.clone());
            }
        }
        _ => {}
    }
}

fn finish_item(body: &str, item: Option<&mut Item>) {
    let Some(item) = item else { return };
    if let Some(feedback) = &item.feedback {
        item.content.end = feedback.start.max(item.content.start);
    }
    item.content = trim_range(body, item.content.clone());
}

fn close_top(scan: &mut Scan, body: &str, tag: &Tag, range: Range<usize>, items: Vec<Item>) {
    let range = trim_range(body, range);
    match tag {
        Tag::Paragraph => paragraph_lines(scan, body, range),
        Tag::List(_) if items.iter().any(|i| i.task.is_some()) => scan.segments.push(Segment {
            part: Part::Choices(items),
            range,
        }),
        Tag::List(_) => scan.segments.push(Segment {
            part: Part::List(items),
            range,
        }),
        _ => scan.segments.push(Segment {
            part: Part::Text,
            range,
        }),
    }
}

/// Splits a paragraph into hint lines, answer lines and runs of ordinary text lines.
fn paragraph_lines(scan: &mut Scan, body: &str, range: Range<usize>) {
    let mut text: Option<Range<usize>> = None;
    let mut start = range.start;
    for line in body[range.clone()].split_inclusive('\n') {
        let end = start + line.trim_end().len();
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        let special = if let Some(rest) = trimmed.strip_prefix("[[?]]") {
            Some((Part::Hint, end - rest.trim_start().len()))
        } else {
            trimmed
                .strip_prefix('=')
                .map(|rest| (Part::Answer, end - rest.trim_start().len()))
        };
        match special {
            Some((part, from)) => {
                if let Some(run) = text.take() {
                    scan.segments.push(Segment {
                        part: Part::Text,
                        range: run,
                    });
                }
                let from = from.max(start + lead);
                scan.segments.push(Segment {
                    part,
                    range: from..end,
                });
            }
            None => {
                let run = text.get_or_insert(start + lead..end);
                run.end = end;
            }
        }
        start += line.len();
    }
    if let Some(run) = text {
        scan.segments.push(Segment {
            part: Part::Text,
            range: run,
        });
    }
}

/// Offset just after `- `, `* `, `1. ` at `start`, and the item's content indentation in columns.
fn after_list_marker(body: &str, start: usize) -> (usize, usize) {
    let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &body[start..];
    let marker = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')))
        .unwrap_or(rest.len());
    let content = skip_spaces(body, start + marker);
    (content, body[line_start..content].chars().count())
}

fn skip_spaces(body: &str, from: usize) -> usize {
    let rest = &body[from..];
    from + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

fn trim_range(body: &str, range: Range<usize>) -> Range<usize> {
    let text = &body[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.start + text.trim_end().len();
    start..end.max(start)
}

/// `text` (the source of an item or blockquote) with continuation lines de-indented by `indent`
/// columns and, when `quote` is set, the `>` markers removed.
pub fn dedent(text: &str, indent: usize, quote: bool) -> String {
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let mut line = line;
        if i > 0 {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            line = &line[spaces.min(indent)..];
        }
        if quote && let Some(rest) = line.strip_prefix('>') {
            line = rest.strip_prefix(' ').unwrap_or(rest);
        }
        out.push_str(line);
    }
    out
}
