//! Raw HTML written in Markdown, the only user of ammonia. By default (`markdown: { raw_html:
//! sanitize }`) it passes through an allowlist of the elements course authors use; everything else
//! is removed, with a warning at the line it was written on. Local `href`/`src` are resolved and
//! checked like Markdown links, and `<a id>`/`<a name>` become link targets. With `escape` it is
//! shown as text, as khoa did before (a few bare inline tags pass).
//!
//! Flow: `tags` reads each piece as written (positions for the warnings, link rewriting) →
//! `sanitize` renders the page with the pieces marked and runs ammonia over them.

mod sanitize;
mod tags;

use super::State;
use super::ids::is_reserved_id;
use crate::diagnostic::Diagnostic;
use crate::links::Use;
use pulldown_cmark::{CowStr, Event};
use std::ops::Range;

pub(super) use sanitize::push_html;

/// Elements kept in raw HTML and the attributes each may carry; nothing else passes.
const ALLOWED: &[(&str, &[&str])] = &[
    ("span", &["class"]),
    ("div", &["class"]),
    ("a", &["href", "id", "name"]),
    ("img", &["src", "alt", "width", "height"]),
    ("details", &[]),
    ("summary", &[]),
    ("kbd", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("mark", &[]),
    ("br", &[]),
    ("u", &[]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("table", &[]),
    ("caption", &[]),
    ("colgroup", &[]),
    ("col", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tfoot", &[]),
    ("tr", &[]),
    ("th", &[]),
    ("td", &[]),
    ("abbr", &[]),
    ("small", &[]),
];

/// Elements removed together with their content (the rest keep their text).
const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// With `escape`: raw inline tags passed through unchanged (no attributes); all other HTML is text.
const ESCAPE_MODE_ALLOWED: &[&str] = &[
    "<br>", "<br/>", "<br />", "<kbd>", "</kbd>", "<sub>", "</sub>", "<sup>", "</sup>", "<mark>",
    "</mark>", "<u>", "</u>",
];

fn allowed_attributes(element: &str) -> Option<&'static [&'static str]> {
    ALLOWED
        .iter()
        .find(|(name, _)| *name == element)
        .map(|(_, attributes)| *attributes)
}

impl<'a> State<'_, 'a> {
    /// With `escape`: the piece as text with a warning, unless it is a comment or a bare allowed tag.
    pub(super) fn escape_raw_html(&mut self, html: CowStr<'a>, range: &Range<usize>) -> Event<'a> {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return Event::Html("".into());
        }
        if ESCAPE_MODE_ALLOWED.contains(&trimmed.to_ascii_lowercase().as_str()) {
            return Event::Html(html);
        }
        let message =
            "raw HTML is shown as text (khoa does not pass HTML through; use Markdown instead)";
        self.warn(range, message);
        Event::Text(html)
    }

    /// With `sanitize`: warns about every element and attribute the allowlist will remove,
    /// resolves and checks local links and registers `<a id>`/`<a name>` as link targets. Returns
    /// the piece with its links rewritten. `source` gives the page offset of a byte of `html`.
    pub(super) fn check_raw_html(&mut self, html: &str, source: &dyn Fn(usize) -> usize) -> String {
        let mut rewritten = String::with_capacity(html.len());
        let mut copied = 0;
        self.track_removed_content(html);
        for tag in tags::start_tags(html) {
            let Some(allowed) = allowed_attributes(&tag.name) else {
                self.warn_at(source(tag.at), &removed_element(&tag.name));
                continue;
            };
            for attribute in &tag.attributes {
                let at = source(attribute.at);
                if !allowed.contains(&attribute.name.as_str()) {
                    self.warn_at(at, &removed_attribute(&attribute.name, &tag.name));
                    continue;
                }
                let value = tags::decode_entities(attribute.value);
                match attribute.name.as_str() {
                    "href" | "src" => {
                        let used = if tag.name == "img" {
                            Use::Image
                        } else {
                            Use::Link
                        };
                        let dest = self.link(value.clone().into(), used, &(at..at));
                        if *dest != *value {
                            let range = &attribute.value_range;
                            rewritten.push_str(&html[copied..range.start]);
                            let quote = if attribute.quoted { "" } else { "\"" };
                            let escaped = crate::escape::html(&dest);
                            rewritten.push_str(&format!("{quote}{escaped}{quote}"));
                            copied = range.end;
                        }
                    }
                    "id" | "name" if tag.name == "a" => self.html_anchor(value, at),
                    _ => {}
                }
            }
        }
        rewritten.push_str(&html[copied..]);
        rewritten
    }

    /// Follows inline `<script>`…`</script>` (and `<style>`) split by Markdown into pieces, so the
    /// text between them, which ammonia removes, stays out of the search index.
    fn track_removed_content(&mut self, html: &str) {
        let lower = html.trim().to_ascii_lowercase();
        if let Some(open) = self.removed_content {
            if lower.starts_with(&format!("</{open}")) {
                self.removed_content = None;
            }
            return;
        }
        let opened = REMOVED_WITH_CONTENT.iter().find(|name| {
            lower.starts_with(&format!("<{name}")) && !lower.contains(&format!("</{name}"))
        });
        self.removed_content = opened.copied();
    }

    /// A block of raw HTML, given as its lines and their page offsets: checked as one piece.
    pub(super) fn html_block(&mut self, lines: &[(CowStr, usize)]) -> String {
        let mut whole = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for (line, at) in lines {
            starts.push((whole.len(), *at));
            whole.push_str(line);
        }
        let source = |i: usize| {
            let k = starts.partition_point(|(w, _)| *w <= i).saturating_sub(1);
            starts.get(k).map_or(0, |(w, at)| at + (i - w))
        };
        self.check_raw_html(&whole, &source)
    }

    /// An `<a id>` or `<a name>`: a link target like a heading's id, never one of khoa's own.
    fn html_anchor(&mut self, id: String, at: usize) {
        if is_reserved_id(&id) {
            let message = format!(
                "`<a>` id `{id}` starts with `{}`, which khoa keeps for its own page elements; choose another id",
                super::RESERVED_ID_PREFIX
            );
            let (line, column) = self.position(at);
            let d = Diagnostic::error(self.page.path, line, column, message);
            self.out.diagnostics.push(d);
            return;
        }
        self.ids.insert(id.clone());
        self.out.anchors.push(id);
    }

    fn warn_at(&mut self, at: usize, message: &str) {
        self.warn(&(at..at), message);
    }
}

fn removed_element(name: &str) -> String {
    if REMOVED_WITH_CONTENT.contains(&name) {
        format!(
            "raw HTML `<{name}>` is removed with its content: a lesson may not run scripts or restyle the site"
        )
    } else {
        format!(
            "raw HTML `<{name}>` is removed (its text is kept): it is not on khoa's allowlist; see \"Raw HTML\" in the manual"
        )
    }
}

fn removed_attribute(name: &str, element: &str) -> String {
    if name.starts_with("on") {
        format!(
            "raw HTML attribute `{name}` on `<{element}>` is removed: event handlers run script"
        )
    } else {
        format!(
            "raw HTML attribute `{name}` on `<{element}>` is removed: it is not on khoa's allowlist; see \"Raw HTML\" in the manual"
        )
    }
}

#[cfg(test)]
mod tests;
