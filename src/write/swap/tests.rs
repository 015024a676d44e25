use super::*;
use crate::write::marker::MARKER;

fn site(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn exchange_swaps_two_folders_in_one_step() {
    let parent = tempfile::tempdir().unwrap();
    let (a, b) = (parent.path().join("a"), parent.path().join("b"));
    site(&a, &[("f", "a")]);
    site(&b, &[("f", "b")]);
    assert!(
        exchange(&a, &b).unwrap(),
        "tmp file systems support RENAME_EXCHANGE"
    );
    assert_eq!(
        (read(&a.join("f")), read(&b.join("f"))),
        ("b".into(), "a".into())
    );
}

#[test]
fn the_fallback_moves_the_old_tree_aside_then_the_new_one_in() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let (staging, out, old) = (p.join("s"), p.join("public"), p.join("o"));
    site(&staging, &[("index.html", "new")]);
    site(&out, &[("index.html", "old")]);
    assert_eq!(replace_by_renames(&staging, &out, &old).unwrap(), old);
    assert_eq!(read(&out.join("index.html")), "new");
    assert_eq!(read(&old.join("index.html")), "old");
    assert!(!staging.exists());
}

#[test]
fn the_swap_keeps_git_cname_and_nojekyll_and_deletes_the_old_tree() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let out = p.join("public");
    site(
        &out,
        &[
            (MARKER, "m"),
            ("index.html", "old"),
            (".git/HEAD", "ref"),
            ("CNAME", "hoc.vn"),
        ],
    );
    site(&out, &[(".nojekyll", "")]);
    let staging = super::Staging::create(p, "public").unwrap();
    site(staging.path(), &[("index.html", "new")]);
    swap_in(staging, &out, "public").unwrap();
    assert_eq!(read(&out.join("index.html")), "new");
    assert_eq!(read(&out.join(".git/HEAD")), "ref");
    assert_eq!(read(&out.join("CNAME")), "hoc.vn");
    assert!(out.join(".nojekyll").exists() && out.join(MARKER).exists());
    let left: Vec<_> = std::fs::read_dir(p).unwrap().collect();
    assert_eq!(left.len(), 1, "the old tree is gone");
}

#[test]
fn removing_a_tree_twice_is_fine() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("old");
    site(&dir, &[(MARKER, "m"), ("a/b/c.html", "c"), ("d.html", "d")]);
    remove_tree(&dir).unwrap();
    assert!(!dir.exists());
    remove_tree(&dir).expect("a tree that is already gone is fine");
}
