//! What a course needs offline, read from the finished outputs: one list per course, the shell
//! every page needs, and the build id.
//!
//! A course's list is every output under its folder (lessons, assets, course and completion
//! pages), every output the course owns elsewhere (outline, search shards), and the shell: the
//! home page (with the course outlines its dashboard reads), the offline page, the manifest, the
//! search catalogs (`_search/`) and every shared file under `_khoa/`. Each entry is
//! `[path, bytes, hash]`, so an update fetches only the files whose hash changed.
//! Of an image's smaller copies, only those a phone picks are listed (at most
//! [`OFFLINE_WIDTH`] wide); its original is listed only when a page links to it (otherwise it is
//! not published at all).
//! Precompressed siblings (`.gz`, `.br`), root files for hosts and crawlers and the worker itself
//! are never listed.

use super::hashes::KnownHashes;
use super::{MANIFEST_PATH, OFFLINE_PAGE, WORKER_PATH};
use crate::cache::BuildCache;
use crate::escape::script_json;
use crate::fingerprint::fnv1a_64;
use crate::images::{OFFLINE_WIDTH, variant_width};
use crate::model::Course;
use crate::output::{Outputs, Owner, STATIC_PREFIX};
use rayon::prelude::*;
use serde_json::json;

/// Format version of a list, checked by the worker.
const VERSION: u32 = 1;

/// One output as the lists see it.
struct File<'o> {
    path: &'o str,
    size: usize,
    hash: String,
    owner: Option<&'o Owner>,
}

/// Every output that can be kept offline, with its size and content hash.
pub struct Files<'o> {
    files: Vec<File<'o>>,
}

impl<'o> Files<'o> {
    /// Every keepable output with its content hash; with `known` (`serve`), hashed from where it
    /// differs from what `known` remembers, leaving there this build's.
    /// Without `known`, each hash is looked up in `cache` first ([`crate::content_hash`]).
    pub fn of(outputs: &'o Outputs, known: Option<&mut KnownHashes>, cache: &BuildCache) -> Self {
        let all: Vec<(&str, &[u8])> = outputs
            .iter()
            .filter(|(path, _)| keepable(path, outputs))
            .collect();
        let remembered = known.as_deref();
        let hashed: Vec<(u64, Option<Vec<u64>>)> = all
            .par_iter()
            .map(|&(path, bytes)| match remembered {
                Some(known) => known.hash(path, bytes),
                None => (crate::content_hash::fnv1a_64(cache, bytes), None),
            })
            .collect();
        let files = all
            .iter()
            .zip(&hashed)
            .map(|(&(path, bytes), (hash, _))| File {
                path,
                size: bytes.len(),
                hash: format!("{hash:016x}"),
                owner: outputs.owner(path),
            })
            .collect();
        if let Some(known) = known {
            let paths: Vec<&str> = all.iter().map(|(path, _)| *path).collect();
            let made = all
                .into_iter()
                .zip(hashed)
                .filter_map(|((path, bytes), (hash, states))| {
                    states.map(|states| (path.to_string(), bytes.to_vec(), states, hash))
                })
                .collect();
            known.keep(&paths, made);
        }
        Files { files }
    }

    /// A hash of every listed output (names and contents): any change gives a new id.
    pub fn build_id(&self) -> String {
        let bytes = self.files.iter().flat_map(|f| {
            let name = f.path.bytes().chain([0]);
            name.chain(f.hash.bytes())
        });
        format!("{:016x}", fnv1a_64(bytes))
    }

    /// The files every page needs offline, in path order: with the shared ones, `home_needs`
    /// (the course outlines that the home page's dashboard reads).
    pub fn shell(&self, home_needs: &[String]) -> Vec<String> {
        let shared = |f: &&File| {
            let root_file = ["index.html", OFFLINE_PAGE, MANIFEST_PATH].contains(&f.path);
            let root_file = root_file || home_needs.iter().any(|p| p == f.path);
            let course_owned = matches!(f.owner, Some(Owner::Course { .. }));
            let catalog = f.path.starts_with(crate::search::CATALOG_DIR);
            root_file || catalog || (f.path.starts_with(STATIC_PREFIX) && !course_owned)
        };
        self.files
            .iter()
            .filter(shared)
            .map(|f| f.path.to_string())
            .collect()
    }

    /// The JSON list of `course` (its own files, then the shell), for build `build`. On a site in
    /// several languages (`prefixes` of the other languages' folders, `en/`), the course's pages
    /// and files in every language and each language's home page are the course's too: one
    /// download keeps the course in every language.
    pub fn course_list(
        &self,
        course: &Course,
        prefixes: &[String],
        shell: &[String],
        build: &str,
    ) -> String {
        let folders: Vec<String> = std::iter::once(String::new())
            .chain(prefixes.iter().cloned())
            .map(|prefix| format!("{prefix}{}/", course.slug))
            .collect();
        let homes: Vec<String> = prefixes.iter().map(|p| format!("{p}index.html")).collect();
        let sources: Vec<&str> = std::iter::once(course.intro.path.as_str())
            .chain(course.translations.values().map(|t| t.source.path.as_str()))
            .collect();
        let own = |f: &&File| {
            let owned = matches!(f.owner, Some(Owner::Course { index, .. }) if sources.contains(&index.as_str()));
            let inside = folders
                .iter()
                .any(|folder| f.path.starts_with(folder.as_str()));
            let home = homes.iter().any(|h| h == f.path);
            (owned || inside || home) && phone_sized(f.path)
        };
        let in_shell = |f: &&File| shell.iter().any(|s| s == f.path);
        let listed: Vec<&File> = self
            .files
            .iter()
            .filter(own)
            .chain(self.files.iter().filter(in_shell))
            .collect();
        let bytes: usize = listed.iter().map(|f| f.size).sum();
        let files: Vec<serde_json::Value> = listed
            .iter()
            .map(|f| json!([f.path, f.size, f.hash]))
            .collect();
        let list = json!({
            "v": VERSION,
            "build": build,
            "course": course.id,
            "title": course.title,
            "url": course.url(),
            "list": super::list_path(course),
            "bytes": bytes,
            "files": files,
        });
        script_json(&list)
    }
}

/// Whether a phone would download `path`: any file but the copies of an image wider than
/// [`OFFLINE_WIDTH`] (offline, the worker answers for those with the copy of that width).
fn phone_sized(path: &str) -> bool {
    variant_width(path).is_none_or(|w| w <= OFFLINE_WIDTH)
}

/// Whether a browser should ever keep `path` offline: not a file for hosts and crawlers, the
/// worker, a list, or a precompressed copy of another output.
fn keepable(path: &str, outputs: &Outputs) -> bool {
    let for_hosts = [
        "_headers",
        "robots.txt",
        "sitemap.xml",
        "404.html",
        WORKER_PATH,
    ];
    let original = path
        .strip_suffix(".gz")
        .or_else(|| path.strip_suffix(".br"));
    let compressed = original.is_some_and(|p| outputs.contains(p));
    let list = path.starts_with(super::LISTS_FOLDER);
    !for_hosts.contains(&path) && !compressed && !list
}
