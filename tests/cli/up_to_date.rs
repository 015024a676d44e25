//! A build that finds nothing changed writes nothing, and every change on either side (the
//! project's files, the options, the output folder) gives a full build equal to a fresh one.

use crate::Project;

const UNCHANGED: &str = "Nothing changed since the last build";

/// A course with a warning (a lesson without a description is fine; an unknown language suffix
/// is a warning), an image, a theme override and project UI strings.
fn project() -> Project {
    Project::course(&[
        (
            "01-mo-dau/01-bai-mot.md",
            "---\ntitle: Bài một\n---\nNội dung ![ảnh](anh.png).\n",
        ),
        (
            "01-mo-dau/02-bai-hai.md",
            "---\ntitle: Bài hai\n---\nNội dung hai.\n",
        ),
        (
            "01-mo-dau/02-bai-hai.xx.md",
            "---\ntitle: Two\n---\nText.\n",
        ),
    ])
    .bytes("content/c/01-mo-dau/anh.png", &crate::images::png(8, 8))
    .file("i18n/vi.yaml", "search_placeholder: Tìm bài\n")
    .file("themes/t/static/ghi-chu.css", "p { color: red }\n")
    .file("khoa.yaml", &format!("{}theme: t\n", crate::CONFIG))
}

fn build(project: &Project) -> (String, Vec<(String, Vec<u8>)>) {
    let run = project.run(&["build"]).ok();
    (run.stderr, project.tree("public"))
}

/// Builds once more, expecting a full build whose output equals one made with no cache at all.
fn rebuilds_like_a_fresh_build(project: &Project, why: &str) {
    let (stderr, tree) = build(project);
    assert!(!stderr.contains(UNCHANGED), "{why}: {stderr}");
    project.run(&["build", "--no-cache", "--out", "fresh"]).ok();
    assert!(
        tree == project.tree("fresh"),
        "{why}: output differs from a fresh build"
    );
}

#[test]
fn a_second_build_of_the_same_files_writes_nothing_and_prints_the_same_warnings() {
    let project = project();
    let (first, tree) = build(&project);
    assert!(first.contains("warning:"), "{first}");
    let (second, again) = build(&project);
    assert!(second.contains(UNCHANGED), "{second}");
    assert!(tree == again);
    let warnings = |s: &str| s.lines().filter(|l| l.contains("warning")).count();
    assert_eq!(
        warnings(&first),
        warnings(&second),
        "{first}\n---\n{second}"
    );
}

#[test]
fn an_edit_an_addition_or_a_deletion_under_content_builds_again() {
    let project = project();
    build(&project);
    let lesson = project.path("content/c/01-mo-dau/02-bai-hai.md");
    std::fs::write(&lesson, "---\ntitle: Bài hai\n---\nĐã sửa.\n").unwrap();
    rebuilds_like_a_fresh_build(&project, "an edited lesson");
    let added = project.path("content/c/01-mo-dau/03-bai-ba.md");
    std::fs::write(&added, "---\ntitle: Bài ba\n---\nMới.\n").unwrap();
    rebuilds_like_a_fresh_build(&project, "a new lesson");
    std::fs::remove_file(&added).unwrap();
    rebuilds_like_a_fresh_build(&project, "a deleted lesson");
    std::fs::write(
        project.path("content/c/01-mo-dau/anh.png"),
        crate::images::png(9, 9),
    )
    .unwrap();
    rebuilds_like_a_fresh_build(&project, "a changed image");
}

#[test]
fn the_config_the_theme_the_ui_strings_and_the_options_count() {
    let project = project();
    build(&project);
    let config = format!("{}theme: t\ndescription: Mới\n", crate::CONFIG);
    std::fs::write(project.path("khoa.yaml"), config).unwrap();
    rebuilds_like_a_fresh_build(&project, "khoa.yaml");
    std::fs::write(project.path("themes/t/static/ghi-chu.css"), "p {}\n").unwrap();
    rebuilds_like_a_fresh_build(&project, "a theme file");
    std::fs::write(project.path("i18n/vi.yaml"), "search_placeholder: Tìm\n").unwrap();
    rebuilds_like_a_fresh_build(&project, "the project's UI strings");
    let drafts = project.run(&["build", "--drafts"]).ok();
    assert!(
        !drafts.stderr.contains(UNCHANGED),
        "--drafts: {}",
        drafts.stderr
    );
    let plain = project.run(&["build"]).ok();
    assert!(
        !plain.stderr.contains(UNCHANGED),
        "no --drafts again: {}",
        plain.stderr
    );
}

