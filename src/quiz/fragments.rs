//! Markdown inside a question (stem, options, feedback, hints, explanation): rendered by the
//! Markdown stage, with its problems and links moved to their `.md` line and column.

use super::Block;
use super::parse::Fragment;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::markdown::{PageInput, PageLink, render_fragment};

/// Renders the fragments of one block, collecting their problems and links.
pub struct Fragments<'b, 'a> {
    block: &'b Block<'a>,
    lines: LineIndex<'a>,
    diagnostics: &'b mut Vec<Diagnostic>,
    /// Links inside the fragments rendered so far.
    pub links: Vec<PageLink>,
}

impl<'b, 'a> Fragments<'b, 'a> {
    pub fn new(block: &'b Block<'a>, diagnostics: &'b mut Vec<Diagnostic>) -> Self {
        Fragments {
            block,
            lines: LineIndex::new(block.body),
            diagnostics,
            links: Vec::new(),
        }
    }

    /// A fragment's HTML, with diagnostics and links at their `.md` line and column.
    pub fn html(&mut self, fragment: &Fragment) -> String {
        let (line, column) = self.lines.position(fragment.offset);
        let line_offset = self.block.fence_line + line - 1;
        let page = PageInput {
            text: &fragment.text,
            line_offset,
            lesson_id: "",
            ..*self.block.page
        };
        let (html, diagnostics, links) = render_fragment(&page);
        let body = self.block.body;
        let shift = |file_line: usize| {
            let k = file_line.saturating_sub(line_offset);
            cut_columns(body, fragment, (line, column), k)
        };
        for mut d in diagnostics {
            d.column += shift(d.line);
            self.diagnostics.push(d);
        }
        for mut link in links {
            link.column += shift(link.line);
            self.links.push(link);
        }
        html
    }

    /// A fragment as inline HTML: a lone paragraph loses its `<p>`.
    pub fn inline(&mut self, fragment: &Fragment) -> String {
        let html = self.html(fragment);
        let trimmed = html.trim();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }

    /// Several fragments, one after the other.
    pub fn all(&mut self, fragments: &[Fragment]) -> String {
        fragments.iter().map(|f| self.html(f)).collect()
    }
}

/// Columns cut from line `k` (1-based) of a fragment that starts at `start` (body line, column):
/// list and task markers, indentation and `>`. Zero when the line is not found in its source.
fn cut_columns(body: &str, fragment: &Fragment, start: (usize, usize), k: usize) -> usize {
    let (Some(k0), Some(first0)) = (k.checked_sub(1), start.0.checked_sub(1)) else {
        return 0;
    };
    let source = body.lines().nth(first0 + k0).unwrap_or("");
    let Some(own) = fragment.text.lines().nth(k0).filter(|l| !l.is_empty()) else {
        return 0;
    };
    let from = match k0 {
        0 => source
            .char_indices()
            .nth(start.1 - 1)
            .map_or(source.len(), |(i, _)| i),
        _ => 0,
    };
    let found = if k0 == 0 {
        source[from..].find(own).map(|i| from + i)
    } else {
        source.ends_with(own).then(|| source.len() - own.len())
    };
    found.map_or(0, |i| source[..i].chars().count())
}
