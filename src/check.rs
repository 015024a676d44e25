//! Checks on the whole compiled site that no single stage can make: unique ids, page and image
//! sizes, control characters in pages, empty or undescribed lessons, output names Windows refuses
//! or too long for a file system, SVGs and HTML files that could run script, and conflict markers
//! left by a merge. (One owner per output path is settled where outputs are added: [`crate::output`].)
//!
//! Every check is pure (the site model and the in-memory outputs in, diagnostics out), so `build`,
//! `check` and `serve` run exactly the same ones through [`crate::compile::compile`].

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::{Course, Lesson, Site};
use crate::output::{Outputs, STATIC_PREFIX};
use crate::search;
use crate::slug;
use std::collections::{BTreeMap, HashMap};

/// A page above this many bytes of HTML gets a warning (cheap phones render it slowly).
pub const PAGE_WARN_BYTES: usize = 1024 * 1024;
/// A page above this many bytes of HTML is an error: no learner's phone can open it.
pub const PAGE_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Longest output path component, in bytes: the usual file-name limit (ext4, APFS, NTFS).
pub const MAX_NAME_BYTES: usize = 255;
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
    check_image_sizes(site, outputs, &mut diagnostics);
    let sources = output_sources(site);
    check_page_sizes(site, outputs, &sources, &mut diagnostics);
    check_page_controls(site, outputs, &sources, &mut diagnostics);
    check_output_names(site, outputs, &sources, &mut diagnostics);
    check_active_files(site, outputs, &sources, &mut diagnostics);
    check_search_size(&site.courses, outputs, &mut diagnostics);
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

/// A warning for each course whose first search downloads more than [`search::MAX_FIRST_SEARCH_BYTES`]
/// (its shard and text file in `outputs`).
fn check_search_size(courses: &[Course], outputs: &Outputs, diagnostics: &mut Vec<Diagnostic>) {
    let found = courses
        .iter()
        .filter_map(|course| {
            let size = |file: String| outputs.get(&format!("{}{file}", search::DIR)).map(|b| b.len());
            let shard = size(search::shard_file(&course.id))?;
            let text = size(search::text_file(&course.id)).unwrap_or(0);
            (shard + text > search::MAX_FIRST_SEARCH_BYTES).then(|| {
                Diagnostic::warning(
                    &course.intro.path,
                    0,
                    0,
                    format!(
                        "the search index of this course is {:.1} MB ({:.1} MB to rank results, \
{:.1} MB of snippet text; over {} MB): learners download all of it on their first search; split the \
course or shorten its lessons",
                        (shard + text) as f64 / 1e6,
                        shard as f64 / 1e6,
                        text as f64 / 1e6,
                        search::MAX_FIRST_SEARCH_BYTES / 1_000_000
                    ),
                )
            })
        })
        ;
    diagnostics.extend(found);
}

fn check_lesson(lesson: &Lesson, diagnostics: &mut Vec<Diagnostic>) {
    let path = &lesson.source.path;
    if lesson.source.body.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            path,
            lesson.source.line_offset.max(1),
            1,
            "lesson is empty: write its content below the front matter",
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

/// Every HTML page is measured as written: above [`PAGE_WARN_BYTES`] a warning, above
/// [`PAGE_MAX_BYTES`] an error, both at the page's source.
fn check_page_sizes(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (url, bytes) in outputs.iter().filter(|(url, _)| url.ends_with(".html")) {
        let size = bytes.len();
        if size <= PAGE_WARN_BYTES {
            continue;
        }
        let source = source_of(site, sources, url);
        let message = format!(
            "page `{url}` is {} of HTML (over {}); split it into several lessons so cheap phones can open it",
            mib(size),
            mib(if size > PAGE_MAX_BYTES {
                PAGE_MAX_BYTES
            } else {
                PAGE_WARN_BYTES
            })
        );
        diagnostics.push(if size > PAGE_MAX_BYTES {
            Diagnostic::error(source, 1, 1, message)
        } else {
            Diagnostic::warning(source, 1, 1, message)
        });
    }
}

/// Safety net behind the loader, which refuses control characters in sources: one written as an
/// escape (`&#7;` in Markdown, `"\a"` in YAML) must not reach a page either.
fn check_page_controls(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let markup = outputs
        .iter()
        .filter(|(url, _)| url.ends_with(".html") || url.ends_with(".xml"));
    for (url, bytes) in markup {
        let Some(c) = first_control(bytes) else {
            continue;
        };
        diagnostics.push(Diagnostic::error(
            source_of(site, sources, url),
            0,
            0,
            format!(
                "page `{url}` would carry the control character U+{c:04X}, written as an escape (`&#{c};` in Markdown, `\\x{c:02x}` in YAML); remove it"
            ),
        ));
    }
}

/// The first control character in UTF-8 `bytes` other than tab, line feed and carriage return
/// (templates may have CRLF line ends).
fn first_control(bytes: &[u8]) -> Option<u32> {
    bytes.iter().enumerate().find_map(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => None,
        0..0x20 | 0x7f => Some(u32::from(b)),
        0xc2 => bytes
            .get(i + 1)
            .filter(|next| (0x80..0xa0).contains(*next))
            .map(|&next| u32::from(next)),
        _ => None,
    })
}

