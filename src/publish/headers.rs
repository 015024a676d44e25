//! `_headers`: caching rules in the format Netlify and Cloudflare Pages read. Files under `_khoa/`
//! are named by their content, so a browser or CDN may keep them a year without asking; pages,
//! `sw.js` and every other file are revalidated on each visit (a cheap 304 when unchanged), so a
//! new build is seen at once.
//!
//! Both hosts apply every rule whose path matches, and Cloudflare joins two `Cache-Control`
//! values with a comma, so the rules never overlap: `/_khoa/*`, then one rule per other entry at
//! the root (`/index.html`, `/<course>/*`, …). Cloudflare reads at most 100 rules; a site with
//! more root entries keeps the first rules and leaves the rest to the hosts' default, which is
//! revalidation too.

use crate::output::{Outputs, STATIC_PREFIX};
use std::collections::BTreeSet;

/// The file's name at the site root (one of [`crate::output::ROOT_FILES`]).
pub const HEADERS_FILE: &str = "_headers";

/// `Cache-Control` for content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else.
pub const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// Cloudflare Pages reads at most this many rules.
const MAX_RULES: usize = 100;

/// The `_headers` text for `outputs`.
pub fn headers_file(outputs: &Outputs) -> String {
    let mut text = String::from(
        "# Written by khoa: how long hosts and browsers may cache each file (Netlify and\n\
         # Cloudflare Pages read this file; see the README for nginx and Caddy).\n\
         # Files under /_khoa/ carry a hash of their content in their name.\n",
    );
    text.push_str(&rule(&format!("/{STATIC_PREFIX}*"), IMMUTABLE));
    text.push_str("# Pages, the service worker and the rest: revalidated on each visit.\n");
    for path in revalidated(outputs).into_iter().take(MAX_RULES - 1) {
        text.push_str(&rule(&path, REVALIDATE));
    }
    text
}

/// `/`, `/sw.js` and each root entry other than `_khoa/` and this file, as a rule path.
fn revalidated(outputs: &Outputs) -> Vec<String> {
    let mut entries = BTreeSet::new();
    for (path, _) in outputs.iter() {
        match path.split_once('/') {
            Some((dir, _)) if format!("{dir}/") == STATIC_PREFIX => {}
            Some((dir, _)) => {
                entries.insert(format!("/{dir}/*"));
            }
            None if path == HEADERS_FILE => {}
            None => {
                entries.insert(format!("/{path}"));
            }
        }
    }
    let first = ["/", "/index.html", "/sw.js"];
    let rest = entries.into_iter().filter(|e| !first.contains(&e.as_str()));
    first.iter().map(ToString::to_string).chain(rest).collect()
}

fn rule(path: &str, cache: &str) -> String {
    format!("{path}\n  Cache-Control: {cache}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_immutable_and_every_other_root_entry_revalidates() {
        let mut outputs = Outputs::new();
        for path in [
            "index.html",
            "404.html",
            "c/l.html",
            "c/m/x.png",
            "_khoa/a.1.css",
        ] {
            outputs.insert(path, "x");
        }
        let text = headers_file(&outputs);
        assert!(
            text.contains(&format!("/_khoa/*\n  Cache-Control: {IMMUTABLE}\n")),
            "{text}"
        );
        for path in ["/", "/index.html", "/404.html", "/c/*", "/sw.js"] {
            assert!(
                text.contains(&format!("\n{path}\n  Cache-Control: {REVALIDATE}\n")),
                "{path} in {text}"
            );
        }
        assert!(!text.contains("/c/m/"), "one rule per root entry: {text}");
        assert_eq!(text.matches("/_khoa/").count(), 2, "{text}");
    }

    #[test]
    fn rules_stay_within_what_cloudflare_reads() {
        let mut outputs = Outputs::new();
        for i in 0..300 {
            outputs.insert(format!("c{i}/index.html"), "x");
        }
        let rules = headers_file(&outputs).matches("Cache-Control").count();
        assert_eq!(rules, MAX_RULES);
    }
}
