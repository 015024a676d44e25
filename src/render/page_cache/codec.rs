//! The bytes of a [`RenderedPage`] in the build cache: lengths and numbers as LEB128 varints (a
//! byte for most), text as UTF-8. Decoding anything else (truncated, trailing bytes, an unknown question type) is `None`.

use crate::cache::CacheKey;
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::markdown::{Heading, PageLink, Question, RenderedPage};

/// Question types a cached page may hold (`quiz::view::kind_name`); a page with another type
/// does not decode, so it is rendered anew.
const QUESTION_KINDS: &[&str] = &[
    "single", "multiple", "text", "number", "order", "match", "gaps",
];

pub fn encode(page: &RenderedPage) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(page.html.len() + page.text.len() + 256));
    out.text(&page.html);
    out.list(&page.headings, |out, h| {
        out.number(u64::from(h.level));
        out.text(&h.id);
        out.text(&h.text);
    });
    out.text(&page.text);
    out.list(&page.links, |out, link| {
        out.text(&link.url);
        out.optional(link.anchor.as_deref());
        out.number(link.line as u64);
        out.number(link.column as u64);
        out.number(u64::from(link.picture));
    });
    out.list(&page.anchors, |out, anchor| out.text(anchor));
    out.optional(page.first_image.as_deref());
    out.list(&page.questions, |out, q| {
        out.text(&q.id);
        out.number(u64::from(q.points));
        out.text(q.kind);
        out.number(q.line as u64);
        out.number(q.column as u64);
        out.text(&q.shape);
    });
    out.list(&page.diagnostics, |out, d| {
        out.text(&d.path);
        out.number(d.line as u64);
        out.number(d.column as u64);
        out.number(u64::from(d.severity == Severity::Warning));
        out.text(&d.message);
        out.list(&d.related, |out, r| {
            out.text(&r.path);
            out.number(r.line as u64);
            out.number(r.column as u64);
            out.text(&r.note);
        });
    });
    out.0
}

/// A page's entry in the cache: the keys of the code blocks it highlighted (see
/// [`crate::highlight::recording_used`]), then the page.
pub fn encode_entry(page: &RenderedPage, highlighted: &[CacheKey]) -> Vec<u8> {
    let mut out = Writer(Vec::new());
    out.list(highlighted, |out, key| out.0.extend(key.0.to_le_bytes()));
    out.0.extend(encode(page));
    out.0
}

/// What [`encode_entry`] stored.
pub fn decode_entry(bytes: &[u8]) -> Option<(RenderedPage, Vec<CacheKey>)> {
    let mut input = Reader(bytes);
    let highlighted = input.list(|input| {
        let key = input.take(16)?.try_into().ok()?;
        Some(CacheKey(u128::from_le_bytes(key)))
    })?;
    Some((decode(input.0)?, highlighted))
}

pub fn decode(bytes: &[u8]) -> Option<RenderedPage> {
    let mut input = Reader(bytes);
    let page = RenderedPage {
        html: input.text()?,
        headings: input.list(|input| {
            Some(Heading {
                level: u8::try_from(input.number()?).ok()?,
                id: input.text()?,
                text: input.text()?,
            })
        })?,
        text: input.text()?,
        links: input.list(|input| {
            Some(PageLink {
                url: input.text()?,
                anchor: input.optional()?,
                line: input.size()?,
                column: input.size()?,
                picture: input.flag()?,
            })
        })?,
        anchors: input.list(Reader::text)?,
        first_image: input.optional()?,
        questions: input.list(|input| {
            Some(Question {
                id: input.text()?,
                points: u32::try_from(input.number()?).ok()?,
                kind: {
                    let kind = input.text()?;
                    QUESTION_KINDS.iter().find(|k| **k == kind)?
                },
                line: input.size()?,
                column: input.size()?,
                shape: input.text()?,
            })
        })?,
        diagnostics: input.list(|input| {
            Some(Diagnostic {
                path: input.text()?,
                line: input.size()?,
                column: input.size()?,
                severity: match input.flag()? {
                    true => Severity::Warning,
                    false => Severity::Error,
                },
                message: input.text()?,
                related: input.list(|input| {
                    Some(Related {
                        path: input.text()?,
                        line: input.size()?,
                        column: input.size()?,
                        note: input.text()?,
                    })
                })?,
            })
        })?,
    };
    input.0.is_empty().then_some(page)
}

pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn number(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    pub(super) fn text(&mut self, text: &str) {
        self.number(text.len() as u64);
        self.0.extend_from_slice(text.as_bytes());
    }

    pub(super) fn optional(&mut self, text: Option<&str>) {
        self.number(u64::from(text.is_some()));
        if let Some(text) = text {
            self.text(text);
        }
    }

    pub(super) fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.number(items.len() as u64);
        for item in items {
            each(self, item);
        }
    }
}

pub(super) struct Reader<'b>(pub(super) &'b [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(taken)
    }

    /// A varint of at most ten bytes, in its shortest form (so each number has one encoding).
    pub(super) fn number(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                return None;
            }
            n |= bits << shift;
            if byte & 0x80 == 0 {
                return (byte != 0 || shift == 0).then_some(n);
            }
        }
        None
    }

    pub(super) fn size(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    pub(super) fn flag(&mut self) -> Option<bool> {
        match self.number()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub(super) fn text(&mut self) -> Option<String> {
        let len = self.size()?;
        let bytes = self.take(len)?;
        crate::utf8::as_str(bytes).ok().map(str::to_owned)
    }

    pub(super) fn optional(&mut self) -> Option<Option<String>> {
        match self.flag()? {
            true => Some(Some(self.text()?)),
            false => Some(None),
        }
    }

    /// A list of items; its length is checked against the bytes left (each item takes at least
    /// one), so a corrupt length cannot make it reserve memory it will never fill.
    pub(super) fn list<T>(
        &mut self,
        mut each: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let len = self.size()?;
        if len > self.0.len() {
            return None;
        }
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            items.push(each(self)?);
        }
        Some(items)
    }
}
