//! Files that could run script with the site's rights: SVG and XML assets with script (see
//! [`crate::svg`]), and HTML-like assets, which khoa refuses whole.

use super::{has_extension, source_of};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::model::Site;
use crate::output::Outputs;
use std::collections::HashMap;

/// Extensions of files a browser opens as a page (or a stylesheet that writes one) and runs, and
/// that khoa cannot check: HTML, XSLT, and SVG compressed (served with `Content-Encoding: gzip`).
const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "xsl", "xslt", "svgz",
];

/// An SVG (or an XML asset) that could run script is an error where the file could run it (see
/// [`crate::svg`]); an HTML-like or compressed SVG asset is refused whole, since khoa cannot check
/// it and makes pages only from Markdown.
pub(super) fn check_active_files(
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
