//! What the index takes from one lesson (its snippet text and words), on its own so `render` can
//! keep it in the build cache between builds.

use super::{BODY, HEADING, TITLE, split_words};
use crate::fold;
use crate::markdown::RenderedPage;
use crate::model::Lesson;

/// Per document: which fields hold a word and how often it occurs (FNV: short keys, the site's own).
type Occurrences = fnv::FnvHashMap<String, (u8, u32)>;

/// What the index takes from one lesson: its snippet text and its words, each with the fields
/// that hold it (title 4, heading 2, body 1) and how often it occurs, in no particular order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonWords {
    pub text: String,
    pub words: Vec<(String, u8, u32)>,
}

/// Gives the words of a lesson and its rendered page.
pub type WordsOf<'a> = dyn Fn(&Lesson, &RenderedPage) -> LessonWords + Sync + 'a;

/// The words of `lesson`, whose rendered page is `page`.
pub fn lesson_words(lesson: &Lesson, page: &RenderedPage) -> LessonWords {
    let words = occurrences(lesson, page)
        .into_iter()
        .map(|(word, (mask, count))| (word, mask, count))
        .collect();
    LessonWords {
        text: lesson_text(lesson, page),
        words,
    }
}

/// The text shown in snippets: the description, then the page text, NFC.
pub fn lesson_text(lesson: &Lesson, page: &RenderedPage) -> String {
    let text = match &lesson.description {
        Some(description) => format!("{description} {}", page.text),
        None => page.text.clone(),
    };
    fold::nfc(text.trim())
}

pub(super) fn occurrences(lesson: &Lesson, page: &RenderedPage) -> Occurrences {
    let mut found = Occurrences::default();
    let mut add = |text: &str, field: u8| {
        for word in split_words(&fold::lower(text)) {
            match found.get_mut(word.as_ref()) {
                Some(entry) => {
                    entry.0 |= field;
                    entry.1 += 1;
                }
                None => {
                    found.insert(word.into_owned(), (field, 1));
                }
            }
        }
    };
    add(&lesson.title, TITLE);
    if let Some(description) = &lesson.description {
        add(description, HEADING);
    }
    for heading in &page.headings {
        add(&heading.text, HEADING);
    }
    add(&page.text, BODY);
    found
}
