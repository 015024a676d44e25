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
    pub words: Words,
}

/// A lesson's words, each with its field mask and count, their text in one string: a lesson read
/// back from the build cache takes two allocations instead of one per word (some 300 per lesson,
/// three million on a course of 10,000 lessons, a third of a rebuild's search step).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    text: String,
    /// Per word: where it ends in `text`, its field mask, its count.
    entries: Vec<(u32, u8, u32)>,
}

impl Words {
    pub fn push(&mut self, word: &str, mask: u8, count: u32) {
        self.text.push_str(word);
        self.entries.push((self.text.len() as u32, mask, count));
    }

    /// Each word, its field mask and its count, in the order pushed.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8, u32)> + '_ {
        let mut start = 0;
        self.entries.iter().map(move |&(end, mask, count)| {
            let word = &self.text[start..end as usize];
            start = end as usize;
            (word, mask, count)
        })
    }

    /// The words' text, one after the other, and each word's length in bytes, mask and count.
    pub fn parts(&self) -> (&str, impl Iterator<Item = (usize, u8, u32)> + '_) {
        let lengths = self
            .iter()
            .map(|(word, mask, count)| (word.len(), mask, count));
        (&self.text, lengths)
    }

    /// The words [`Words::parts`] gave, or `None` if the lengths do not cut `text` whole, on
    /// character boundaries.
    pub fn from_parts(text: String, lengths: &[(usize, u8, u32)]) -> Option<Words> {
        let mut entries = Vec::with_capacity(lengths.len());
        let mut end = 0usize;
        for &(length, mask, count) in lengths {
            end = end.checked_add(length)?;
            if !text.is_char_boundary(end) || end > u32::MAX as usize {
                return None;
            }
            entries.push((end as u32, mask, count));
        }
        (end == text.len()).then_some(Words { text, entries })
    }
}

/// Gives the words of a lesson and its rendered page.
pub type WordsOf<'a> = dyn Fn(&Lesson, &RenderedPage) -> LessonWords + Sync + 'a;

/// The words of `lesson`, whose rendered page is `page`.
pub fn lesson_words(lesson: &Lesson, page: &RenderedPage) -> LessonWords {
    let mut words = Words::default();
    for (word, (mask, count)) in occurrences(lesson, page) {
        words.push(&word, mask, count);
    }
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
