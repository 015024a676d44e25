//! Loading: walks `content/` and builds the [`Site`] model, collecting every problem on the way.
//!
//! Layout: `content/<course>/_index.md`, optional `content/<course>/<module>/_index.md`, lessons
//! as `.md` files in a course or module folder, and any other file as an asset copied beside them.
//! A folder holding no Markdown (say `images/`) is assets, not a module.

use crate::config::{self, Language, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::document::{self, CourseFront, Document, LessonFront, ModuleFront};
use crate::ignored::is_ignored_name;
use crate::model::{Asset, Course, Lesson, Module, Site, Source};
use crate::slug;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

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
    let language = config.language;
    let mut loader = Loader {
        root: root.to_path_buf(),
        options,
        language,
        diagnostics: Vec::new(),
        assets: Vec::new(),
    };
    let content = root.join(CONTENT_DIR);
    let mut courses = Vec::new();
    if !content.is_dir() {
        loader.error(
            CONTENT_DIR,
            "no `content/` folder: put each course in `content/<course>/`",
        );
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
    let diagnostics = loader.diagnostics;
    (
        Site {
            config,
            courses,
            assets: loader.assets,
        },
        diagnostics,
    )
}

/// A directory entry with what ordering needs.
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

struct Loader {
    root: PathBuf,
    options: LoadOptions,
    language: Language,
    diagnostics: Vec<Diagnostic>,
    assets: Vec<Asset>,
}

impl Loader {
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
        for entry in self.visible(&dir.path) {
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
        if !direct.is_empty() {
            let lessons = sorted(direct);
            modules.push(((i64::MIN, 0, String::new()), untitled_module(lessons)));
        }
        let course = Course {
            id,
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
        let front: ModuleFront = if index.is_file() {
            self.document(&index)?.front
        } else {
            ModuleFront::default()
        };
        let mut lessons = Vec::new();
        for entry in self.visible(&dir.path) {
            let url_dir = format!("{course_slug}/{slug}");
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
        let title = front
            .title
            .unwrap_or_else(|| slug::title_from_name(&dir.name));
        let module = Module {
            slug,
            title: Some(title),
            description: front.description,
            lessons: sorted(lessons),
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
        let doc: Document<LessonFront> = self.document(&file.path)?;
        if doc.front.draft && !self.options.include_drafts {
            return None;
        }
        let stem = file.name.trim_end_matches(".md");
        let slug = slug::folder_slug(stem, "lesson");
        let default_id = match module_slug {
            Some(module) => format!("{module}/{slug}"),
            None => slug.clone(),
        };
        let id = doc.front.id.unwrap_or(default_id);
        self.check_id(&id, &doc.front_matter, &path, "lesson");
        let title = self.required_title(doc.front.title, &path, stem);
        let url = match module_slug {
            Some(module) => format!("{course_slug}/{module}/{slug}.html"),
            None => format!("{course_slug}/{slug}.html"),
        };
        let lesson = Lesson {
            id,
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
        });
    }

    /// Reads, decodes and splits a Markdown file; problems become diagnostics.
    fn document<T: DeserializeOwned + Default>(&mut self, file: &Path) -> Option<Document<T>> {
        let path = self.relative(file);
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.error(&path, &format!("cannot read: {e}"));
                return None;
            }
        };
        let parsed = document::decode(&bytes, &path).and_then(|text| {
            let text = document::refuse_controls(text, &path, &mut self.diagnostics);
            let markers = document::conflict_markers(&text, &path);
            self.diagnostics.extend(markers);
            document::parse(&text, &path)
        });
        parsed.map_err(|d| self.diagnostics.push(d)).ok()
    }

    fn required_title(&mut self, title: Option<String>, path: &str, name: &str) -> String {
        match title.filter(|t| !t.trim().is_empty()) {
            Some(title) => crate::fold::nfc(&title),
            None => {
                self.diagnostics.push(Diagnostic::error(
                    path,
                    1,
                    1,
                    "missing `title` in the front matter",
                ));
                slug::title_from_name(name)
            }
        }
    }

    fn check_id(&mut self, id: &str, front_matter: &str, path: &str, what: &str) {
        let valid = id.split('/').all(config::is_storage_id);
        if !valid {
            let line = line_of_front_key(front_matter, "id");
            self.diagnostics.push(Diagnostic::error(
                path,
                line,
                1,
                format!("{what} `id` {id:?} may only hold a-z, 0-9, `-` and `_`"),
            ));
        }
    }

    /// `extra` reaches templates escaped, but a theme may put a value in a link: a value that
    /// would run script there (`javascript:`, `vbscript:`, `data:` other than an image) is an error.
    fn check_extra(&mut self, front: &CourseFront, front_matter: &str, path: &str) {
        for (text, scheme) in front.extra_script_urls() {
            let line = line_of_front_text(front_matter, &format!("{scheme}:"));
            let message = format!(
                "`extra` value `{text}` is a `{scheme}:` URL, which runs script if a theme links to it; khoa refuses it"
            );
            self.diagnostics
                .push(Diagnostic::error(path, line, 1, message));
        }
    }

    /// Whether `dir` directly holds a Markdown file (which makes it a module).
    fn holds_markdown(&self, dir: &Path) -> bool {
        self.entries(dir)
            .entries
            .iter()
            .any(|e| !e.is_dir && is_markdown(&e.name))
    }

    /// The entries of `dir` that are content, sorted by name; each skipped symlink gets a warning,
    /// each folder or entry that cannot be read an error.
    fn visible(&mut self, dir: &Path) -> Vec<Entry> {
        let Listing {
            entries,
            skipped,
            unreadable,
        } = self.entries(dir);
        for (path, why) in skipped {
            let path = self.relative(&path);
            self.warn(&path, why);
        }
        for (path, why) in unreadable {
            let path = self.relative(&path);
            self.error(&path, &why);
        }
        entries
    }

    /// The entries of `dir` sorted by name, hidden and editor files left out, and the symlinks
    /// that are not followed with the reason: folders (a link to `.` would loop) and anything
    /// leading out of the project. Symlinked files inside the project are read.
    fn entries(&self, dir: &Path) -> Listing {
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name();
        let mut listing = Listing::default();
        for e in walker {
            let e = match e {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    let why = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    listing
                        .unreadable
                        .push((path, format!("cannot read this folder: {why}")));
                    continue;
                }
            };
            if is_ignored_name(&e.file_name().to_string_lossy()) {
                continue;
            }
            let path = e.path().to_path_buf();
            if let Err(why) = self.followable_symlink(&e) {
                listing.skipped.push((path, why));
                continue;
            }
            let name = crate::fold::nfc(&e.file_name().to_string_lossy());
            // A followed symlink leads to a file (see `followable_symlink`), so the entry's own
            // type is the answer, with no second look at the disk that could fail unseen.
            let is_dir = e.file_type().is_dir();
            listing.entries.push(Entry { path, name, is_dir });
        }
        listing
    }

    /// A symlink is followed only if it leads to a file inside the project; other entries pass.
    fn followable_symlink(&self, entry: &walkdir::DirEntry) -> Result<(), &'static str> {
        if !entry.path_is_symlink() {
            return Ok(());
        }
        let link = entry.path();
        let root = self
            .root
            .canonicalize()
            .map_err(|_| "symlink skipped: the project folder cannot be resolved")?;
        let target = link
            .canonicalize()
            .map_err(|_| "symlink skipped: its target does not exist")?;
        if !target.starts_with(&root) {
            Err("symlink skipped: it leads out of the project")
        } else if target.is_dir() {
            Err("symlinked folder skipped: khoa follows symlinks to files only")
        } else {
            Ok(())
        }
    }

    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        crate::fold::nfc(&parts.join("/"))
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

/// One folder as read: its entries, the symlinks not followed (and why), what could not be read.
#[derive(Default)]
struct Listing {
    entries: Vec<Entry>,
    skipped: Vec<(PathBuf, &'static str)>,
    unreadable: Vec<(PathBuf, String)>,
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
    }
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

/// The line of the front matter holding `needle`, ignoring case and blanks; else its `extra:` line.
fn line_of_front_text(front_matter: &str, needle: &str) -> usize {
    let squeezed = |line: &str| line.replace(['\t', ' '], "").to_ascii_lowercase();
    front_matter
        .lines()
        .position(|l| squeezed(l).contains(needle))
        .map_or_else(|| line_of_front_key(front_matter, "extra"), |i| i + 2)
}

/// The line of the front matter that sets `key`; else 1 (the file's first line).
fn line_of_front_key(front_matter: &str, key: &str) -> usize {
    front_matter
        .lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 2)
}
