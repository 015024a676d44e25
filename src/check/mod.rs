//! Checks on the whole compiled site that no single stage can make, one family per file: `ids`
//! (course, lesson and question ids unique), `anchors` (links to headings), `lessons` (content and
//! description), `budgets` (page, image and first-search sizes), `controls` (control characters in
//! pages), `names` (output names Windows or a file system refuses), `paths` (learning paths:
//! `requires` and `next` name courses, without a cycle), `scripts` (SVG, XML and
//! HTML-like files that could run script), `translations` (a translation's questions against its
//! original's, and the UI strings each language lacks).
//!
//! Every check is pure (the site model, the rendered pages and the in-memory outputs in,
//! diagnostics out), so `build`, `check` and `serve` run exactly the same ones through
//! [`crate::compile::compile`]. One owner per output path is settled where outputs are added
//! ([`crate::output`]); conflict markers are found as each file is read ([`crate::document`]).

mod anchors;
mod budgets;
mod controls;
mod ids;
mod lessons;
mod names;
mod paths;
mod scripts;
mod translations;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::{Outputs, STATIC_PREFIX};
use crate::render::Pages;
use std::collections::HashMap;

pub use budgets::{MAX_IMAGE_BYTES, NO_COPY_WARN_BYTES, PAGE_MAX_BYTES, PAGE_WARN_BYTES};
pub use names::MAX_NAME_BYTES;

/// Runs every site-wide check on `site`, its rendered `pages` and its `outputs`.
pub fn check(site: &Site, pages: &Pages, outputs: &Outputs) -> Vec<Diagnostic> {
    // The checks of the sources and those of the outputs at once: each half is some tens of
    // milliseconds on a course of 10,000 lessons, with nothing else to do meanwhile.
    let (mut diagnostics, of_outputs) = rayon::join(
        || check_sources(site, pages),
        || check_outputs(site, pages, outputs),
    );
    diagnostics.extend(of_outputs);
    diagnostics
}

/// The lessons, ids, learning paths and anchors.
fn check_sources(site: &Site, pages: &Pages) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (_, lesson) in site.lessons() {
        lessons::check_lesson(lesson, &mut diagnostics);
    }
    for course in &site.courses {
        lessons::check_descriptions(course, &mut diagnostics);
    }
    ids::check_unique_ids(&site.courses, &mut diagnostics);
    ids::check_question_ids(site, pages, &mut diagnostics);
    paths::check_learning_paths(&site.courses, &mut diagnostics);
    anchors::check_anchors(site, pages, &mut diagnostics);
    diagnostics
}

/// The outputs' sizes, controls, names and scripts, and the translations.
fn check_outputs(site: &Site, pages: &Pages, outputs: &Outputs) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    budgets::check_image_sizes(site, pages, outputs, &mut diagnostics);
    let sources = output_sources(site);
    budgets::check_page_sizes(site, outputs, &sources, &mut diagnostics);
    controls::check_page_controls(site, outputs, &sources, &mut diagnostics);
    names::check_output_names(site, outputs, &sources, &mut diagnostics);
    scripts::check_active_files(site, outputs, &sources, &mut diagnostics);
    budgets::check_search_size(&site.courses, outputs, &mut diagnostics);
    translations::check_translated_questions(site, pages, &mut diagnostics);
    translations::check_ui_strings(site, &mut diagnostics);
    translations::check_language_folders(site, &mut diagnostics);
    diagnostics
}

pub(super) fn has_extension(url: &str, extensions: &[&str]) -> bool {
    url.rsplit_once('.')
        .is_some_and(|(_, ext)| extensions.contains(&ext.to_ascii_lowercase().as_str()))
}

pub(super) fn source_of(site: &Site, sources: &HashMap<String, String>, url: &str) -> String {
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
    let editions = site.other_editions();
    for course in site
        .courses
        .iter()
        .chain(editions.iter().flat_map(|e| &e.courses))
    {
        sources.insert(course.url(), course.intro.path.clone());
        sources.insert(course.completion_url(), course.intro.path.clone());
        sources.insert(course.print_url(), course.intro.path.clone());
        for (_, url) in crate::render::whole_course::module_print_pages(course) {
            sources.insert(url, course.intro.path.clone());
        }
        sources.insert(course.review_url(), course.intro.path.clone());
        for lesson in course.lessons() {
            sources.insert(lesson.url.clone(), lesson.source.path.clone());
        }
    }
    for asset in &site.assets {
        sources.insert(asset.url.clone(), asset.source_path.clone());
        if crate::images::is_resizable(&asset.url) {
            for width in crate::images::WIDTHS {
                let copy = crate::images::variant_url(&asset.url, width);
                sources.insert(copy, asset.source_path.clone());
            }
        }
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
