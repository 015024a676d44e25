//! The files of the whole site beside its pages: who owns each search file and theme file, and
//! with `base_url` `sitemap.xml` (every page in every language) and `robots.txt`.

use crate::model::Site;
use crate::output::{Owner, SITEMAP};

/// The search catalog is khoa's; each course's index files belong to that course (the `nth`
/// course with that file name: two courses sharing an id both claim it).
pub(super) fn search_owner(site: &Site, dir: &str, path: &str, nth: usize) -> Owner {
    let file = path.strip_prefix(dir).unwrap_or(path);
    let mut courses = site.courses.iter().filter(|c| {
        file == crate::search::shard_file(&c.id) || file == crate::search::text_file(&c.id)
    });
    let course = courses.nth(nth);
    match course {
        Some(course) => Owner::Course {
            index: course.intro.path.clone(),
            what: "the course's search index",
        },
        None => Owner::Khoa("the search catalog"),
    }
}

/// A file of the default theme is khoa's; one that only the project's theme has is the author's.
pub(super) fn static_owner(site: &Site, path: &str) -> Owner {
    let default = crate::theme::DEFAULT_FILES
        .iter()
        .any(|(file, _)| file.strip_prefix("static/") == Some(path));
    match site.config.theme.as_deref() {
        Some(theme) if !default => Owner::Author(format!("themes/{theme}/static/{path}")),
        _ => Owner::Khoa("a file of the default theme"),
    }
}

/// `robots.txt` (only with `base_url`): everything may be crawled; the sitemap is named by its
/// absolute URL, as the format requires.
pub(super) fn robots(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_deref()?;
    Some(format!(
        "User-agent: *\nAllow: /\nSitemap: {base}{SITEMAP}\n"
    ))
}

/// The sitemap (only with `base_url`): every page by its absolute URL, then, for each other
/// language, its home page and the pages translated into it (an untranslated page names the
/// original as its canonical URL, so it is not listed).
pub(super) fn sitemap(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_deref()?;
    let mut urls: Vec<String> = std::iter::once("index.html".to_string())
        .chain(
            site.courses
                .iter()
                .flat_map(|c| std::iter::once(c.url()).chain(c.lessons().map(|l| l.url.clone()))),
        )
        .collect();
    for &language in site.config.languages.iter().skip(1) {
        let prefix = crate::model::language_prefix(site.config.language, language);
        urls.push(format!("{prefix}index.html"));
        for course in &site.courses {
            if course.translations.contains_key(&language) {
                urls.push(format!("{prefix}{}", course.url()));
            }
            let translated = course
                .lessons()
                .filter(|l| l.translations.contains_key(&language));
            urls.extend(translated.map(|l| format!("{prefix}{}", l.url)));
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            crate::escape::html(&format!("{base}{url}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}
