//! Killing `khoa build` at random moments (B27): after every kill `public/` is a complete site,
//! the old one or the new one, with its `CNAME` and `.git`; and the next build leaves no debris.
//!
//! It wants a fast binary, so `cargo test` skips it; `scripts/test` runs it with the release build:
//! `KHOA_BIN=target/release/khoa cargo test --test cli write_kill -- --ignored`.
//! `KHOA_KILL_SEED=<n>` replays the kill moments of a failed run (the seed is in its message).

use crate::{Project, khoa_bin};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LESSONS: usize = 3_000;
const KILLS: usize = 30;

/// The binary under test: `KHOA_BIN` if set, else the one cargo built.
fn bin() -> PathBuf {
    std::env::var_os("KHOA_BIN").map_or_else(khoa_bin, PathBuf::from)
}

/// A course of `LESSONS` small lessons in modules of 20.
fn big_project() -> Project {
    let mut project = Project::new().file("content/k/_index.md", "---\ntitle: Khóa lớn\n---\n");
    for i in 0..LESSONS {
        let module = i / 20;
        let path = format!("content/k/{module:03}-m{module}/{i:04}-bai-{i}.md");
        let text = format!("---\ntitle: Bài {i}\n---\n## Phần {i}\n\nNội dung **{i}**.\n");
        project = project.file(&path, &text);
    }
    project
}

/// Sets the site title, which appears on every page, so the two variants differ everywhere.
fn set_variant(project: &Project, variant: usize) {
    let config = format!("title: Trường {variant}\nsite_id: thu\n");
    std::fs::write(project.path("khoa.yaml"), config).unwrap();
}

fn build(project: &Project) -> std::process::Child {
    Command::new(bin())
        .args(["build", "--root"])
        .arg(project.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// A hash of every path and byte under `public/`, `.git` left out (it is moved, not copied);
/// 0 when `public/` is missing.
fn site_hash(public: &Path) -> u64 {
    if !public.is_dir() {
        return 0;
    }
    let mut hasher = DefaultHasher::new();
    for entry in walkdir::WalkDir::new(public)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != ".git")
    {
        let entry = entry.unwrap();
        entry.path().strip_prefix(public).unwrap().hash(&mut hasher);
        if entry.file_type().is_file() {
            std::fs::read(entry.path()).unwrap().hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Entries beside `public/` named like its staging or old folders.
fn debris(project: &Project) -> Vec<PathBuf> {
    std::fs::read_dir(project.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".public.")
        })
        .collect()
}

/// Whether the deploy repository is in `public/` or in a debris folder the next build takes it from.
fn git_is_kept(project: &Project) -> bool {
    let mut places = debris(project);
    places.push(project.path("public"));
    places.iter().any(|p| p.join(".git/HEAD").exists())
}

#[test]
#[ignore = "wants the release binary: scripts/test runs it with KHOA_BIN"]
fn killed_builds_leave_a_complete_site_and_the_next_build_no_debris() {
    let seed = std::env::var("KHOA_KILL_SEED").map_or_else(
        |_| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.unwrap().as_nanos() as u64
        },
        |s| s.parse().unwrap(),
    );
    let mut rng = fastrand::Rng::with_seed(seed);
    let project = big_project();
    let public = project.path("public");
    let mut hashes = [0; 2];
    let mut build_time = Duration::ZERO;
    for (variant, hash) in hashes.iter_mut().enumerate() {
        set_variant(&project, variant);
        let started = Instant::now();
        assert!(build(&project).wait().unwrap().success());
        build_time = started.elapsed(); // the second one, which replaces an output, counts
        std::fs::write(public.join("CNAME"), "hoc.example.vn").unwrap();
        std::fs::create_dir_all(public.join(".git")).unwrap();
        std::fs::write(public.join(".git/HEAD"), "ref").unwrap();
        *hash = site_hash(&public);
    }
    let (mut finished, mut left_debris) = (0, 0);
    let mut seen = std::collections::BTreeSet::new();
    for kill in 0..KILLS {
        set_variant(&project, kill % 2);
        let mut child = build(&project);
        let delay = build_time.mul_f64(rng.f64() * 1.1);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        }
        let _ = child.kill();
        child.wait().unwrap();
        let context = format!("seed {seed}, kill {kill} after {delay:?} of a {build_time:?} build");
        assert!(
            hashes.contains(&site_hash(&public)),
            "public/ incomplete: {context}"
        );
        assert!(git_is_kept(&project), ".git lost: {context}");
        let before = seen.len();
        seen.extend(debris(&project));
        left_debris += usize::from(seen.len() > before);
    }
    set_variant(&project, KILLS % 2);
    assert!(build(&project).wait().unwrap().success());
    assert_eq!(site_hash(&public), hashes[KILLS % 2], "seed {seed}");
    assert!(public.join(".git/HEAD").exists(), "seed {seed}");
    assert_eq!(debris(&project), Vec::<PathBuf>::new(), "seed {seed}");
    eprintln!(
        "{KILLS} kills (seed {seed}): {finished} after the build had finished, {left_debris} left \
         new debris; a build takes {build_time:?}"
    );
}
