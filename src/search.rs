//! Search index: per-course JavaScript shards (for ranking) and snippet text files, plus a catalog.
//!
//! Pure: `build` takes the site and its rendered lessons and returns files (path → JS source).
//! Every word is indexed in its exact form (NFC, lowercase) and its folded form (no tone marks,
//! đ → d, from [`crate::fold`]), so the browser (`search-core.js`) can match a query typed with or
//! without tone marks and rank exact matches first. Files assign data by calling a global, so they
//! load from `file://` with a `<script>` tag:
//!
//! - `_search/index.js` (`_search/<lang>/index.js` in another language): `KhoaSearch.catalog({v,
//!   courses: [{id, title, file, text, lessons, bytes}]})`, `file` and `text` being the whole
//!   paths of the course's two files (from the site root) and `bytes` what searching the course
//!   downloads (shard and text file). Pages name the catalog alone in `#_khoa-data` (`search`, see
//!   [`page_files`]); the browser finds its course's files in it. The catalog keeps a plain name
//!   outside `_khoa/` (revalidated, like a page), so that editing one lesson changes the catalog and
//!   the course's two files, not every page that links to them.
//! - `_khoa/search/course-<id>.js`: `KhoaSearch.add({v, course, title, stamp, modules, docs, terms,
//!   postings})` where `docs` is `[[url, title, module index, word count]]`, `terms` is `["exact folded"]`
//!   (sorted; the folded form is left out when equal) and `postings[i]` lists the documents holding
//!   `terms[i]` as numbers `doc delta << 6 | tf bucket << 3 | field mask` (title 4, heading 2, body 1;
//!   the bucket is log2 of the word's count in the document, 0 to 7).
//! - `_khoa/search/course-<id>.text.js`: `KhoaSearch.text({v, course, stamp, texts})`, the snippet
//!   text of each document in `docs` order. It is most of the bytes, so it is a file of its own:
//!   results show as soon as the shard is there and snippets fill in when the text arrives.
//!   `stamp` (same in both files) lets the browser refuse a text file from another build.
//!
//! The index holds text only, never HTML; quiz content is not part of a lesson's text.

use crate::fold;
use crate::markdown::RenderedPage;
use crate::model::{Course, Lesson};
use crate::{escape, fingerprint};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

mod known;
mod words;

use known::Analysed;
pub use known::KnownIndex;
use unicode_normalization::char::is_combining_mark;
pub use words::{LessonWords, Words, WordsOf, lesson_text, lesson_words};

/// Output folder of the index.
pub const DIR: &str = "_khoa/search/";
/// Format version, checked by the browser runtime.
const VERSION: u32 = 3;
/// Longer "words" (hashes, long URLs, base64) are not indexed.
const MAX_WORD_CHARS: usize = 40;
/// A course whose shard and text file together are above this size gets a warning. A first search
/// downloads both (the text right after the shard) and the phone parses and keeps all of it:
/// Vietnamese lesson text gzips about 3:1, so 2 MB is some 650 KB on the wire (about 10 s at
/// 500 kbit/s) and several MB of strings in memory on a 1 GB phone; indexes of 6 MB froze browsers
/// (mkdocs#859). Raw bytes, so the check costs nothing in `serve`.
pub const MAX_FIRST_SEARCH_BYTES: usize = 2_000_000;

const TITLE: u8 = 4;
const HEADING: u8 = 2;
const BODY: u8 = 1;

/// An indexed word in its two forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// NFC, lowercase: `đường`.
    pub exact: String,
    /// Without tone marks, đ → d: `duong`.
    pub folded: String,
}

/// The words of `text`, NFC-normalized and lowercased, with one tone placement (`khóa` and
/// `khoá` are both `khoá`, see [`fold::tone_placement`]), in order. A word is a run of letters,
/// digits and combining marks; everything else separates words.
pub fn tokenize(text: &str) -> Vec<String> {
    split_words(&fold::lower(text))
        .map(Cow::into_owned)
        .collect()
}

