//! UI strings of every language of a site: the built-in vi and en catalog, with the project's
//! `i18n/<lang>.yaml` files on top.
//!
//! Templates read them as `t.<key>`, and Markdown and quiz markup through [`UiStrings::text`]. The
//! browser runtime gets the same strings from `_khoa/i18n/<lang>.js`, one script per language that
//! `render::templates` writes and browsers cache, rather than JSON repeated in every page.
//!
//! A string a language lacks comes from its fallback: English for any language but Vietnamese
//! (a province adding a minority language more often has an English text to start from than
//! none), except `language_name`, which is empty (the code stands in for it) when no file names
//! the language.

mod catalog;

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use catalog::CATALOG;
use std::collections::BTreeMap;

/// The folder of the project's UI string files (`i18n/<lang>.yaml`).
pub const PROJECT_DIR: &str = "i18n";

/// The key whose text is a language's name in that language ("Tiếng Việt", "English").
pub const LANGUAGE_NAME: &str = "language_name";

/// The UI strings of a site: the built-in catalog and the project's additions, by language.
#[derive(Clone, Debug, Default)]
pub struct UiStrings {
    project: BTreeMap<Language, BTreeMap<String, String>>,
}

/// The built-in strings alone (a project without `i18n/`).
pub static BUILTIN: UiStrings = UiStrings {
    project: BTreeMap::new(),
};

impl UiStrings {
    /// The built-in catalog with the project's strings of each language on top.
    pub fn new(project: BTreeMap<Language, BTreeMap<String, String>>) -> Self {
        UiStrings { project }
    }

    /// Every string of `language`, by key.
    pub fn strings(&self, language: Language) -> BTreeMap<&'static str, &str> {
        CATALOG
            .iter()
            .map(|(key, _, _)| (*key, self.text(language, key)))
            .collect()
    }

    /// One string of `language`: the project's, else the built-in one, else its fallback's.
    pub fn text(&self, language: Language, key: &str) -> &str {
        let project = self.project.get(&language).and_then(|s| s.get(key));
        if let Some(text) = project {
            return text;
        }
        let row = CATALOG.iter().find(|(k, _, _)| *k == key);
        debug_assert!(row.is_some(), "missing UI string `{key}`");
        let Some((_, vi, en)) = row else {
            return "";
        };
        match language {
            Language::VI => vi,
            Language::EN => en,
            _ if key == LANGUAGE_NAME => "",
            _ => en,
        }
    }

    /// The name of `language` in that language, for the language switcher.
    pub fn name(&self, language: Language) -> String {
        match self.text(language, LANGUAGE_NAME) {
            "" => language.code().to_string(),
            name => name.to_string(),
        }
    }

    /// Whether the project has `i18n/<language>.yaml`.
    pub fn has_project_file(&self, language: Language) -> bool {
        self.project.contains_key(&language)
    }

    /// The keys `language` takes from its fallback (none for vi and en, which ship complete).
    pub fn missing(&self, language: Language) -> Vec<&'static str> {
        if builtin(language) {
            return Vec::new();
        }
        let own = self.project.get(&language);
        CATALOG
            .iter()
            .map(|(key, _, _)| *key)
            .filter(|key| !own.is_some_and(|s| s.contains_key(*key)))
            .collect()
    }
}

/// How many UI strings there are.
pub fn key_count() -> usize {
    CATALOG.len()
}

/// Whether khoa ships every string of `language`.
pub fn builtin(language: Language) -> bool {
    language == Language::VI || language == Language::EN
}

/// Reads a project's `i18n/<lang>.yaml` (`text`, reported as `path`): a flat map of `key: "text"`.
/// A key the catalog does not have is a warning at its line (probably a typo), and is left out.
pub fn parse_project_file(text: &str, path: &str) -> (BTreeMap<String, String>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let parsed: BTreeMap<String, String> = match crate::yaml::parse(text) {
        Ok(Some(map)) => map,
        Ok(None) => BTreeMap::new(),
        Err(e) => {
            let message = format!(
                "{} (a UI string file is a flat map of `key: \"text\"`)",
                e.message
            );
            problems.push(Diagnostic::error(path, e.line, e.column, message));
            BTreeMap::new()
        }
    };
    let mut strings = BTreeMap::new();
    for (key, value) in parsed {
        if CATALOG.iter().any(|(k, _, _)| *k == key) {
            strings.insert(key, value);
        } else {
            let line = text
                .lines()
                .position(|l| {
                    l.trim_start()
                        .trim_start_matches(['"', '\''])
                        .starts_with(key.as_str())
                })
                .map_or(0, |i| i + 1);
            let message = format!(
                "`{key}` is not a UI string khoa shows; it is ignored (a typo? the keys are those of `_khoa/i18n/en.js` in a built site)"
            );
            problems.push(Diagnostic::warning(path, line, 1, message));
        }
    }
    (strings, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_both_languages_and_a_unique_key() {
        let mut keys = std::collections::BTreeSet::new();
        for (key, vi, en) in CATALOG {
            assert!(!vi.is_empty() && !en.is_empty(), "{key}");
            assert!(keys.insert(key), "duplicate key {key}");
        }
        assert!(BUILTIN.missing(Language::VI).is_empty());
        assert!(BUILTIN.missing(Language::EN).is_empty());
    }

    #[test]
    fn picks_the_language() {
        assert_eq!(BUILTIN.text(Language::VI, "alert_warning"), "Cảnh báo");
        assert_eq!(BUILTIN.strings(Language::EN)["next"], "Next");
        assert_eq!(BUILTIN.name(Language::VI), "Tiếng Việt");
    }

    #[test]
    fn a_project_file_overrides_and_adds_and_the_rest_falls_back_to_english() {
        let hmn = Language::parse("hmn").unwrap();
        let text = "language_name: Hmoob\nnext: \"Tom ntej\"\nnetx: typo\n";
        let (strings, problems) = parse_project_file(text, "i18n/hmn.yaml");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].line, problems[0].is_error()), (3, false));
        let mut overrides = BTreeMap::from([(hmn, strings)]);
        overrides.insert(
            Language::VI,
            BTreeMap::from([("next".into(), "Tiếp".into())]),
        );
        let ui = UiStrings::new(overrides);
        assert_eq!(ui.text(hmn, "next"), "Tom ntej");
        assert_eq!(ui.name(hmn), "Hmoob");
        assert_eq!(ui.text(hmn, "previous"), "Previous");
        assert_eq!(ui.text(Language::VI, "next"), "Tiếp");
        assert!(ui.missing(hmn).contains(&"previous"));
        assert!(!ui.missing(hmn).contains(&"next"));
        assert!(ui.missing(Language::VI).is_empty());
        let km = Language::parse("km").unwrap();
        assert_eq!(BUILTIN.name(km), "km");
        let (_, broken) = parse_project_file("next: [a, b]\n", "i18n/km.yaml");
        assert!(broken[0].is_error());
    }
}