/// Safety net behind the slugs: no output path component may be a name Windows refuses, or
/// longer than [`MAX_NAME_BYTES`] (writing it would fail with an OS error).
fn check_output_names(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (url, _) in outputs.iter() {
        for component in url.split('/') {
            let message = if slug::is_windows_reserved(component) {
                format!(
                    "output `{url}` contains `{component}`, a name Windows refuses (con, prn, aux, nul, com1…, lpt1…); rename the file"
                )
            } else if component.len() > MAX_NAME_BYTES {
                format!(
                    "output `{url}` has a name of {} bytes (at most {MAX_NAME_BYTES}, the file-system limit); shorten the file or folder name",
                    component.len()
                )
            } else {
                continue;
            };
            diagnostics.push(Diagnostic::error(
                source_of(site, sources, url),
                0,
                0,
                message,
            ));
            break;
        }
    }
}

/// An SVG (or an XML asset) that could run script is an error where the file could run it (see
/// [`crate::svg`]); an HTML-like or compressed SVG asset is refused whole, since khoa cannot check
/// it and makes pages only from Markdown.
fn check_active_files(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
        let source = source_of(site, sources, url);
        for finding in crate::svg::check(&text) {
            let (line, column) = lines.position(finding.offset);
            diagnostics.push(Diagnostic::error(&source, line, column, finding.message));
        }
    }
}

fn source_of(site: &Site, sources: &HashMap<String, String>, url: &str) -> String {
    sources
        .get(url)
        .cloned()
        .unwrap_or_else(|| theme_source(site, url))
}

/// Output path → the source file it comes from: pages, assets, and the site pages (`khoa.yaml`).
fn output_sources(site: &Site) -> HashMap<String, String> {
    let mut sources = HashMap::new();
    for page in ["index.html", "404.html"] {
        sources.insert(page.to_string(), crate::config::FILE_NAME.to_string());
    }
    for course in &site.courses {
        sources.insert(course.url(), course.intro.path.clone());
        sources.insert(course.completion_url(), course.intro.path.clone());
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

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(kb(412_001), "413 KB");
        assert_eq!(mib(PAGE_WARN_BYTES + PAGE_WARN_BYTES / 2), "1.5 MiB");
        assert_eq!(mib(PAGE_MAX_BYTES), "10 MiB");
    }

    #[test]
    fn control_characters_are_found_in_utf8_pages() {
        assert_eq!(first_control(b"<p>a\tb\r\n</p>"), None);
        assert_eq!(first_control("đường €".as_bytes()), None);
        assert_eq!(first_control(b"a\x07b"), Some(7));
        assert_eq!(first_control(b"a\x7f"), Some(0x7f));
        assert_eq!(first_control("a\u{85}".as_bytes()), Some(0x85));
    }

    #[test]
    fn images_are_recognised_by_extension() {
        assert!(is_image("c/hinh/a.PNG") && is_image("a.svg"));
        assert!(!is_image("c/tai-lieu.pdf") && !is_image("README"));
    }
}
