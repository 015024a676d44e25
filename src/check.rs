//! Checks on the whole compiled site that no single stage can make: unique ids and URLs, sizes,
//! empty or undescribed lessons, output names Windows refuses, SVGs and HTML files that could run
//! script, and conflict markers left by a merge.
//!
//! Every check is pure (the site model and the in-memory outputs in, diagnostics out), so `build`,
//! `check` and `serve` run exactly the same ones through [`crate::compile::compile`].

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{Asset, Course, Lesson, Site};
use crate::output::Outputs;
use crate::slug;
use crate::theme::STATIC_PREFIX;
use std::collections::{BTreeMap, HashMap};

/// A lesson's Markdown above this size gets a warning (cheap phones render it slowly).
pub const MAX_LESSON_BYTES: usize = 1024 * 1024;
/// An image above this size gets a warning (slow networks, small data plans).
pub const MAX_IMAGE_BYTES: usize = 300 * 1000;

/// File extensions treated as images for the size budget.
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico",
];

/// Extensions of files a browser opens as a page (or a stylesheet that writes one) and runs, and
/// that khoa cannot check: HTML, XSLT, and SVG compressed (served with `Content-Encoding: gzip`).
const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xsl", "xslt", "svgz",
];

/// Runs every site-wide check on `site` and its rendered `outputs`.
pub fn check(site: &Site, outputs: &Outputs) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (_, lesson) in site.lessons() {
        check_lesson(lesson, &mut diagnostics);
    }
    check_unique_ids(&site.courses, &mut diagnostics);
    check_unique_urls(&site.courses, &site.assets, &mut diagnostics);
    check_image_sizes(site, outputs, &mut diagnostics);
    check_output_names(site, outputs, &mut diagnostics);
    check_active_files(site, outputs, &mut diagnostics);
    diagnostics.extend(crate::search::size_warnings(&site.courses, outputs));
    diagnostics
}

fn check_unique_ids(courses: &[Course], diagnostics: &mut Vec<Diagnostic>) {
    let mut course_ids: BTreeMap<&str, &str> = BTreeMap::new();
    for course in courses {
        if let Some(first) = course_ids.insert(&course.id, &course.intro.path) {
            diagnostics.push(Diagnostic::error(
                &course.intro.path,
                1,
                1,
                format!("duplicate course id `{}` (also used by {first})", course.id),
            ));
        }
        let mut lesson_ids: BTreeMap<&str, &str> = BTreeMap::new();
        for lesson in course.lessons() {
            if let Some(first) = lesson_ids.insert(&lesson.id, &lesson.source.path) {
                diagnostics.push(Diagnostic::error(
                    &lesson.source.path,
                    1,
                    1,
                    format!(
                        "duplicate lesson id `{}` in this course (also used by {first})",
                        lesson.id
                    ),
                ));
            }
        }
    }
}

/// Two sources must not map to the same output, also after case folding (`Bai1.md`, `bai1.md`).
fn check_unique_urls(courses: &[Course], assets: &[Asset], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    let pages = courses.iter().flat_map(|c| {
        c.lessons()
            .map(|l| (l.url.clone(), l.source.path.as_str()))
            .chain([(c.url(), c.intro.path.as_str())])
    });
    let files = assets
        .iter()
        .map(|a| (a.url.clone(), a.source_path.as_str()));
    for (url, source) in pages.chain(files) {
        if let Some(first) = seen.insert(url.to_lowercase(), source) {
            let message = if first == source {
                format!(
                    "two files named `{source}` differ only in how their accents are encoded (NFC/NFD); delete one of them"
                )
            } else {
                format!(
                    "`{source}` and `{first}` would both be published as `{url}`; rename one of them"
                )
            };
            diagnostics.push(Diagnostic::error(source, 0, 0, message));
        }
    }
}

