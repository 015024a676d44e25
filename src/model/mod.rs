//! The site model: Site › Course › Module › Lesson, fully built by `load` before anything renders.
//!
//! Plain data with no behaviour beyond lookups; every later stage reads it and none mutates it.

use crate::config::{Language, SiteConfig};
use crate::document::CompleteRule;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

mod edition;
pub use edition::{language_prefix, translated_in};

/// Markdown text of a file, with where it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Path relative to the project root, `/`-separated (`content/c/m/l.md`).
    pub path: String,
    /// The Markdown body after the front matter, LF line ends (shared with the loaded document,
    /// which `serve` keeps between rebuilds: reloading the site copies no text).
    pub body: Arc<str>,
    /// Lines of the file before the body.
    pub line_offset: usize,
}

/// The whole site as loaded from `content/`.
#[derive(Debug, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    pub courses: Vec<Course>,
    /// Files copied as they are (images, PDFs, audio).
    pub assets: Vec<Asset>,
    /// Lessons that could not be loaded (their error is reported): still link targets, so a
    /// broken front matter is one error, not one more per link to the lesson.
    pub unloaded: Vec<Unloaded>,
    /// The project's app icon (`icon:` in `khoa.yaml`), read when the site is rendered.
    pub icon: Option<Icon>,
    /// The UI strings: built-in, with the project's `i18n/<lang>.yaml` on top.
    #[serde(skip)]
    pub ui: crate::i18n::UiStrings,
    /// The language whose pages this site renders: the default language as loaded, another one
    /// in the edition [`Site::edition`] makes (its pages under `<lang>/`).
    pub edition: Language,
}

/// A translation of a course introduction, module or lesson (`_index.en.md`, `01-bai.en.md`):
/// its own title, description and text; everything else comes from the original.
#[derive(Clone, Debug, Serialize)]
pub struct Translation {
    pub title: String,
    pub description: Option<String>,
    pub source: Source,
}

/// An app icon file of the project: an SVG or PNG that becomes the installable app's icons.
#[derive(Clone, Debug, Serialize)]
pub struct Icon {
    /// Path relative to the project root, as `khoa.yaml` names it.
    pub source_path: String,
    /// Where it is read from.
    pub file: PathBuf,
}

/// A lesson whose file could not be loaded: where it is and where it would be published.
#[derive(Clone, Debug, Serialize)]
pub struct Unloaded {
    pub source_path: String,
    pub url: String,
}

