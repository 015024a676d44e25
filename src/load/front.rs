//! Checks on front matter that loading makes: a title, ids that progress can be stored under, and
//! `extra` values that would run script; each located at its line of the front matter.

use super::Loader;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::document::CourseFront;
use crate::slug;

impl Loader<'_> {
    pub(super) fn required_title(
        &mut self,
        title: Option<String>,
        path: &str,
        name: &str,
    ) -> String {
        match title.filter(|t| !t.trim().is_empty()) {
            Some(title) => crate::fold::nfc(&title),
            None => {
                self.diagnostics.push(Diagnostic::error(
                    path,
                    1,
                    1,
                    "missing `title` in the front matter",
                ));
                slug::title_from_name(name)
            }
        }
    }

    pub(super) fn check_id(&mut self, id: &str, front_matter: &str, path: &str, what: &str) {
        let valid = id.split('/').all(config::is_storage_id);
        if !valid {
            let line = line_of_front_key(front_matter, "id");
            self.diagnostics.push(Diagnostic::error(
                path,
                line,
                1,
                format!("{what} `id` {id:?} may only hold a-z, 0-9, `-` and `_`"),
            ));
        }
    }

    /// `extra` reaches templates escaped, but a theme may put a value in a link: a value that
    /// would run script there (`javascript:`, `vbscript:`, `data:` other than an image) is an error.
    pub(super) fn check_extra(&mut self, front: &CourseFront, front_matter: &str, path: &str) {
        for (text, scheme) in front.extra_script_urls() {
            let line = line_of_front_text(front_matter, &format!("{scheme}:"));
            let message = format!(
                "`extra` value `{text}` is a `{scheme}:` URL, which runs script if a theme links to it; khoa refuses it"
            );
            self.diagnostics
                .push(Diagnostic::error(path, line, 1, message));
        }
    }
}

/// The line of the front matter holding `needle`, ignoring case and blanks; else its `extra:` line.
fn line_of_front_text(front_matter: &str, needle: &str) -> usize {
    let squeezed = |line: &str| line.replace(['\t', ' '], "").to_ascii_lowercase();
    front_matter
        .lines()
        .position(|l| squeezed(l).contains(needle))
        .map_or_else(|| line_of_front_key(front_matter, "extra"), |i| i + 2)
}

/// The line of the front matter that sets `key`; else 1 (the file's first line).
pub(super) fn line_of_front_key(front_matter: &str, key: &str) -> usize {
    front_matter
        .lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 2)
}
