//! The rendered site in memory: output path (relative to the site root, `/`-separated) → bytes,
//! and who owns each path.
//!
//! `build` writes it, `serve` answers requests from it, `check` inspects it. A sorted map keeps
//! every iteration, and so every written tree, deterministic.
//!
//! Every path has one owner. khoa owns what it generates (the root files, `_khoa/`, each course's
//! page, completion page, outline and search files); authors own their lessons, assets and
//! theme files. [`Outputs::add`] settles a collision (the same path, also when it differs only in
//! case, or a name that would be both a file and a folder) for khoa and reports it at the
//! author's file; writing one path twice any other way is a bug and panics.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// The output folder khoa owns: theme static files, scripts, course outlines, search shards.
pub const STATIC_PREFIX: &str = "_khoa/";

/// The sitemap at the site root (written when `base_url` is set).
pub const SITEMAP: &str = "sitemap.xml";
/// The robots file at the site root (written when `base_url` is set).
pub const ROBOTS: &str = "robots.txt";

/// Files khoa writes at the site root, each owned by khoa: no author file may take one of these
/// names (slugs hold no `.` and never start with `_`, and an author's file that would land on one
/// loses with an error). `sw.js`, `manifest.webmanifest` and `offline.html` are the offline
/// worker's (`render::offline`), which also writes the folder [`ROOT_FOLDERS`] names.
pub const ROOT_FILES: &[&str] = &[
    "index.html",
    "404.html",
    SITEMAP,
    ROBOTS,
    "_headers",
    "sw.js",
    "manifest.webmanifest",
    "offline.html",
];

/// Folders khoa writes at the site root: the theme's files and the runtime, the offline file
/// lists and the search catalogs (kept apart from `_khoa/` because their names are not hashed). On a site in several
/// languages, each language other than the default has its folder too (`en/`, whose home page
/// khoa owns); a course folder named like one is an error (`check::translations`).
pub const ROOT_FOLDERS: &[&str] = &["_khoa", "_offline", "_search"];

/// Who decides what is written at an output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// khoa itself, for the whole site; names what it writes there ("the home page").
    Khoa(&'static str),
    /// khoa, for one course (its page, completion page, outline, search files).
    Course {
        /// The course's `_index.md`.
        index: String,
        what: &'static str,
    },
    /// An author's file, published as a page or copied as it is (lesson, asset, theme file).
    Author(String),
}

impl Owner {
    /// Who keeps a contested path: khoa's site files, then course files, then authors' files.
    fn rank(&self) -> u8 {
        match self {
            Owner::Khoa(_) => 2,
            Owner::Course { .. } => 1,
            Owner::Author(_) => 0,
        }
    }

    /// The file a collision is reported at; khoa's own files have none.
    fn source(&self) -> Option<&str> {
        match self {
            Owner::Khoa(_) => None,
            Owner::Course { index, .. } => Some(index),
            Owner::Author(path) => Some(path),
        }
    }

    fn what(&self) -> &str {
        match self {
            Owner::Khoa(what) | Owner::Course { what, .. } => what,
            Owner::Author(path) => path,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Outputs {
    files: BTreeMap<String, Vec<u8>>,
    /// Lowercased path → (path, owner), so that paths differing only in case collide too.
    owners: BTreeMap<String, (String, Owner)>,
}

impl Outputs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file that only khoa writes.
    ///
    /// # Panics
    /// When `path` (or a path it collides with) is already there: that is a bug in khoa.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        let problems = self.add(path.clone(), Owner::Khoa("an output"), bytes);
        assert!(
            problems.is_empty(),
            "bug: output `{path}` written twice: {problems:?}"
        );
    }

    /// Adds the file at `path` for `owner`. A collision keeps the path for khoa's files first,
    /// then for whoever came first; the loser is left out and reported at its source file.
    ///
    /// # Panics
    /// When two of khoa's own files collide: that is a bug in khoa, not in the author's files.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        owner: Owner,
        bytes: impl Into<Vec<u8>>,
    ) -> Vec<Diagnostic> {
        let path = path.into();
        let mut problems = Vec::new();
        while let Some(key) = self.collision(&path) {
            let (other_path, other) = self.owners[&key].clone();
            if other.rank() >= owner.rank() {
                problems.push(lost(&path, &owner, &other_path, &other));
                return problems;
            }
            problems.push(lost(&other_path, &other, &path, &owner));
            self.owners.remove(&key);
            self.files.remove(&other_path);
        }
        self.owners
            .insert(path.to_lowercase(), (path.clone(), owner));
        self.files.insert(path, bytes.into());
        problems
    }

    /// The key of an existing path that `path` collides with: the same name in any case, a file
    /// where `path` needs a folder, or a folder (a path below) where `path` would be a file.
    fn collision(&self, path: &str) -> Option<String> {
        let key = path.to_lowercase();
        if self.owners.contains_key(&key) {
            return Some(key);
        }
        let mut folders = key.match_indices('/').map(|(i, _)| &key[..i]);
        if let Some(file) = folders.find(|f| self.owners.contains_key(*f)) {
            return Some(file.to_string());
        }
        let below = format!("{key}/");
        self.owners
            .range(below.clone()..)
            .next()
            .filter(|(k, _)| k.starts_with(&below))
            .map(|(k, _)| k.clone())
    }

