//! Element ids that authors' text becomes (heading ids, footnote labels), kept clear of the ids
//! khoa writes for its own page elements (templates, scripts, quiz markup), which all start with
//! [`RESERVED_ID_PREFIX`].

use super::State;
use crate::diagnostic::Diagnostic;
use crate::slug;
use pulldown_cmark::CowStr;
use std::ops::Range;

/// Element ids starting with this are khoa's own (templates, scripts, quiz markup); no heading or
/// footnote may take one. No slug starts with `_`, so only ids written by the author can.
pub const RESERVED_ID_PREFIX: &str = "_khoa";

/// Whether `id` is kept for khoa's own page elements.
pub fn is_reserved_id(id: &str) -> bool {
    id.starts_with(RESERVED_ID_PREFIX)
}

impl<'a> State<'_, 'a> {
    /// A heading's id: its `{#id}`, else the slug of its text, made unique on the page (an
    /// explicit id written twice is an error, not silently numbered). An id
    /// starting with [`RESERVED_ID_PREFIX`] is khoa's (`_khoa-main`, `_khoa-data`): written by
    /// the author it is an error, and a slug never starts with `_`, so none can take it.
    pub(super) fn heading_id(
        &mut self,
        explicit: Option<&str>,
        text: &str,
        range: &Range<usize>,
    ) -> String {
        let base = match explicit {
            Some(id) if is_reserved_id(id) => {
                let message = format!(
                    "heading id `{id}` starts with `{RESERVED_ID_PREFIX}`, which khoa keeps for its own page elements; choose another id"
                );
                let (line, column) = self.position(range.start);
                let d = Diagnostic::error(self.page.path, line, column, message);
                self.out.diagnostics.push(d);
                slug::slugify(text)
            }
            Some(id) if self.ids.contains(id) => {
                let message = format!(
                    "heading id `{id}` is already used on this page; give each heading its own `{{#id}}` so links reach the right one"
                );
                let (line, column) = self.position(range.start);
                let d = Diagnostic::error(self.page.path, line, column, message);
                self.out.diagnostics.push(d);
                id.to_string()
            }
            Some(id) => id.to_string(),
            None => slug::slugify(text),
        };
        self.unique_id(base)
    }

    /// A footnote label becomes an element id: one that would take khoa's prefix is an error,
    /// and is renamed the same way at its reference and its definition.
    pub(super) fn footnote_label(&mut self, label: &mut CowStr<'a>, range: &Range<usize>) {
        if is_reserved_id(label) {
            let message = format!(
                "footnote `[^{label}]` starts with `{RESERVED_ID_PREFIX}`, which khoa keeps for its own page elements; rename it"
            );
            let (line, column) = self.position(range.start);
            let d = Diagnostic::error(self.page.path, line, column, message);
            self.out.diagnostics.push(d);
            *label = format!("fn{label}").into();
        }
    }
}
