//! The importer's view of Markdown (its pulldown-cmark home): where link and image destinations,
//! raw-HTML `src`/`href` values, code blocks and code spans are in a chapter's source.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag};
use std::ops::Range;

/// A fenced or indented code block: its whole source range and its info string.
#[derive(Debug, PartialEq)]
pub struct CodeBlock {
    pub range: Range<usize>,
    pub info: String,
    pub fenced: bool,
}

/// Where things are in one Markdown text.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Byte ranges of link, image, reference-definition and raw-HTML `src`/`href` destinations.
    pub destinations: Vec<Range<usize>>,
    pub code_blocks: Vec<CodeBlock>,
    pub code_spans: Vec<Range<usize>>,
}

impl Scanned {
    /// Whether byte `offset` is inside a code block or code span.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code_blocks.iter().any(|b| b.range.contains(&offset))
            || self.code_spans.iter().any(|r| r.contains(&offset))
    }
}

/// Scans `markdown`.
pub fn scan(markdown: &str) -> Scanned {
    let mut scanned = Scanned::default();
    let parser = Parser::new_ext(markdown, crate::commonmark::options());
    let mut iter = parser.into_offset_iter();
    for (event, range) in iter.by_ref() {
        match event {
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. })
                if link_type == LinkType::Inline =>
            {
                let source = &markdown[range.clone()];
                if let Some(open) = source.rfind("](") {
                    let from = range.start + open + 2;
                    scanned.destinations.extend(raw_destination(markdown, from));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => scanned.code_blocks.push(CodeBlock {
                range,
                fenced: matches!(kind, CodeBlockKind::Fenced(_)),
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                },
            }),
            Event::Code(_) => scanned.code_spans.push(range),
            Event::Html(_) | Event::InlineHtml(_) => {
                html_destinations(markdown, range, &mut scanned.destinations);
            }
            _ => {}
        }
    }
    for (_, definition) in iter.reference_definitions().iter() {
        let source = &markdown[definition.span.clone()];
        if let Some(colon) = source.find("]:") {
            let from = definition.span.start + colon + 2;
            scanned.destinations.extend(raw_destination(markdown, from));
        }
    }
    scanned.destinations.sort_by_key(|r| r.start);
    scanned.destinations.dedup();
    scanned
}

/// The destination token starting at `from` (after spaces): `<...>` or up to a space or `)`.
fn raw_destination(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = &text[from..];
    let start = from + (rest.len() - rest.trim_start().len());
    let rest = &text[start..];
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        return Some(start + 1..start + 1 + end);
    }
    let mut depth = 0usize;
    let mut end = rest.len();
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    (end > 0).then(|| start..start + end)
}

/// Values of `src=` and `href=` attributes inside raw HTML at `range`.
fn html_destinations(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let html = &text[range.clone()];
    let lower = html.to_ascii_lowercase();
    for name in ["src=", "href="] {
        for (at, _) in lower.match_indices(name) {
            let before = lower[..at].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let value = at + name.len();
            let rest = &html[value..];
            let (start, len) = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => (value + 1, rest[1..].find(quote)),
                Some(_) => (value, rest.find(|c: char| c.is_whitespace() || c == '>')),
                None => continue,
            };
            let len = len.unwrap_or(html.len() - start);
            if len > 0 {
                out.push(range.start + start..range.start + start + len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn destinations(text: &str) -> Vec<&str> {
        scan(text)
            .destinations
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn finds_inline_reference_image_and_html_destinations() {
        let text = "See [a](ch1.md#x \"title\") and ![i](img/a%20b.png).\n\n[![n](<p q.png>)](b.md)\n\n[ref]: c.md\n\n<img src=\"d.svg\" alt=x> <a href='e.md'>e</a>\n\n`[no](code.md)`\n";
        assert_eq!(
            destinations(text),
            [
                "ch1.md#x",
                "img/a%20b.png",
                "p q.png",
                "b.md",
                "c.md",
                "d.svg",
                "e.md"
            ]
        );
    }

    #[test]
    fn finds_code_blocks_with_their_info_and_code_spans() {
        let text = "a `x` b\n\n```rust,ignore\nfn main() {}\n```\n\n    indented\n";
        let scanned = scan(text);
        assert_eq!(scanned.code_blocks.len(), 2);
        assert_eq!(scanned.code_blocks[0].info, "rust,ignore");
        assert!(scanned.code_blocks[0].fenced && !scanned.code_blocks[1].fenced);
        assert_eq!(&text[scanned.code_spans[0].clone()], "`x`");
        assert!(scanned.in_code(text.find("fn main").unwrap()));
        assert!(!scanned.in_code(0));
    }
}