#[test]
fn a_touched_output_folder_is_written_again() {
    let project = project();
    let (_, tree) = build(&project);
    std::fs::write(project.path("public/index.html"), "hỏng").unwrap();
    let (stderr, again) = build(&project);
    assert!(!stderr.contains(UNCHANGED), "an edited page: {stderr}");
    assert!(tree == again, "the edited page is not restored");
    std::fs::remove_file(project.path("public/404.html")).unwrap();
    let (stderr, again) = build(&project);
    assert!(!stderr.contains(UNCHANGED), "a deleted page: {stderr}");
    assert!(tree == again);
    std::fs::write(project.path("public/extra.html"), "x").unwrap();
    let (stderr, again) = build(&project);
    assert!(!stderr.contains(UNCHANGED), "a file added: {stderr}");
    assert!(tree == again);
    let (deep, _) = tree
        .iter()
        .find(|(p, _)| p.matches('/').count() == 2)
        .unwrap();
    let deep_folder = &deep[..deep.rfind('/').unwrap()];
    std::fs::write(project.path(&format!("public/{deep}")), "hỏng").unwrap();
    let (stderr, again) = build(&project);
    assert!(
        !stderr.contains(UNCHANGED),
        "a page two folders down: {stderr}"
    );
    assert!(tree == again);
    std::fs::create_dir(project.path(&format!("public/{deep_folder}/thêm"))).unwrap();
    let (stderr, again) = build(&project);
    assert!(
        !stderr.contains(UNCHANGED),
        "an empty folder added: {stderr}"
    );
    assert!(tree == again);
    std::fs::write(project.path("public/CNAME"), "example.org").unwrap();
    let (stderr, _) = build(&project);
    assert!(
        stderr.contains(UNCHANGED),
        "CNAME is the host's, kept: {stderr}"
    );
}

#[test]
fn no_cache_another_folder_a_failed_build_or_a_spoiled_stamp_build_in_full() {
    let project = project();
    build(&project);
    let run = project.run(&["build", "--no-cache"]).ok();
    assert!(
        !run.stderr.contains(UNCHANGED),
        "--no-cache: {}",
        run.stderr
    );
    let other = project.run(&["build", "--out", "other"]).ok();
    assert!(!other.stderr.contains(UNCHANGED), "{}", other.stderr);
    let lesson = project.path("content/c/01-mo-dau/02-bai-hai.md");
    let good = std::fs::read(&lesson).unwrap();
    std::fs::write(&lesson, "---\ntitle: [\n---\n").unwrap();
    project.run(&["build"]).code(1);
    std::fs::write(&lesson, &good).unwrap();
    build(&project);
    for shard in walkdir::WalkDir::new(project.path(".khoa-cache/builds")) {
        let shard = shard.unwrap();
        if shard.file_type().is_file() {
            let mut bytes = std::fs::read(shard.path()).unwrap();
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
            std::fs::write(shard.path(), bytes).unwrap();
        }
    }
    rebuilds_like_a_fresh_build(&project, "a spoiled stamp");
}

#[test]
fn a_page_changed_behind_the_stamp_is_written_again_by_the_next_edit() {
    // Same size, same modification time: only the change time tells, which the stamp's listing
    // of the folder holds, so the next build compares the files instead of trusting the stamp.
    let project = project();
    build(&project);
    let page = project.path("public/c/mo-dau/bai-mot.html");
    let mut bytes = std::fs::read(&page).unwrap();
    let modified = std::fs::metadata(&page).unwrap().modified().unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&page).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let lesson = project.path("content/c/01-mo-dau/02-bai-hai.md");
    std::fs::write(&lesson, "---\ntitle: Bài hai\n---\nĐã sửa.\n").unwrap();
    rebuilds_like_a_fresh_build(&project, "a page spoiled in the output folder");
}
