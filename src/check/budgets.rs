//! Budgets for slow networks and cheap phones: HTML per page, bytes per image, and what a course's
//! first search downloads.

use super::{has_extension, source_of};
use crate::diagnostic::Diagnostic;
use crate::images;
use crate::model::{Course, Site, language_prefix};
use crate::output::Outputs;
use crate::render::{self, Pages};
use crate::search;
use std::collections::HashMap;

/// A page above this many bytes of HTML gets a warning (cheap phones render it slowly).
pub const PAGE_WARN_BYTES: usize = 1024 * 1024;
/// A page above this many bytes of HTML is an error: no learner's phone can open it.
pub const PAGE_MAX_BYTES: usize = 10 * 1024 * 1024;
/// An image above this size gets a warning (slow networks, small data plans).
pub const MAX_IMAGE_BYTES: usize = 300 * 1000;

/// File extensions treated as images for the size budget.
const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico",
];

/// An image above this size that khoa cannot make smaller copies of gets a warning suggesting
/// a video or a smaller file.
pub const NO_COPY_WARN_BYTES: usize = 1000 * 1000;

/// Warns about images that pages serve as they are and that are heavy for a phone; an image khoa
/// made smaller copies of is served through them, so its original is never weighed.
pub(super) fn check_image_sizes(
    site: &Site,
    pages: &Pages,
    outputs: &Outputs,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut first_uses: Option<HashMap<&str, Place>> = None;
    for asset in &site.assets {
        if !is_image(&asset.url) || has_copies(&asset.url, outputs) {
            continue;
        }
        let Some(bytes) = outputs.get(&asset.url) else {
            continue;
        };
        let size = bytes.len();
        if size > NO_COPY_WARN_BYTES {
            let uses = first_uses.get_or_insert_with(|| first_use_of_files(site, pages));
            let (path, line, column) = match uses.get(asset.url.as_str()) {
                Some(place) => (place.path, place.line, place.column),
                None => (asset.source_path.as_str(), 0, 0),
            };
            diagnostics.push(Diagnostic::warning(
                path,
                line,
                column,
                format!(
                    "image `{}` is {} and khoa cannot make smaller copies of it ({}); every learner \
downloads all of it: use a short video instead, or a smaller file",
                    asset.source_path,
                    mb(size),
                    why_no_copies(&asset.url)
                ),
            ));
        } else if size > MAX_IMAGE_BYTES {
            diagnostics.push(Diagnostic::warning(
                &asset.source_path,
                0,
                0,
                format!(
                    "image is {} (over {}); resize or compress it for slow networks",
                    kb(size),
                    kb(MAX_IMAGE_BYTES)
                ),
            ));
        }
    }
}

/// Whether khoa published smaller copies of the image at `url`.
fn has_copies(url: &str, outputs: &Outputs) -> bool {
    outputs
        .get(&images::variant_url(url, images::WIDTHS[0]))
        .is_some()
}

fn why_no_copies(url: &str) -> &'static str {
    if images::is_resizable(url) {
        "it is animated, or not a PNG or JPEG it can read"
    } else {
        "khoa resizes only PNG and JPEG images"
    }
}

/// Where a page first names a file of the project.
struct Place<'s> {
    path: &'s str,
    line: usize,
    column: usize,
}

/// The first place, in reading order (each course's page, then its lessons), where each file is named.
fn first_use_of_files<'s>(site: &'s Site, pages: &'s Pages) -> HashMap<&'s str, Place<'s>> {
    let mut uses = HashMap::new();
    for course in &site.courses {
        let intro = (course.url(), &course.intro.path, &pages.intros);
        let lessons = course
            .lessons()
            .map(|l| (l.url.clone(), &l.source.path, &pages.lessons));
        for (url, path, rendered) in std::iter::once(intro).chain(lessons) {
            let Some(page) = rendered.get(&url) else {
                continue;
            };
            for link in &page.links {
                uses.entry(link.url.as_str()).or_insert(Place {
                    path: path.as_str(),
                    line: link.line,
                    column: link.column,
                });
            }
        }
    }
    uses
}

