//! Link and image destinations of a page: resolved through the [`crate::links::LinkMap`] to the page or file
//! they name, kept when their scheme is safe, and refused (with the reason, at the link) when a
//! browser would run them: `javascript:`, `vbscript:`, `data:` other than images, unknown schemes.
//! An anchor written in another tool's style is renamed to khoa's id ([`RenamedAnchors`]).

use super::{PageLink, State};
use crate::diagnostic::Diagnostic;
use crate::links::{Target, Use};
use pulldown_cmark::CowStr;
use std::collections::HashMap;
use std::ops::Range;

/// Anchors that name a heading in another tool's style (GitHub, mdBook), by target page URL and
/// anchor as written, with the khoa id each stands for.
#[derive(Debug, Default)]
pub struct RenamedAnchors {
    by_target: HashMap<(String, String), String>,
}

impl RenamedAnchors {
    /// Records that `anchor` on the page at `url` means the heading id `id`.
    pub fn insert(&mut self, url: &str, anchor: &str, id: &str) {
        let key = (url.to_string(), anchor.to_string());
        self.by_target.insert(key, id.to_string());
    }

    pub fn is_empty(&self) -> bool {
        self.by_target.is_empty()
    }

    fn get(&self, url: &str, anchor: &str) -> Option<&str> {
        let key = (url.to_string(), anchor.to_string());
        self.by_target.get(&key).map(String::as_str)
    }
}

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
                let renamed = self.renamed(self.page.url, &anchor);
                self.out.links.push(PageLink {
                    url: self.page.url.to_string(),
                    anchor: Some(renamed.clone().unwrap_or(anchor)),
                    line,
                    column,
                    picture: false,
                });
                renamed.map_or(dest, |id| format!("#{id}").into())
            }
            Target::Page {
                mut href,
                url,
                mut anchor,
            } => {
                if matches!(used, Use::Image) {
                    self.image_link = anchor.is_none().then_some(self.out.links.len());
                    if self.out.first_image.is_none() {
                        let shared = self.page.pictures.and_then(|p| p.share_url(&url));
                        self.out.first_image = Some(shared.unwrap_or_else(|| url.clone()));
                    }
                }
                if let Some(id) = anchor.as_ref().and_then(|a| self.renamed(&url, a)) {
                    href.truncate(href.find('#').unwrap_or(href.len()));
                    href = format!("{href}#{id}");
                    anchor = Some(id);
                }
                self.out.links.push(PageLink {
                    url,
                    anchor,
                    line,
                    column,
                    picture: false,
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

    /// khoa's id for `anchor` on the page at `url`, when it was written in another tool's style.
    fn renamed(&self, url: &str, anchor: &str) -> Option<String> {
        let renamed = self.page.renamed_anchors?;
        renamed.get(url, anchor).map(str::to_string)
    }
}
