//! Checks on front matter that loading makes: a title, ids that progress can be stored under, and
//! `extra` values that would run script; each located at its line of the front matter.

use super::Loader;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::document::CourseFront;
use crate::model::CourseRef;
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

    /// One warning per course for its modules titled from a plain-ASCII folder name: their title
    /// has no accents (`02-lua-dao` → "Lua dao"), which an `_index.md` with a `title` can give.
    pub(super) fn warn_ascii_titles(&mut self) {
        let folders = std::mem::take(&mut self.ascii_titled);
        let Some(first) = folders.first() else {
            return;
        };
        let names: Vec<String> = folders
            .iter()
            .map(|f| format!("`{}`", f.rsplit('/').next().unwrap_or(f)))
            .collect();
        let message = format!(
            "{} (no `_index.md`): a module's title then comes from its folder name, without accents; add an `_index.md` with `title: ...` (or name the folder with its accents, as in `02-Lừa-đảo`)",
            names.join(", ")
        );
        self.diagnostics
            .push(Diagnostic::warning(first, 0, 0, message));
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

/// The course `id` as written under `key` (`requires: [a, b]`, a block list below it, or
/// `next: a`), with the line and column (in characters, 1-based, of the file) where it is written.
pub(super) fn course_ref(front_matter: &str, key: &str, id: &str) -> CourseRef {
    let first = line_of_front_key(front_matter, key);
    let found = front_matter
        .lines()
        .enumerate()
        .skip(first.saturating_sub(2))
        .find_map(|(i, line)| {
            let at = word_at(line, id)?;
            Some((i + 2, line[..at].chars().count() + 1))
        });
    let (line, column) = found.unwrap_or((first, 1));
    CourseRef {
        id: id.to_string(),
        line,
        column,
    }
}

/// Where `word` stands in `line` on its own (not inside a longer id).
fn word_at(line: &str, word: &str) -> Option<usize> {
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    line.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        !before.is_some_and(is_id) && !after.is_some_and(is_id) && !word.is_empty()
    })
}

/// The line of the front matter that sets `key`; else 1 (the file's first line).
pub(super) fn line_of_front_key(front_matter: &str, key: &str) -> usize {
    front_matter
        .lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 2)
}
