//! The browser runtime: the theme's scripts joined, in order, into one file every page loads.
//!
//! The scripts stay separate in the theme (each with one job, pure parts testable with
//! `node --test`, any of them overridable by a project theme); learners download one file, in one
//! request, compressed as one stream. They are classic scripts, so joining them changes nothing in
//! how they run.

use crate::theme::{STATIC_PREFIX, Theme};

/// The runtime's scripts in load order, relative to the theme's `static/js/`.
pub const SCRIPTS: &[&str] = &[
    "store.js",
    "quiz-grade.js",
    "quiz.js",
    "progress.js",
    "search-core.js",
    "search.js",
];

/// Output path of the joined runtime, relative to the site root.
pub const BUNDLE: &str = "_khoa/js/khoa.js";

/// Whether a theme static file (path relative to `static/`) is part of the bundle.
pub fn is_bundled(static_path: &str) -> bool {
    static_path
        .strip_prefix("js/")
        .is_some_and(|name| SCRIPTS.contains(&name))
}

/// The bundle: each script as the theme has it, after a one-line marker naming its source.
pub fn bundle(theme: &Theme) -> String {
    let mut joined = String::new();
    for name in SCRIPTS {
        let source = theme
            .statics()
            .find(|(path, _)| path.strip_prefix("js/") == Some(name));
        if let Some((_, bytes)) = source {
            joined.push_str(&format!("/* {STATIC_PREFIX}js/{name} */\n"));
            joined.push_str(String::from_utf8_lossy(bytes).trim_end());
            joined.push_str("\n;\n");
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_every_script_in_order() {
        let joined = bundle(&Theme::default_theme());
        let positions: Vec<usize> = SCRIPTS
            .iter()
            .map(|name| joined.find(&format!("js/{name} */")).expect(name))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(joined.contains("KhoaQuizGrade") && joined.contains("KhoaStore"));
    }

    #[test]
    fn only_runtime_scripts_are_bundled() {
        assert!(is_bundled("js/quiz.js"));
        assert!(!is_bundled("khoa.css"));
        assert!(!is_bundled("js/extra.js"));
    }
}
