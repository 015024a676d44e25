//! Offline and installable: the web app manifest and its icons (rendered with the site, so the
//! icons get hashed names like every `_khoa/` file), then, on the published outputs, one file
//! list per course and the service worker `sw.js`.
//!
//! The lists and the worker are made after every other output exists under its published name
//! (pages, hashed theme files, search shards, assets; [`crate::compile`] calls [`add_lists`]
//! between `publish::hash` and `publish::finish`), so they name the files exactly as they are
//! served and the build id changes whenever any of them does. The lists change with every build,
//! so they live in `_offline/`, outside the `_khoa/` files hosts may cache for a year.
//!
//! The worker (`worker.js` with `offline-core.js`, joined by [`super::runtime`]) starts with one
//! line of data: the site id, the build id, the path of the shell list and the offline page. The
//! shell list (`_offline/shell.list.json`: the files every page needs offline, which the worker
//! precaches when it installs) is a file of its own, so the worker's size does not grow with the
//! number of courses. The browser fetches `sw.js` on each visit and compares it byte for byte, so
//! a new build id is how learners hear of a new build. Owned by khoa: no author file can take `sw.js`, `manifest.webmanifest`, `offline.html`,
//! `_offline/` (course folders never start with `_`) or `_khoa/icons/`.

mod hashes;
mod lists;
mod manifest;

pub use hashes::KnownHashes;
pub use manifest::KnownIcons;

use crate::cache::BuildCache;
use crate::diagnostic::Diagnostic;
use crate::escape::script_json;
use crate::model::{Course, Site};
use crate::output::{Outputs, Owner};
use crate::theme::Theme;
use serde_json::json;
use std::collections::BTreeMap;

/// The service worker, at the site root so that its scope is the site's own folder.
pub const WORKER_PATH: &str = "sw.js";
/// The web app manifest, at the site root; pages link it from the runtime, over http(s) only.
pub const MANIFEST_PATH: &str = "manifest.webmanifest";
/// The page the worker shows for a page it does not have while offline.
pub const OFFLINE_PAGE: &str = "offline.html";

/// The folder of the course file lists, relative to the site root (one of
/// [`crate::output::ROOT_FOLDERS`]).
pub const LISTS_FOLDER: &str = "_offline/";

/// Output path of the shell list (the files every page needs offline), which the worker fetches
/// when it installs. A course id holds no `.`, so no course's list can take this name.
pub const SHELL_LIST_PATH: &str = "_offline/shell.list.json";

/// Output path of a course's offline file list, relative to the site root.
/// One list per course for all its languages: a page of any language names the same list.
pub fn list_path(course: &Course) -> String {
    format!("{LISTS_FOLDER}{}.json", course.folder())
}

/// Adds the manifest and its icons to the rendered `outputs` (drawing the icons again only if
/// `known`, from the previous build, holds others).
pub fn add_manifest(
    site: &Site,
    theme: &Theme,
    outputs: &mut Outputs,
    diagnostics: &mut Vec<Diagnostic>,
    known: Option<&mut KnownIcons>,
    cache: &BuildCache,
) {
    manifest::add(site, theme, outputs, diagnostics, known, cache);
}

/// Adds the course file lists and the worker to the published `outputs`; `published` maps each
/// renamed output's plain name to its published one. `known` holds the previous build's content
/// hashes (`serve`), so that only what changed is hashed again.
pub fn add_lists(
    site: &Site,
    theme: &Theme,
    outputs: &mut Outputs,
    published: &BTreeMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
    known: Option<&mut KnownHashes>,
    cache: &BuildCache,
) {
    let files = lists::Files::of(outputs, known, cache);
    let build = files.build_id();
    let outlines: Vec<String> = site
        .courses
        .iter()
        .map(super::outline::data_path)
        .map(|path| published.get(&path).cloned().unwrap_or(path))
        .collect();
    let shell = files.shell(&outlines);
    let prefixes: Vec<String> = site
        .config
        .languages
        .iter()
        .skip(1)
        .map(|&language| crate::model::language_prefix(site.config.language, language))
        .collect();
    let course_lists: Vec<(String, Owner, String)> = site
        .courses
        .iter()
        .map(|course| {
            let owner = Owner::Course {
                index: course.intro.path.clone(),
                what: "the course's offline file list",
            };
            let list = files.course_list(course, &prefixes, &shell, &build);
            (list_path(course), owner, list)
        })
        .collect();
    for (path, owner, list) in course_lists {
        diagnostics.extend(outputs.add(path, owner, list));
    }
    let shell_list = json!({ "build": build, "files": shell }).to_string();
    let owner = Owner::Khoa("the offline shell list");
    diagnostics.extend(outputs.add(SHELL_LIST_PATH, owner, shell_list));
    let worker = worker_script(theme, &site.config.site_id, &build);
    diagnostics.extend(outputs.add(WORKER_PATH, Owner::Khoa("the service worker"), worker));
}

/// `sw.js`: its data line, then the worker's scripts.
fn worker_script(theme: &Theme, site_id: &str, build: &str) -> String {
    let data = json!({ "site": site_id, "build": build, "shell": SHELL_LIST_PATH, "offline": OFFLINE_PAGE });
    format!(
        "self.KhoaBuild={};\n{}",
        script_json(&data),
        super::runtime::join(theme, &super::runtime::WORKER)
    )
}
