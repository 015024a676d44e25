//! The versions of a page in the site's languages: the language switcher (plain links, each
//! language named in itself), the `hreflang` alternates, the canonical URL, and the note on a page
//! shown in the original's language because it is not translated yet.

use super::{PageContext, Templates};
use crate::config::Language;
use crate::links::relative_url;
use crate::model::{Course, language_prefix, translated_in};
use serde::Serialize;

/// What a page's templates show about its other languages.
pub(super) struct Versions {
    pub switcher: Vec<SwitchLink>,
    pub alternates: Vec<Alternate>,
    pub fallback: Option<FallbackNote>,
    /// The output path search engines should index for this page: its own, or the original's
    /// when it only shows the original's text.
    pub canonical: String,
}

/// One language in the switcher.
#[derive(Serialize)]
pub(super) struct SwitchLink {
    pub lang: String,
    pub name: String,
    pub href: String,
    /// Whether it is the page's own language.
    pub current: bool,
}

/// `<link rel="alternate" hreflang href>`: a version of the page written in `lang` (or
/// `x-default`, the default language's).
#[derive(Serialize)]
pub(super) struct Alternate {
    pub lang: String,
    pub href: String,
}

/// The note on an untranslated page, and the language its text is in.
#[derive(Serialize)]
pub(super) struct FallbackNote {
    pub lang: String,
    pub note: String,
}

impl Templates<'_> {
    /// The languages `course`'s pages are written in: the default, and each it is translated to.
    pub(super) fn course_languages(&self, course: &Course) -> Vec<Language> {
        translated_in(&self.site.config.languages, &course.translations)
    }

    /// The versions of `page` in the site's languages (none on a one-language site).
    pub(super) fn versions(&self, page: &PageContext) -> Versions {
        let config = &self.site.config;
        let default = config.language;
        let base = page
            .url
            .strip_prefix(&self.site.prefix())
            .unwrap_or(&page.url);
        let url_in = |language: Language| format!("{}{base}", language_prefix(default, language));
        // A course written in the page's language (`language: en` on a `[vi, en]` site) needs no
        // note in English; its English page still names the original as canonical.
        let shown_in_another = page.fallback.filter(|original| *original != page.language);
        let note = shown_in_another.map(|original| FallbackNote {
            lang: original.code().to_string(),
            note: self
                .site
                .ui
                .text(page.language, "untranslated")
                .replace("{language}", &self.site.ui.name(original)),
        });
        let canonical = if page.fallback.is_some() {
            url_in(default)
        } else {
            page.url.clone()
        };
        let (Some(translated), true) = (&page.translated, config.is_multilingual()) else {
            return Versions {
                switcher: Vec::new(),
                alternates: Vec::new(),
                fallback: note,
                canonical,
            };
        };
        let switcher = config
            .languages
            .iter()
            .map(|&language| SwitchLink {
                lang: language.code().to_string(),
                name: self.site.ui.name(language),
                href: relative_url(&page.url, &url_in(language)),
                current: language == self.site.edition,
            })
            .collect();
        let href = |url: String| match &config.base_url {
            Some(base) => format!("{base}{}", crate::escape::percent_encode_path(&url)),
            None => relative_url(&page.url, &url),
        };
        let mut alternates: Vec<Alternate> = translated
            .iter()
            .map(|&language| Alternate {
                lang: language.code().to_string(),
                href: href(url_in(language)),
            })
            .collect();
        alternates.push(Alternate {
            lang: "x-default".into(),
            href: href(url_in(default)),
        });
        Versions {
            switcher,
            alternates,
            fallback: note,
            canonical,
        }
    }
}
