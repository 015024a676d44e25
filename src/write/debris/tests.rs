use super::*;
use crate::write::marker::{MARKER, mark_and_lock};

fn folder(parent: &Path, name: &str, files: &[&str]) -> PathBuf {
    let dir = parent.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for file in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file).unwrap();
    }
    dir
}

#[test]
fn debris_names_are_the_output_name_an_infix_and_six_random_characters() {
    assert_eq!(debris_kind(".public.tmp-Ab3xY9", "public"), Some(false));
    assert_eq!(debris_kind(".public.old-Ab3xY9", "public"), Some(true));
    for other in [
        ".public.tmp-abc",
        ".public.tmp-abcdefg",
        ".public.tmp-abc.de",
        "public.tmp-abcdef",
        ".publicx.tmp-abcdef",
        ".site.tmp-abcdef",
    ] {
        assert_eq!(debris_kind(other, "public"), None, "{other}");
    }
    assert!(is_staging_name(".site.old-abcdef"));
    assert!(!is_staging_name("site.old-abcdef"));
}

#[test]
fn old_path_shares_the_random_part_of_the_staging_folder() {
    let staging = Path::new("/w/.public.tmp-Ab3xY9");
    assert_eq!(
        old_path(staging, "public"),
        Path::new("/w/.public.old-Ab3xY9")
    );
}

#[test]
fn removes_marked_dead_debris_and_nothing_else() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let out = folder(p, "public", &[MARKER, "index.html"]);
    let dead = folder(p, ".public.tmp-aaaaaa", &[MARKER, "c/l.html"]);
    let dead_old = folder(p, ".public.old-bbbbbb", &[MARKER, "index.html"]);
    let empty = folder(p, ".public.tmp-cccccc", &[]);
    let unmarked = folder(p, ".public.tmp-dddddd", &["notes.txt"]);
    let live = folder(p, ".public.tmp-eeeeee", &["index.html"]);
    let _held = mark_and_lock(&live).unwrap();
    let other_output = folder(p, ".site.tmp-ffffff", &[MARKER]);
    clean(p, "public", &out).unwrap();
    for gone in [&dead, &dead_old, &empty] {
        assert!(!gone.exists(), "{}", gone.display());
    }
    for kept in [&unmarked, &live, &other_output, &out] {
        assert!(kept.exists(), "{}", kept.display());
    }
    assert!(unmarked.join("notes.txt").exists());
}

#[test]
fn a_kill_between_the_two_renames_gets_the_old_output_and_its_git_back() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let out = p.join("public");
    folder(p, ".public.old-aaaaaa", &[MARKER, "index.html", "CNAME"]);
    folder(
        p,
        ".public.tmp-aaaaaa",
        &[MARKER, "new.html", ".git/HEAD", "CNAME"],
    );
    clean(p, "public", &out).unwrap();
    assert!(out.join("index.html").exists(), "the old site is back");
    assert!(out.join(".git/HEAD").exists(), "its .git too");
    assert!(out.join("CNAME").exists());
    let left: Vec<_> = std::fs::read_dir(p).unwrap().collect();
    assert_eq!(left.len(), 1, "only public/ remains");
}

#[test]
fn a_kill_before_the_exchange_gets_the_git_folder_back() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let out = folder(p, "public", &[MARKER, "index.html", "CNAME"]);
    folder(
        p,
        ".public.tmp-aaaaaa",
        &[MARKER, "index.html", ".git/HEAD", "CNAME"],
    );
    clean(p, "public", &out).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        ".git/HEAD"
    );
    assert!(!p.join(".public.tmp-aaaaaa").exists());
}

#[test]
fn debris_holding_a_git_folder_that_cannot_go_back_is_kept() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    let out = folder(p, "public", &[MARKER, ".git/HEAD"]);
    let debris = folder(p, ".public.tmp-aaaaaa", &[MARKER, ".git/HEAD"]);
    clean(p, "public", &out).unwrap();
    assert!(debris.join(".git/HEAD").exists());
}

#[test]
fn gitignore_names_the_staging_folders_the_code_creates() {
    let gitignore = include_str!("../../../.gitignore");
    for infix in [STAGING, OLD] {
        let pattern = format!("/.public{infix}*");
        assert!(
            gitignore.lines().any(|l| l == pattern),
            "{pattern} missing from .gitignore"
        );
    }
    assert!(staging_prefix("public").starts_with(".public.tmp-"));
}
