//! Editions: the site as published in one of its other languages, under `<lang>/` with the same
//! paths below it. Every page exists in every edition: translated where a translation is, else
//! the original's text (marked with the language it is in), so that navigation never dead-ends.

use super::{Course, Language, Lesson, Module, Site, Translation, Unloaded};
use std::collections::BTreeMap;

impl Site {
    /// The folder of this site's pages: empty for the default language, `en/` for English.
    pub fn prefix(&self) -> String {
        language_prefix(self.config.language, self.edition)
    }

    /// The site as published in `language`: every course, module and lesson with its translation
    /// in that language or, failing one, the original (its `fallback` set); pages under
    /// `<language>/`. Ids stay the original's, so progress is shared. Assets stay where the
    /// default language publishes them. `language` should be one of `config.languages`.
    pub fn edition(&self, language: Language) -> Site {
        let prefix = language_prefix(self.config.language, language);
        Site {
            config: self.config.clone(),
            courses: self
                .courses
                .iter()
                .map(|c| course_in(c, language, &prefix))
                .collect(),
            assets: self.assets.clone(),
            unloaded: self
                .unloaded
                .iter()
                .map(|u| Unloaded {
                    source_path: u.source_path.clone(),
                    url: format!("{prefix}{}", u.url),
                })
                .collect(),
            icon: self.icon.clone(),
            ui: self.ui.clone(),
            edition: language,
        }
    }

    /// Every edition of the site: this one (the default language) first, then one per other
    /// language of `languages`.
    pub fn other_editions(&self) -> Vec<Site> {
        let others = self.config.languages.iter().skip(1);
        others.map(|language| self.edition(*language)).collect()
    }
}

/// The folder of `language`'s pages on a site whose default language is `default`.
pub fn language_prefix(default: Language, language: Language) -> String {
    if language == default {
        String::new()
    } else {
        format!("{language}/")
    }
}

/// The languages among `languages` in which a page with `translations` exists as written: the
/// default (always) and those translated.
pub fn translated_in<T>(
    languages: &[Language],
    translations: &BTreeMap<Language, T>,
) -> Vec<Language> {
    let mut found: Vec<Language> = languages.iter().take(1).copied().collect();
    found.extend(
        languages
            .iter()
            .skip(1)
            .filter(|l| translations.contains_key(l)),
    );
    found
}

fn course_in(course: &Course, language: Language, prefix: &str) -> Course {
    let translation = course.translations.get(&language);
    let mut edition = course.clone();
    edition.slug = format!("{prefix}{}", course.slug);
    if let Some(Translation {
        title,
        description,
        source,
    }) = translation
    {
        edition.title = title.clone();
        edition.description = description.clone();
        edition.intro = source.clone();
        edition.original = Some(course.intro.path.clone());
    } else {
        edition.fallback = Some(course.language);
    }
    edition.language = language;
    edition.modules = course
        .modules
        .iter()
        .map(|m| module_in(m, course.language, language, prefix))
        .collect();
    edition
}

fn module_in(module: &Module, original: Language, language: Language, prefix: &str) -> Module {
    let mut edition = module.clone();
    if let Some(translation) = module.translations.get(&language) {
        edition.title = Some(translation.title.clone());
        edition.description = translation.description.clone();
    }
    edition.lessons = module
        .lessons
        .iter()
        .map(|l| lesson_in(l, original, language, prefix))
        .collect();
    edition
}

fn lesson_in(lesson: &Lesson, original: Language, language: Language, prefix: &str) -> Lesson {
    let mut edition = lesson.clone();
    edition.url = format!("{prefix}{}", lesson.url);
    match lesson.translations.get(&language) {
        Some(translation) => {
            edition.title = translation.title.clone();
            edition.description = translation.description.clone();
            edition.original = Some(lesson.source.path.clone());
            edition.source = translation.source.clone();
        }
        None => edition.fallback = Some(original),
    }
    edition
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::model::Source;

    fn source(path: &str) -> Source {
        Source {
            path: path.into(),
            body: "".into(),
            line_offset: 0,
        }
    }

    fn lesson(slug: &str, translated: Option<&str>) -> Lesson {
        let en = Language::EN;
        let translations = translated.map(|title| {
            let translation = Translation {
                title: title.into(),
                description: None,
                source: source(&format!("content/c/m/{slug}.en.md")),
            };
            BTreeMap::from([(en, translation)])
        });
        Lesson {
            id: format!("m/{slug}"),
            id_line: 1,
            slug: slug.into(),
            title: format!("Bài {slug}"),
            description: None,
            draft: false,
            duration: None,
            url: format!("c/m/{slug}.html"),
            source: source(&format!("content/c/m/{slug}.md")),
            translations: translations.unwrap_or_default(),
            fallback: None,
            original: None,
        }
    }

    #[test]
    fn an_edition_moves_pages_under_its_language_and_falls_back_where_untranslated() {
        let text = "title: a\nsite_id: a\nlanguages: [vi, en]\n";
        let config = SiteConfig::parse(text, "khoa.yaml").unwrap();
        let module = Module {
            slug: "m".into(),
            title: Some("Chương".into()),
            description: None,
            lessons: vec![lesson("a", Some("Lesson a")), lesson("b", None)],
            translations: BTreeMap::new(),
        };
        let course = Course {
            id: "c".into(),
            id_line: 1,
            slug: "c".into(),
            title: "Khóa".into(),
            description: None,
            language: Language::VI,
            draft: false,
            extra: None,
            complete: Default::default(),
            pass: 80,
            intro: source("content/c/_index.md"),
            modules: vec![module],
            requires: Vec::new(),
            next: None,
            translations: BTreeMap::new(),
            fallback: None,
            original: None,
        };
        let site = Site {
            edition: config.language,
            config,
            courses: vec![course],
            assets: Vec::new(),
            unloaded: Vec::new(),
            icon: None,
            ui: Default::default(),
        };
        assert_eq!(site.prefix(), "");
        let en = site.other_editions().remove(0);
        assert_eq!((en.prefix(), en.edition), ("en/".to_string(), Language::EN));
        let course = &en.courses[0];
        assert_eq!(course.url(), "en/c/index.html");
        assert_eq!(course.fallback, Some(Language::VI));
        let [a, b] = [&course.modules[0].lessons[0], &course.modules[0].lessons[1]];
        assert_eq!(
            (a.url.as_str(), a.title.as_str()),
            ("en/c/m/a.html", "Lesson a")
        );
        assert_eq!(a.source.path, "content/c/m/a.en.md");
        assert_eq!(a.original.as_deref(), Some("content/c/m/a.md"));
        assert_eq!((a.id.as_str(), a.fallback), ("m/a", None));
        assert_eq!(
            (b.title.as_str(), b.fallback),
            ("Bài b", Some(Language::VI))
        );
        let langs = &site.config.languages;
        assert_eq!(translated_in(langs, &a.translations), langs.clone());
        assert_eq!(translated_in(langs, &b.translations), vec![Language::VI]);
    }
}
