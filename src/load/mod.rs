//! Loading: walks `content/` and builds the [`Site`] model, collecting every problem on the way.
//!
//! Layout: `content/<course>/_index.md`, optional `content/<course>/<module>/_index.md`, lessons
//! as `.md` files in a course or module folder, and any other file as an asset copied beside them.
//! A folder holding no Markdown (say `images/`) is assets, not a module.

use crate::config::{Language, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::document::{self, CourseFront, Document, LessonFront, ModuleFront};
use crate::model::{Asset, Course, Lesson, Module, Site, Source, Unloaded};
use crate::slug;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod front;
mod images;
mod known;
mod listing;
mod project_files;
mod translations;

pub use known::KnownDocuments;

/// How to load.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Keep pages marked `draft: true` (the preview server does).
    pub include_drafts: bool,
}

/// The folder under the project root that holds the courses.
pub const CONTENT_DIR: &str = "content";

/// Name of the file that describes a course or module.
const INDEX_FILE: &str = "_index.md";

/// Loads every course under `root/content`. Problems in content are returned as diagnostics.
pub fn load(root: &Path, config: SiteConfig, options: LoadOptions) -> (Site, Vec<Diagnostic>) {
    load_reusing(root, config, options, &mut KnownDocuments::new())
}

/// Like [`load`], decoding and parsing again only the files whose bytes differ from what `known`
/// remembers, and leaving in it what this load read.
pub fn load_reusing(
    root: &Path,
    config: SiteConfig,
    options: LoadOptions,
    known: &mut KnownDocuments,
) -> (Site, Vec<Diagnostic>) {
    known.start();
    let language = config.language;
    let mut loader = Loader {
        known,
        root: root.to_path_buf(),
        options,
        language,
        languages: config.languages.clone(),
        diagnostics: Vec::new(),
        assets: Vec::new(),
        unloaded: Vec::new(),
        ascii_titled: Vec::new(),
    };
    let content = root.join(CONTENT_DIR);
    let mut courses = Vec::new();
    if !content.is_dir() {
        loader.error(
            CONTENT_DIR,
            "no `content/` folder: put each course in `content/<course>/`",
        );
    }
    if content.is_dir() && loader.known.is_empty() {
        let lessons = lesson_files(&content, root);
        loader.known.prepare::<LessonFront>(&lessons, read_document);
    }
    let listed = if content.is_dir() {
        loader.visible(&content)
    } else {
        Vec::new()
    };
    for entry in listed {
        if entry.is_dir {
            if let Some(course) = loader.course(&entry) {
                courses.push(course);
            }
        } else {
            let path = loader.relative(&entry.path);
            loader.warn(
                &path,
                "files directly in `content/` are ignored; put them in a course folder",
            );
        }
    }
    let courses = sorted(courses);
    images::read_images(&mut loader.assets, &mut loader.diagnostics);
    let icon = loader.icon(config.icon.as_deref());
    let ui = loader.ui_strings();
    loader.known.finish();
    let diagnostics = loader.diagnostics;
    (
        Site {
            config,
            courses,
            assets: loader.assets,
            unloaded: loader.unloaded,
            icon,
            ui,
            edition: language,
        },
        diagnostics,
    )
}

/// A directory entry with what ordering needs.
#[derive(Clone)]
struct Entry {
    path: PathBuf,
    name: String,
    is_dir: bool,
}

/// Sort key: explicit weight, then numeric prefix, then name.
type OrderKey = (i64, u64, String);

fn order_key(weight: Option<i64>, name: &str) -> OrderKey {
    let (prefix, _) = slug::split_order_prefix(name);
    (
        weight.unwrap_or(i64::MAX),
        prefix.unwrap_or(u64::MAX),
        name.to_string(),
    )
}

struct Loader<'k> {
    /// Documents of the previous load, reused when a file's bytes are the same.
    known: &'k mut KnownDocuments,
    root: PathBuf,
    options: LoadOptions,
    language: Language,
    /// The site's languages, the default first (translations into others are warnings).
    languages: Vec<Language>,
    diagnostics: Vec<Diagnostic>,
    assets: Vec<Asset>,
    unloaded: Vec<Unloaded>,
    /// Module folders of the course being loaded that take their title from a plain-ASCII name.
    ascii_titled: Vec<String>,
}

