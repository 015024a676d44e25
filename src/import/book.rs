//! `book.toml`: the few settings of an mdBook that a khoa project keeps (title, language, sources).

use super::toml_file;
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What khoa reads from `book.toml`; every other table (`output`, `preprocessor`…) is ignored.
#[derive(Debug, Default, PartialEq)]
pub struct BookConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    /// The source folder, relative to the book root (`src` unless `book.src` says otherwise).
    pub src: String,
    /// `preprocessor.quiz.default-language`: the language of Tracing programs (`rust` otherwise).
    pub quiz_language: Option<String>,
}

#[derive(Deserialize, Default)]
struct Raw {
    #[serde(default)]
    book: RawBook,
    #[serde(default)]
    preprocessor: BTreeMap<String, RawPreprocessor>,
}

/// A `[preprocessor.NAME]` table; only mdbook-quiz's `default-language` matters here.
#[derive(Deserialize, Default)]
struct RawPreprocessor {
    #[serde(rename = "default-language")]
    default_language: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawBook {
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    src: Option<String>,
}

/// Parses the text of `book.toml`, reported as `path`.
pub fn parse(text: &str, path: &str) -> Result<BookConfig, Diagnostic> {
    let raw: Raw = toml_file::parse(text, path)?;
    let quiz_language = raw
        .preprocessor
        .get("quiz")
        .and_then(|quiz| quiz.default_language.clone());
    Ok(BookConfig {
        title: raw.book.title.filter(|t| !t.trim().is_empty()),
        description: raw.book.description.filter(|t| !t.trim().is_empty()),
        language: raw.book.language,
        src: raw.book.src.unwrap_or_else(|| "src".to_string()),
        quiz_language,
    })
}

/// khoa's UI language for an mdBook `language` (`vi`, `vi-VN` → vi; anything else → en) and
/// whether it was understood.
pub fn khoa_language(language: Option<&str>) -> (&'static str, bool) {
    let primary = language
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    match primary.as_str() {
        "vi" => ("vi", true),
        "en" | "" => ("en", true),
        _ => ("en", false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_language_source_folder_and_quiz_language() {
        let text = "[book]\ntitle = \"Sách\"\nlanguage = \"vi\"\nsrc = \"text\"\n\n[preprocessor.quiz]\ndefault-language = \"python\"\n\n[output.html]\nx = 1\n";
        let book = parse(text, "book.toml").unwrap();
        assert_eq!(book.title.as_deref(), Some("Sách"));
        assert_eq!(book.src, "text");
        assert_eq!(book.quiz_language.as_deref(), Some("python"));
        assert_eq!(parse("", "book.toml").unwrap().src, "src");
    }

    #[test]
    fn a_wrong_type_is_a_located_error() {
        let error = parse("[book]\ntitle = 3\n", "book.toml").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn languages_map_to_khoa_ui_languages() {
        assert_eq!(khoa_language(Some("vi-VN")), ("vi", true));
        assert_eq!(khoa_language(Some("en")), ("en", true));
        assert_eq!(khoa_language(None), ("en", true));
        assert_eq!(khoa_language(Some("fr")), ("en", false));
    }
}
