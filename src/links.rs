//! Links written by authors: resolving `../02-bai/03-x.md#y` against the source tree and
//! rewriting it to a relative URL of the output, so every page works from any sub-path or `file://`.

use crate::model::Site;
use std::collections::HashMap;

/// Source file path (relative to the project root) → output path (relative to the site root).
#[derive(Debug, Default)]
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
    /// Every lesson, course page and asset of `site`.
    pub fn new(site: &Site) -> Self {
        let mut by_source = HashMap::new();
        for course in &site.courses {
            by_source.insert(course.intro.path.clone(), course.url());
            for lesson in course.lessons() {
                by_source.insert(lesson.source.path.clone(), lesson.url.clone());
            }
        }
        for asset in &site.assets {
            by_source.insert(asset.source_path.clone(), asset.url.clone());
        }
        LinkMap { by_source }
    }

    #[cfg(test)]
    fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        LinkMap {
            by_source: pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    /// Resolves `link`, written in `source_path`, for the page published at `page_url`.
    pub fn resolve(&self, link: &str, source_path: &str, page_url: &str) -> Target {
        let link = link.trim();
        if let Some(anchor) = link.strip_prefix('#') {
            return Target::Anchor(percent_decode(anchor));
        }
        if let Some(scheme) = scheme_of(link) {
            return match scheme.as_str() {
                "http" | "https" | "mailto" | "tel" | "sms" | "geo" => Target::External,
                _ => Target::Error(format!("link scheme `{scheme}:` is not allowed")),
            };
        }
        if link.starts_with('/') || link.starts_with('\\') {
            return Target::Error(format!(
                "`{link}` starts with `/`; write links relative to this file so the site works from any folder"
            ));
        }
        let (path_part, anchor) = match link.split_once('#') {
            Some((path, anchor)) => (path, Some(percent_decode(anchor))),
            None => (link, None),
        };
        let path_part = path_part.split('?').next().unwrap_or_default();
        let source_dir = source_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let Some(target) =
            join_normalized(source_dir, &crate::fold::nfc(&percent_decode(path_part)))
        else {
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

/// The scheme of an absolute URL, lowercased (`JavaScript:` → `javascript`).
fn scheme_of(link: &str) -> Option<String> {
    let (scheme, _) = link.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Joins `relative` onto `dir`, resolving `.` and `..`; `None` if it climbs above the root.
fn join_normalized(dir: &str, relative: &str) -> Option<String> {
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

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> LinkMap {
        LinkMap::from_pairs(&[
            (
                "content/c/01-co-ban/02-mat-khau.md",
                "c/co-ban/mat-khau.html",
            ),
            ("content/c/02-nang-cao/01-otp.md", "c/nang-cao/otp.html"),
            (
                "content/c/02-nang-cao/hinh/anh 1.png",
                "c/nang-cao/hinh/anh-1.png",
            ),
            ("content/c/_index.md", "c/index.html"),
        ])
    }

    #[test]
    fn rewrites_source_paths_to_relative_urls() {
        let target = map().resolve(
            "../01-co-ban/02-mat-khau.md#tao-mat-khau",
            "content/c/02-nang-cao/01-otp.md",
            "c/nang-cao/otp.html",
        );
        let Target::Page { href, anchor, .. } = target else {
            panic!("{target:?}")
        };
        assert_eq!(href, "../co-ban/mat-khau.html#tao-mat-khau");
        assert_eq!(anchor.as_deref(), Some("tao-mat-khau"));
    }

    #[test]
    fn resolves_assets_with_encoded_names_and_course_folders() {
        let m = map();
        let from = ("content/c/02-nang-cao/01-otp.md", "c/nang-cao/otp.html");
        assert!(
            matches!(m.resolve("hinh/anh%201.png", from.0, from.1), Target::Page { href, .. } if href == "hinh/anh-1.png")
        );
        assert!(
            matches!(m.resolve("../", from.0, from.1), Target::Page { href, .. } if href == "../index.html")
        );
    }

    #[test]
    fn missing_files_and_escapes_are_errors() {
        let m = map();
        assert!(matches!(
            m.resolve("nope.md", "content/c/_index.md", "c/index.html"),
            Target::Error(_)
        ));
        assert!(matches!(
            m.resolve(
                "../../../../etc/passwd",
                "content/c/_index.md",
                "c/index.html"
            ),
            Target::Error(_)
        ));
        assert!(matches!(
            m.resolve("/c/index.html", "content/c/_index.md", "c/index.html"),
            Target::Error(_)
        ));
        assert!(matches!(
            m.resolve("JavaScript:alert(1)", "content/c/_index.md", "c/index.html"),
            Target::Error(_)
        ));
    }

    #[test]
    fn external_links_and_anchors_are_classified() {
        let m = map();
        assert_eq!(
            m.resolve("https://dichvucong.gov.vn", "a.md", "a.html"),
            Target::External
        );
        assert_eq!(
            m.resolve("#muc-1", "a.md", "a.html"),
            Target::Anchor("muc-1".into())
        );
    }

    #[test]
    fn relative_urls_between_outputs() {
        assert_eq!(relative_url("index.html", "c/index.html"), "c/index.html");
        assert_eq!(relative_url("c/m/l.html", "c/index.html"), "../index.html");
        assert_eq!(relative_url("c/m/l.html", "d/x.html"), "../../d/x.html");
        assert_eq!(root_prefix("c/m/l.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