    /// Gives the file at `path`, added empty, its bytes; does nothing when `path` is not there
    /// or not empty (another file won it).
    pub fn fill(&mut self, path: &str, bytes: &[u8]) {
        if let Some(file) = self.files.get_mut(path).filter(|file| file.is_empty()) {
            file.extend_from_slice(bytes);
        }
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Who owns the file at `path`.
    pub fn owner(&self, path: &str) -> Option<&Owner> {
        self.owners
            .get(&path.to_lowercase())
            .filter(|(p, _)| p == path)
            .map(|(_, owner)| owner)
    }

    /// All files in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Every file with its owner, in path order, taking the outputs apart (to rename them).
    pub fn into_entries(self) -> Vec<(String, Owner, Vec<u8>)> {
        let mut owners: BTreeMap<String, Owner> = self.owners.into_values().collect();
        self.files
            .into_iter()
            .map(|(path, bytes)| {
                let owner = owners.remove(&path).unwrap_or(Owner::Khoa("an output"));
                (path, owner, bytes)
            })
            .collect()
    }

    /// Total size in bytes.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// The problem reported when `loser` cannot have `path` because `winner` has `winner_path`.
fn lost(path: &str, loser: &Owner, winner_path: &str, winner: &Owner) -> Diagnostic {
    let Some(source) = loser.source() else {
        panic!(
            "bug: khoa writes `{path}` twice ({} and {})",
            loser.what(),
            winner.what()
        );
    };
    let same = path.to_lowercase() == winner_path.to_lowercase();
    let message = match (winner, same) {
        (Owner::Author(other), _) if other == source => format!(
            "two files named `{source}` differ only in how their accents are encoded (NFC/NFD); delete one of them"
        ),
        (Owner::Author(other), true) => format!(
            "`{source}` and `{other}` would both be published as `{path}`; rename one of them"
        ),
        (Owner::Course { index, .. }, _) if matches!(loser, Owner::Course { .. }) => format!(
            "this course and `{index}` would write the same files; give their folders different names and their `id`s different values"
        ),
        (Owner::Khoa(what) | Owner::Course { what, .. }, true) => format!(
            "`{source}` would be published as `{path}`, where khoa writes {what}; rename it"
        ),
        (_, false) => format!(
            "`{source}` would be published as `{path}`, but `{}` is published as `{winner_path}`: one name cannot be both a file and a folder; rename one of them",
            winner.source().unwrap_or("khoa")
        ),
    };
    Diagnostic::error(source, 0, 0, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(path: &str) -> Owner {
        Owner::Author(path.to_string())
    }

    #[test]
    #[should_panic(expected = "bug: khoa writes `index.html` twice")]
    fn inserting_a_path_twice_is_a_bug() {
        let mut outputs = Outputs::new();
        outputs.insert("index.html", "a");
        outputs.insert("index.html", "b");
    }

    #[test]
    #[should_panic(expected = "bug: khoa writes `_khoa/X.js` twice")]
    fn two_of_khoas_files_on_one_path_are_a_bug() {
        let mut outputs = Outputs::new();
        let _ = outputs.add("_khoa/x.js", Owner::Khoa("a script"), "a");
        let _ = outputs.add("_khoa/X.js", Owner::Khoa("another script"), "b");
    }

    #[test]
    fn khoa_keeps_its_path_whoever_comes_first() {
        let completion = Owner::Course {
            index: "content/c/_index.md".into(),
            what: "the course's completion page",
        };
        for author_first in [true, false] {
            let mut outputs = Outputs::new();
            let mut problems = Vec::new();
            let lesson = || author("content/c/completion.md");
            if author_first {
                problems.extend(outputs.add("c/completion.html", lesson(), "lesson"));
            }
            problems.extend(outputs.add("c/completion.html", completion.clone(), "generated"));
            if !author_first {
                problems.extend(outputs.add("c/completion.html", lesson(), "lesson"));
            }
            assert_eq!(outputs.get("c/completion.html"), Some(&b"generated"[..]));
            assert_eq!(outputs.owner("c/completion.html"), Some(&completion));
            let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert_eq!(
                found,
                [
                    "content/c/completion.md:1:1: error: `content/c/completion.md` would be published as `c/completion.html`, where khoa writes the course's completion page; rename it"
                ]
            );
        }
    }

    #[test]
    fn no_authors_file_takes_a_root_file_of_khoa() {
        for name in ROOT_FILES {
            let mut outputs = Outputs::new();
            let source = format!("content/{name}");
            let _ = outputs.add(name.to_uppercase(), author(&source), "author");
            let problems = outputs.add(*name, Owner::Khoa("a root file"), "khoa");
            assert_eq!(outputs.get(name), Some(&b"khoa"[..]), "{name}");
            assert_eq!(outputs.len(), 1, "{name}");
            assert_eq!(problems.len(), 1, "{name}");
            assert_eq!(problems[0].path, source);
            let folder = format!("{name}/index.html");
            assert_eq!(outputs.add(folder, author(&source), "x").len(), 1, "{name}");
        }
    }

    #[test]
    fn the_first_of_two_authors_keeps_a_path_also_across_case() {
        let mut outputs = Outputs::new();
        assert!(
            outputs
                .add("c/a.png", author("content/c/a.png"), "1")
                .is_empty()
        );
        let problems = outputs.add("c/A.png", author("content/c/A.png"), "2");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "content/c/A.png");
        assert_eq!(outputs.len(), 1);
    }

    #[test]
    fn a_name_cannot_be_both_a_file_and_a_folder() {
        let mut outputs = Outputs::new();
        assert!(
            outputs
                .add("c/hinh", author("content/c/Hinh"), "1")
                .is_empty()
        );
        let problems = outputs.add("c/hinh/a.png", author("content/c/hinh/a.png"), "2");
        assert!(
            problems[0].message.contains("both a file and a folder"),
            "{problems:?}"
        );
        let problems = outputs.add("c", author("content/x"), "3");
        assert!(
            problems[0].message.contains("both a file and a folder"),
            "{problems:?}"
        );
        assert_eq!(outputs.len(), 1);
    }
}
