//! Rendered Markdown kept in the build cache (namespace [`CACHE`]): a page whose own input and
//! rendering context are unchanged since a build that stored it is decoded, not rendered again.
//!
//! The key of a page is its text, source path, first line, URL, language and lesson id, plus the
//! context every page of its language edition shares: `khoa.yaml` (as parsed, with its
//! `languages:`), the theme's templates (quiz markup), every link target of the edition (source
//! path → URL), the project's UI strings (`i18n/<lang>.yaml`: callout titles, task boxes, quiz
//! labels), the size of every image and the highlighting cache's version (a new syntax set).
//! A page of another edition has another URL, language and links, so another key; a translated
//! lesson is its own text and path. khoa's version is in every cache file, so its built-in
//! strings, highlighting and Markdown rules are covered too. The page templates (course
//! outline, learning paths, neighbours) and the print and review pages are not cached: they run
//! on every build, so titles, `requires`/`next` and whole-course pages are fresh (the print page's
//! lessons come from `print`). Pages rendered with renamed anchors (the second pass of
//! `render::anchors`) are not cached.
//! `words` keeps each lesson's search words the same way, `print` each lesson's print form.
//! A page's entry also names the highlighted blocks it used, which a build taking the page marks
//! used, so the highlighting cache keeps them for a build that renders every page again.

mod codec;
mod print;
#[cfg(test)]
mod tests;
mod words;

use crate::cache::{BuildCache, CacheKey, Namespace};
use crate::images::Pictures;
use crate::links::LinkMap;
use crate::markdown::{self, PageInput, RenderedPage};
use crate::model::Site;
use crate::theme::Theme;
pub use print::{PrintForm, PrintedQuiz};
use std::sync::atomic::{AtomicUsize, Ordering};
pub use words::lesson_words;

/// Rendered pages in the build cache. Bump the version when the encoding in `codec` changes.
pub const CACHE: Namespace = Namespace {
    name: "pages",
    version: "4",
};

/// Renders pages through the build cache.
pub struct PageCache<'c> {
    cache: &'c BuildCache,
    /// The key of what every page's rendering depends on beside its own input; `None` when the
    /// cache is off.
    context: Option<CacheKey>,
    from_cache: AtomicUsize,
}

impl<'c> PageCache<'c> {
    pub fn new(
        cache: &'c BuildCache,
        site: &Site,
        links: &LinkMap,
        theme: &Theme,
        pictures: &Pictures,
    ) -> Self {
        let context = cache
            .is_enabled()
            .then(|| context_key(site, links, theme, pictures));
        PageCache {
            cache,
            context,
            from_cache: AtomicUsize::new(0),
        }
    }

    /// `page` rendered, or decoded from the cache when an identical one was stored.
    pub fn render(&self, page: &PageInput) -> RenderedPage {
        let Some(context) = self.context.filter(|_| page.renamed_anchors.is_none()) else {
            return markdown::render_page(page);
        };
        let key = page_key(&context, page);
        if let Some((rendered, highlighted)) = self.cache.read(&CACHE, &key, codec::decode_entry) {
            self.from_cache.fetch_add(1, Ordering::Relaxed);
            crate::highlight::keep_used(self.cache, &highlighted);
            return rendered;
        }
        let (rendered, highlighted) =
            crate::highlight::recording_used(|| markdown::render_page(page));
        let entry = codec::encode_entry(&rendered, &highlighted);
        self.cache.put(&CACHE, &key, &entry);
        rendered
    }

    /// How many pages came from the cache so far.
    pub fn hits(&self) -> usize {
        self.from_cache.load(Ordering::Relaxed)
    }
}

fn context_key(site: &Site, links: &LinkMap, theme: &Theme, pictures: &Pictures) -> CacheKey {
    let mut bytes = crate::highlight::CACHE.version.as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&site.config).unwrap_or_default());
    let mut part = |piece: &[u8]| {
        bytes.extend_from_slice(&(piece.len() as u64).to_le_bytes());
        bytes.extend_from_slice(piece);
    };
    for (name, source) in theme.templates() {
        part(name.as_bytes());
        part(source);
    }
    for (source, url) in links.entries() {
        part(source.as_bytes());
        part(url.as_bytes());
    }
    for (language, key, text) in site.ui.project_strings() {
        part(language.code().as_bytes());
        part(key.as_bytes());
        part(text.as_bytes());
    }
    for (url, frame) in pictures.frames() {
        part(url.as_bytes());
        part(format!("{} {} {:?}", frame.width, frame.height, frame.widths).as_bytes());
    }
    CacheKey::of(&[&bytes])
}

fn page_key(context: &CacheKey, page: &PageInput) -> CacheKey {
    CacheKey::of(&[
        &context.0.to_le_bytes(),
        page.text.as_bytes(),
        page.path.as_bytes(),
        &(page.line_offset as u64).to_le_bytes(),
        page.url.as_bytes(),
        page.language.code().as_bytes(),
        page.lesson_id.as_bytes(),
        &[
            u8::from(page.fenced.is_some()),
            u8::from(page.pictures.is_some()),
        ],
    ])
}
