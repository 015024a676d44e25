//! Anchors other tools wrote: a link's `#fragment` that names no id of its target page but the
//! GitHub- or mdBook-style id of one of its headings (see [`slug::foreign_heading_ids`]) is
//! renamed to khoa's id, so a converted course keeps its links to headings.

use super::Pages;
use crate::fold;
use crate::markdown::{RenamedAnchors, RenderedPage};
use crate::slug;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The anchors to rename, and the URLs of the pages whose links use them.
pub fn foreign_anchors(pages: &Pages) -> (RenamedAnchors, BTreeSet<String>) {
    let all: HashMap<&str, &RenderedPage> = pages
        .lessons
        .iter()
        .chain(&pages.intros)
        .map(|(url, page)| (url.as_str(), &**page))
        .collect();
    let own: HashMap<&str, HashSet<&str>> = all
        .iter()
        .map(|(url, page)| (*url, own_ids(page)))
        .collect();
    let mut foreign: HashMap<&str, HashMap<String, String>> = HashMap::new();
    let mut renamed = RenamedAnchors::default();
    let mut linking = BTreeSet::new();
    for (url, page) in &all {
        for link in &page.links {
            let (Some(anchor), Some(target)) = (&link.anchor, all.get(link.url.as_str())) else {
                continue;
            };
            if anchor.is_empty() || own[link.url.as_str()].contains(anchor.as_str()) {
                continue;
            }
            let ids = foreign
                .entry(link.url.as_str())
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
