//! The browser runtime: the theme's scripts joined, in order, into the bundles pages load.
//!
//! The scripts stay separate in the theme (each with one job, pure parts testable with
//! `node --test`, any of them overridable by a project theme); learners download few files,
//! each compressed as one stream. They are classic scripts, so joining them changes nothing in
//! how they run. Every page loads [`MAIN`]; [`SEARCH`] is loaded by `search-boot.js` only when the
//! learner first focuses or taps the search box, so showing a lesson costs nothing of search.
//! Each script is minified on the way in (the `minifier` crate's home is here), so the theme's
//! sources stay formatted for people while learners download no comments or indentation.

use crate::output::STATIC_PREFIX;
use crate::theme::Theme;

/// One output script and the theme scripts it joins, in load order.
#[derive(Debug, Clone, Copy)]
pub struct Bundle {
    /// Output path, relative to the site root.
    pub path: &'static str,
    /// Sources, relative to the theme's `static/js/`.
    pub scripts: &'static [&'static str],
}

/// The runtime every page loads.
pub const MAIN: Bundle = Bundle {
    path: "_khoa/js/khoa.js",
    scripts: &[
        "store.js",
        "store-storage.js",
        "quiz-grade.js",
        "quiz.js",
        "dom.js",
        "learner-tools.js",
        "progress.js",
        "search-boot.js",
        "offline-words.js",
        "offline.js",
    ],
};

/// The search code, loaded on the first use of the search box (its path is in `search-boot.js`).
pub const SEARCH: Bundle = Bundle {
    path: "_khoa/js/khoa-search.js",
    scripts: &["search-core.js", "search.js"],
};

/// What lesson pages add: the read-aloud button (shown when the device has a voice) and the done
/// marks of the course outline beside the text.
pub const LESSON: Bundle = Bundle {
    path: "_khoa/js/khoa-lesson.js",
    scripts: &["read-aloud-core.js", "read-aloud-boot.js", "outline.js"],
};

/// The reader itself, loaded by `read-aloud-boot.js` on the first press of "Nghe bài" (its path
/// is in that script), so lesson pages carry none of it until a learner listens.
pub const READ: Bundle = Bundle {
    path: "_khoa/js/khoa-read.js",
    scripts: &["read-aloud.js"],
};

/// The review of missed questions: the review page, and its link on course and completion pages.
pub const REVIEW: Bundle = Bundle {
    path: "_khoa/js/khoa-review.js",
    scripts: &["review-core.js", "review.js"],
};

/// Every bundle pages load.
pub const BUNDLES: &[Bundle] = &[MAIN, SEARCH, LESSON, READ, REVIEW];

/// The service worker's code; `render::offline` writes it after its data line.
pub const WORKER: Bundle = Bundle {
    path: "sw.js",
    scripts: &["offline-core.js", "worker.js"],
};

/// The learning-record sender, written (after its data line, by `render::xapi`) and loaded by
/// every page only when `khoa.yaml` has an `xapi:` section.
pub const XAPI: Bundle = Bundle {
    path: "_khoa/js/khoa-xapi.js",
    scripts: &["xapi-core.js", "xapi.js"],
};

/// Whether a theme static file (path relative to `static/`) is part of a bundle or of the
/// worker (so it is not also copied on its own).
pub fn is_bundled(static_path: &str) -> bool {
    static_path.strip_prefix("js/").is_some_and(|name| {
        BUNDLES
            .iter()
            .chain([&WORKER, &XAPI])
            .any(|b| b.scripts.contains(&name))
    })
}

/// A script as learners download it: comments and layout dropped by `minifier` (the crate rustdoc
/// minifies its own scripts with), names and strings as written. A script it declines to read
/// ships as written.
fn minified(source: &str) -> String {
    match minifier::js::minify(source) {
        Ok(small) => small.to_string(),
        Err(_) => source.to_string(),
    }
}

/// A bundle's text: each script of the theme, minified, after a one-line marker naming its source.
pub fn join(theme: &Theme, bundle: &Bundle) -> String {
    let mut joined = String::new();
    for name in bundle.scripts {
        let source = theme
            .statics()
            .find(|(path, _)| path.strip_prefix("js/") == Some(name));
        if let Some((_, bytes)) = source {
            joined.push_str(&format!("/* {STATIC_PREFIX}js/{name} */\n"));
            joined.push_str(minified(&String::from_utf8_lossy(bytes)).trim_end());
            joined.push_str("\n;\n");
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_every_script_of_each_bundle_in_order() {
        let theme = Theme::default_theme();
        for bundle in BUNDLES {
            let joined = join(&theme, bundle);
            let positions: Vec<usize> = bundle
                .scripts
                .iter()
                .map(|name| joined.find(&format!("js/{name} */")).expect(name))
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        }
        let main = join(&theme, &MAIN);
        assert!(main.contains("KhoaQuizGrade") && main.contains("KhoaStore"));
        assert!(!main.contains("KhoaSearchCore"), "search waits for the box");
        assert!(join(&theme, &SEARCH).contains("KhoaSearchCore"));
    }

    #[test]
    fn the_boot_script_loads_the_search_bundle() {
        let main = join(&Theme::default_theme(), &MAIN);
        assert!(main.contains(&format!("'{}'", SEARCH.path)), "{main}");
    }

    #[test]
    fn scripts_are_minified_without_changing_what_they_say() {
        let source = "/* job */\n(function () {\n  'use strict';\n  // note\n  var re = /[a-`]+/g;\n  window.X = 'a  b' + re.source;\n})();\n";
        let small = minified(source);
        assert!(small.len() < source.len() - 20, "{small}");
        assert!(!small.contains("job") && !small.contains("note"), "{small}");
        for kept in ["'use strict'", "/[a-`]+/g", "'a  b'", "window.X"] {
            assert!(small.contains(kept), "{kept} in {small}");
        }
    }

    #[test]
    fn only_runtime_scripts_are_bundled() {
        assert!(is_bundled("js/quiz.js"));
        assert!(is_bundled("js/search.js"));
        assert!(is_bundled("js/search-boot.js"));
        assert!(is_bundled("js/worker.js") && is_bundled("js/offline-core.js"));
        assert!(is_bundled("js/xapi.js") && is_bundled("js/xapi-core.js"));
        assert!(!is_bundled("khoa.css"));
        assert!(!is_bundled("js/extra.js"));
    }
}
