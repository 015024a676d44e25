//! A compile told which files changed (`Reuse::files_changed`, as `serve`'s watcher does) reads
//! again only those, the folders named, and symlinks; anything else it is told makes it read all.

use super::*;

/// The body of the lesson page at `url` holds `text`.
fn page_holds(project: &Project, reuse: &mut Reuse, url: &str, text: &str) -> bool {
    let compiled = compile_reusing(&options(project.root()), Some(reuse)).unwrap();
    let page = compiled.rendered.outputs.get(url).expect(url);
    String::from_utf8_lossy(page).contains(text)
}

fn lesson(body: &str) -> String {
    format!("---\ntitle: Bài\n---\n{body}\n")
}

/// A project with lesson `c1/m1/a.md` ("Một."), compiled once by a watched `Reuse`; and its root.
fn watched_after_one_compile() -> (Project, Reuse, PathBuf) {
    let project = Project::new();
    project.write("content/c1/m1/a.md", lesson("Một."));
    let mut reuse = Reuse::new();
    reuse.watched();
    let root = project.root().to_path_buf();
    assert!(page_holds(&project, &mut reuse, "c1/m1/a.html", "Một."));
    (project, reuse, root)
}

#[test]
fn a_watched_compile_reads_again_only_what_it_is_told_changed() {
    let project = Project::new();
    project.write("content/c1/m1/a.md", lesson("Một."));
    project.write("content/c1/m1/b.md", lesson("Hai."));
    let mut reuse = Reuse::new();
    reuse.watched();
    let root = project.root().to_path_buf();
    assert!(page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai."));
    project.write("content/c1/m1/a.md", lesson("Một sửa."));
    project.write("content/c1/m1/b.md", lesson("Hai sửa."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/a.md")]));
    assert!(page_holds(&project, &mut reuse, "c1/m1/a.html", "Một sửa."));
    reuse.files_changed(&root, Some(Vec::new()));
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai."),
        "a change not told is not read (the watcher tells every change)"
    );
    reuse.files_changed(&root, Some(vec![root.join("content/c1")]));
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai sửa."),
        "a folder told"
    );
    project.write("content/c1/m1/b.md", lesson("Hai lần hai."));
    reuse.files_changed(&root, Some(vec![root.join("khoa.yaml")]));
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai lần hai."),
        "a change outside content/ reads everything"
    );
    project.write("content/c1/m1/b.md", lesson("Hai lần ba."));
    reuse.files_changed(&root, None);
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai lần ba."),
        "a lost event reads everything"
    );
    project.write("content/c1/m1/b.md", lesson("Hai lần bốn."));
    reuse.forget();
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai lần bốn."),
        "a forgotten build reads everything"
    );
    project.write("content/c1/m1/b.md", lesson("Hai lần năm."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/b.md")]));
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Hai lần năm."),
        "still watched after forgetting"
    );
}

#[test]
fn changes_told_before_a_compile_that_stopped_early_add_up() {
    let (project, mut reuse, root) = watched_after_one_compile();
    project.write("content/c1/m1/a.md", lesson("Một sửa."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/a.md")]));
    // A broken `khoa.yaml` would stop the compile before loading; here the next change is told
    // before any compile ran.
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/zz.md")]));
    assert!(page_holds(&project, &mut reuse, "c1/m1/a.html", "Một sửa."));
}

#[cfg(unix)]
#[test]
fn a_symlinked_lesson_is_read_again_whatever_is_told() {
    let project = Project::new();
    project.write("content/c1/m1/a.md", lesson("Một."));
    let link = project.root().join("content/c1/m1/b.md");
    std::os::unix::fs::symlink(project.root().join("content/c1/m1/a.md"), &link).unwrap();
    let mut reuse = Reuse::new();
    reuse.watched();
    let root = project.root().to_path_buf();
    assert!(page_holds(&project, &mut reuse, "c1/m1/b.html", "Một."));
    project.write("content/c1/m1/a.md", lesson("Một sửa."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/a.md")]));
    assert!(
        page_holds(&project, &mut reuse, "c1/m1/b.html", "Một sửa."),
        "the link's target changed"
    );
}

#[test]
fn a_file_told_in_a_folder_not_told_lists_every_folder_above_it_again_unless_it_was_edited() {
    let (project, mut reuse, root) = watched_after_one_compile();
    // A watcher may name the new file and not its new folder: the course's folder is listed
    // again, and the new module found.
    project.write("content/c1/m9/b.md", lesson("Mới."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m9/b.md")]));
    assert!(page_holds(&project, &mut reuse, "c1/m9/b.html", "Mới."));
    // A lesson edited in place changes no listing: the course's folder is not read again, so a
    // folder added beside it unseen stays unseen until it is told.
    project.write("content/c1/m8/c.md", lesson("Chưa báo."));
    project.write("content/c1/m1/a.md", lesson("Một sửa."));
    reuse.files_changed(&root, Some(vec![root.join("content/c1/m1/a.md")]));
    let compiled = compile_reusing(&options(project.root()), Some(&mut reuse)).unwrap();
    let outputs = &compiled.rendered.outputs;
    assert!(String::from_utf8_lossy(outputs.get("c1/m1/a.html").unwrap()).contains("Một sửa."));
    assert!(
        outputs.get("c1/m8/c.html").is_none(),
        "the course folder was listed again"
    );
}
