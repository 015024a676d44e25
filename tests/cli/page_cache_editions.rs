//! The build cache on a site in several languages: a page read from the cache is the same as
//! one rendered anew after a change to the project's UI strings (`i18n/<lang>.yaml`), a lesson's
//! translation, the site's languages, a title shown in the course outline, a learning path or
//! the print page; and a translation's questions are still checked against an original whose
//! page came from the cache. Each test compares a build through the cache with one without.

use crate::Project;
use crate::page_cache::build_both_showing;

const QUIZ_VI: &str = "```quiz id=q1\nChọn?\n\n- [ ] một\n- [x] hai\n```\n";
const QUIZ_EN: &str = "```quiz id=q1\nPick?\n\n- [ ] one\n- [x] two\n```\n";
const TWO: &str = "title: Thử\nsite_id: thu\nlanguages: [vi, en]\n";

/// Courses `c` (lesson `a` with a callout and a quiz, translated into English; lesson `b` not)
/// and `d`, which requires `c`.
fn bilingual(config: &str) -> Project {
    let a = format!(
        "---\ntitle: Bài mèo\n---\n> [!NOTE]\n> Mèo.\n\nCon mèo [tiếp](02-b.md).\n\n{QUIZ_VI}"
    );
    let a_en = format!(
        "---\ntitle: The cat lesson\n---\n> [!NOTE]\n> Cats.\n\nThe cat [next](02-b.md).\n\n{QUIZ_EN}"
    );
    Project::new()
        .file("khoa.yaml", config)
        .file(
            "content/c/_index.md",
            "---\ntitle: Khóa thử\n---\nGiới thiệu.\n",
        )
        .file("content/c/m/_index.md", "---\ntitle: Chương một\n---\n")
        .file("content/c/m/01-a.md", &a)
        .file("content/c/m/01-a.en.md", &a_en)
        .file(
            "content/c/m/02-b.md",
            "---\ntitle: Bài chó\n---\nCon chó.\n",
        )
        .file(
            "content/d/_index.md",
            "---\ntitle: Khóa sau\nrequires: [c]\n---\nSau.\n",
        )
        .file("content/d/01-x.md", "---\ntitle: Bài x\n---\nX.\n")
}

#[test]
fn changed_ui_strings_render_cached_pages_again_in_their_language() {
    let project = bilingual(TWO).file("i18n/en.yaml", "alert_note: Heads up\n");
    let (page, _) = build_both_showing(&project, "a", "en/c/m/a.html");
    assert!(
        page.contains("Heads up"),
        "the project's string is not used"
    );
    let (_, cached) = build_both_showing(&project, "b", "en/c/m/a.html");
    assert!(cached > 0, "nothing came from the cache");
    let project = project.file("i18n/en.yaml", "alert_note: Mind this\n");
    let (page, _) = build_both_showing(&project, "c", "en/c/m/a.html");
    assert!(page.contains("Mind this"), "the old UI string stayed");
    let project = project.file("i18n/vi.yaml", "alert_note: Lưu ý nhé\n");
    let (page, _) = build_both_showing(&project, "d", "c/m/a.html");
    assert!(page.contains("Lưu ý nhé"), "the old UI string stayed");
}

#[test]
fn a_changed_or_new_translation_and_a_new_language_show_through_the_cache() {
    let project = bilingual("title: Thử\nsite_id: thu\n");
    build_both_showing(&project, "a", "c/m/a.html");
    let project = project.file("khoa.yaml", TWO);
    let (page, _) = build_both_showing(&project, "b", "en/c/m/a.html");
    assert!(page.contains("The cat"), "no English edition");
    let project = project.file(
        "content/c/m/01-a.en.md",
        &format!("---\ntitle: The cat lesson\n---\nA new cat.\n\n{QUIZ_EN}"),
    );
    let (page, cached) = build_both_showing(&project, "c", "en/c/m/a.html");
    assert!(page.contains("A new cat."), "the old translation stayed");
    assert!(cached > 0, "nothing came from the cache");
    let project = project.file("content/c/m/02-b.en.md", "---\ntitle: The dog\n---\nDog.\n");
    let (page, _) = build_both_showing(&project, "d", "en/c/m/a.html");
    assert!(
        page.contains("The dog"),
        "the outline keeps the untranslated title"
    );
}

#[test]
fn a_translation_is_checked_against_an_original_from_the_cache() {
    let project = bilingual(TWO);
    build_both_showing(&project, "a", "c/m/a.html");
    let (_, cached) = build_both_showing(&project, "b", "c/m/a.html");
    assert!(cached > 0, "nothing came from the cache");
    let wrong = "```quiz id=q1\nPick?\n\n- [x] one\n- [ ] two\n```\n";
    let project = project.file(
        "content/c/m/01-a.en.md",
        &format!("---\ntitle: The cat lesson\n---\nThe cat.\n\n{wrong}"),
    );
    for cache in [&[][..], &["--no-cache"][..]] {
        let mut args = vec!["build", "--out", "c"];
        args.extend(cache);
        project
            .run(&args)
            .code(1)
            .stderr_has("but the original's has 2 options, right: 2");
    }
}

#[test]
fn outline_paths_and_print_pages_follow_a_retitled_lesson_and_a_new_path() {
    let project = bilingual(TWO);
    build_both_showing(&project, "a", "c/m/a.html");
    let project = project.file(
        "content/c/m/02-b.md",
        "---\ntitle: Bài chó sói\n---\nCon chó.\n",
    );
    let (page, cached) = build_both_showing(&project, "b", "c/m/a.html");
    assert!(cached > 0, "nothing came from the cache");
    assert!(
        page.contains("Bài chó sói"),
        "the outline keeps the old title"
    );
    let (print, _) = build_both_showing(&project, "c", "c/print.html");
    assert!(
        print.contains("Bài chó sói"),
        "the print page keeps the old title"
    );
    let before = std::fs::read_to_string(project.path("c/c/index.html")).unwrap();
    assert!(!before.contains("Khóa sau"));
    let project = project.file(
        "content/c/_index.md",
        "---\ntitle: Khóa thử\nnext: d\n---\nGiới thiệu.\n",
    );
    let (course, _) = build_both_showing(&project, "d", "c/index.html");
    assert!(
        course.contains("Khóa sau"),
        "the course page does not name its next course"
    );
}