/// The words of text that is already NFC and lowercase, with one tone placement.
fn split_words(lowered: &str) -> impl Iterator<Item = Cow<'_, str>> {
    lowered
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty() && w.chars().count() <= MAX_WORD_CHARS)
        .map(fold::tone_placement)
}

/// Whether `c` belongs to a word: a letter, digit or combining mark. The Latin blocks that
/// Vietnamese and most Western text use are answered without Unicode's tables (every character
/// of them is a letter, but `×` and `÷`), which are slow.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The words of `text` with their folded forms.
pub fn words(text: &str) -> Vec<Word> {
    tokenize(text)
        .into_iter()
        .map(|exact| Word {
            folded: fold::fold(&exact),
            exact,
        })
        .collect()
}

/// The folder of the index of the pages under `prefix` (`` for the default language, `en/`):
/// each language searches its own pages only.
pub fn dir(prefix: &str) -> String {
    format!("{DIR}{prefix}")
}

/// The catalog, and per course its shard and text file, as (output path, JavaScript source), in
/// the folder `dir` (see [`dir`]). Lessons shown in another language than the page's (not
/// translated yet) are left out: a learner searching in English looks for English words.
/// With `known` (`serve`, one per folder), what the previous build made is taken for every lesson
/// and course that is unchanged, and this build's is left there.
/// Each lesson's words come from `words` (which may keep them between builds; it must give what
/// [`lesson_words`] gives).
pub fn build_with(
    courses: &[Course],
    lessons: &BTreeMap<String, Arc<RenderedPage>>,
    dir: &str,
    known: Option<&mut KnownIndex>,
    words: &WordsOf<'_>,
) -> Vec<(String, String)> {
    let remembered = known.as_deref();
    let made: Vec<CourseMade> = courses
        .par_iter()
        .map(|course| course_files(course, lessons, remembered, words))
        .collect();
    let built: Vec<(String, String)> = match known {
        Some(known) => {
            let built = made.iter().map(|m| m.files.clone()).collect();
            let mut analysed = Vec::new();
            let mut files = Vec::new();
            for (course, made) in courses.iter().zip(made) {
                analysed.extend(made.analysed);
                files.push((course, made.pages, made.files));
            }
            known.keep(analysed, files);
            built
        }
        // Tens of MB on a large course: moved, not copied, when nothing keeps them.
        None => made.into_iter().map(|m| m.files).collect(),
    };
    let names: Vec<(String, String)> = courses
        .iter()
        .map(|course| {
            let [shard, text] = course_paths(dir, &course.id);
            (shard, text)
        })
        .collect();
    let catalog = Catalog {
        v: VERSION,
        courses: courses
            .iter()
            .zip(built.iter().zip(&names))
            .map(
                |(course, ((shard, text), (file, text_name)))| CatalogCourse {
                    id: &course.id,
                    title: &course.title,
                    file,
                    text: text_name,
                    lessons: course.lessons().count(),
                    bytes: shard.len() + text.len(),
                },
            )
            .collect(),
    };
    let mut files = vec![(catalog_path(dir), script("catalog", &catalog))];
    for ((shard, text), (file, text_name)) in built.into_iter().zip(names) {
        files.push((file, shard));
        files.push((text_name, text));
    }
    files
}

/// Root folder of the catalogs (not hashed, see the module's documentation), one of
/// [`crate::output::ROOT_FOLDERS`].
pub const CATALOG_DIR: &str = "_search/";

/// Output path of the catalog of the index in `dir` (see [`dir`]): `_search/index.js`,
/// `_search/en/index.js`.
pub fn catalog_path(dir: &str) -> String {
    let prefix = dir.strip_prefix(DIR).unwrap_or("");
    format!("{CATALOG_DIR}{prefix}index.js")
}

/// Output paths of a course's shard and snippet text file in `dir`.
pub fn course_paths(dir: &str, course_id: &str) -> [String; 2] {
    [
        format!("{dir}{}", shard_file(course_id)),
        format!("{dir}{}", text_file(course_id)),
    ]
}

