//! Markdown to HTML: pulldown-cmark plus khoa's rules, as a pure function of the page's text.
//!
//! Flow: parse into events with offsets → keep only a heading's id and classes and give headings
//! stable unique ids → rewrite links through the [`LinkMap`], refusing those that run script →
//! offer fenced blocks to the page's [`FencedBlocks`] hook (quizzes), highlight the rest → turn GFM
//! alerts into callouts → raw HTML through the allowlist of `raw_html` (or shown as text) → HTML.
//! Along the way it collects the headings, the plain text (for search) and diagnostics.

mod destinations;
mod fenced;
mod heading_attributes;
mod nesting;
mod pictures;
mod raw_html;

use crate::config::{Language, RawHtml};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::escape::html as escape;
use crate::highlight::Highlighter;
use crate::i18n;
use crate::images::Pictures;
use crate::links::{LinkMap, Use};
pub use destinations::RenamedAnchors;
pub use fenced::{FencedBlock, FencedBlocks, Question, Replacement};
pub use ids::{RESERVED_ID_PREFIX, is_reserved_id};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// Everything the Markdown stage needs about the page it renders.
#[derive(Clone, Copy)]
pub struct PageInput<'a> {
    pub text: &'a str,
    /// Source path for diagnostics and link resolution.
    pub path: &'a str,
    /// Lines of the file before `text`.
    pub line_offset: usize,
    /// Output path of the page (relative links are computed from it).
    pub url: &'a str,
    pub language: Language,
    /// The site's UI strings (callout titles), in `language`.
    pub ui: &'a i18n::UiStrings,
    /// Id of the lesson (quiz question ids derive from it); empty on course pages.
    pub lesson_id: &'a str,
    pub links: &'a LinkMap,
    pub highlighter: &'a Highlighter,
    /// Replaces fenced blocks it recognises (quizzes); without it every block is code.
    pub fenced: Option<&'a dyn FencedBlocks>,
    /// What happens to raw HTML (`markdown.raw_html` in `khoa.yaml`).
    pub raw_html: RawHtml,
    /// Anchors written in another tool's style, renamed to khoa's heading ids.
    pub renamed_anchors: Option<&'a RenamedAnchors>,
    /// The project's images khoa could read: an image of the page among them is drawn with its
    /// size and smaller copies (`srcset`).
    pub pictures: Option<&'a Pictures>,
}

impl<'a> PageInput<'a> {
    /// `text` as a lesson `l` of a course `c` in Vietnamese, with khoa's own UI strings, no quiz
    /// blocks, sanitized raw HTML and no images: for Markdown that belongs to no page of a site
    /// (a question being imported) and for tests, which override what they vary.
    pub fn standalone(text: &'a str, links: &'a LinkMap, highlighter: &'a Highlighter) -> Self {
        PageInput {
            text,
            path: "content/c/l.md",
            line_offset: 0,
            url: "c/l.html",
            language: Language::VI,
            ui: &i18n::BUILTIN,
            lesson_id: "l",
            links,
            highlighter,
            fenced: None,
            raw_html: RawHtml::Sanitize,
            renamed_anchors: None,
            pictures: None,
        }
    }
}

/// A heading of the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to another page of the site, kept so anchors can be checked once every page is rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLink {
    pub url: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
    /// An image drawn from its smaller copies (`srcset`): it needs no copy of the original file.
    pub picture: bool,
}