fn is_image(url: &str) -> bool {
    has_extension(url, IMAGE_EXTENSIONS)
}

/// Every HTML page is measured as written: above [`PAGE_WARN_BYTES`] a warning, above
/// [`PAGE_MAX_BYTES`] an error, both at the page's source. Print pages hold lessons that are each
/// measured on their own page, so they never fail a build: a course's whole `print.html` (at most
/// `render::lesson_outline::FULL_COURSE` lessons) is not measured, and the print page of a module
/// of a longer course gets a warning above [`PAGE_MAX_BYTES`] only, which says to split that
/// module. The print index of a longer course is measured like any page.
pub(super) fn check_page_sizes(
    site: &Site,
    outputs: &Outputs,
    sources: &HashMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let printed = PrintPages::of(site);
    let pages = outputs.iter().filter(|(url, _)| url.ends_with(".html"));
    for (url, bytes) in pages {
        let size = bytes.len();
        let source = || source_of(site, sources, url);
        match printed.kind(url) {
            Some(Printed::WholeCourse) => {}
            Some(Printed::Module) if size > PAGE_MAX_BYTES => {
                let message = format!(
                    "the printed module `{url}` is {} of HTML (over {}): no phone can open it; split the module into several modules",
                    mib(size),
                    mib(PAGE_MAX_BYTES)
                );
                diagnostics.push(Diagnostic::warning(source(), 1, 1, message));
            }
            Some(Printed::Module) => {}
            None if size > PAGE_WARN_BYTES => diagnostics.push(page_too_big(source(), url, size)),
            None => {}
        }
    }
}

/// The warning or error for the page at `url`, of `size` bytes, made from `source`.
fn page_too_big(source: String, url: &str, size: usize) -> Diagnostic {
    let message = format!(
        "page `{url}` is {} of HTML (over {}); split it into several lessons so cheap phones can open it",
        mib(size),
        mib(if size > PAGE_MAX_BYTES {
            PAGE_MAX_BYTES
        } else {
            PAGE_WARN_BYTES
        })
    );
    if size > PAGE_MAX_BYTES {
        Diagnostic::error(source, 1, 1, message)
    } else {
        Diagnostic::warning(source, 1, 1, message)
    }
}

/// What a print page holds.
enum Printed {
    /// A whole course, on its `print.html`.
    WholeCourse,
    /// One module of a long course.
    Module,
}

/// The print pages that hold lessons, by output path in the default language (those of other
/// languages' editions are the same below their language's folder).
struct PrintPages<'s> {
    site: &'s Site,
    pages: HashMap<String, Printed>,
}

impl<'s> PrintPages<'s> {
    fn of(site: &'s Site) -> Self {
        let mut pages = HashMap::new();
        for course in &site.courses {
            let modules = render::whole_course::module_print_pages(course);
            if modules.is_empty() {
                pages.insert(course.print_url(), Printed::WholeCourse);
            }
            pages.extend(modules.into_iter().map(|(_, url)| (url, Printed::Module)));
        }
        PrintPages { site, pages }
    }

    fn kind(&self, url: &str) -> Option<&Printed> {
        let config = &self.site.config;
        let other_languages = config.languages.iter().skip(1);
        let in_default = other_languages
            .map(|&language| language_prefix(config.language, language))
            .find_map(|prefix| url.strip_prefix(&prefix))
            .unwrap_or(url);
        self.pages.get(in_default)
    }
}

/// A warning for each course whose first search downloads more than [`search::MAX_FIRST_SEARCH_BYTES`]
/// (its shard and text file in `outputs`).
pub(super) fn check_search_size(
    courses: &[Course],
    outputs: &Outputs,
    diagnostics: &mut Vec<Diagnostic>,
) {
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

fn mib(bytes: usize) -> String {
    let text = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    format!("{} MiB", text.trim_end_matches(".0"))
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
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
    fn images_are_recognised_by_extension() {
        assert!(is_image("c/hinh/a.PNG") && is_image("a.svg"));
        assert!(!is_image("c/tai-lieu.pdf") && !is_image("README"));
    }
}
