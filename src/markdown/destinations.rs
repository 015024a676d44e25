//! Link and image destinations of a page: resolved through the [`crate::links::LinkMap`] to the page or file
//! they name, kept when their scheme is safe, and refused (with the reason, at the link) when a
//! browser would run them: `javascript:`, `vbscript:`, `data:` other than images, unknown schemes.

use super::{PageLink, State};
use crate::diagnostic::Diagnostic;
use crate::links::{Target, Use};
use pulldown_cmark::CowStr;
use std::ops::Range;

impl<'a> State<'_, 'a> {
    /// The destination to write for `dest`, used as `used`; `#` when it is refused.
    pub(super) fn link(&mut self, dest: CowStr<'a>, used: Use, range: &Range<usize>) -> CowStr<'a> {
        let (line, column) = self.position(range.start);
        match self
            .page
            .links
            .resolve(used, &dest, self.page.path, self.page.url)
        {
            Target::External => {
                if dest.starts_with("http://") {
                    let message = format!(
                        "`{dest}` uses http://; prefer https:// so learners are not exposed"
                    );
                    self.out.diagnostics.push(Diagnostic::warning(
                        self.page.path,
                        line,
                        column,
                        message,
                    ));
                }
                dest
            }
            Target::Anchor(anchor) => {
                self.out.links.push(PageLink {
                    url: self.page.url.to_string(),
                    anchor: Some(anchor),
                    line,
                    column,
                });
                dest
            }
            Target::Page { href, url, anchor } => {
                if matches!(used, Use::Image) && self.out.first_image.is_none() {
                    self.out.first_image = Some(url.clone());
                }
                self.out.links.push(PageLink {
                    url,
                    anchor,
                    line,
                    column,
                });
                href.into()
            }
            Target::Error(message) => {
                self.out
                    .diagnostics
                    .push(Diagnostic::error(self.page.path, line, column, message));
                "#".into()
            }
        }
    }
}
