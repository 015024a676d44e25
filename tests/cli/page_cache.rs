//! Rendered pages in the build cache: a page read from it gives the same output, and every input
//! its rendering depends on (a template, `khoa.yaml`, the course's language and so its UI
//! strings, a linked lesson's title or file name) renders it anew. Each test changes one thing
//! after a build that filled the cache, then compares a build through the cache with one without.

use crate::Project;

const THEME: &str = "title: T\nsite_id: t\ntheme: rieng\n";

/// A course whose first lesson has a callout, raw HTML, a quiz and a link to the second lesson.
fn project() -> Project {
    let first = "---\ntitle: Bài một\n---\n## Mở đầu\n\n> [!NOTE]\n> Chú ý <span class=\"x\">đậm</span>.\n\n\
Xem [bài sau](02-hai.md#cuoi).\n\n```quiz id=q1\nGọi công an số mấy?\n\n= 113\n```\n";
    let second = "---\ntitle: Bài hai\n---\n## Cuối {#cuoi}\n\n```rust\nfn hai() {}\n```\n";
    Project::course(&[("01-mot.md", first), ("02-hai.md", second)])
        .file("khoa.yaml", THEME)
        .file("themes/rieng/static/.keep", "")
}

/// Builds into `out` through the cache and into `out-fresh` without it; both must be the same.
/// Returns the first lesson's page and how many pages came from the cache.
fn build_both(project: &Project, out: &str) -> (String, usize) {
    build_both_showing(project, out, "c/mot.html")
}

/// Like [`build_both`], returning the page at `page` (below `out`).
pub(crate) fn build_both_showing(project: &Project, out: &str, page: &str) -> (String, usize) {
    let run = project.run(&["build", "--out", out, "--timings"]).ok();
    let fresh = format!("{out}-fresh");
    project.run(&["build", "--out", &fresh, "--no-cache"]).ok();
    assert!(
        project.tree(out) == project.tree(&fresh),
        "a build through the cache differs from one without it ({out})"
    );
    let page = std::fs::read_to_string(project.path(&format!("{out}/{page}"))).unwrap();
    (page, pages_from_cache(&run.stderr))
}

fn pages_from_cache(timings: &str) -> usize {
    let (before, _) = timings
        .split_once(" pages from the build cache")
        .expect("--timings names the pages from the cache");
    let of = before.rsplit_once("; ").unwrap().1;
    of.split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn pages_from_the_cache_give_the_same_output() {
    let project = project();
    let (_, first) = build_both(&project, "a");
    assert_eq!(first, 0);
    let (_, second) = build_both(&project, "b");
    assert_eq!(
        second, 3,
        "both lessons and the course page come from the cache"
    );
    let project = project.file(
        "content/c/02-hai.md",
        "---\ntitle: Bài hai\n---\n## Cuối {#cuoi}\n\nMới.\n",
    );
    let (_, third) = build_both(&project, "c");
    assert_eq!(third, 2, "only the edited lesson is rendered again");
}

#[test]
fn a_changed_quiz_template_renders_pages_again() {
    let project = project();
    build_both(&project, "a");
    let question = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/quiz/question.html"),
    )
    .unwrap();
    let project = project.file(
        "themes/rieng/templates/quiz/question.html",
        &question.replace("<div class=\"quiz ", "<div data-rieng class=\"quiz "),
    );
    let (page, _) = build_both(&project, "b");
    assert!(
        page.contains("data-rieng"),
        "the new quiz template is not used"
    );
}

#[test]
fn a_changed_page_template_is_used_with_pages_from_the_cache() {
    let project = project();
    build_both(&project, "a");
    let lesson = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/lesson.html"),
    )
    .unwrap();
    let project = project.file(
        "themes/rieng/templates/lesson.html",
        &lesson.replace(
            "{% endblock content %}",
            "<!-- rieng -->{% endblock content %}",
        ),
    );
    let (page, _) = build_both(&project, "b");
    assert!(page.contains("<!-- rieng -->"));
}

