//! The pipeline in memory: config → load → render → checks → publish. `check`, `build`, `serve`
//! and `pack` all start here.

use crate::cache::BuildCache;
use crate::config::{self, SiteConfig};
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, KnownDocuments, LoadOptions};
use crate::model::Site;
use crate::publish::{self, PublishOptions};
use crate::render::{self, RenderedSite};
use crate::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to compile.
#[derive(Clone, Debug)]
pub struct CompileOptions {
    /// The project folder (holding `khoa.yaml` and `content/`).
    pub root: PathBuf,
    pub include_drafts: bool,
    /// How to publish the checked outputs (hashed names always; precompressed copies on request).
    pub publish: PublishOptions,
    /// Publish only the course with this id, with the home page and shared files (`khoa pack
    /// --course`). The whole site is still loaded, rendered and checked.
    pub only_course: Option<String>,
    /// With `only_course`: publish it in the default language alone, as a site in one language
    /// (`khoa export scorm`: a learning system launches one package per language).
    pub default_language_only: bool,
    /// The persistent build cache (`BuildCache::disabled()` for none). Whoever opened it calls
    /// `finish` after a good build.
    pub cache: Arc<BuildCache>,
}

/// A compiled site: the model, the outputs and every problem found (sorted).
pub struct Compiled {
    pub site: Site,
    pub rendered: RenderedSite,
    pub diagnostics: Vec<Diagnostic>,
    pub load_time: Duration,
    /// The checks over the whole site, and publishing (hashed names, offline lists, headers).
    pub checks_time: Duration,
    pub publish_time: Duration,
    /// Each `_khoa/` file's plain name → its published (hashed) one.
    pub names: BTreeMap<String, String>,
}

/// Why nothing could be compiled.
#[derive(Debug)]
pub enum CompileError {
    /// Not a project, or unreadable: a usage or I/O problem (exit code 2).
    Project(String),
    /// The configuration itself is wrong (exit code 1).
    Config(Vec<Diagnostic>),
}

/// What a compile may take from the previous one: `serve` keeps it between rebuilds. Each stage
/// keeps its own part and decides what is still valid, so the result is the same as without it.
#[derive(Default)]
pub struct Reuse {
    documents: KnownDocuments,
    render: render::Reuse,
    references: publish::KnownReferences,
    hashes: render::offline::KnownHashes,
}

impl Reuse {
    pub fn new() -> Self {
        Self::default()
    }

    /// Has each later compile hand the lesson pages it renders anew to `ready` as soon as they
    /// are rendered, when they are few and all that changed among the pages (see
    /// `render::Reuse`); the compile then goes on as usual.
    pub fn when_pages_ready(&mut self, ready: render::PagesReady) {
        self.render.ready = Some(ready);
    }

    /// Promises that every later change to the project is told through
    /// [`Reuse::files_changed`] before the compile that must see it (`serve`'s watcher), so that
    /// loading reads again only the files named.
    pub fn watched(&mut self) {
        self.documents.watched();
    }

    /// Tells the next compile which files or folders changed (the watcher's paths under `root`);
    /// `None` when anything may have. A path outside `content/` makes it read everything.
    pub fn files_changed(&mut self, root: &Path, paths: Option<Vec<PathBuf>>) {
        let content = root.join(load::CONTENT_DIR);
        self.documents.expect_changes(&content, paths);
    }

    /// Forgets the previous build (keeping whoever gets pages early, and the promise to tell
    /// every change).
    pub fn forget(&mut self) {
        let ready = self.render.ready.take();
        let watched = self.documents.is_watched();
        *self = Reuse::default();
        self.render.ready = ready;
        if watched {
            self.documents.watched();
        }
    }
}

/// Loads and renders the project at `options.root`.
pub fn compile(options: &CompileOptions) -> Result<Compiled, CompileError> {
    compile_reusing(options, None)
}

/// Like [`compile`], reusing what the previous compile left in `reuse` and is still valid, and
/// leaving there what this one made (`serve`: a save re-renders only what it affects).
pub fn compile_reusing(
    options: &CompileOptions,
    mut reuse: Option<&mut Reuse>,
) -> Result<Compiled, CompileError> {
    let started = Instant::now();
    let config = read_config(&options.root)?;
    let theme = Theme::load(&options.root, config.theme.as_deref())
        .map_err(|d| CompileError::Config(vec![d]))?;
    let load_options = LoadOptions {
        include_drafts: options.include_drafts,
    };
    let mut none = KnownDocuments::new();
    let known = reuse.as_deref_mut().map_or(&mut none, |r| &mut r.documents);
    let (site, mut diagnostics) = load::load_reusing(&options.root, config, load_options, known);
    // Without a `Reuse`, what loading read (every file's bytes) is of no further use.
    drop(none);
    let load_time = started.elapsed();
    let render_reuse = reuse.as_deref_mut().map(|r| &mut r.render);
    let mut rendered = render::render_site_reusing(&site, &theme, render_reuse, &options.cache);
    diagnostics.extend(rendered.diagnostics.iter().cloned());
    let checks_started = Instant::now();
    diagnostics.extend(crate::check::check(
        &site,
        &rendered.pages,
        &rendered.outputs,
    ));
    let checks_time = checks_started.elapsed();
    let part = match &options.only_course {
        Some(id) => {
            let mut part = course_alone(&site, id)?;
            if options.default_language_only {
                part.config.languages.truncate(1);
            }
            Some(part)
        }
        None => None,
    };
    let outputs = match &part {
        Some(part) => render::render_part(part, &site, &theme, &options.cache).outputs,
        None => std::mem::take(&mut rendered.outputs),
    };
    let publish_started = Instant::now();
    let base_url = site.config.base_url.as_deref();
    let references = reuse.as_deref_mut().map(|r| &mut r.references);
    let (mut published, names, mut problems) =
        publish::hash(outputs, base_url, references, &options.cache);
    let served = part.as_ref().unwrap_or(&site);
    let hashes = reuse.map(|r| &mut r.hashes);
    render::offline::add_lists(
        served,
        &theme,
        &mut published,
        &names,
        &mut problems,
        hashes,
        &options.cache,
    );
    problems.extend(publish::finish(&mut published, options.publish));
    let publish_time = publish_started.elapsed();
    rendered.outputs = published;
    diagnostics.extend(problems);
    diagnostic::sort(&mut diagnostics);
    Ok(Compiled {
        site,
        rendered,
        diagnostics,
        load_time,
        checks_time,
        publish_time,
        names,
    })
}

/// The site as if it held only course `id` (rendered with the whole site's links).
fn course_alone(site: &Site, id: &str) -> Result<Site, CompileError> {
    site.only_course(id).ok_or_else(|| {
        let ids: Vec<&str> = site.courses.iter().map(|c| c.id.as_str()).collect();
        CompileError::Project(format!(
            "no course has the id `{id}`; the courses are: {}",
            ids.join(", ")
        ))
    })
}

fn read_config(root: &Path) -> Result<SiteConfig, CompileError> {
    if !root.is_dir() {
        return Err(CompileError::Project(format!(
            "`{}` is not a folder",
            root.display()
        )));
    }
    match SiteConfig::load(root) {
        Ok(parsed) => parsed.map_err(CompileError::Config),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CompileError::Project(format!(
            "no `{}` in `{}`: run khoa inside a project, pass --root, or create one with `khoa init DIR`",
            config::FILE_NAME,
            root.display()
        ))),
        Err(e) => Err(CompileError::Project(format!(
            "cannot read `{}`: {e}",
            config::FILE_NAME
        ))),
    }
}

#[cfg(test)]
mod tests;