fn check_lesson(lesson: &Lesson, diagnostics: &mut Vec<Diagnostic>) {
    let path = &lesson.source.path;
    let body = &lesson.source.body;
    if body.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            path,
            lesson.source.line_offset.max(1),
            1,
            "lesson is empty: write its content below the front matter",
        ));
    }
    if body.len() > MAX_LESSON_BYTES {
        diagnostics.push(Diagnostic::warning(
            path,
            0,
            0,
            format!(
                "lesson is {} (over {}); split it so cheap phones can open it",
                mib(body.len()),
                mib(MAX_LESSON_BYTES)
            ),
        ));
    }
    if lesson
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        diagnostics.push(Diagnostic::warning(
            path,
            1,
            1,
            "lesson has no `description`; add one line to the front matter saying what it teaches",
        ));
    }
}

fn check_image_sizes(site: &Site, outputs: &Outputs, diagnostics: &mut Vec<Diagnostic>) {
    for asset in &site.assets {
        if !is_image(&asset.url) {
            continue;
        }
        let Some(bytes) = outputs.get(&asset.url) else {
            continue;
        };
        if bytes.len() > MAX_IMAGE_BYTES {
            diagnostics.push(Diagnostic::warning(
                &asset.source_path,
                0,
                0,
                format!(
                    "image is {} (over {}); resize or compress it for slow networks",
                    kb(bytes.len()),
                    kb(MAX_IMAGE_BYTES)
                ),
            ));
        }
    }
}

fn is_image(url: &str) -> bool {
    has_extension(url, IMAGE_EXTENSIONS)
}