/// The index files a page names for its search box (`#_khoa-data` `search`): the catalog of the
/// index in `dir`, whose entries name each course's files by their whole published paths, so
/// the runtime never builds a file name itself.
pub fn page_files(dir: &str) -> Vec<String> {
    vec![catalog_path(dir)]
}

/// A course's shard file name. Course ids hold only `a-z 0-9 - _`; the prefix keeps the name clear
/// of `index.js` and of names Windows reserves (`con`, `nul`, …).
pub fn shard_file(course_id: &str) -> String {
    format!("course-{course_id}.js")
}

/// A course's snippet text file name, next to its shard.
pub fn text_file(course_id: &str) -> String {
    format!("course-{course_id}.text.js")
}

#[derive(Serialize)]
struct Catalog<'a> {
    v: u32,
    courses: Vec<CatalogCourse<'a>>,
}

#[derive(Serialize)]
struct CatalogCourse<'a> {
    id: &'a str,
    title: &'a str,
    file: &'a str,
    text: &'a str,
    lessons: usize,
    bytes: usize,
}

#[derive(Serialize)]
struct Shard<'a> {
    v: u32,
    course: &'a str,
    title: &'a str,
    stamp: &'a str,
    modules: Vec<&'a str>,
    docs: Vec<(&'a str, &'a str, usize, u32)>,
    terms: Vec<String>,
    /// Each word's postings, already JSON: written in parallel, where the shard itself is
    /// serialised on one thread (some 8 MB at 10,000 lessons, most of it these numbers).
    postings: Vec<Box<serde_json::value::RawValue>>,
}

/// Each word of a course (exact form) → its hits (document, field mask, count). Hashed, then
/// sorted once: a course of 10,000 lessons adds millions of hits to some tens of thousands of words.
/// FNV: words are short and the site's own, where SipHash's guard against chosen keys costs
/// a third of the time of counting them.
type Vocabulary = fnv::FnvHashMap<Box<str>, Vec<(u32, u8, u32)>>;

/// A lesson of a course in reading order: its module's index, the lesson, its rendered page.
type InCourse<'c> = (usize, &'c Lesson, Arc<RenderedPage>);

/// What a lesson gives its course's index: its analysis, and its text as JSON.
type Indexed = (Arc<Analysed>, String);

/// A course's files, with what they were made from.
struct CourseMade<'c> {
    files: (String, String),
    pages: Vec<Arc<RenderedPage>>,
    analysed: Vec<(&'c Lesson, Arc<RenderedPage>, Arc<Analysed>)>,
}

/// Lessons analysed at once: their words are folded into the course's vocabulary and dropped
/// before the next ones are analysed, so a course of 10,000 lessons never holds every lesson's
/// words (some 200 MB) at once.
const LESSONS_AT_ONCE: usize = 256;