#[test]
fn a_changed_khoa_yaml_renders_pages_again() {
    let project = project();
    let (page, _) = build_both(&project, "a");
    assert!(page.contains("<span class=\"x\">đậm</span>"));
    let project = project.file(
        "khoa.yaml",
        &format!("{THEME}markdown:\n  raw_html: escape\n"),
    );
    let (page, cached) = build_both(&project, "b");
    assert!(
        page.contains("&lt;span class=\"x\"&gt;đậm"),
        "raw HTML is still kept"
    );
    assert_eq!(cached, 0);
}

#[test]
fn a_changed_course_language_renders_its_ui_strings_again() {
    let project = project();
    let (page, _) = build_both(&project, "a");
    assert!(page.contains("Ghi chú"));
    let project = project.file(
        "content/c/_index.md",
        "---\ntitle: Khóa C\nlanguage: en\n---\nGiới thiệu.\n",
    );
    let (page, _) = build_both(&project, "b");
    assert!(
        page.contains(">Note<"),
        "the callout keeps the Vietnamese title"
    );
    assert!(!page.contains("Ghi chú"));
}

#[test]
fn a_linked_lesson_retitled_or_removed_is_seen_by_the_linking_page() {
    let project = project();
    build_both(&project, "a");
    let second = "---\ntitle: Bài cuối cùng\n---\n## Cuối {#cuoi}\n\n```rust\nfn hai() {}\n```\n";
    let project = project.file("content/c/02-hai.md", second);
    let (page, _) = build_both(&project, "b");
    assert!(
        page.contains("Bài cuối cùng"),
        "the next-lesson link keeps the old title"
    );
    let project = project.remove("content/c/02-hai.md");
    project
        .run(&["build", "--out", "c"])
        .code(1)
        .stderr_has("content/c/01-mot.md:9:5: error: link to a missing file");
}

#[test]
fn print_pages_from_the_cache_number_their_questions_through_the_course() {
    let project = project();
    build_both_showing(&project, "a", "c/print.html");
    let quiz = |id: &str| format!("```quiz id={id}\nMột cộng một?\n\n= 2\n```\n");
    let second = format!(
        "---\ntitle: Bài hai\n---\n## Cuối {{#cuoi}}\n\n{}",
        quiz("q2")
    );
    let project = project.file("content/c/02-hai.md", &second);
    let (print, _) = build_both_showing(&project, "b", "c/print.html");
    assert!(print.contains("Câu 2."), "{print}");
    // The second lesson is unchanged, but its question is now the third of the course.
    let first = std::fs::read_to_string(project.path("content/c/01-mot.md")).unwrap();
    let project = project.file("content/c/01-mot.md", &format!("{first}\n{}", quiz("q0")));
    let (print, _) = build_both_showing(&project, "c", "c/print.html");
    assert!(print.contains("Câu 3."), "{print}");
}

#[test]
fn highlighted_code_outlives_builds_that_take_its_page_from_the_cache() {
    // A build that takes a page whole from the cache never highlights its code: the page's entry
    // names its blocks, so they stay in the cache for the build that renders every page again.
    let project = project();
    project.build().ok();
    let edited = "---\ntitle: Bài một\n---\nĐã sửa, xem [bài sau](02-hai.md#cuoi).\n\n\
```quiz id=q1\nGọi công an số mấy?\n\n= 113\n```\n";
    let project = project.file("content/c/01-mot.md", edited);
    let one_edit = project.run(&["build", "--timings"]).ok();
    assert_eq!(pages_from_cache(&one_edit.stderr), 2, "{}", one_edit.stderr);
    let project = project.file("content/c/03-ba.md", "---\ntitle: Bài ba\n---\nMới.\n");
    let added = project.run(&["build", "--timings"]).ok();
    assert_eq!(pages_from_cache(&added.stderr), 0, "{}", added.stderr);
    assert!(
        added.stderr.contains("highlighting: 0.0ns CPU"),
        "the second lesson's code was highlighted again: {}",
        added.stderr
    );
}
