//! `khoa build` writing the output: what `--force` can never replace (B26), and the debris of killed
//! builds (B27). The kill test itself is in `write_kill.rs`.

use crate::{CONFIG, Project, khoa_bin};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `HOME` for the runs, where no test writes.
const ELSEWHERE: &str = "/nonexistent/khoa-test-home";

/// A folder holding the project in `site/`, so that the folders around it can be targets too.
struct Around {
    outer: Project,
}

impl Around {
    fn new() -> Self {
        let outer = Project::empty()
            .file("site/khoa.yaml", CONFIG)
            .file("site/content/c/_index.md", "---\ntitle: C\n---\n")
            .file("site/content/c/l.md", "---\ntitle: L\n---\nx\n")
            .file("site/themes/rieng/static/x.css", "a{}")
            .file("notes.txt", "precious");
        Around { outer }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.outer.path(relative)
    }

    /// `khoa build --force --out <out>` on `site/`, with `HOME` set to `home`.
    fn build_into(&self, out: &Path, home: &Path) -> crate::Run {
        let mut command = Command::new(khoa_bin());
        command
            .args(["build", "--force", "--root"])
            .arg(self.path("site"))
            .arg("--out")
            .arg(out)
            .env("HOME", home);
        self.outer.output(command)
    }

    /// Asserts that `--force --out <out>` is refused for `why`, and that nothing under `out` changed.
    #[track_caller]
    fn refuses(&self, out: &Path, why: &str) {
        self.refuses_with_home(out, Path::new(ELSEWHERE), why);
    }

    #[track_caller]
    fn refuses_with_home(&self, out: &Path, home: &Path, why: &str) {
        let before = snapshot(out);
        let run = self.build_into(out, home).code(2);
        for part in [
            "refusing to write the site into",
            why,
            "--force does not change this",
        ] {
            assert!(
                run.stderr.contains(part),
                "stderr lacks {part:?}:\n{}",
                run.stderr
            );
        }
        assert_eq!(snapshot(out), before, "{} changed", out.display());
        assert!(!self.path("site/public").exists());
    }
}

/// Every entry under `dir` (relative path, and bytes for files), in path order.
fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (name, bytes)
        })
        .collect()
}

#[test]
fn force_never_replaces_the_project_folder() {
    let around = Around::new();
    around.refuses(&around.path("site"), "it is the project folder");
    around.refuses(&around.path("site/content/.."), "it is the project folder");
}

#[test]
fn force_never_replaces_a_folder_above_the_project() {
    let around = Around::new();
    around.refuses(&around.path(""), "it holds the project folder");
}

#[test]
fn force_never_replaces_content_or_a_folder_inside_it() {
    let around = Around::new();
    around.refuses(
        &around.path("site/content"),
        "inside the project's `content/` folder",
    );
    around.refuses(
        &around.path("site/content/c"),
        "inside the project's `content/` folder",
    );
}

#[test]
fn force_never_replaces_themes() {
    let around = Around::new();
    around.refuses(
        &around.path("site/themes"),
        "inside the project's `themes/` folder",
    );
    around.refuses(
        &around.path("site/themes/rieng"),
        "inside the project's `themes/` folder",
    );
}

#[test]
fn force_never_replaces_the_home_folder_or_a_folder_above_it() {
    let around = Around::new();
    let outer = around.outer.file("home/u/.bashrc", "alias k=khoa");
    let around = Around { outer };
    let home = around.path("home/u");
    around.refuses_with_home(&home, &home, "it is your home folder");
    around.refuses_with_home(&around.path("home"), &home, "it holds your home folder");
}

#[test]
fn force_never_replaces_the_file_system_root() {
    let around = Around::new();
    let run = around
        .build_into(Path::new("/"), Path::new(ELSEWHERE))
        .code(2);
    assert!(
        run.stderr
            .contains("refusing to write the site into `/`: it is the file-system root"),
        "{}",
        run.stderr
    );
}

#[test]
fn force_never_replaces_a_folder_that_holds_a_khoa_project() {
    let around = Around::new();
    let outer = around
        .outer
        .file("other/khoa.yaml", CONFIG)
        .file("other/x.md", "x");
    let around = Around { outer };
    around.refuses(
        &around.path("other"),
        "it holds a `khoa.yaml`, so it is a khoa project",
    );
}

#[test]
fn force_never_replaces_a_git_work_tree_that_khoa_did_not_write() {
    let around = Around::new();
    let outer = around
        .outer
        .file("repo/.git/HEAD", "ref: refs/heads/main")
        .file("repo/a.txt", "a");
    let around = Around { outer };
    around.refuses(&around.path("repo"), "it holds a `.git` (a git work tree)");
    around.refuses(&around.path("repo/.git"), "it is inside a `.git` folder");
}

#[test]
fn force_never_replaces_a_folder_named_like_khoa_staging_folders() {
    let around = Around::new();
    let outer = around.outer.file(".public.tmp-abcdef/a.txt", "a");
    let around = Around { outer };
    around.refuses(
        &around.path(".public.tmp-abcdef"),
        "named like khoa's temporary folders",
    );
}

