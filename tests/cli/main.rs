//! khoa's integration tests: one binary, a small fluent harness, one module per area.
//!
//! `Project::new()` writes a tiny site into a temp folder; `.build()` runs the real `khoa` binary
//! and returns a [`Run`] with its exit code, stderr and the written files.

mod architecture;
mod bounds;
mod budget;
mod build;
mod cache;
mod check;
mod commands;
mod completions;
mod export;
mod gift;
mod hosting;
mod images;
mod import;
mod import_large;
mod io_errors;
mod languages;
mod load;
mod offline;
mod outline;
mod page_cache;
mod page_cache_editions;
mod print;
mod progress;
mod quiz;
mod search;
mod security;
mod serve;
mod serve_hardening;
mod serve_storm;
mod up_to_date;
mod write;
mod write_kill;
mod xapi;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of the compiled `khoa` binary under test.
pub fn khoa_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_khoa"))
}

/// A project in a temporary folder, removed when dropped.
pub struct Project {
    dir: tempfile::TempDir,
}

/// A minimal valid `khoa.yaml`.
pub const CONFIG: &str = "title: Trường thử\nsite_id: thu\n";

impl Default for Project {
    fn default() -> Self {
        Self::new()
    }
}

impl Project {
    /// An empty folder (no `khoa.yaml`).
    pub fn empty() -> Self {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A project with a minimal `khoa.yaml` and nothing else.
    pub fn new() -> Self {
        Self::empty().file("khoa.yaml", CONFIG)
    }

    /// A project with one course `c` holding `lessons` as (file name under `content/c/`, text).
    pub fn course(lessons: &[(&str, &str)]) -> Self {
        let mut project = Self::new().file(
            "content/c/_index.md",
            "---\ntitle: Khóa C\n---\nGiới thiệu.\n",
        );
        for (name, text) in lessons {
            project = project.file(&format!("content/c/{name}"), text);
        }
        project
    }

    /// Writes `text` at `path` (relative to the project), creating folders.
    pub fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }

    pub fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        let full = self.path(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
        self
    }

    pub fn remove(self, path: &str) -> Self {
        std::fs::remove_file(self.path(path)).unwrap();
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Runs `khoa build` on the project; a site it builds must carry no script but khoa's own.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        if run.code == 0 {
            security::assert_no_script(&run.public);
        }
        run
    }

    /// Runs `khoa <args> --root <project>` for commands that take `--root`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(khoa_bin());
        command.args(args).arg("--root").arg(self.root());
        self.output(command)
    }

    /// Runs `khoa <args>` with the project as the working directory.
    pub fn run_here(&self, args: &[&str]) -> Run {
        let mut command = Command::new(khoa_bin());
        command.args(args).current_dir(self.root());
        self.output(command)
    }

    pub fn output(&self, mut command: Command) -> Run {
        let output: Output = command.output().expect("run khoa");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            public: self.path("public"),
        }
    }

    /// Every file under `dir` (relative to the project) with its bytes, in path order.
    pub fn tree(&self, dir: &str) -> Vec<(String, Vec<u8>)> {
        let base = self.path(dir);
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

/// The URL of the default theme's stylesheet as published: it names no other file, so its name
/// hashes its own bytes.
pub fn default_css_url() -> String {
    let css = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/static/khoa.css"
    ));
    format!("/{}", khoa::publish::hashed_name("_khoa/khoa.css", css))
}

/// The published name of `path` in the site at `public` (see [`Run::asset`]).
pub fn published_name(public: &Path, path: &str) -> String {
    if !path.starts_with("_khoa/") || public.join(path).exists() {
        return path.to_string();
    }
    let (dir, file) = path.rsplit_once('/').unwrap();
    let (stem, extension) = file.rsplit_once('.').unwrap_or((file, ""));
    let hashed = |name: &str| {
        let rest = name.strip_prefix(stem)?.strip_prefix('.')?;
        let hash = match extension {
            "" => rest,
            _ => rest.strip_suffix(extension)?.strip_suffix('.')?,
        };
        (hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(())
    };
    let found = std::fs::read_dir(public.join(dir))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| hashed(name).is_some());
    found.map_or_else(|| path.to_string(), |name| format!("{dir}/{name}"))
}

/// The outcome of one `khoa` run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    public: PathBuf,
}

impl Run {
    /// Asserts success and returns self.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "khoa failed:\n{}{}", self.stdout, self.stderr);
        self
    }

    /// Asserts the exit code and returns self.
    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "unexpected exit code:\n{}{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts stderr contains `text`.
    #[track_caller]
    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// A written output file as text. A `_khoa/` file is found under its published name
    /// (`_khoa/khoa.css` is read from `_khoa/khoa.<hash>.css`, see [`Run::asset`]).
    #[track_caller]
    pub fn page(&self, path: &str) -> String {
        let file = self.public.join(self.asset(path));
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// The `<main>` part of a written page, so page chrome changes don't break tests.
    #[track_caller]
    pub fn main(&self, path: &str) -> String {
        let page = self.page(path);
        let start = page.find("<main").expect("<main>");
        let end = page.find("</main>").expect("</main>");
        page[start..end + "</main>".len()].to_string()
    }

    pub fn exists(&self, path: &str) -> bool {
        self.public.join(self.asset(path)).exists()
    }

    /// The published name of `path`: a `_khoa/` file's name carries a hash of its content before
    /// its extension (`_khoa/js/khoa.js` → `_khoa/js/khoa.5a4e6875.js`); other paths are as given.
    pub fn asset(&self, path: &str) -> String {
        published_name(&self.public, path)
    }
}
