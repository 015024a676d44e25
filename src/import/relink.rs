//! Links of an imported chapter: `.md` (and mdBook's `.html`) links to chapters point at the new
//! lesson files, local files (images and the rest) are collected to be copied under the course's
//! `assets/` folder and linked there; anything else is left as it is.

use super::{BookFiles, dir_of, join, scan};
use crate::diagnostic::{Diagnostic, LineIndex};
use std::collections::BTreeMap;

/// Where the book's files go in the course.
pub struct Relinker<'a> {
    /// Chapter source (relative to the book root) → lesson file (relative to the course folder).
    pub chapters: &'a BTreeMap<String, String>,
    pub files: &'a dyn BookFiles,
    /// The source folder relative to the book root (`src`).
    pub src: &'a str,
}

/// A rewritten text, the files it needs copied and what could not be rewritten.
#[derive(Debug, Default)]
pub struct Relinked {
    pub text: String,
    /// (source relative to the book root, destination relative to the course folder).
    pub assets: Vec<(String, String)>,
    pub notes: Vec<Diagnostic>,
}

/// The chapter a text comes from and the lesson it goes to.
pub struct Place<'a> {
    /// The chapter file relative to the book root: links are resolved from its folder.
    pub chapter: &'a str,
    /// The lesson file relative to the course folder.
    pub lesson: &'a str,
    /// The line of the chapter where `markdown` starts (for notes).
    pub first_line: usize,
}

impl Relinker<'_> {
    /// Rewrites every local destination of `markdown`.
    pub fn relink(&self, markdown: &str, place: &Place) -> Relinked {
        let scanned = scan::scan(markdown);
        let lines = LineIndex::new(markdown);
        let mut out = Relinked::default();
        // Edits never overlap: a destination, or the markup around a link's text.
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        for destination in &scanned.destinations {
            let range = destination.range.clone();
            let raw = &markdown[range.clone()];
            match self.target(raw, place, &mut out.assets) {
                Ok(Some(new)) => edits.push((range, new)),
                Ok(None) => {}
                Err(message) => {
                    let (line, column) = lines.position(range.start);
                    let line = line + place.first_line - 1;
                    let message = match &destination.markup {
                        Some(markup) => {
                            edits.extend(markup.iter().map(|r| (r.clone(), String::new())));
                            format!("{message}; kept its text without the link")
                        }
                        None => format!("{message}; left as it is"),
                    };
                    out.notes
                        .push(Diagnostic::warning(place.chapter, line, column, message));
                }
            }
        }
        edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        let mut text = markdown.to_string();
        for (range, new) in edits {
            text.replace_range(range, &new);
        }
        out.text = text;
        out
    }

    /// The new destination for `raw`, `None` to keep it, or why it cannot be carried over.
    fn target(
        &self,
        raw: &str,
        place: &Place,
        assets: &mut Vec<(String, String)>,
    ) -> Result<Option<String>, String> {
        let external = crate::url_scheme::scheme_of(raw).is_some();
        if raw.is_empty() || raw.starts_with('#') || external || raw.contains("{{") {
            return Ok(None);
        }
        if raw.starts_with('/') {
            return Err(format!(
                "absolute link `{raw}` left as it is: make it relative"
            ));
        }
        let (path, fragment) = match raw.split_once('#') {
            Some((path, fragment)) => (path, format!("#{fragment}")),
            None => (raw, String::new()),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let decoded = crate::escape::percent_decode_lossy(path);
        let target = join(dir_of(place.chapter), &decoded)
            .ok_or_else(|| format!("link `{raw}` points outside the book"))?;
        let as_chapter = match target.strip_suffix(".html") {
            Some(stem) => format!("{stem}.md"),
            None => target.clone(),
        };
        if let Some(lesson) = self.chapters.get(&as_chapter) {
            let href = crate::links::relative_url(place.lesson, lesson);
            return Ok(Some(crate::escape::percent_encode_path(&href) + &fragment));
        }
        if target.ends_with(".md") || target.ends_with(".html") {
            return Err(format!(
                "link `{raw}` names a page that is not a chapter in SUMMARY.md"
            ));
        }
        if !self.files.is_file(&target) {
            return Err(format!(
                "link `{raw}`: no such file in the book; left as it is"
            ));
        }
        let destination = self.asset_destination(&target);
        let href = crate::links::relative_url(place.lesson, &destination);
        assets.push((target, destination));
        Ok(Some(crate::escape::percent_encode_path(&href) + &fragment))
    }

    /// Where a book file goes: `assets/<path under src>`, or `assets/book/<path>` outside src.
    pub fn asset_destination(&self, target: &str) -> String {
        match target
            .strip_prefix(self.src)
            .and_then(|t| t.strip_prefix('/'))
        {
            Some(inside) if !self.src.is_empty() => format!("assets/{inside}"),
            _ if self.src.is_empty() => format!("assets/{target}"),
            _ => format!("assets/book/{target}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::memory::MemoryBook;

    #[test]
    fn chapters_point_at_lessons_and_files_at_assets() {
        let chapters = BTreeMap::from([
            ("src/ch1/a.md".to_string(), "01-one/01-a.md".to_string()),
            ("src/b.md".to_string(), "02-two/01-b.md".to_string()),
        ]);
        let files = MemoryBook::new(&[("src/img/x y.png", ""), ("shared/logo.svg", "")]);
        let relinker = Relinker {
            chapters: &chapters,
            files: &files,
            src: "src",
        };
        let place = Place {
            chapter: "src/ch1/a.md",
            lesson: "01-one/01-a.md",
            first_line: 1,
        };
        let text = "[b](../b.md#part) [self](a.md) [html](../b.html) ![x](../img/x%20y.png)\n<img src=\"../../shared/logo.svg\">\n[web](https://x.org) [top](#top) [gone](nope.md)\n\n[missing](../img/none.png)\n";
        let out = relinker.relink(text, &place);
        assert_eq!(
            out.text,
            "[b](../02-two/01-b.md#part) [self](01-a.md) [html](../02-two/01-b.md) ![x](../assets/img/x%20y.png)\n<img src=\"../assets/book/shared/logo.svg\">\n[web](https://x.org) [top](#top) gone\n\nmissing\n"
        );
        assert_eq!(
            out.assets,
            [
                (
                    "src/img/x y.png".to_string(),
                    "assets/img/x y.png".to_string()
                ),
                (
                    "shared/logo.svg".to_string(),
                    "assets/book/shared/logo.svg".to_string()
                ),
            ]
        );
        let notes: Vec<(usize, &str)> = out
            .notes
            .iter()
            .map(|n| (n.line, n.message.as_str()))
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(notes[0].0, 3);
        assert!(notes[0].1.contains("not a chapter"));
        assert_eq!(notes[1].0, 5);
        assert!(notes[1].1.contains("no such file"));
        assert!(notes[1].1.ends_with("kept its text without the link"));
    }
}
