//! The search words of each lesson in the build cache (namespace [`WORDS`]), keyed by everything
//! [`search::lesson_words`] reads: the lesson's title and description, its headings and its text.

use super::codec::{Reader, Writer};
use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::markdown::RenderedPage;
use crate::model::Lesson;
use crate::search::{self, LessonWords, Words};

/// Search words in the build cache. Bump the version when `search::lesson_words` or the encoding
/// below changes.
pub const WORDS: Namespace = Namespace {
    name: "search-words",
    version: "4",
};

/// The words of `lesson`, from `cache` when it holds them, else found and stored.
pub fn lesson_words(cache: &BuildCache, lesson: &Lesson, page: &RenderedPage) -> LessonWords {
    if !cache.is_enabled() {
        return search::lesson_words(lesson, page);
    }
    let key = key(lesson, page);
    if let Some(words) = cache.read(&WORDS, &key, decode) {
        // The snippet text is the page's own, which the cache holds already: made again, not kept.
        let text = search::lesson_text(lesson, page);
        return LessonWords { text, words };
    }
    let words = search::lesson_words(lesson, page);
    cache.put(&WORDS, &key, &encode(&words.words));
    words
}

fn key(lesson: &Lesson, page: &RenderedPage) -> CacheKey {
    let mut input = Writer(Vec::with_capacity(page.text.len() + 256));
    input.text(&lesson.title);
    input.optional(lesson.description.as_deref());
    input.list(&page.headings, |input, heading| input.text(&heading.text));
    input.text(&page.text);
    CacheKey::of(&[&input.0])
}

/// The words' text once, then each word's length, mask and count.
pub(super) fn encode(words: &Words) -> Vec<u8> {
    let (text, lengths) = words.parts();
    let lengths: Vec<(usize, u8, u32)> = lengths.collect();
    let mut out = Writer(Vec::with_capacity(text.len() + lengths.len() * 4 + 8));
    out.text(text);
    out.list(&lengths, |out, (length, mask, count)| {
        out.number(*length as u64);
        out.number(u64::from(*mask));
        out.number(u64::from(*count));
    });
    out.0
}

pub(super) fn decode(bytes: &[u8]) -> Option<Words> {
    let mut input = Reader(bytes);
    let text = input.text()?;
    let lengths = input.list(|input| {
        Some((
            input.size()?,
            u8::try_from(input.number()?).ok()?,
            u32::try_from(input.number()?).ok()?,
        ))
    })?;
    input.0.is_empty().then_some(())?;
    Words::from_parts(text, &lengths)
}