/// A course's (shard, text file) sources, taken from `known` where it has them.
fn course_files<'c>(
    course: &'c Course,
    lessons: &BTreeMap<String, Arc<RenderedPage>>,
    known: Option<&KnownIndex>,
    words: &WordsOf<'_>,
) -> CourseMade<'c> {
    let empty = Arc::new(RenderedPage::default());
    let in_order: Vec<InCourse> = course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(i, module)| module.lessons.iter().map(move |lesson| (i, lesson)))
        .filter(|(_, lesson)| lesson.fallback.is_none_or(|text| text == course.language))
        .map(|(i, lesson)| {
            (
                i,
                lesson,
                lessons.get(&lesson.url).unwrap_or(&empty).clone(),
            )
        })
        .collect();
    let pages: Vec<Arc<RenderedPage>> = in_order.iter().map(|(_, _, p)| p.clone()).collect();
    let files = known.and_then(|k| k.course(course, &pages));
    let mut index = files.is_none().then(CourseIndex::new);
    // `serve` keeps every lesson's analysis for the next build; `build` lets each go once indexed.
    let mut analysed = Vec::new();
    let indexing = index.is_some();
    let analyse = |chunk: &[InCourse<'c>]| -> Vec<Indexed> {
        chunk
            .par_iter()
            .map(|(_, lesson, page)| {
                let known = known.and_then(|k| k.lesson(lesson, page));
                let made = known.unwrap_or_else(|| {
                    let LessonWords { text, words } = words(lesson, page);
                    Arc::new(Analysed { text, found: words })
                });
                let text = if indexing {
                    escape::script_json(&made.text)
                } else {
                    String::new()
                };
                (made, text)
            })
            .collect()
    };
    // A pipeline: the next chunk is analysed while this one is folded into the vocabulary and
    // its analyses freed (some 300 words each, millions of small frees at 10,000 lessons), so no
    // thread waits for the fold. The fold is `join`'s first half, which runs on this thread, so
    // the vocabulary's allocations stay in one malloc arena (see `CourseIndex::add`).
    let chunks: Vec<&[InCourse]> = in_order.chunks(LESSONS_AT_ONCE).collect();
    let mut made = chunks.first().map(|chunk| analyse(chunk));
    for (at, chunk) in chunks.iter().enumerate() {
        let this = made.take().unwrap_or_default();
        let ((), next) = rayon::join(
            || {
                if let Some(index) = &mut index {
                    let next: Vec<_> = chunk.iter().zip(&this).collect();
                    index.add(&next);
                }
                if known.is_some() {
                    for ((_, lesson, page), (made, _)) in chunk.iter().zip(this) {
                        analysed.push((*lesson, page.clone(), made));
                    }
                }
            },
            || chunks.get(at + 1).map(|next| analyse(next)),
        );
        made = next;
    }
    let files = files.unwrap_or_else(|| index.map(|i| i.files(course)).unwrap_or_default());
    CourseMade {
        files,
        pages,
        analysed,
    }
}

/// A course's shard and text file, made from its lessons in order.
struct CourseIndex<'c> {
    docs: Vec<(&'c str, &'c str, usize, u32)>,
    /// The texts so far as the elements of a JSON array: the text file is most of the index's
    /// bytes (47 MB at 10,000 lessons), so it is written once, as the lessons come, never held
    /// twice.
    texts: String,
    /// The stamp's hash of the documents so far (see [`stamp`]).
    stamp: u64,
    vocabulary: Vocabulary,
}

impl<'c> CourseIndex<'c> {
    fn new() -> Self {
        CourseIndex {
            docs: Vec::new(),
            texts: String::new(),
            stamp: fingerprint::FNV1A_64_START,
            vocabulary: Vocabulary::default(),
        }
    }

