//! No I/O error is swallowed: a folder khoa cannot open is a located error, never an empty folder.
//!
//! A folder nested past the system's path limit (PATH_MAX, 4096 bytes on Linux) cannot be opened
//! by anyone, root included, so these tests hold wherever the suite runs.

use crate::Project;
use std::path::Path;

const LESSON: &str = "---\ntitle: L\ndescription: Một bài.\n---\nNội dung.\n";

/// Nests folders with 250-byte names under `parent` until the innermost path is longer than 4096
/// bytes. Each step renames a short path, so no call ever names the long one.
fn nest_past_path_limit(parent: &Path) {
    let name = "t".repeat(250);
    let work = parent.parent().unwrap().join("nest-work");
    std::fs::create_dir_all(work.join("x")).unwrap();
    let depth = 4200 / 251 + 1;
    for _ in 0..depth {
        std::fs::create_dir(work.join("y")).unwrap();
        std::fs::rename(work.join("x"), work.join("y").join(&name)).unwrap();
        std::fs::rename(work.join("y"), work.join("x")).unwrap();
    }
    std::fs::rename(work.join("x"), parent).unwrap();
    std::fs::remove_dir(work).unwrap();
}

#[test]
fn a_content_folder_that_cannot_be_opened_is_a_located_error() {
    let project = Project::course(&[("l.md", LESSON)]);
    nest_past_path_limit(&project.path("content/c/hinh"));
    project
        .build()
        .code(1)
        .stderr_has("error: cannot read this folder: File name too long")
        .stderr_has("content/c/hinh/tttt");
}

#[test]
fn a_theme_folder_that_cannot_be_opened_is_an_error() {
    let project = Project::course(&[("l.md", LESSON)])
        .file("khoa.yaml", &format!("{}theme: t\n", crate::CONFIG))
        .file("themes/t/static/css/extra.css", "p{}");
    nest_past_path_limit(&project.path("themes/t/static/sau"));
    project
        .build()
        .code(1)
        .stderr_has("cannot read this folder: File name too long")
        .stderr_has("themes/t/static/sau/tttt");
}

#[test]
fn a_missing_content_folder_is_one_error_and_not_also_an_unreadable_folder() {
    let run = Project::new()
        .build()
        .code(1)
        .stderr_has("no `content/` folder");
    assert!(!run.stderr.contains("cannot read"), "{}", run.stderr);
}
