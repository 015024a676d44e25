//! Lessons in their print form (`render::whole_course`) in the build cache (namespace [`PRINT`]):
//! the Markdown rendered at its print page's URL with printed questions, and each question's
//! usual markup and answer-key entry. The key is the page's own key (its input and the context
//! every page shares, see the module above) plus the number its first question gets: printed
//! questions are numbered through their print page (the whole course, or one module of a long
//! course), so a question added to an earlier lesson of that page renders the later ones again.
//! With renamed anchors (a second pass) nothing is cached.

use super::codec::{Reader, Writer};
use super::{PageCache, page_key};
use crate::cache::{CacheKey, Namespace};
use crate::markdown::PageInput;

/// Lessons in print form in the build cache. Bump the version when the encoding below changes.
pub const PRINT: Namespace = Namespace {
    name: "print-pages",
    version: "2",
};

/// A lesson as the print page shows it.
#[derive(Debug, Default, PartialEq)]
pub struct PrintForm {
    /// The lesson's HTML (ids not yet moved apart).
    pub html: String,
    /// Its questions in order: id, usual markup (for the review page), answer-key entry.
    pub questions: Vec<PrintedQuiz>,
}

#[derive(Debug, Default, PartialEq)]
pub struct PrintedQuiz {
    pub id: String,
    pub markup: String,
    pub key: String,
}

impl PageCache<'_> {
    /// `page` in print form, its first question numbered `first_number`: decoded from the cache
    /// when stored, else made by `render` and stored.
    pub fn print_form(
        &self,
        page: &PageInput,
        first_number: usize,
        render: impl FnOnce() -> PrintForm,
    ) -> PrintForm {
        let renamed = page.renamed_anchors.is_some_and(|r| !r.is_empty());
        let Some(context) = self.context.filter(|_| !renamed) else {
            return render();
        };
        let key = CacheKey::of(&[
            &page_key(&context, page).0.to_le_bytes(),
            &(first_number as u64).to_le_bytes(),
        ]);
        if let Some(form) = self.cache.read(&PRINT, &key, decode) {
            return form;
        }
        let form = render();
        self.cache.put(&PRINT, &key, &encode(&form));
        form
    }
}

pub(super) fn encode(form: &PrintForm) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(form.html.len() + 64));
    out.text(&form.html);
    out.list(&form.questions, |out, quiz| {
        out.text(&quiz.id);
        out.text(&quiz.markup);
        out.text(&quiz.key);
    });
    out.0
}

pub(super) fn decode(bytes: &[u8]) -> Option<PrintForm> {
    let mut input = Reader(bytes);
    let form = PrintForm {
        html: input.text()?,
        questions: input.list(|input| {
            Some(PrintedQuiz {
                id: input.text()?,
                markup: input.text()?,
                key: input.text()?,
            })
        })?,
    };
    input.0.is_empty().then_some(form)
}