    /// Adds the next lessons, each with its module's index, what its analysis found and its text
    /// as JSON. Their words go into the vocabulary while, on another thread, their texts go into
    /// the stamp and the text file: both are serial, and as long as each other. A scoped thread,
    /// not rayon's: the vocabulary's many small allocations then stay on this thread (spread
    /// over two pool threads' malloc arenas, they raised the peak at 10,000 lessons by 23 MB).
    fn add(&mut self, next: &[(&InCourse<'c>, &Indexed)]) {
        let CourseIndex {
            docs,
            texts,
            stamp,
            vocabulary,
        } = self;
        let first = docs.len();
        let lengths = std::thread::scope(|scope| {
            scope.spawn(|| {
                for ((_, lesson, _), (analysed, text)) in next {
                    *stamp = stamp_from(*stamp, &lesson.url, &analysed.text);
                    if !texts.is_empty() {
                        texts.push(',');
                    }
                    texts.push_str(text);
                }
            });
            let mut lengths = Vec::with_capacity(next.len());
            for (i, (_, (analysed, _))) in next.iter().enumerate() {
                let doc = (first + i) as u32;
                let mut length = 0;
                for (word, mask, count) in analysed.found.iter() {
                    length += count;
                    let hit = (doc, mask, count);
                    match vocabulary.get_mut(word) {
                        Some(hits) => hits.push(hit),
                        None => {
                            vocabulary.insert(word.into(), vec![hit]);
                        }
                    }
                }
                lengths.push(length);
            }
            lengths
        });
        for (((module_index, lesson, _), _), length) in next.iter().zip(lengths) {
            let (url, title) = (lesson.url.as_str(), lesson.title.as_str());
            docs.push((url, title, *module_index, length));
        }
    }

    /// The (shard, text file) sources.
    fn files(self, course: &Course) -> (String, String) {
        let CourseIndex {
            docs,
            mut texts,
            stamp,
            vocabulary,
        } = self;
        // Each distinct word is folded once, in parallel (a course of 10,000 lessons has millions
        // of word occurrences but some tens of thousands of words).
        let mut vocabulary: Vec<_> = vocabulary.into_iter().collect();
        vocabulary.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let (terms, postings) = vocabulary
            .into_par_iter()
            .map(|(word, hits)| (term(&word), postings_json(&encode(&hits))))
            .unzip();
        let stamp = format!("{stamp:016x}");
        let shard = Shard {
            v: VERSION,
            course: &course.id,
            title: &course.title,
            stamp: &stamp,
            modules: course
                .modules
                .iter()
                .map(|m| m.title.as_deref().unwrap_or(""))
                .collect(),
            docs,
            terms,
            postings,
        };
        // `script("text", &Text { v, course, stamp, texts })`, around the texts already written.
        let head = format!(
            "KhoaSearch.text({{\"v\":{VERSION},\"course\":{},\"stamp\":{},\"texts\":[",
            escape::script_json(&course.id),
            escape::script_json(&stamp)
        );
        texts.insert_str(0, &head);
        texts.push_str("]});\n");
        (script("add", &shard), texts)
    }
}

/// A fingerprint of the documents' urls and texts in order (64-bit FNV-1a, hex), so that a text
/// file is only ever paired with the shard it was built with (a half-synced mirror, a stale cache).
#[cfg(test)]
fn stamp<'a>(docs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let hash = docs.fold(fingerprint::FNV1A_64_START, |hash, (url, text)| {
        stamp_from(hash, url, text)
    });
    format!("{hash:016x}")
}

/// The stamp's hash continued by one more document.
fn stamp_from(hash: u64, url: &str, text: &str) -> u64 {
    let bytes = url.bytes().chain([0]).chain(text.bytes()).chain([0]);
    fingerprint::fnv1a_64_from(hash, bytes)
}

/// `"exact folded"`, or `"exact"` when folding changes nothing.
fn term(exact: &str) -> String {
    let folded = fold::fold(exact);
    if folded == exact {
        exact.to_string()
    } else {
        format!("{exact} {folded}")
    }
}

/// Postings as `doc delta << 6 | tf bucket << 3 | mask`; `hits` are in document order. The bucket,
/// log2 of the count up to 7 (128 times and more), keeps lessons that use a word 10 and 40 times
/// apart, where a cap at 8 made them tie and fall back to lesson order.
fn encode(hits: &[(u32, u8, u32)]) -> Vec<u64> {
    let mut previous = 0;
    hits.iter()
        .map(|&(doc, mask, count)| {
            let bucket = u64::from(count.max(1).ilog2().min(7));
            let delta = (doc - previous) as u64;
            previous = doc;
            delta << 6 | bucket << 3 | u64::from(mask)
        })
        .collect()
}

/// `postings` as a JSON array of numbers, which no script-safe escaping changes.
fn postings_json(postings: &[u64]) -> Box<serde_json::value::RawValue> {
    let json = serde_json::to_string(postings).expect("numbers serialise");
    serde_json::value::RawValue::from_string(json).expect("serde_json writes JSON")
}

/// `KhoaSearch.<function>(<json>);`, the JSON valid in any JavaScript engine and free of `<`, `>`
/// and `&` (so no tool ever mistakes authored text such as `<script>` for markup).
fn script(function: &str, data: &impl Serialize) -> String {
    format!("KhoaSearch.{function}({});\n", escape::script_json(data))
}

#[cfg(test)]
mod tests;
