//! Links written by authors: resolving `../02-bai/03-x.md#y` against the source tree and
//! rewriting it to a relative URL of the output, so every page works from any sub-path or `file://`.

use crate::model::Site;
use crate::url_scheme::{is_image_data, scheme_of};
use std::collections::HashMap;

/// Schemes a link or image may use as written; any other scheme is an error.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "sms", "geo"];

/// Where a destination is used: only an image may be an inline `data:image/…` picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Link,
    Image,
}

/// Source file path (relative to the project root) → output path (relative to the site root).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkMap {
    by_source: HashMap<String, String>,
}

/// What a link in a page points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// `#section` on the same page.
    Anchor(String),
    /// Another source file of the project, rewritten to `href` (relative to the linking page).
    Page {
        href: String,
        url: String,
        anchor: Option<String>,
    },
    /// `https://…`, `mailto:`… left as they are.
    External,
    /// A problem to report; the link is neutralized.
    Error(String),
}

impl LinkMap {
    /// Every lesson, course page and asset of `site`, and the lessons that failed to load.
    pub fn new(site: &Site) -> Self {
        let mut by_source = HashMap::new();
        for course in &site.courses {
            by_source.insert(course.intro.path.clone(), course.url());
            if let Some(original) = &course.original {
                by_source.insert(original.clone(), course.url());
            }
            for lesson in course.lessons() {
                by_source.insert(lesson.source.path.clone(), lesson.url.clone());
                if let Some(original) = &lesson.original {
                    by_source.insert(original.clone(), lesson.url.clone());
                }
            }
        }
        for asset in &site.assets {
            by_source.insert(asset.source_path.clone(), asset.url.clone());
        }
        for lesson in &site.unloaded {
            by_source.insert(lesson.source_path.clone(), lesson.url.clone());
        }
        LinkMap { by_source }
    }

    /// Every (source path, output path), sorted by source path.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        let mut entries: Vec<(&str, &str)> = self
            .by_source
            .iter()
            .map(|(source, url)| (source.as_str(), url.as_str()))
            .collect();
        entries.sort_unstable();
        entries
    }

    /// The links of `edition` (a site in another language, see [`Site::edition`]): its pages,
    /// and for whatever it does not hold (courses left out of a part), where this map leads.
    pub fn in_edition(&self, edition: &Site) -> LinkMap {
        let mut map = LinkMap::new(edition);
        for (source, url) in &self.by_source {
            map.by_source
                .entry(source.clone())
                .or_insert_with(|| url.clone());
        }
        map
    }

    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        LinkMap {
            by_source: pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    /// Resolves `link`, used as `used` and written in `source_path`, for the page published at
    /// `page_url`. A link with a scheme is judged as a browser reads it (see [`scheme_of`]).
    pub fn resolve(&self, used: Use, link: &str, source_path: &str, page_url: &str) -> Target {
        let link = link.trim();
        if let Some(anchor) = link.strip_prefix('#') {
            return Target::Anchor(crate::escape::percent_decode_lossy(anchor));
        }
        if let Some(scheme) = scheme_of(link) {
            return external(link, &scheme, used);
        }
        if link.starts_with('/') || link.starts_with('\\') {
            return Target::Error(format!(
                "`{link}` starts with `/`; write links relative to this file so the site works from any folder"
            ));
        }
        let (path_part, anchor) = match link.split_once('#') {
            Some((path, anchor)) => (path, Some(crate::escape::percent_decode_lossy(anchor))),
            None => (link, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let source_dir = source_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let Some(target) = join_normalized(
            source_dir,
            &crate::fold::nfc(&crate::escape::percent_decode_lossy(path_part)),
        ) else {
            return Target::Error(format!("`{link}` points outside the project"));
        };
        let url = self
            .by_source
            .get(&target)
            .or_else(|| self.by_source.get(&format!("{target}/_index.md")));
        match url {
            Some(url) => {
                let mut href = relative_url(page_url, url);
                if let Some(anchor) = &anchor {
                    href.push('#');
                    href.push_str(anchor);
                }
                Target::Page {
                    href,
                    url: url.clone(),
                    anchor,
                }
            }
            None => Target::Error(format!("link to a missing file: `{target}`")),
        }
    }
}

/// An absolute URL: allowed as it is when its scheme is safe for `used`, else an error saying why.
fn external(link: &str, scheme: &str, used: Use) -> Target {
    if SAFE_SCHEMES.contains(&scheme) || (used == Use::Image && is_image_data(link)) {
        return Target::External;
    }
    Target::Error(match scheme {
        "javascript" | "vbscript" => format!(
            "`{scheme}:` URLs run script in learners' browsers with the site's rights; khoa refuses them"
        ),
        "data" => "`data:` URLs are allowed only for images (`![alt](data:image/png;base64,…)`); link to a file instead".to_string(),
        _ => format!(
            "link scheme `{scheme}:` is not allowed: use https:, http:, mailto:, tel:, sms:, geo: or a path relative to this file"
        ),
    })
}

/// Joins `relative` onto `dir`, resolving `.` and `..`; `None` if it climbs above the root.
pub fn join_normalized(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The relative URL from the page at `from` to the output at `to` (both relative to the site root).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// The prefix that leads from the page at `url` back to the site root (`""`, `"../"`, …).
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

#[cfg(test)]
mod tests;