#[test]
fn force_replaces_a_foreign_folder_and_keeps_the_git_of_khoas_own_output() {
    let around = Around::new();
    let out = around.path("site/public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    around.build_into(&out, Path::new(ELSEWHERE)).ok();
    assert!(!out.join("notes.txt").exists());
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
    around.build_into(&out, Path::new(ELSEWHERE)).ok();
    assert!(
        out.join(".git/HEAD").exists(),
        "khoa's output keeps its deploy repository"
    );
    assert!(out.join("index.html").exists());
}

fn built_project() -> Project {
    let project = Project::course(&[("l.md", "---\ntitle: L\n---\nx\n")]);
    project.build().ok();
    project
}

/// Names of the entries beside `public/` that look like khoa's staging or old folders.
fn debris(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

#[test]
fn the_next_build_removes_marked_debris_and_never_an_unmarked_folder() {
    let project = built_project()
        .file(".public.tmp-aaaaaa/.khoa-output", "")
        .file(".public.tmp-aaaaaa/c/l.html", "half")
        .file(".public.old-bbbbbb/.khoa-output", "")
        .file(".public.old-bbbbbb/index.html", "old")
        .file(".public.tmp-cccccc/notes.txt", "not khoa's");
    assert_eq!(debris(&project).len(), 3);
    let run = project.build().ok();
    assert!(
        run.stderr.contains("Nothing changed since the last build"),
        "a build with nothing to write cleans up too: {}",
        run.stderr
    );
    assert_eq!(debris(&project), [".public.tmp-cccccc"]);
    assert!(project.path(".public.tmp-cccccc/notes.txt").exists());
}

#[test]
fn the_next_build_never_removes_the_staging_folder_of_a_running_build() {
    let project = built_project()
        .file(".public.tmp-aaaaaa/.khoa-output", "")
        .file(".public.tmp-aaaaaa/index.html", "being written");
    let marker = std::fs::File::open(project.path(".public.tmp-aaaaaa/.khoa-output")).unwrap();
    marker.lock().unwrap();
    project.build().ok();
    assert_eq!(
        debris(&project),
        [".public.tmp-aaaaaa"],
        "a live build holds it"
    );
    drop(marker);
    project.build().ok();
    assert!(
        debris(&project).is_empty(),
        "its lock is gone, so it is debris"
    );
}

#[cfg(debug_assertions)]
#[test]
fn the_two_rename_fallback_keeps_git_cname_and_nojekyll_and_leaves_no_debris() {
    let project = built_project()
        .file("public/.git/HEAD", "ref")
        .file("public/CNAME", "hoc.example.vn")
        .file("public/.nojekyll", "");
    for _ in 0..2 {
        let mut command = Command::new(khoa_bin());
        command
            .args(["build", "--root"])
            .arg(project.root())
            .env("KHOA_TEST_NO_EXCHANGE", "1");
        project.output(command).ok();
    }
    assert!(project.path("public/.git/HEAD").exists());
    assert_eq!(
        std::fs::read_to_string(project.path("public/CNAME")).unwrap(),
        "hoc.example.vn"
    );
    assert!(project.path("public/.nojekyll").exists() && project.path("public/c/l.html").exists());
    assert!(debris(&project).is_empty(), "{:?}", debris(&project));
}

#[cfg(unix)]
#[test]
fn the_output_folder_is_readable_by_the_web_server_like_any_new_folder() {
    use std::os::unix::fs::PermissionsExt;
    let project = built_project();
    let fresh = project.path("fresh");
    std::fs::create_dir(&fresh).unwrap();
    let mode = |p: PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(project.path("public")), mode(fresh));
}

/// Starts three builds of `project` at once and asserts that all of them succeed.
fn three_builds_at_once(project: &Project) {
    let builds: Vec<_> = (0..3)
        .map(|_| {
            Command::new(khoa_bin())
                .args(["build", "--root"])
                .arg(project.root())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for build in builds {
        let output = build.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
}

#[test]
fn concurrent_builds_into_one_folder_all_succeed_and_keep_the_git_folder() {
    let project = Project::course(&[("l.md", "---\ntitle: L\n---\nx\n")]);
    three_builds_at_once(&project);
    let expected = project.tree("public");
    let project = project.file("public/.git/HEAD", "ref");
    for _ in 0..3 {
        three_builds_at_once(&project);
    }
    let mut now = project.tree("public");
    now.retain(|(path, _)| path != ".git/HEAD");
    assert_eq!(now, expected);
    assert!(project.path("public/.git/HEAD").exists());
    assert!(debris(&project).is_empty(), "{:?}", debris(&project));
}

#[cfg(unix)]
#[test]
fn a_rebuild_links_unchanged_files_from_the_old_output_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let lesson = "---\ntitle: L\ndescription: d\n---\n![Hình](hinh.png)\n";
    // With the cache, the last build's stamp says which files the folder holds; without it, each
    // old file is read and compared.
    for options in [&[][..], &["--no-cache"]] {
        let project =
            Project::course(&[("a.md", lesson)]).bytes("content/c/hinh.png", b"old bytes");
        let build = || project.run(&[&["build"][..], options].concat()).ok();
        build();
        let inode = |path: &str| std::fs::metadata(project.path(path)).unwrap().ino();
        let (page, image) = (inode("public/c/a.html"), inode("public/c/hinh.png"));
        std::fs::write(project.path("content/c/hinh.png"), b"new bytes").unwrap();
        build();
        let why = format!("building with {options:?}");
        let page_now = inode("public/c/a.html");
        assert_eq!(page_now, page, "{why}: an unchanged page was written again");
        assert_ne!(
            inode("public/c/hinh.png"),
            image,
            "{why}: a changed file was linked"
        );
        let image = std::fs::read(project.path("public/c/hinh.png")).unwrap();
        assert_eq!(image, b"new bytes", "{why}");
        let links = std::fs::metadata(project.path("public/c/a.html"))
            .unwrap()
            .nlink();
        assert_eq!(links, 1, "{why}: the old output still holds the page");
    }
}
