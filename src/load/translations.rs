//! Translations beside their originals (`01-bai.en.md`, `_index.en.md`): which files are
//! translations, and attaching each to its original. A translation brings its title, description
//! and text; its id (and so progress) and order are the original's.

use super::{Entry, INDEX_FILE, Loader, front};
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::document::LessonFront;
use crate::model::{Lesson, Source, Translation};
use std::collections::BTreeMap;

/// What the name of a Markdown file says about its language.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Suffix {
    /// No language suffix: an original.
    None,
    /// A translation into a language of the site, of the file named `original`.
    Listed {
        language: Language,
        original: String,
    },
    /// A language suffix for a language the site does not list (a typo, or a translation
    /// written before its language was added).
    Unlisted(Language),
}

/// The language suffix of `name` (`01-bai.en.md`): a listed language, or a code with a primary
/// subtag of 2 or 3 letters as ISO 639 writes languages (so `notes.draft.md` is no translation).
pub(super) fn suffix(name: &str, languages: &[Language]) -> Suffix {
    let Some((stem, code)) = name
        .strip_suffix(".md")
        .and_then(|stem| stem.rsplit_once('.'))
    else {
        return Suffix::None;
    };
    let Ok(language) = Language::parse(code) else {
        return Suffix::None;
    };
    let primary = code.split('-').next().unwrap_or(code);
    let looks_like_one =
        (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    if stem.is_empty() {
        Suffix::None
    } else if languages.contains(&language) {
        let original = format!("{stem}.md");
        Suffix::Listed { language, original }
    } else if looks_like_one {
        Suffix::Unlisted(language)
    } else {
        Suffix::None
    }
}

/// A translation file found in a folder, waiting for its original to be loaded.
pub(super) struct Pending {
    entry: Entry,
    language: Language,
    original: String,
}

/// The translations of one folder: of its `_index.md`, and of its lessons.
#[derive(Default)]
pub(super) struct Found {
    pub index: BTreeMap<Language, Translation>,
    pending: Vec<Pending>,
}

impl Loader<'_> {
    /// Whether `entry` is a translation (kept in `found` for later) or a file with an unlisted
    /// language suffix (a warning); either way not a lesson of its own.
    pub(super) fn set_aside(&mut self, entry: &Entry, found: &mut Found) -> bool {
        match suffix(&entry.name, &self.languages) {
            Suffix::None => false,
            Suffix::Unlisted(language) => {
                let path = self.relative(&entry.path);
                let listed: Vec<String> = self.languages.iter().map(|l| format!("`{l}`")).collect();
                let message = format!(
                    "`.{language}.md` names a translation into `{language}`, which `languages` in khoa.yaml does not list ({}); the file is ignored (a typo?)",
                    listed.join(", ")
                );
                self.diagnostics
                    .push(Diagnostic::warning(path, 0, 0, message));
                true
            }
            Suffix::Listed { language, original } => {
                let pending = Pending {
                    entry: Entry {
                        path: entry.path.clone(),
                        name: entry.name.clone(),
                        is_dir: false,
                    },
                    language,
                    original,
                };
                if pending.original == INDEX_FILE {
                    if let Some(t) =
                        self.translation::<crate::document::ModuleFront>(&pending, None)
                    {
                        found.index.insert(language, t);
                    }
                } else {
                    found.pending.push(pending);
                }
                true
            }
        }
    }

    /// Gives each lesson of `lessons` its translations from `found`; a translation whose original
    /// is not there is a warning.
    pub(super) fn attach<K>(&mut self, found: Found, lessons: &mut [(K, Lesson)]) {
        for pending in found.pending {
            let original_path =
                self.relative(&pending.entry.path.with_file_name(&pending.original));
            let lesson = lessons
                .iter_mut()
                .map(|(_, l)| l)
                .find(|l| l.source.path == original_path);
            match lesson {
                Some(lesson) => {
                    if let Some(t) = self.translation::<LessonFront>(&pending, Some(&lesson.id)) {
                        lesson.translations.insert(pending.language, t);
                    }
                }
                None => {
                    let path = self.relative(&pending.entry.path);
                    let message = format!(
                        "a translation of `{}`, which is not a lesson here: a translation sits beside its original, with the same name before `.{}.md`",
                        pending.original, pending.language
                    );
                    self.diagnostics
                        .push(Diagnostic::warning(path, 0, 0, message));
                }
            }
        }
    }

    /// Reads a translation: its title (required), description and text. A lesson translation
    /// that sets an `id` other than `original_id` is an error (progress is the original's).
    fn translation<T>(
        &mut self,
        pending: &Pending,
        original_id: Option<&str>,
    ) -> Option<Translation>
    where
        T: serde::de::DeserializeOwned + Default + Clone + Send + 'static + TranslatedFront,
    {
        let doc = self.document::<T>(&pending.entry.path)?;
        let path = self.relative(&pending.entry.path);
        if let (Some(id), Some(original)) = (doc.front.id(), original_id)
            && id != original
        {
            let line = front::line_of_front_key(&doc.front_matter, "id");
            let message = format!(
                "a translation shares its original's id (`{original}`), so that learners keep one progress; remove `id: {id}` or make it the same"
            );
            self.diagnostics
                .push(Diagnostic::error(&path, line, 1, message));
        }
        let (title, description) = doc.front.texts();
        let stem = pending.entry.name.trim_end_matches(".md");
        let title = self.required_title(title, &path, stem);
        Some(Translation {
            title,
            description,
            source: Source {
                path,
                body: doc.body,
                line_offset: doc.body_line_offset,
            },
        })
    }
}

/// What a translation takes from its front matter.
pub(super) trait TranslatedFront {
    fn texts(self) -> (Option<String>, Option<String>);
    fn id(&self) -> Option<&str>;
}

impl TranslatedFront for LessonFront {
    fn texts(self) -> (Option<String>, Option<String>) {
        (self.title, self.description)
    }
    fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

impl TranslatedFront for crate::document::ModuleFront {
    fn texts(self) -> (Option<String>, Option<String>) {
        (self.title, self.description)
    }
    fn id(&self) -> Option<&str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_suffix_names_a_translation_or_a_probable_typo() {
        let languages = [
            Language::VI,
            Language::EN,
            Language::parse("zh-Hant").unwrap(),
        ];
        let listed = |l: Language, o: &str| Suffix::Listed {
            language: l,
            original: o.into(),
        };
        assert_eq!(
            suffix("01-bai.en.md", &languages),
            listed(Language::EN, "01-bai.md")
        );
        assert_eq!(
            suffix("_index.en.md", &languages),
            listed(Language::EN, "_index.md")
        );
        assert_eq!(
            suffix("a.zh-Hant.md", &languages),
            listed(languages[2], "a.md")
        );
        assert_eq!(suffix("01-bai.md", &languages), Suffix::None);
        assert_eq!(
            suffix("01-bai.fr.md", &languages),
            Suffix::Unlisted(Language::parse("fr").unwrap())
        );
        assert_eq!(suffix("notes.draft.md", &languages), Suffix::None);
        assert_eq!(suffix("v1.2.md", &languages), Suffix::None);
        assert_eq!(suffix(".en.md", &languages), Suffix::None);
    }
}
