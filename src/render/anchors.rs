//! Anchors other tools wrote: a link's `#fragment` that names no id of its target page but the
//! GitHub- or mdBook-style id of one of its headings (see [`slug::foreign_heading_ids`]) is
//! renamed to khoa's id, so a converted course keeps its links to headings.

use super::Pages;
use crate::fold;
use crate::markdown::{RenamedAnchors, RenderedPage};
use crate::slug;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The anchors to rename, and the URLs of the pages whose links use them. A target's own ids
/// and foreign ids are gathered when a link with a fragment first points to it: most pages are
/// never such a target.
pub fn foreign_anchors(pages: &Pages) -> (RenamedAnchors, BTreeSet<String>) {
    let page = |url: &str| pages.lessons.get(url).or_else(|| pages.intros.get(url));
    let mut own: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut foreign: HashMap<&str, HashMap<String, String>> = HashMap::new();
    let mut renamed = RenamedAnchors::default();
    let mut linking = BTreeSet::new();
    for (url, linker) in pages.lessons.iter().chain(&pages.intros) {
        for link in &linker.links {
            let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            let Some(target) = page(&link.url) else {
                continue;
            };
            let target_url = link.url.as_str();
            let ids = own.entry(target_url).or_insert_with(|| own_ids(target));
            if ids.contains(anchor) {
                continue;
            }
            let ids = foreign
                .entry(target_url)
                .or_insert_with(|| foreign_ids(target));
            if let Some(id) = ids.get(&fold::nfc(anchor)) {
                renamed.insert(&link.url, anchor, id);
                linking.insert(url.to_string());
            }
        }
    }
    (renamed, linking)
}

fn own_ids(page: &RenderedPage) -> HashSet<&str> {
    let headings = page.headings.iter().map(|h| h.id.as_str());
    headings
        .chain(page.anchors.iter().map(String::as_str))
        .collect()
}

/// Each heading's ids in other tools' styles (a repeated one numbered `-1`, `-2`… as they do) →
/// its khoa id.
fn foreign_ids(page: &RenderedPage) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for heading in &page.headings {
        let [github, mdbook] = slug::foreign_heading_ids(&heading.text);
        let bases = if github == mdbook {
            vec![github]
        } else {
            vec![github, mdbook]
        };
        for base in bases {
            let n = seen.entry(base.clone()).or_default();
            let id = if *n == 0 { base } else { format!("{base}-{n}") };
            *n += 1;
            ids.entry(id).or_insert_with(|| heading.id.clone());
        }
    }
    ids
}
