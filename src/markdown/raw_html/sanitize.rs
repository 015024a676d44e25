//! Renders a page's events to HTML with the author's raw HTML cleaned by ammonia and khoa's own
//! markup left alone. Each raw piece is marked in the rendered HTML; then each run of inline
//! content holding raw tags, and after that the whole page, is handed to ammonia with khoa's
//! markup replaced by opaque placeholders (text to the parser). So `<span class="x">text</span>`
//! inside a paragraph stays a span, an unclosed inline tag closes at the end of its paragraph, and
//! `<details>` around Markdown blocks keeps them inside. Markers are Unicode noncharacters; a
//! forged one can only repeat markup khoa wrote or send more text through ammonia.

use super::{ALLOWED, REMOVED_WITH_CONTENT};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Around the index of a raw piece in the rendered HTML.
const RAW: (char, char) = ('\u{FDD0}', '\u{FDD1}');
/// Around a run of inline content that holds raw tags.
const RUN: (char, char) = ('\u{FDD2}', '\u{FDD3}');
/// Around the index of a piece of khoa's markup in what ammonia reads.
const PIECE: (char, char) = ('\u{FDD4}', '\u{FDD5}');

/// Link schemes ammonia keeps: the ones Markdown links may use (see `crate::links`).
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "sms", "geo"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    let tags: HashSet<&str> = ALLOWED.iter().map(|(name, _)| *name).collect();
    let attributes: HashMap<&str, HashSet<&str>> = ALLOWED
        .iter()
        .map(|(name, allowed)| (*name, allowed.iter().copied().collect()))
        .collect();
    builder
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .link_rel(None)
        .strip_comments(true);
    builder
});

/// Writes `events` as HTML into `out`, cleaning the raw HTML among them.
pub fn push_html(out: &mut String, events: Vec<Event>) {
    let mut raw = Vec::new();
    let marked = mark(events, &mut raw);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, marked.into_iter());
    if raw.is_empty() {
        out.push_str(&html);
        return;
    }
    let html = clean_runs(&html, &raw);
    out.push_str(&clean(&html, &raw));
}

/// Replaces each raw piece by its marker and wraps each inline run holding one in [`RUN`].
fn mark<'a>(events: Vec<Event<'a>>, raw: &mut Vec<CowStr<'a>>) -> Vec<Event<'a>> {
    let mut marked = Vec::with_capacity(events.len());
    let mut run: Vec<Event> = Vec::new();
    let mut run_has_raw = false;
    let mut in_html_block = false;
    let mut in_image = 0usize;
    for event in events {
        let piece = match event {
            // Inside an image, pulldown-cmark writes it escaped into the `alt` attribute.
            Event::InlineHtml(html) if in_image == 0 => Some((html, true)),
            Event::Html(html) if in_html_block => Some((html, false)),
            other => {
                match &other {
                    Event::Start(Tag::HtmlBlock) => in_html_block = true,
                    Event::End(TagEnd::HtmlBlock) => in_html_block = false,
                    Event::Start(Tag::Image { .. }) => in_image += 1,
                    Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                    _ => {}
                }
                if is_inline(&other) {
                    run.push(other);
                } else {
                    flush_run(&mut marked, &mut run, &mut run_has_raw);
                    marked.push(other);
                }
                None
            }
        };
        if let Some((html, inline)) = piece {
            let marker = format!("{}{}{}", RAW.0, raw.len(), RAW.1);
            raw.push(html);
            if inline {
                run.push(Event::Html(marker.into()));
                run_has_raw = true;
            } else {
                flush_run(&mut marked, &mut run, &mut run_has_raw);
                marked.push(Event::Html(marker.into()));
            }
        }
    }
    flush_run(&mut marked, &mut run, &mut run_has_raw);
    marked
}

fn flush_run<'a>(marked: &mut Vec<Event<'a>>, run: &mut Vec<Event<'a>>, has_raw: &mut bool) {
    if *has_raw {
        marked.push(Event::Html(RUN.0.to_string().into()));
        marked.append(run);
        marked.push(Event::Html(RUN.1.to_string().into()));
    } else {
        marked.append(run);
    }
    *has_raw = false;
}

/// Whether `event` is inline content (what a paragraph, heading or table cell holds).
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        // khoa's own inline markup: an image drawn from its copies (`markdown::pictures`).
        Event::Html(html) => html.starts_with("<img "),
        _ => true,
    }
}

/// Cleans each [`RUN`] of `html` on its own.
fn clean_runs(html: &str, raw: &[CowStr]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(RUN.0) {
        let Some(len) = rest[start..].find(RUN.1) else {
            break;
        };
        out.push_str(&rest[..start]);
        let run = &rest[start + RUN.0.len_utf8()..start + len];
        out.push_str(&clean(run, raw));
        rest = &rest[start + len + RUN.1.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Cleans the raw pieces marked in `html` with ammonia, khoa's markup around them untouched.
fn clean(html: &str, raw: &[CowStr]) -> String {
    let mut input = String::with_capacity(html.len());
    let mut pieces: Vec<&str> = Vec::new();
    let mut found_raw = false;
    for part in split_markers(html, RAW) {
        match part {
            Part::Marker(k) if k < raw.len() => {
                found_raw = true;
                input.extend(raw[k].chars().filter(|c| !is_marker(*c)));
            }
            Part::Marker(_) => {}
            Part::Text(text) if text.trim().is_empty() => input.push_str(text),
            Part::Text(text) => {
                input.push_str(&format!("{}{}{}", PIECE.0, pieces.len(), PIECE.1));
                pieces.push(text);
            }
        }
    }
    if !found_raw {
        return html.to_string();
    }
    let cleaned = CLEANER.clean(&input).to_string();
    let mut out = String::with_capacity(cleaned.len() + html.len());
    for part in split_markers(&cleaned, PIECE) {
        match part {
            Part::Marker(k) => out.push_str(pieces.get(k).copied().unwrap_or_default()),
            Part::Text(text) => out.push_str(text),
        }
    }
    out
}

fn is_marker(c: char) -> bool {
    ('\u{FDD0}'..='\u{FDD5}').contains(&c)
}

enum Part<'h> {
    Text(&'h str),
    Marker(usize),
}

/// `text` cut at each `open` digits `close` marker.
fn split_markers(text: &str, (open, close): (char, char)) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len_utf8()..];
        let digits = after.find(close).map(|end| &after[..end]);
        match digits.and_then(|d| d.parse::<usize>().ok()) {
            Some(index) => {
                parts.push(Part::Text(&rest[..start]));
                parts.push(Part::Marker(index));
                let used = digits.map_or(0, str::len);
                rest = &after[used + close.len_utf8()..];
            }
            None => {
                let next = start + open.len_utf8();
                parts.push(Part::Text(&rest[..next]));
                rest = &rest[next..];
            }
        }
    }
    parts.push(Part::Text(rest));
    parts.retain(|p| !matches!(p, Part::Text("")));
    parts
}