impl Loader<'_> {
    fn course(&mut self, dir: &Entry) -> Option<(OrderKey, Course)> {
        let slug = slug::folder_slug(&dir.name, "course");
        let index = dir.path.join(INDEX_FILE);
        let index_path = self.relative(&index);
        if !index.is_file() {
            let path = self.relative(&dir.path);
            self.error(
                &path,
                "course folder has no `_index.md` (it needs at least a `title`)",
            );
            return None;
        }
        let doc: Document<CourseFront> = self.document(&index)?;
        if doc.front.draft && !self.options.include_drafts {
            return None;
        }
        self.check_extra(&doc.front, &doc.front_matter, &index_path);
        let title = self.required_title(doc.front.title, &index_path, &dir.name);
        let id = doc.front.id.unwrap_or_else(|| slug.clone());
        self.check_id(&id, &doc.front_matter, &index_path, "course");
        let mut direct = Vec::new();
        let mut modules = Vec::new();
        let mut found = translations::Found::default();
        for entry in self.visible(&dir.path) {
            if !entry.is_dir && is_markdown(&entry.name) && self.set_aside(&entry, &mut found) {
                continue;
            }
            if entry.is_dir && self.holds_markdown(&entry.path) {
                modules.extend(self.module(&entry, &slug));
            } else if entry.is_dir {
                self.assets_in(
                    &entry.path,
                    &format!("{slug}/{}", slug::asset_dir_slug(&entry.name)),
                );
            } else if is_markdown(&entry.name) {
                direct.extend(self.lesson(&entry, &slug, None));
            } else {
                self.asset(
                    &entry.path,
                    &format!("{slug}/{}", slug::asset_file_slug(&entry.name)),
                );
            }
        }
        self.warn_ascii_titles();
        let course_translations = std::mem::take(&mut found.index);
        self.attach(found, &mut direct);
        if !direct.is_empty() {
            let lessons = sorted(direct);
            modules.push(((i64::MIN, 0, String::new()), untitled_module(lessons)));
        }
        let requires = doc
            .front
            .requires
            .iter()
            .map(|id| front::course_ref(&doc.front_matter, "requires", id))
            .collect();
        let next = doc
            .front
            .next
            .as_ref()
            .map(|id| front::course_ref(&doc.front_matter, "next", id));
        let course = Course {
            requires,
            next,
            translations: course_translations,
            fallback: None,
            original: None,
            id,
            id_line: front::line_of_front_key(&doc.front_matter, "id"),
            slug,
            title,
            description: doc.front.description,
            language: doc.front.language.unwrap_or(self.language),
            draft: doc.front.draft,
            extra: doc.front.extra,
            complete: doc.front.complete,
            pass: doc.front.pass.unwrap_or(80).min(100),
            intro: Source {
                path: index_path,
                body: doc.body,
                line_offset: doc.body_line_offset,
            },
            modules: sorted(modules),
        };
        Some((order_key(doc.front.weight, &dir.name), course))
    }

    fn module(&mut self, dir: &Entry, course_slug: &str) -> Option<(OrderKey, Module)> {
        let slug = slug::folder_slug(&dir.name, "module");
        let index = dir.path.join(INDEX_FILE);
        // A module whose `_index.md` is broken (reported) still loads its lessons.
        let front: ModuleFront = if index.is_file() {
            self.document(&index)
                .map(|doc| doc.front)
                .unwrap_or_default()
        } else {
            ModuleFront::default()
        };
        let mut lessons = Vec::new();
        let mut found = translations::Found::default();
        for entry in self.visible(&dir.path) {
            let url_dir = format!("{course_slug}/{slug}");
            if !entry.is_dir && is_markdown(&entry.name) && self.set_aside(&entry, &mut found) {
                continue;
            }
            if entry.is_dir {
                self.assets_in(
                    &entry.path,
                    &format!("{url_dir}/{}", slug::asset_dir_slug(&entry.name)),
                );
            } else if is_markdown(&entry.name) {
                lessons.extend(self.lesson(&entry, course_slug, Some(&slug)));
            } else {
                self.asset(
                    &entry.path,
                    &format!("{url_dir}/{}", slug::asset_file_slug(&entry.name)),
                );
            }
        }
        let module_translations = std::mem::take(&mut found.index);
        self.attach(found, &mut lessons);
        let title = match front.title {
            Some(title) => title,
            None => {
                if !index.is_file() && dir.name.is_ascii() {
                    self.ascii_titled.push(self.relative(&dir.path));
                }
                slug::title_from_name(&crate::fold::nfc(&dir.name))
            }
        };
        let module = Module {
            slug,
            title: Some(title),
            description: front.description,
            lessons: sorted(lessons),
            translations: module_translations,
        };
        Some((order_key(front.weight, &dir.name), module))
    }

    fn lesson(
        &mut self,
        file: &Entry,
        course_slug: &str,
        module_slug: Option<&str>,
    ) -> Option<(OrderKey, Lesson)> {
        if file.name == INDEX_FILE {
            return None;
        }
        let path = self.relative(&file.path);
        let stem = file.name.trim_end_matches(".md");
        let slug = slug::folder_slug(stem, "lesson");
        let url = match module_slug {
            Some(module) => format!("{course_slug}/{module}/{slug}.html"),
            None => format!("{course_slug}/{slug}.html"),
        };
        let Some(doc) = self.document::<LessonFront>(&file.path) else {
            let source_path = path;
            self.unloaded.push(Unloaded { source_path, url });
            return None;
        };
        if doc.front.draft && !self.options.include_drafts {
            return None;
        }
        let default_id = match module_slug {
            Some(module) => format!("{module}/{slug}"),
            None => slug.clone(),
        };
        let id = doc.front.id.unwrap_or(default_id);
        self.check_id(&id, &doc.front_matter, &path, "lesson");
        let title = self.required_title(doc.front.title, &path, stem);
        let lesson = Lesson {
            id,
            id_line: front::line_of_front_key(&doc.front_matter, "id"),
            slug,
            title,
            description: doc.front.description,
            draft: doc.front.draft,
            duration: doc.front.duration,
            url,
            source: Source {
                path,
                body: doc.body,
                line_offset: doc.body_line_offset,
            },
            translations: BTreeMap::new(),
            fallback: None,
            original: None,
        };
        Some((order_key(doc.front.weight, &file.name), lesson))
    }

    /// Registers every file under `dir` (recursively) as an asset under `url_dir`.
    fn assets_in(&mut self, dir: &Path, url_dir: &str) {
        for entry in self.visible(dir) {
            if entry.is_dir {
                self.assets_in(
                    &entry.path,
                    &format!("{url_dir}/{}", slug::asset_dir_slug(&entry.name)),
                );
            } else if is_markdown(&entry.name) {
                let path = self.relative(&entry.path);
                self.warn(&path, "Markdown in a nested folder is not a lesson; lessons live in a course or module folder");
            } else {
                self.asset(
                    &entry.path,
                    &format!("{url_dir}/{}", slug::asset_file_slug(&entry.name)),
                );
            }
        }
    }

    fn asset(&mut self, file: &Path, url: &str) {
        let source_path = self.relative(file);
        self.assets.push(Asset {
            source_path,
            file: file.to_path_buf(),
            url: url.to_string(),
            bytes: None,
        });
    }

    /// Reads, decodes and splits a Markdown file; problems become diagnostics. A file whose bytes
    /// are those of the previous load is not decoded again.
    fn document<T>(&mut self, file: &Path) -> Option<Document<T>>
    where
        T: DeserializeOwned + Default + Clone + Send + 'static,
    {
        let known = self.known.fresh::<T>(file);
        if let Some((document, diagnostics)) = known.or_else(|| self.known.unchanged::<T>(file)) {
            self.diagnostics.extend(diagnostics);
            return document;
        }
        let path = self.relative(file);
        let bytes = self.known.read_ahead(file).map(Ok);
        let bytes = match bytes.unwrap_or_else(|| std::fs::read(file)) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.error(&path, &format!("cannot read: {e}"));
                return None;
            }
        };
        let (document, diagnostics) = match self.known.get::<T>(file, &bytes) {
            Some(read) => read,
            None => {
                let read = read_document(&bytes, &path);
                self.known.keep(file, bytes, &read);
                read
            }
        };
        self.diagnostics.extend(diagnostics);
        document
    }

    fn relative(&self, path: &Path) -> String {
        relative(&self.root, path)
    }

    fn error(&mut self, path: &str, message: &str) {
        self.diagnostics
            .push(Diagnostic::error(path, 0, 0, message));
    }

    fn warn(&mut self, path: &str, message: &str) {
        self.diagnostics
            .push(Diagnostic::warning(path, 0, 0, message));
    }
}