impl Site {
    /// The site as if it held only the course with `id`, its assets and the site's settings (for
    /// `khoa pack --course`); `None` when no course has that id.
    pub fn only_course(&self, id: &str) -> Option<Site> {
        let course = self.courses.iter().find(|c| c.id == id)?;
        let folder = format!("{}/", course.slug);
        Some(Site {
            config: self.config.clone(),
            courses: vec![course.clone()],
            assets: self
                .assets
                .iter()
                .filter(|a| a.url.starts_with(&folder))
                .cloned()
                .collect(),
            unloaded: self
                .unloaded
                .iter()
                .filter(|u| u.url.starts_with(&folder))
                .cloned()
                .collect(),
            icon: self.icon.clone(),
            ui: self.ui.clone(),
            edition: self.edition,
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Course {
    pub id: String,
    /// Line of `_index.md` that sets `id` (1 when the id comes from the folder name).
    pub id_line: usize,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub language: Language,
    pub draft: bool,
    pub extra: Option<serde_json::Value>,
    pub complete: CompleteRule,
    /// Pass mark, percent of quiz points.
    pub pass: u8,
    /// The course introduction (`_index.md`).
    pub intro: Source,
    /// Modules in order; lessons placed directly in the course form a first, untitled module.
    pub modules: Vec<Module>,
    /// Courses to learn before this one (`requires:`), as written.
    pub requires: Vec<CourseRef>,
    /// The course to learn after this one (`next:`).
    pub next: Option<CourseRef>,
    /// The translations of `_index.md`, by language.
    pub translations: BTreeMap<Language, Translation>,
    /// In an edition, the language of the introduction's text when it is the original's (not
    /// translated yet); `None` when it is in the edition's language.
    pub fallback: Option<Language>,
    /// In an edition, the path of the original `_index.md` when `intro` is a translation.
    pub original: Option<String>,
}

/// A course id written in a course's front matter, with where it is written (so that `check`
/// can point at an unknown id or a cycle).
#[derive(Clone, Debug, Serialize)]
pub struct CourseRef {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Module {
    pub slug: String,
    /// `None` for the untitled module of lessons placed directly in the course folder.
    pub title: Option<String>,
    pub description: Option<String>,
    pub lessons: Vec<Lesson>,
    /// The translations of its `_index.md` (title and description), by language.
    pub translations: BTreeMap<Language, Translation>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Lesson {
    /// Stable id, unique within its course; progress is keyed by it.
    pub id: String,
    /// Line of the file that sets `id` (1 when the id comes from the file name).
    pub id_line: usize,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub draft: bool,
    pub duration: Option<u32>,
    /// Output path relative to the site root (`course/module/lesson.html`).
    pub url: String,
    pub source: Source,
    /// Its translations (`01-bai.en.md`), by language.
    pub translations: BTreeMap<Language, Translation>,
    /// In an edition, the language of its text when it is the original's (not translated yet).
    pub fallback: Option<Language>,
    /// In an edition, the source path of the original when `source` is a translation (links
    /// written as the original's path lead to the translation).
    pub original: Option<String>,
}

/// A file copied unchanged into the output.
#[derive(Clone, Debug, Serialize)]
pub struct Asset {
    /// Path relative to the project root, `/`-separated.
    pub source_path: String,
    /// Where it is read from.
    pub file: PathBuf,
    /// Output path relative to the site root.
    pub url: String,
    /// The file's bytes, read by `load` for a PNG or JPEG (rendering makes smaller copies of it);
    /// `None` for other files, which rendering copies as they are.
    #[serde(skip)]
    pub bytes: Option<Arc<[u8]>>,
}

impl Course {
    /// The course page's output path.
    pub fn url(&self) -> String {
        format!("{}/index.html", self.slug)
    }

    /// The completion page's output path.
    pub fn completion_url(&self) -> String {
        format!("{}/completion.html", self.slug)
    }

    /// The page with the whole course, to print (`render::whole_course`).
    pub fn print_url(&self) -> String {
        format!("{}/print.html", self.slug)
    }

    /// The print page of `module` of this course, when the course prints one module per page
    /// (`render::whole_course`): `<course>/print-<module slug>.html`. The lessons outside any
    /// module (whose slug is empty) print as `print-.html`: a module's slug is never empty, and a
    /// lesson's slug never ends in `-`, so no module page and no lesson takes that name.
    pub fn print_module_url(&self, module: &Module) -> String {
        format!("{}/print-{}.html", self.slug, module.slug)
    }

    /// The page of the questions this learner missed (`render::whole_course`).
    pub fn review_url(&self) -> String {
        format!("{}/review.html", self.slug)
    }

    /// The course's folder name (its slug without the language folder of an edition).
    pub fn folder(&self) -> &str {
        self.slug.rsplit('/').next().unwrap_or(&self.slug)
    }

    /// All lessons in reading order, across modules.
    pub fn lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.modules.iter().flat_map(|m| m.lessons.iter())
    }
}

/// The courses in the order the home page lists them: each after the courses it requires, and
/// otherwise in the site's order (weight, prefix, name). Courses caught in a cycle (an error
/// `check` reports) come after the others, in the site's order. (Tested with the learning-path checks, in `check::paths`.)
pub fn path_order(courses: &[Course]) -> Vec<&Course> {
    let mut placed: Vec<&Course> = Vec::with_capacity(courses.len());
    let mut remaining: Vec<&Course> = courses.iter().collect();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|c| {
            c.requires.iter().all(|r| {
                placed.iter().any(|p| p.id == r.id) || !remaining.iter().any(|o| o.id == r.id)
            })
        });
        let next = remaining.remove(ready.unwrap_or(0));
        placed.push(next);
    }
    placed
}
impl Site {
    /// All lessons of all courses with their course, in order.
    pub fn lessons(&self) -> impl Iterator<Item = (&Course, &Lesson)> {
        self.courses
            .iter()
            .flat_map(|c| c.lessons().map(move |l| (c, l)))
    }
}
