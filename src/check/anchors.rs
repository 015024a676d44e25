//! Links to a heading (`page.md#anchor`, `#anchor`) must name a heading (or an `<a id>`) of the
//! page they point to.

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::Pages;
use std::collections::{BTreeMap, HashSet};

/// Every `page.md#anchor` and `#anchor` must name a heading of its target page.
pub(super) fn check_anchors(site: &Site, pages: &Pages, diagnostics: &mut Vec<Diagnostic>) {
    let ids: BTreeMap<&str, HashSet<&str>> = pages
        .lessons
        .iter()
        .chain(&pages.intros)
        .map(|(url, page)| {
            let headings = page.headings.iter().map(|h| h.id.as_str());
            let anchors = page.anchors.iter().map(String::as_str);
            (url.as_str(), headings.chain(anchors).collect())
        })
        .collect();
    let sources = site
        .lessons()
        .map(|(_, l)| (l.url.clone(), l.source.path.as_str()))
        .chain(
            site.courses
                .iter()
                .map(|c| (c.url(), c.intro.path.as_str())),
        );
    for (url, path) in sources {
        let page = pages.lessons.get(&url).or_else(|| pages.intros.get(&url));
        for link in page.map(|p| p.links.as_slice()).unwrap_or_default() {
            let (Some(anchor), Some(known)) = (&link.anchor, ids.get(link.url.as_str())) else {
                continue;
            };
            if !anchor.is_empty() && !known.contains(anchor.as_str()) {
                let message = format!("no heading with id `#{anchor}` in `{}`", link.url);
                diagnostics.push(Diagnostic::error(path, link.line, link.column, message));
            }
        }
    }
}