/// The result of rendering one page's Markdown.
#[derive(Debug, Default)]
pub struct RenderedPage {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Readable text without markup, code or quiz answers (for the search index).
    pub text: String,
    pub links: Vec<PageLink>,
    /// Ids of `<a id>` and `<a name>` in raw HTML: link targets like headings.
    pub anchors: Vec<String>,
    /// Output path of the page's first image that is a file of the project (a share preview).
    pub first_image: Option<String>,
    pub questions: Vec<Question>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders `page` to HTML with everything collected along the way.
pub fn render_page(page: &PageInput) -> RenderedPage {
    let lines = LineIndex::new(page.text);
    let mut state = State {
        page,
        lines,
        out: RenderedPage::default(),
        ids: HashSet::new(),
        image_depth: 0,
        removed_content: None,
        image_link: None,
        images_drawn: 0,
    };
    let events: Vec<(Event, Range<usize>)> =
        Parser::new_ext(page.text, crate::commonmark::page_options())
            .into_offset_iter()
            .collect();
    state.check_nesting(&events);
    let events = state.transform(events);
    match page.raw_html {
        RawHtml::Sanitize => raw_html::push_html(&mut state.out.html, events),
        RawHtml::Escape => pulldown_cmark::html::push_html(&mut state.out.html, events.into_iter()),
    }
    // Kept until the site is written: without this, up to half of each string's room is unused
    // (they grow by doubling).
    state.out.html.shrink_to_fit();
    state.out.text.shrink_to_fit();
    state.out
}

/// Renders a fragment (a quiz stem, option or explanation): same rules, no heading ids kept;
/// its links are returned so their anchors are checked like the page's own.
pub fn render_fragment(page: &PageInput) -> (String, Vec<Diagnostic>, Vec<PageLink>) {
    let rendered = render_page(page);
    (rendered.html, rendered.diagnostics, rendered.links)
}

struct State<'p, 'a> {
    page: &'p PageInput<'a>,
    lines: LineIndex<'a>,
    out: RenderedPage,
    ids: HashSet<String>,
    /// How many images the current event is inside: their description is `alt` text.
    image_depth: usize,
    /// The raw `<script>` or `<style>` the current text is inside: removed, so not searchable.
    removed_content: Option<&'static str>,
    /// Index in `out.links` of the file the last Markdown image names.
    image_link: Option<usize>,
    /// Images drawn by khoa so far: all but the first load lazily.
    images_drawn: usize,
}

impl<'a> State<'_, 'a> {
    fn transform(&mut self, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
        let mut result = Vec::with_capacity(events.len());
        let mut iter = events.into_iter().peekable();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let (id, classes) = self.heading_attributes(id, classes, attrs, &range);
                    let mut inner = Vec::new();
                    for (event, _) in iter.by_ref() {
                        if matches!(event, Event::End(TagEnd::Heading(_))) {
                            break;
                        }
                        inner.push(event);
                    }
                    let inner = self.inline_events(inner, &range);
                    let text = plain_text(&inner);
                    let id = self.heading_id(id.as_deref(), &text, &range);
                    self.out.headings.push(Heading {
                        level: level as u8,
                        id: id.clone(),
                        text,
                    });
                    result.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(id.into()),
                        classes,
                        attrs: Vec::new(),
                    }));
                    result.extend(inner);
                    result.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    for (event, _) in iter.by_ref() {
                        match event {
                            Event::Text(text) => code.push_str(&text),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    result.push(Event::Html(self.code_block(&kind, &code, &range).into()));
                }
                Event::Start(Tag::HtmlBlock) if self.page.raw_html == RawHtml::Sanitize => {
                    let mut lines: Vec<(CowStr, usize)> = Vec::new();
                    for (event, range) in iter.by_ref() {
                        match event {
                            Event::Html(line) => lines.push((line, range.start)),
                            Event::End(TagEnd::HtmlBlock) => break,
                            _ => {}
                        }
                    }
                    result.push(Event::Start(Tag::HtmlBlock));
                    result.push(Event::Html(self.html_block(&lines).into()));
                    result.push(Event::End(TagEnd::HtmlBlock));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    result.push(Event::Html(self.callout_open(kind).into()))
                }
                Event::TaskListMarker(done) => result.push(Event::Html(self.task_box(done).into())),
                Event::End(TagEnd::BlockQuote(Some(_))) => {
                    result.push(Event::Html("</div>\n".into()))
                }
                Event::Start(Tag::Image { .. }) => {
                    if matches!(iter.peek(), Some((Event::End(TagEnd::Image), _))) {
                        self.warn(&range, "image has no alt text; describe it in `![...]` for learners who cannot see it");
                    }
                    let mut image = vec![event];
                    let mut depth = 1;
                    while depth > 0 {
                        let Some((inner, _)) = iter.next() else { break };
                        match inner {
                            Event::Start(Tag::Image { .. }) => depth += 1,
                            Event::End(TagEnd::Image) => depth -= 1,
                            _ => {}
                        }
                        image.push(inner);
                    }
                    self.image_link = None;
                    let converted = self.inline_events(image, &range);
                    result.extend(self.picture(converted));
                }
                other => {
                    let mut converted = self.inline_events(vec![other], &range);
                    result.append(&mut converted);
                }
            }
        }
        result
    }

    /// Rewrites links and images and escapes raw HTML in a run of events.
    fn inline_events(&mut self, events: Vec<Event<'a>>, range: &Range<usize>) -> Vec<Event<'a>> {
        events
            .into_iter()
            .map(|mut event| {
                match &mut event {
                    // `<name@example.com>`: pulldown-cmark checks the address and adds `mailto:`.
                    Event::Start(Tag::Link {
                        link_type: LinkType::Email,
                        ..
                    }) => {}
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
                        *dest_url = self.link(dest, Use::Link, range);
                    }
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        let dest = std::mem::replace(dest_url, CowStr::Borrowed(""));
                        *dest_url = self.link(dest, Use::Image, range);
                        self.image_depth += 1;
                    }
                    Event::End(TagEnd::Image) => self.image_depth -= 1,
                    // An unclosed inline `<script>` ends with its paragraph, as ammonia ends it.
                    Event::End(TagEnd::Paragraph | TagEnd::TableCell | TagEnd::Item) => {
                        self.removed_content = None
                    }
                    // In an image description it is `alt` text, which pulldown-cmark escapes.
                    Event::InlineHtml(_)
                        if self.image_depth > 0 && self.page.raw_html == RawHtml::Sanitize => {}
                    Event::Html(html) | Event::InlineHtml(html) => {
                        let html = std::mem::replace(html, CowStr::Borrowed(""));
                        return match self.page.raw_html {
                            RawHtml::Escape => self.escape_raw_html(html, range),
                            RawHtml::Sanitize => {
                                let start = range.start;
                                let checked = self.check_raw_html(&html, &|i| start + i);
                                Event::InlineHtml(checked.into())
                            }
                        };
                    }
                    Event::Text(text) | Event::Code(text) if self.removed_content.is_none() => {
                        self.push_text(text)
                    }
                    Event::FootnoteReference(label)
                    | Event::Start(Tag::FootnoteDefinition(label)) => {
                        self.footnote_label(label, range)
                    }
                    _ => {}
                }
                event
            })
            .collect()
    }

    /// The id and classes of a heading that may reach the HTML; every other attribute is an
    /// error located where it is written.
    fn heading_attributes(
        &mut self,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        range: &Range<usize>,
    ) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
        let written = heading_attributes::Written { id, classes, attrs };
        let checked = heading_attributes::check(written);
        let source = &self.page.text[range.clone()];
        for refused in checked.refused {
            let at = range.start + heading_attributes::offset_in(source, &refused.written);
            let (line, column) = self.position(at);
            let d = Diagnostic::error(self.page.path, line, column, refused.message);
            self.out.diagnostics.push(d);
        }
        (checked.id, checked.classes)
    }

    fn warn(&mut self, range: &Range<usize>, message: &str) {
        let (line, column) = self.position(range.start);
        self.out
            .diagnostics
            .push(Diagnostic::warning(self.page.path, line, column, message));
    }

    fn code_block(&mut self, kind: &CodeBlockKind, code: &str, range: &Range<usize>) -> String {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.trim(),
            CodeBlockKind::Indented => "",
        };
        let (word, rest) = info.split_once(char::is_whitespace).unwrap_or((info, ""));
        let fenced = matches!(kind, CodeBlockKind::Fenced(_));
        if let Some(hook) = self.page.fenced.filter(|_| fenced) {
            let (fence_line, fence_column) = self.position(range.start);
            let fence = self.page.text[range.start..].lines().next().unwrap_or("");
            let before = fence.find(rest).map_or(0, |i| fence[..i].chars().count());
            let block = FencedBlock {
                language: word,
                attributes: rest,
                attributes_column: fence_column + before,
                body: code,
                fence_line,
                page: self.page,
            };
            if let Some(replacement) = hook.replace(&block) {
                self.out.diagnostics.extend(replacement.diagnostics);
                self.out.links.extend(replacement.links);
                self.out.questions.extend(replacement.question);
                return replacement.html;
            }
        }
        self.page.highlighter.block(word, code)
    }

    /// A task list item's box, named for screen readers in the page's language: a bare disabled
    /// checkbox has no label, which accessibility checkers (and their users) flag.
    fn task_box(&self, done: bool) -> String {
        let (checked, key) = match done {
            true => (" checked", "task_done"),
            false => ("", "task_todo"),
        };
        let label = escape(self.page.ui.text(self.page.language, key));
        format!("<input disabled type=\"checkbox\"{checked} aria-label=\"{label}\"> ")
    }

    fn callout_open(&self, kind: BlockQuoteKind) -> String {
        let (class, key) = match kind {
            BlockQuoteKind::Note => ("note", "alert_note"),
            BlockQuoteKind::Tip => ("tip", "alert_tip"),
            BlockQuoteKind::Important => ("important", "alert_important"),
            BlockQuoteKind::Warning => ("warning", "alert_warning"),
            BlockQuoteKind::Caution => ("caution", "alert_caution"),
        };
        let title = escape(self.page.ui.text(self.page.language, key));
        format!(
            "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
        )
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "muc".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn push_text(&mut self, text: &str) {
        if !self.out.text.is_empty() && !self.out.text.ends_with(' ') {
            self.out.text.push(' ');
        }
        self.out.text.push_str(text.trim());
    }

    /// File line and column of a byte offset of the page text.
    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.position(offset);
        (line + self.page.line_offset, column)
    }
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_string()
}

mod ids;
#[cfg(test)]
pub(crate) mod tests;