/// `path` relative to `root`, as diagnostics name it.
fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    // A path the walk made (a folder joined with names) as text, when it reads the same.
    if let Some(text) = relative
        .to_str()
        .filter(|_| std::path::MAIN_SEPARATOR == '/')
    {
        let plain = |part: &str| !part.is_empty() && part != "." && part != "..";
        if text.split('/').all(plain) {
            return crate::fold::nfc(text);
        }
    }
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    crate::fold::nfc(&parts.join("/"))
}

/// The files under `content` that are likely lessons (Markdown files, not `_index.md`, in a
/// course or module folder, neither hidden nor symlinks), each with its relative path: read ahead
/// in parallel ([`KnownDocuments::prepare`]). The walk decides what each file is; any it does not
/// take as a lesson is only read for nothing.
fn lesson_files(content: &Path, root: &Path) -> Vec<(PathBuf, String)> {
    let walk = walkdir::WalkDir::new(content)
        .min_depth(2)
        .max_depth(3)
        .into_iter();
    walk.filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            is_markdown(&name) && name != INDEX_FILE
        })
        .map(|e| (e.path().to_path_buf(), relative(root, e.path())))
        .collect()
}

/// Decodes and splits the bytes of the Markdown file at `path`: the document, if any, and problems.
fn read_document<T: DeserializeOwned + Default>(bytes: &[u8], path: &str) -> known::Read<T> {
    let mut diagnostics = Vec::new();
    let parsed = document::decode(bytes, path).and_then(|text| {
        let text = document::refuse_controls(text, path, &mut diagnostics);
        diagnostics.extend(document::conflict_markers(&text, path));
        document::parse(&text, path)
    });
    match parsed {
        Ok(document) => (Some(document), diagnostics),
        Err(problem) => {
            diagnostics.push(problem);
            (None, diagnostics)
        }
    }
}

fn sorted<T>(mut items: Vec<(OrderKey, T)>) -> Vec<T> {
    items.sort_by(|a, b| a.0.cmp(&b.0));
    items.into_iter().map(|(_, item)| item).collect()
}

fn untitled_module(lessons: Vec<Lesson>) -> Module {
    Module {
        slug: String::new(),
        title: None,
        description: None,
        lessons,
        translations: BTreeMap::new(),
    }
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}
