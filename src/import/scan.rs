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

/// A link or image destination in the source.
#[derive(Debug, PartialEq)]
pub struct Destination {
    pub range: Range<usize>,
    /// For an inline link or image, what to delete to leave only its text: `[` (or `![`) and
    /// `](destination "title")`.
    pub markup: Option<[Range<usize>; 2]>,
}

/// Where things are in one Markdown text.
#[derive(Debug, Default)]
pub struct Scanned {
    /// Link, image, reference-definition and raw-HTML `src`/`href` destinations, in text order.
    pub destinations: Vec<Destination>,
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
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let (Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) = &tag else {
                    continue;
                };
                let source = &markdown[range.clone()];
                if let (LinkType::Inline, Some(open)) = (link_type, source.rfind("](")) {
                    let opener = if matches!(tag, Tag::Image { .. }) {
                        2
                    } else {
                        1
                    };
                    let markup = [
                        range.start..range.start + opener,
                        range.start + open..range.end,
                    ];
                    let from = range.start + open + 2;
                    if let Some(dest) = raw_destination(markdown, from) {
                        scanned.destinations.push(Destination {
                            range: dest,
                            markup: Some(markup),
                        });
                    }
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
            scanned
                .destinations
                .extend(plain(raw_destination(markdown, from)));
        }
    }
    scanned.destinations.sort_by_key(|d| d.range.start);
    scanned.destinations.dedup();
    scanned
}

/// A destination whose link cannot be unwrapped (a reference definition, raw HTML).
fn plain(range: Option<Range<usize>>) -> Option<Destination> {
    range.map(|range| Destination {
        range,
        markup: None,
    })
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
fn html_destinations(text: &str, range: Range<usize>, out: &mut Vec<Destination>) {
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
                out.extend(plain(Some(range.start + start..range.start + start + len)));
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
            .map(|d| &text[d.range])
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
    fn inline_links_know_the_markup_around_their_text() {
        let text = "a [b *c*](d.md \"t\") ![e](f.png) [g]\n\n[g]: h.md\n";
        let scanned = scan(text);
        let unwrap = |i: usize| {
            let [open, close] = scanned.destinations[i].markup.clone().unwrap();
            (&text[open], &text[close])
        };
        assert_eq!(unwrap(0), ("[", "](d.md \"t\")"));
        assert_eq!(unwrap(1), ("![", "](f.png)"));
        assert_eq!(scanned.destinations[2].markup, None);
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
