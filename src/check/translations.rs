//! Translations: a translated lesson asks the same questions as its original (same ids, types,
//! points and answer shape, in the same order), so that progress stored for one means the same in
//! the other; and the UI strings of each language of the site, with the keys a language lacks.

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::i18n::{self, UiStrings};
use crate::markdown::Question;
use crate::model::Site;
use crate::render::Pages;

/// Each translated lesson's questions against its original's: an error at the translation, with
/// the original's place as a second location.
pub(super) fn check_translated_questions(
    site: &Site,
    pages: &Pages,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (_, lesson) in site.lessons() {
        let original = pages
            .lessons
            .get(&lesson.url)
            .map(|p| p.questions.as_slice());
        for (language, translation) in &lesson.translations {
            let url = format!(
                "{}{}",
                crate::model::language_prefix(site.config.language, *language),
                lesson.url
            );
            let translated = pages.lessons.get(&url).map(|p| p.questions.as_slice());
            let (Some(original), Some(translated)) = (original, translated) else {
                continue;
            };
            let at = Place {
                translation: &translation.source.path,
                original: &lesson.source.path,
            };
            diagnostics.extend(compare_questions(original, translated, at));
        }
    }
}

/// Where a translation and its original are.
#[derive(Clone, Copy)]
struct Place<'a> {
    translation: &'a str,
    original: &'a str,
}

/// The differences between the questions of an original and of its translation, in order.
fn compare_questions(original: &[Question], translated: &[Question], at: Place) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, mine) in translated.iter().enumerate() {
        let Some(theirs) = original.get(i) else {
            let message = format!(
                "question `{}` is not in the original, which asks {} questions: a translation asks the same questions as its original (progress is shared)",
                mine.id,
                original.len()
            );
            let last = original.last().map_or(0, |q| q.line);
            found.push(
                Diagnostic::error(at.translation, mine.line, mine.column, message).with_related(
                    at.original,
                    last,
                    1,
                    "the original's questions end here",
                ),
            );
            continue;
        };
        let difference = if mine.id != theirs.id {
            Some(format!(
                "question {} has id `{}` but the original's has `{}`",
                i + 1,
                mine.id,
                theirs.id
            ))
        } else if mine.kind != theirs.kind {
            Some(format!(
                "question `{}` is a `{}` question but the original's is `{}`",
                mine.id, mine.kind, theirs.kind
            ))
        } else if mine.points != theirs.points {
            Some(format!(
                "question `{}` is worth {} points but the original's {}",
                mine.id, mine.points, theirs.points
            ))
        } else if mine.shape != theirs.shape {
            let sorted = if mine.kind == "match" {
                " (right sides are listed in alphabetical order and an answer is stored by its place in that list: word them so that they sort as the original's do)"
            } else {
                ""
            };
            Some(format!(
                "question `{}` has {}{sorted} but the original's has {}",
                mine.id, mine.shape, theirs.shape
            ))
        } else {
            None
        };
        if let Some(difference) = difference {
            let message = format!(
                "{difference}: a translation keeps its original's ids and answers (stored progress is shared) and may change only the wording"
            );
            found.push(
                Diagnostic::error(at.translation, mine.line, mine.column, message).with_related(
                    at.original,
                    theirs.line,
                    theirs.column,
                    format!("the original question `{}`", theirs.id),
                ),
            );
        }
    }
    for theirs in original.iter().skip(translated.len()) {
        let message = format!(
            "the translation lacks question `{}` of the original: a translation asks the same questions (progress is shared)",
            theirs.id
        );
        found.push(
            Diagnostic::error(at.translation, 1, 1, message).with_related(
                at.original,
                theirs.line,
                theirs.column,
                format!("the original question `{}`", theirs.id),
            ),
        );
    }
    found
}

/// A course folder named like a language of the site: `<lang>/` holds that language's pages.
pub(super) fn check_language_folders(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for course in &site.courses {
        let taken = site
            .config
            .languages
            .iter()
            .skip(1)
            .find(|l| l.code() == course.folder());
        if let Some(language) = taken {
            let message = format!(
                "this course would be published in `{0}/`, the folder of the site's pages in `{0}` (`languages` in khoa.yaml): rename the course folder",
                language
            );
            diagnostics.push(Diagnostic::error(&course.intro.path, 1, 1, message));
        }
    }
}

/// One warning per language of the site whose UI strings are not complete, listing the keys it
/// shows in its fallback language: at its `i18n/<lang>.yaml`, or at `languages` in khoa.yaml.
pub(super) fn check_ui_strings(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for &language in &site.config.languages {
        diagnostics.extend(missing_strings(
            language,
            &site.ui,
            site.config.languages_line,
        ));
    }
}

fn missing_strings(
    language: Language,
    ui: &UiStrings,
    languages_line: usize,
) -> Option<Diagnostic> {
    let missing = ui.missing(language);
    if missing.is_empty() {
        return None;
    }
    let file = format!("{}/{language}.yaml", i18n::PROJECT_DIR);
    let (path, line) = if ui.has_project_file(language) {
        (file.clone(), 1)
    } else {
        (crate::config::FILE_NAME.to_string(), languages_line)
    };
    let message = format!(
        "`{language}` lacks {} of {} UI strings, shown in English until `{file}` gives them: {}",
        missing.len(),
        i18n::key_count(),
        missing.join(", ")
    );
    Some(Diagnostic::warning(path, line, 1, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str, kind: &'static str, shape: &str, line: usize) -> Question {
        Question {
            id: id.into(),
            points: 1,
            kind,
            line,
            column: 7,
            shape: shape.into(),
        }
    }

    const AT: Place = Place {
        translation: "c/a.en.md",
        original: "c/a.md",
    };

    #[test]
    fn a_translation_asks_the_same_questions_with_the_same_answers() {
        let original = [
            question("q1", "single", "3 options, right: 2", 10),
            question("q2", "text", "a typed answer", 20),
        ];
        let same = [
            question("q1", "single", "3 options, right: 2", 11),
            question("q2", "text", "a typed answer", 22),
        ];
        assert!(compare_questions(&original, &same, AT).is_empty());
        let moved = [
            question("q1", "single", "3 options, right: 1", 11),
            question("q3", "text", "a typed answer", 22),
        ];
        let found = compare_questions(&original, &moved, AT);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].path.as_str(), found[0].line), ("c/a.en.md", 11));
        assert!(
            found[0].message.contains("right: 1"),
            "{}",
            found[0].message
        );
        assert_eq!(
            (found[0].related[0].path.as_str(), found[0].related[0].line),
            ("c/a.md", 10)
        );
        assert!(found[1].message.contains("`q3`"));
        let kind = [question("q1", "multiple", "3 options, right: 2", 11)];
        let found = compare_questions(&original, &kind, AT);
        assert!(found[0].message.contains("`multiple`"));
        assert!(found[1].message.contains("lacks question `q2`"));
        assert_eq!(found[1].related[0].line, 20);
    }

    #[test]
    fn a_language_without_every_string_is_listed_once_with_its_missing_keys() {
        let hmn = Language::parse("hmn").unwrap();
        assert!(missing_strings(Language::EN, &i18n::BUILTIN, 3).is_none());
        let warning = missing_strings(hmn, &i18n::BUILTIN, 3).unwrap();
        assert_eq!((warning.path.as_str(), warning.line), ("khoa.yaml", 3));
        assert!(warning.message.contains("language_name") && warning.message.contains("next"));
    }
}
