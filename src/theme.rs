//! Themes: the default theme embedded in the binary, overridden file by file by `themes/<name>/`.
//!
//! A theme is `templates/*.html` (tera: pages, and `quiz/*.html` for quiz questions) and `static/**`
//! (copied to `_khoa/` in the output). A project theme replaces any single file of the default
//! theme by putting a file at the same path.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

/// Every file of `themes/default/`, embedded at compile time (a test checks the list is complete).
pub const DEFAULT_FILES: &[(&str, &[u8])] = embed![
    "templates/404.html",
    "templates/base.html",
    "templates/completion.html",
    "templates/course.html",
    "templates/index.html",
    "templates/lesson.html",
    "templates/offline.html",
    "templates/offline-box.html",
    "templates/quiz/answers.html",
    "templates/quiz/question.html",
    "templates/quiz/solution.html",
    "static/favicon.svg",
    "static/khoa.css",
    "static/js/search-boot.js",
    "static/js/search-core.js",
    "static/js/search.js",
    "static/js/store.js",
    "static/js/store-storage.js",
    "static/js/quiz-grade.js",
    "static/js/quiz.js",
    "static/js/dom.js",
    "static/js/learner-tools.js",
    "static/js/progress.js",
    "static/js/offline-core.js",
    "static/js/offline-words.js",
    "static/js/offline.js",
    "static/js/worker.js",
    "static/js/xapi-core.js",
    "static/js/xapi.js",
    "static/js/read-aloud-core.js",
    "static/js/read-aloud-boot.js",
    "static/js/read-aloud.js",
    "static/js/outline.js",
    "static/js/review-core.js",
    "static/js/review.js",
    "templates/print.html",
    "templates/print-index.html",
    "templates/review.html",
    "templates/quiz/print.html",
    "templates/quiz/print-key.html",
];

/// The files of the theme in use: path inside the theme → contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme alone.
    pub fn default_theme() -> Self {
        let files = DEFAULT_FILES
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        Theme { files }
    }

    /// The default theme with the files of `root/themes/<name>/` laid over it.
    pub fn load(root: &Path, name: Option<&str>) -> Result<Theme, Diagnostic> {
        let mut theme = Self::default_theme();
        let Some(name) = name else { return Ok(theme) };
        let dir = root.join("themes").join(name);
        if !dir.is_dir() {
            return Err(Diagnostic::error(
                crate::config::FILE_NAME,
                0,
                0,
                format!("theme `{name}` not found: expected a folder `themes/{name}/`"),
            ));
        }
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| unreadable_folder(root, &dir, &e))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let key: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let key = key.join("/");
            if crate::ignored::is_ignored_name(&key) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                Diagnostic::error(
                    format!("themes/{name}/{key}"),
                    0,
                    0,
                    format!("cannot read: {e}"),
                )
            })?;
            theme.files.insert(key, bytes);
        }
        Ok(theme)
    }

    /// Templates as (name, source), names relative to `templates/`.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.with_prefix("templates/")
    }

    /// Static files as (path relative to `static/`, bytes).
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.with_prefix("static/")
    }

    fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files
            .iter()
            .filter_map(move |(path, bytes)| Some((path.strip_prefix(prefix)?, bytes.as_slice())))
    }
}

/// A folder of the theme that cannot be read, named relative to the project.
fn unreadable_folder(root: &Path, dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(dir);
    let relative = path.strip_prefix(root).unwrap_or(path);
    let why = error
        .io_error()
        .map_or_else(|| error.to_string(), ToString::to_string);
    Diagnostic::error(
        relative.to_string_lossy().replace('\\', "/"),
        0,
        0,
        format!("cannot read this folder: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let mut embedded: Vec<String> = DEFAULT_FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(embedded, on_disk, "update DEFAULT_FILES in src/theme.rs");
    }
}
