//! A Markdown image of a project file that khoa could read, drawn with its size (`width`,
//! `height`: no layout shift) and, when it has smaller copies, `srcset` and `sizes`, so a phone
//! downloads the copy its screen needs. Every image after the page's first loads lazily; all
//! decode off the main thread.

use super::{Event, State, Tag, escape};
use crate::images::{Frame, SIZES, variant_url};

impl<'a> State<'_, 'a> {
    /// `events` (one image, already resolved) as khoa's `<img>`, or unchanged when the image is
    /// not a file khoa could read (another site's, an SVG, a `data:` URL, one with a `#fragment`).
    pub(super) fn picture(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let link = self.image_link.take();
        let nested = events[1..]
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Image { .. })));
        let (Some(index), Some(pictures), false) = (link, self.page.pictures, nested) else {
            return events;
        };
        let Some(Event::Start(Tag::Image {
            dest_url, title, ..
        })) = events.first()
        else {
            return events;
        };
        let Some(frame) = self.out.links.get(index).and_then(|l| pictures.get(&l.url)) else {
            return events;
        };
        let lazy = self.images_drawn > 0;
        let html = img(frame, dest_url, &alt_text(&events), title, lazy);
        self.images_drawn += 1;
        self.out.links[index].picture = !frame.widths.is_empty();
        vec![Event::Html(html.into())]
    }
}

/// The `<img>` of `frame`, whose original is at `href` from the page.
fn img(frame: &Frame, href: &str, alt: &str, title: &str, lazy: bool) -> String {
    let mut html = String::from("<img ");
    let (src, width, height) = match frame.fallback_width() {
        Some(w) => (variant_url(href, w), w, frame.height_at(w)),
        None => (href.to_string(), frame.width, frame.height),
    };
    html.push_str(&format!("src=\"{}\"", escape(&src)));
    if !frame.widths.is_empty() {
        let candidates: Vec<String> = frame
            .widths
            .iter()
            .map(|w| format!("{} {w}w", escape(&variant_url(href, *w))))
            .collect();
        html.push_str(&format!(
            " srcset=\"{}\" sizes=\"{SIZES}\"",
            candidates.join(", ")
        ));
    }
    html.push_str(&format!(
        " width=\"{width}\" height=\"{height}\" alt=\"{}\"",
        escape(alt)
    ));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if lazy {
        html.push_str(" loading=\"lazy\"");
    }
    html.push_str(" decoding=\"async\" />");
    html
}

/// The description of an image as plain text, as pulldown-cmark writes it into `alt`.
fn alt_text(events: &[Event]) -> String {
    let mut alt = String::new();
    for event in &events[1..events.len().saturating_sub(1)] {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                alt.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}