fn has_extension(url: &str, extensions: &[&str]) -> bool {
    url.rsplit_once('.')
        .is_some_and(|(_, ext)| extensions.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Safety net behind the slugs: no output path component may be a name Windows refuses.
fn check_output_names(site: &Site, outputs: &Outputs, diagnostics: &mut Vec<Diagnostic>) {
    let sources = output_sources(site);
    for (url, _) in outputs.iter() {
        let Some(bad) = url.split('/').find(|c| slug::is_windows_reserved(c)) else {
            continue;
        };
        let source = sources
            .get(url)
            .cloned()
            .unwrap_or_else(|| theme_source(site, url));
        diagnostics.push(Diagnostic::error(
            source,
            0,
            0,
            format!(
                "output `{url}` contains `{bad}`, a name Windows refuses (con, prn, aux, nul, com1…, lpt1…); rename the file"
            ),
        ));
    }
}

/// An SVG (or an XML asset) that could run script is an error where the file could run it (see
/// [`crate::svg`]); an HTML-like or compressed SVG asset is refused whole, since khoa cannot check
/// it and makes pages only from Markdown.
fn check_active_files(site: &Site, outputs: &Outputs, diagnostics: &mut Vec<Diagnostic>) {
    for asset in site
        .assets
        .iter()
        .filter(|a| has_extension(&a.url, PAGE_EXTENSIONS))
    {
        diagnostics.push(Diagnostic::error(
            &asset.source_path,
            0,
            0,
            "a browser opens this file as a page and runs any script in it with the site's rights, and khoa cannot check it: write it as a lesson in Markdown, use a plain .svg for a drawing, or publish the file inside a .zip",
        ));
    }
    let sources = output_sources(site);
    let xml_assets: Vec<&str> = site
        .assets
        .iter()
        .filter(|a| has_extension(&a.url, &["xml"]))
        .map(|a| a.url.as_str())
        .collect();
    let checked = outputs
        .iter()
        .filter(|(url, _)| has_extension(url, &["svg"]) || xml_assets.contains(url));
    for (url, bytes) in checked {
        let text = String::from_utf8_lossy(bytes);
        let lines = LineIndex::new(&text);
        let source = sources.get(url).cloned();
        let source = source.unwrap_or_else(|| theme_source(site, url));
        for finding in crate::svg::check(&text) {
            let (line, column) = lines.position(finding.offset);
            diagnostics.push(Diagnostic::error(&source, line, column, finding.message));
        }
    }
}

/// Output path → the source file it comes from, for pages and assets.
fn output_sources(site: &Site) -> HashMap<String, String> {
    let mut sources = HashMap::new();
    for course in &site.courses {
        sources.insert(course.url(), course.intro.path.clone());
        for lesson in course.lessons() {
            sources.insert(lesson.url.clone(), lesson.source.path.clone());
        }
    }
    for asset in &site.assets {
        sources.insert(asset.url.clone(), asset.source_path.clone());
    }
    sources
}

/// Where a theme static file comes from; other generated files are named by their output path.
fn theme_source(site: &Site, url: &str) -> String {
    match (
        url.strip_prefix(STATIC_PREFIX),
        site.config.theme.as_deref(),
    ) {
        (Some(file), Some(theme)) => format!("themes/{theme}/static/{file}"),
        _ => url.to_string(),
    }
}

/// Lines starting with Git's conflict markers (`<<<<<<< `, `>>>>>>> `, also `|||||||`), outside
/// code blocks other than `quiz` blocks (a Git lesson may show a conflict in a code block).
/// `=======` alone is not reported: it is also a setext heading underline.
pub fn conflict_markers(text: &str, path: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut fence: Option<Fence> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match fence {
            Some(open) if indent < 4 && open.closed_by(trimmed) => {
                fence = None;
                continue;
            }
            Some(open) if !open.is_quiz => continue,
            Some(_) => {}
            None if indent < 4 => fence = Fence::opening(trimmed),
            None => {}
        }
        if is_conflict_marker(line) {
            diagnostics.push(Diagnostic::error(
                path,
                index + 1,
                1,
                "merge-conflict marker left in the file; keep the right version and delete the markers",
            ));
        }
    }
    diagnostics
}

fn is_conflict_marker(line: &str) -> bool {
    ["<<<<<<<", ">>>>>>>", "|||||||"].iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

/// An open code fence; its content is hidden from the marker check unless it is a `quiz` block.
#[derive(Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
    is_quiz: bool,
}

impl Fence {
    fn opening(line: &str) -> Option<Fence> {
        let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = fence_length(line, ch);
        let info = line[len..].trim();
        let is_quiz = info.split_whitespace().next() == Some("quiz");
        (len >= 3 && !(ch == '`' && info.contains('`'))).then_some(Fence { ch, len, is_quiz })
    }

    fn closed_by(self, line: &str) -> bool {
        fence_length(line, self.ch) >= self.len
            && line.trim_start_matches(self.ch).trim().is_empty()
    }
}

fn fence_length(line: &str, ch: char) -> usize {
    line.chars().take_while(|c| *c == ch).count()
}

fn mib(bytes: usize) -> String {
    let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    format!("{} MiB", text.trim_end_matches(".0"))
}

fn kb(bytes: usize) -> String {
    format!("{} KB", bytes.div_ceil(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker_lines(text: &str) -> Vec<usize> {
        conflict_markers(text, "a.md")
            .iter()
            .map(|d| d.line)
            .collect()
    }

    #[test]
    fn finds_conflict_markers_at_line_start() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\n";
        assert_eq!(marker_lines(text), [2, 6]);
    }

    #[test]
    fn a_setext_underline_or_quoted_marker_is_not_a_conflict() {
        assert!(marker_lines("Tiêu đề\n=======\n\n x <<<<<<< y\n<<<<<<<<\n").is_empty());
    }

    #[test]
    fn markers_in_code_blocks_are_examples_but_in_quiz_blocks_they_are_not() {
        let code = "```text\n<<<<<<< HEAD\n```\n";
        assert!(marker_lines(code).is_empty());
        let quiz = "```quiz\n<<<<<<< HEAD\n```\n>>>>>>> x\n";
        assert_eq!(marker_lines(quiz), [2, 4]);
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(kb(412_001), "413 KB");
        assert_eq!(mib(MAX_LESSON_BYTES + MAX_LESSON_BYTES / 2), "1.5 MiB");
        assert_eq!(mib(MAX_LESSON_BYTES), "1 MiB");
    }

    #[test]
    fn images_are_recognised_by_extension() {
        assert!(is_image("c/hinh/a.PNG") && is_image("a.svg"));
        assert!(!is_image("c/tai-lieu.pdf") && !is_image("README"));
    }
}
