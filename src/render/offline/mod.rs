//! Offline and installable: the last rendering step, on the finished outputs. Adds the web app
//! manifest and its icons, one file list per course, and the service worker `sw.js`.
//!
//! It runs after every other output exists (pages, theme files under whatever names they have,
//! search shards, assets), so the lists name the files exactly as they are published and the
//! build id changes whenever any of them does. The worker (`worker.js` with `offline-core.js`,
//! joined by [`super::runtime`]) starts with one line of data: the site id, the build id, the
//! shell (the files every page needs offline) and the offline page. The browser fetches `sw.js`
//! on each visit and compares it byte for byte, so a new build id is how learners hear of a new
//! build. Owned by khoa: no author file can take `sw.js`, `manifest.webmanifest`, `offline.html`,
//! `_khoa/offline/` or `_khoa/icons/`.

mod lists;
mod manifest;

use crate::diagnostic::Diagnostic;
use crate::escape::script_json;
use crate::model::{Course, Site};
use crate::output::{Outputs, Owner, STATIC_PREFIX};
use crate::theme::Theme;
use serde_json::json;

/// The service worker, at the site root so that its scope is the site's own folder.
pub const WORKER_PATH: &str = "sw.js";
/// The web app manifest, at the site root; pages link it from the runtime, over http(s) only.
pub const MANIFEST_PATH: &str = "manifest.webmanifest";
/// The page the worker shows for a page it does not have while offline.
pub const OFFLINE_PAGE: &str = "offline.html";

/// Output path of a course's offline file list, relative to the site root.
pub fn list_path(course: &Course) -> String {
    format!("{STATIC_PREFIX}offline/{}.json", course.slug)
}

/// Adds the manifest, icons, course file lists and the worker to `outputs`.
pub fn add(site: &Site, theme: &Theme, outputs: &mut Outputs, diagnostics: &mut Vec<Diagnostic>) {
    manifest::add(site, theme, outputs, diagnostics);
    let files = lists::Files::of(outputs);
    let build = files.build_id();
    let outlines: Vec<String> = site.courses.iter().map(super::outline::data_path).collect();
    let shell = files.shell(&outlines);
    let course_lists: Vec<(String, Owner, String)> = site
        .courses
        .iter()
        .map(|course| {
            let owner = Owner::Course {
                index: course.intro.path.clone(),
                what: "the course's offline file list",
            };
            let list = files.course_list(course, &shell, &build);
            (list_path(course), owner, list)
        })
        .collect();
    for (path, owner, list) in course_lists {
        diagnostics.extend(outputs.add(path, owner, list));
    }
    let worker = worker_script(theme, &site.config.site_id, &build, &shell);
    diagnostics.extend(outputs.add(WORKER_PATH, Owner::Khoa("the service worker"), worker));
}

/// `sw.js`: its data line, then the worker's scripts.
fn worker_script(theme: &Theme, site_id: &str, build: &str, shell: &[String]) -> String {
    let data = json!({ "site": site_id, "build": build, "shell": shell, "offline": OFFLINE_PAGE });
    format!(
        "self.KhoaBuild={};\n{}",
        script_json(&data),
        super::runtime::join(theme, &super::runtime::WORKER)
    )
}
